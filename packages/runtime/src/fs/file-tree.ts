// A plain in-memory file tree: what an image layer, a volume or a build context is.
//
// Why not memfs (which ARCHITECTURE.md names): a snapshot must carry modes, owners and binary
// content as JSON, and memfs's toJSON keeps text only; memfs stamps files with the wall clock,
// which would leak into layer tarballs and break byte-identical digests; and in a browser it needs
// buffer/process/stream polyfills, the last of which this package may not even mention. Layers
// also need OCI whiteouts and a union view over them, which memfs does not model. This tree is a
// few hundred lines, deterministic and serialisable.

import { type Entry, type FileContent, type FileMeta, FileSystem } from './file-system.ts';

interface DirNode {
  kind: 'dir';
  meta: FileMeta;
  children: Map<string, Node>;
}
type Node = Exclude<Entry, { kind: 'dir' }> | DirNode;

/** A file tree as a snapshot stores it: one row per entry, parents first. */
export type SavedTree = SavedEntry[];
export type SavedEntry =
  | [path: string, kind: 'dir', mode: number, uid: number, gid: number]
  | [path: string, kind: 'file', mode: number, uid: number, gid: number, content: string | { size: number; seed: string }]
  | [path: string, kind: 'symlink', mode: number, uid: number, gid: number, target: string];

export class FileTree extends FileSystem {
  #root: DirNode = { kind: 'dir', meta: { mode: 0o755, uid: 0, gid: 0 }, children: new Map() };
  /** The rows `save` gave while nothing has changed since: a checkpoint of an unchanged tree costs nothing. */
  #saved: SavedTree | undefined;

  override entryAt(parts: readonly string[]): Entry | undefined {
    return this.#node(parts);
  }

  override childNames(parts: readonly string[]): string[] {
    const node = this.#node(parts);
    return node?.kind === 'dir' ? [...node.children.keys()] : [];
  }

  override putEntry(parts: readonly string[], entry: Entry): void {
    const parent = this.#node(parts.slice(0, -1)) as DirNode;
    const node: Node = entry.kind === 'dir' ? { kind: 'dir', meta: entry.meta, children: new Map() } : entry;
    parent.children.set(parts[parts.length - 1]!, node);
    this.#saved = undefined;
  }

  override deleteEntry(parts: readonly string[]): void {
    const parent = this.#node(parts.slice(0, -1));
    if (parent?.kind === 'dir') parent.children.delete(parts[parts.length - 1]!);
    this.#saved = undefined;
  }

  override setMeta(parts: readonly string[], meta: FileMeta): void {
    const node = this.#node(parts);
    if (node !== undefined) node.meta = meta;
    this.#saved = undefined;
  }

  /** Plain JSON: bytes as base64, synthetic content as its size and seed. Frozen, and the same rows until the tree changes. */
  save(): SavedTree {
    if (this.#saved !== undefined) return this.#saved;
    const rows: SavedTree = [];
    for (const { path, stat } of this.walk('/')) {
      const { mode, uid, gid } = stat;
      if (stat.kind === 'dir') rows.push([path, 'dir', mode, uid, gid]);
      else if (stat.kind === 'symlink') rows.push([path, 'symlink', mode, uid, gid, stat.target!]);
      else {
        const content = this.readContent(path);
        rows.push([path, 'file', mode, uid, gid, content instanceof Uint8Array ? toBase64(content) : Object.freeze({ ...content })]);
      }
      Object.freeze(rows[rows.length - 1]);
    }
    this.#saved = Object.freeze(rows) as SavedTree;
    return this.#saved;
  }

  static load(rows: SavedTree): FileTree {
    const tree = new FileTree();
    for (const row of rows) {
      const [path, kind, mode, uid, gid] = row;
      const meta = { mode, uid, gid };
      if (path === '/') {
        tree.#root.meta = meta;
        continue;
      }
      const parts = path.split('/').slice(1);
      if (kind === 'dir') tree.putEntry(parts, { kind, meta });
      else if (kind === 'symlink') tree.putEntry(parts, { kind, meta, target: row[5] });
      else {
        const content: FileContent = typeof row[5] === 'string' ? fromBase64(row[5]) : { ...row[5] };
        tree.putEntry(parts, { kind, meta, content });
      }
    }
    // Rows from `save` (a checkpoint being restored) describe the new tree exactly.
    if (Object.isFrozen(rows)) tree.#saved = rows;
    return tree;
  }

  #node(parts: readonly string[]): Node | undefined {
    let node: Node = this.#root;
    for (const name of parts) {
      if (node.kind !== 'dir') return undefined;
      const child: Node | undefined = node.children.get(name);
      if (child === undefined) return undefined;
      node = child;
    }
    return node;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648) without relying on btoa or Buffer, which differ between hosts. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`invalid base64 character ${JSON.stringify(char)}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
