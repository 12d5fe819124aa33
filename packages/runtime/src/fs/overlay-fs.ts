// A union file system in the manner of overlayfs and the OCI layer format: read-only lower trees
// (an image's layers, bottom first) under one writable upper tree. Reads take the top-most entry;
// writes copy directories up into the upper tree; deleting something a lower layer has leaves an
// OCI whiteout (`.wh.<name>`), and a directory re-created over a lower one is marked opaque
// (`.wh..wh..opq`). So the upper tree is at all times exactly the layer diff a build step or a
// `docker commit` would ship.

import { type Entry, type FileMeta, FileSystem } from './file-system.ts';
import type { FileTree } from './file-tree.ts';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

const WHITEOUT_META: FileMeta = { mode: 0o644, uid: 0, gid: 0 };

interface Visit {
  entry: Entry | undefined;
  /** Layers whose directory at this path shows through, top first (empty unless a directory). */
  contributors: FileTree[];
}

export class OverlayFs extends FileSystem {
  /** Top first: the upper tree, then the lower ones from the top layer down. */
  readonly #stack: FileTree[];
  /**
   * Lookups already made, by path. Lower layers never change and the upper one only through this
   * union, which clears the memo on every write: programs resolve the same PATH entries over and over.
   */
  readonly #memo = new Map<string, Visit>();

  constructor(
    readonly lower: readonly FileTree[],
    readonly upper: FileTree,
  ) {
    super();
    this.#stack = [upper, ...[...lower].reverse()];
  }

  override entryAt(parts: readonly string[]): Entry | undefined {
    return this.#visit(parts).entry;
  }

  override childNames(parts: readonly string[]): string[] {
    const names: string[] = [];
    const seen = new Set<string>();
    const hidden = new Set<string>();
    for (const layer of this.#visit(parts).contributors) {
      const here = layer.childNames(parts);
      for (const name of here) {
        if (name.startsWith(WHITEOUT_PREFIX) || seen.has(name) || hidden.has(name)) continue;
        seen.add(name);
        names.push(name);
      }
      for (const name of here) {
        if (name.startsWith(WHITEOUT_PREFIX) && name !== OPAQUE_MARKER) hidden.add(name.slice(WHITEOUT_PREFIX.length));
      }
    }
    return names;
  }

  override putEntry(parts: readonly string[], entry: Entry): void {
    this.#write(() => this.#put(parts, entry));
  }

  /** Runs a change of the upper tree; lookups made before or during it are forgotten after. */
  #write(change: () => void): void {
    try {
      change();
    } finally {
      this.#memo.clear();
    }
  }

  #put(parts: readonly string[], entry: Entry): void {
    const parent = parts.slice(0, -1);
    const name = parts[parts.length - 1]!;
    this.#copyUpDirs(parent);
    const below = this.#visitBelowUpper(parts);
    this.upper.deleteEntry([...parent, WHITEOUT_PREFIX + name]);
    this.upper.putEntry(parts, entry);
    // A new directory starts empty: whatever a lower layer had there must not show through.
    if (entry.kind === 'dir' && below.contributors.length > 0) {
      this.upper.putEntry([...parts, OPAQUE_MARKER], { kind: 'file', meta: WHITEOUT_META, content: new Uint8Array() });
    }
  }

  override deleteEntry(parts: readonly string[]): void {
    this.#write(() => this.#delete(parts));
  }

  #delete(parts: readonly string[]): void {
    const parent = parts.slice(0, -1);
    const name = parts[parts.length - 1]!;
    this.upper.deleteEntry(parts);
    if (this.#visitBelowUpper(parts).entry !== undefined) {
      this.#copyUpDirs(parent);
      this.upper.putEntry([...parent, WHITEOUT_PREFIX + name], { kind: 'file', meta: WHITEOUT_META, content: new Uint8Array() });
    }
  }

  override setMeta(parts: readonly string[], meta: FileMeta): void {
    this.#write(() => this.#setMeta(parts, meta));
  }

  #setMeta(parts: readonly string[], meta: FileMeta): void {
    if (this.upper.entryAt(parts) === undefined) {
      const entry = this.#visit(parts).entry!;
      this.#copyUpDirs(parts.slice(0, -1));
      // Copy-up: a directory comes up without its children, which keep showing through from below.
      this.upper.putEntry(parts, entry.kind === 'dir' ? { kind: 'dir', meta } : { ...entry, meta });
      return;
    }
    this.upper.setMeta(parts, meta);
  }

  /** Makes sure the upper tree has every directory on the way to `parts`, with the union's metadata. */
  #copyUpDirs(parts: readonly string[]): void {
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i);
      if (this.upper.entryAt(prefix) !== undefined) continue;
      const entry = this.#visit(prefix).entry;
      this.upper.putEntry(prefix, { kind: 'dir', meta: { ...(entry?.meta ?? { mode: 0o755, uid: 0, gid: 0 }) } });
    }
  }

  #visit(parts: readonly string[]): Visit {
    const key = parts.join('/');
    let visit = this.#memo.get(key);
    if (visit === undefined) this.#memo.set(key, (visit = this.#visitIn(this.#stack, parts)));
    return visit;
  }

  /** What the lower layers alone show at `parts`, as if the upper tree were empty. */
  #visitBelowUpper(parts: readonly string[]): Visit {
    return this.#visitIn(this.#stack.slice(1), parts);
  }

  #visitIn(stack: readonly FileTree[], parts: readonly string[]): Visit {
    let contributors: FileTree[] = [];
    for (const layer of stack) {
      contributors.push(layer);
      if (layer.entryAt([OPAQUE_MARKER]) !== undefined) break;
    }
    let entry: Entry | undefined = contributors[0]?.entryAt([]);
    for (let depth = 0; depth < parts.length; depth++) {
      const prefix = parts.slice(0, depth + 1);
      const whiteout = [...parts.slice(0, depth), WHITEOUT_PREFIX + parts[depth]!];
      const next: FileTree[] = [];
      entry = undefined;
      for (const layer of contributors) {
        const found = layer.entryAt(prefix);
        if (found !== undefined && found.kind !== 'dir') {
          // A file or link hides everything below it, and is only visible when nothing is above.
          entry ??= found;
          break;
        }
        if (found !== undefined) {
          entry ??= found;
          next.push(layer);
          if (layer.entryAt([...prefix, OPAQUE_MARKER]) !== undefined) break;
        }
        // A whiteout deletes the name in the layers below this one.
        if (layer.entryAt(whiteout) !== undefined) break;
      }
      contributors = entry?.kind === 'dir' ? next : [];
      if (entry === undefined) return { entry: undefined, contributors: [] };
    }
    return { entry, contributors };
  }
}
