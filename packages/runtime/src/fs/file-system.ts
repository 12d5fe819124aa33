// What every simulated file system offers (a plain tree, a container's union root): POSIX-ish
// operations on absolute paths, with symbolic links followed as the kernel does. Subclasses only
// say how to find, store and delete one entry; path walking and symlinks are done once here.

import { pathParts } from './path.ts';

export type FileKind = 'file' | 'dir' | 'symlink';

/** Content that stands for `size` bytes without holding them: generated from `seed` when read. */
export interface SyntheticContent {
  readonly size: number;
  readonly seed: string;
}

export type FileContent = Uint8Array | SyntheticContent;

export interface FileMeta {
  /** Permission bits only (0o755), never the file-type bits. */
  mode: number;
  uid: number;
  gid: number;
}

/** One entry as a subclass stores it; directories list their children through `childNames`. */
export type Entry =
  | { kind: 'file'; meta: FileMeta; content: FileContent }
  | { kind: 'dir'; meta: FileMeta }
  | { kind: 'symlink'; meta: FileMeta; target: string };

export interface FileStat {
  kind: FileKind;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** The link text, for a symbolic link. */
  target?: string;
}

export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'ELOOP' | 'EINVAL' | 'EROFS' | 'EACCES';

const DESCRIPTIONS: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
};

/** A failed file operation: `code` is the errno name, the message reads like the kernel's. */
export class FsError extends Error {
  override name = 'FsError';
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${DESCRIPTIONS[code]}`);
  }

  /** The errno text alone (`No such file or directory`), as programs print it after their own prefix. */
  get description(): string {
    return DESCRIPTIONS[this.code];
  }
}

export interface WriteOptions extends Partial<FileMeta> {}

export interface MkdirOptions extends Partial<FileMeta> {
  recursive?: boolean;
}

export interface RemoveOptions {
  recursive?: boolean;
  /** Succeed silently when the path does not exist (`rm -f`). */
  force?: boolean;
}

const MAX_SYMLINK_HOPS = 40; // Linux's MAXSYMLINKS
const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_DIR_MODE = 0o755;

export abstract class FileSystem {
  // The five primitives are public so that file systems can be stacked (a union over layers, a
  // mount namespace over a root and its mounts) and delegate entry by entry.

  /** The entry at exactly these names, symlinks not followed; undefined when absent. */
  abstract entryAt(parts: readonly string[]): Entry | undefined;
  /** Names inside the directory at these names (which exists), in any order. */
  abstract childNames(parts: readonly string[]): string[];
  /** Stores `entry` at these names; the parent exists and is a directory. A directory entry starts empty. */
  abstract putEntry(parts: readonly string[], entry: Entry): void;
  /** Removes the entry at these names and everything under it. */
  abstract deleteEntry(parts: readonly string[]): void;
  /** Changes the owner and mode of the existing entry at these names, keeping a directory's children. */
  abstract setMeta(parts: readonly string[], meta: FileMeta): void;

  exists(path: string): boolean {
    return this.lstat(path) !== undefined || this.stat(path) !== undefined;
  }

  /** Like stat(2): follows a final symbolic link. */
  stat(path: string): FileStat | undefined {
    const parts = this.#resolve(path, true, false);
    return parts && toStat(this.entryAt(parts));
  }

  /** Like lstat(2): a final symbolic link is described, not followed. */
  lstat(path: string): FileStat | undefined {
    const parts = this.#resolve(path, false, false);
    return parts && toStat(this.entryAt(parts));
  }

  readFile(path: string): Uint8Array {
    const entry = this.#existing(path, true);
    if (entry.kind === 'dir') throw new FsError('EISDIR', path);
    return materialize((entry as Extract<Entry, { kind: 'file' }>).content);
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  /** The content as stored (possibly synthetic), without generating bytes. */
  readContent(path: string): FileContent {
    const entry = this.#existing(path, true);
    if (entry.kind !== 'file') throw new FsError('EISDIR', path);
    return entry.content;
  }

  readlink(path: string): string {
    const entry = this.#existing(path, false);
    if (entry.kind !== 'symlink') throw new FsError('EINVAL', path);
    return entry.target;
  }

  /** Names in a directory, sorted by byte order as `ls` does in the C locale. */
  readdir(path: string): string[] {
    const parts = this.#resolve(path, true, true)!;
    const entry = this.entryAt(parts);
    if (entry === undefined) throw new FsError('ENOENT', path);
    if (entry.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return this.childNames(parts).sort(compareNames);
  }

  writeFile(path: string, data: Uint8Array | string | SyntheticContent, options: WriteOptions = {}): void {
    const parts = this.#parentResolved(path);
    const existing = this.entryAt(parts);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    const content = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const meta = {
      mode: options.mode ?? existing?.meta.mode ?? DEFAULT_FILE_MODE,
      uid: options.uid ?? existing?.meta.uid ?? 0,
      gid: options.gid ?? existing?.meta.gid ?? 0,
    };
    this.putEntry(parts, { kind: 'file', meta, content });
  }

  mkdir(path: string, options: MkdirOptions = {}): void {
    const meta = { mode: options.mode ?? DEFAULT_DIR_MODE, uid: options.uid ?? 0, gid: options.gid ?? 0 };
    if (options.recursive) {
      const names = pathParts(path);
      for (let i = 1; i <= names.length; i++) {
        const prefix = '/' + names.slice(0, i).join('/');
        const stat = this.stat(prefix);
        if (stat?.kind === 'dir') continue;
        if (stat !== undefined) throw new FsError('ENOTDIR', prefix);
        this.putEntry(this.#parentResolved(prefix), { kind: 'dir', meta: { ...meta } });
      }
      return;
    }
    const parts = this.#parentResolved(path);
    if (this.entryAt(parts) !== undefined) throw new FsError('EEXIST', path);
    this.putEntry(parts, { kind: 'dir', meta });
  }

  symlink(target: string, path: string, options: WriteOptions = {}): void {
    const parts = this.#parentResolved(path);
    if (this.entryAt(parts) !== undefined) throw new FsError('EEXIST', path);
    const meta = { mode: 0o777, uid: options.uid ?? 0, gid: options.gid ?? 0 };
    this.putEntry(parts, { kind: 'symlink', meta, target });
  }

  remove(path: string, options: RemoveOptions = {}): void {
    const parts = this.#resolve(path, false, !options.force);
    const entry = parts && this.entryAt(parts);
    if (parts === undefined || entry === undefined) {
      if (options.force) return;
      throw new FsError('ENOENT', path);
    }
    if (parts.length === 0) throw new FsError('EINVAL', path);
    if (entry.kind === 'dir' && !options.recursive && this.childNames(parts).length > 0) {
      throw new FsError('ENOTEMPTY', path);
    }
    this.deleteEntry(parts);
  }

  chmod(path: string, mode: number): void {
    this.#updateMeta(path, { mode });
  }

  chown(path: string, uid: number, gid: number): void {
    this.#updateMeta(path, { uid, gid });
  }

  /** Moves a file or a whole directory, replacing a file at the destination as rename(2) does. */
  rename(from: string, to: string): void {
    const source = this.#resolve(from, false, true)!;
    if (this.entryAt(source) === undefined) throw new FsError('ENOENT', from);
    const target = this.#parentResolved(to);
    if (target.join('/') === source.join('/')) return;
    // A directory cannot move inside itself.
    if (target.length > source.length && source.every((name, i) => target[i] === name)) throw new FsError('EINVAL', to);
    if (this.entryAt(target)?.kind === 'dir') throw new FsError('EISDIR', to);
    this.#copyTree(source, target);
    this.deleteEntry(source);
  }

  /**
   * Every entry under `path` (itself first), parents before children, names in byte order: the
   * order a tar archive lists them. Symbolic links are reported, not followed.
   */
  *walk(path = '/'): Generator<{ path: string; stat: FileStat }> {
    const parts = this.#resolve(path, true, true)!;
    yield* this.#walkParts(parts);
  }

  *#walkParts(parts: string[]): Generator<{ path: string; stat: FileStat }> {
    const entry = this.entryAt(parts);
    if (entry === undefined) return;
    yield { path: '/' + parts.join('/'), stat: toStat(entry)! };
    if (entry.kind !== 'dir') return;
    for (const name of this.childNames(parts).sort(compareNames)) yield* this.#walkParts([...parts, name]);
  }

  #copyTree(from: string[], to: string[]): void {
    const entry = this.entryAt(from)!;
    this.putEntry(to, { ...entry, meta: { ...entry.meta } });
    if (entry.kind !== 'dir') return;
    for (const name of this.childNames(from)) this.#copyTree([...from, name], [...to, name]);
  }

  #updateMeta(path: string, change: Partial<FileMeta>): void {
    const parts = this.#resolve(path, true, true)!;
    const entry = this.entryAt(parts);
    if (entry === undefined) throw new FsError('ENOENT', path);
    this.setMeta(parts, { ...entry.meta, ...change });
  }

  #existing(path: string, followLast: boolean): Entry {
    const parts = this.#resolve(path, followLast, true)!;
    const entry = this.entryAt(parts);
    if (entry === undefined) throw new FsError('ENOENT', path);
    return entry;
  }

  /** The resolved names of `path`'s parent plus its last name; the parent must be a directory. */
  #parentResolved(path: string): string[] {
    const names = pathParts(path);
    const last = names.pop();
    if (last === undefined) throw new FsError('EEXIST', path);
    const parent = this.#resolve('/' + names.join('/'), true, true)!;
    const entry = this.entryAt(parent);
    if (entry === undefined) throw new FsError('ENOENT', path);
    if (entry.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return [...parent, last];
  }

  /**
   * Resolves symbolic links along `path` (and at its end when `followLast`). Returns the names of
   * the entry the path denotes (which may not exist), or undefined / an error when a directory on
   * the way is missing or not a directory.
   */
  #resolve(path: string, followLast: boolean, throwing: boolean): string[] | undefined {
    let pending = pathParts(path);
    let resolved: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      const candidate = [...resolved, name];
      const entry = this.entryAt(candidate);
      const isLast = pending.length === 0;
      if (entry?.kind === 'symlink' && (!isLast || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) {
          if (throwing) throw new FsError('ELOOP', path);
          return undefined;
        }
        const base = entry.target.startsWith('/') ? [] : resolved;
        pending = [...pathParts([...base, entry.target].join('/')), ...pending];
        resolved = [];
        continue;
      }
      if (!isLast && entry?.kind !== 'dir') {
        if (!throwing) return undefined;
        throw new FsError(entry === undefined ? 'ENOENT' : 'ENOTDIR', path);
      }
      resolved = candidate;
    }
    return resolved;
  }
}

function toStat(entry: Entry | undefined): FileStat | undefined {
  if (entry === undefined) return undefined;
  const { mode, uid, gid } = entry.meta;
  if (entry.kind === 'file') return { kind: 'file', mode, uid, gid, size: contentSize(entry.content) };
  if (entry.kind === 'symlink') return { kind: 'symlink', mode, uid, gid, size: entry.target.length, target: entry.target };
  return { kind: 'dir', mode, uid, gid, size: 4096 };
}

export function contentSize(content: FileContent): number {
  return content instanceof Uint8Array ? content.length : content.size;
}

/** The bytes of a content; synthetic content is generated deterministically from its seed. */
export function materialize(content: FileContent): Uint8Array {
  if (content instanceof Uint8Array) return content;
  const out = new Uint8Array(content.size);
  let offset = 0;
  for (const chunk of contentChunks(content)) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The bytes of a content in pieces of at most `chunkSize`, so that a layer tarball with hundreds of
 * megabytes of synthetic files can be hashed without holding them. A yielded chunk is only valid
 * until the next one is asked for.
 */
export function* contentChunks(content: FileContent, chunkSize = 1 << 16): Generator<Uint8Array> {
  if (content instanceof Uint8Array) {
    for (let offset = 0; offset < content.length; offset += chunkSize) yield content.subarray(offset, offset + chunkSize);
    return;
  }
  // xorshift32 seeded by an FNV-1a hash of the seed, four bytes a step: fast, and the same everywhere.
  let state = 0x811c9dc5;
  for (let i = 0; i < content.seed.length; i++) state = Math.imul(state ^ content.seed.charCodeAt(i), 0x01000193);
  state = state || 1;
  const buffer = new Uint8Array(Math.min(chunkSize, content.size));
  for (let done = 0; done < content.size; ) {
    const length = Math.min(buffer.length, content.size - done);
    state = fillXorshift(buffer, length, state);
    done += length;
    yield length === buffer.length ? buffer : buffer.subarray(0, length);
  }
}

/** Fills `length` bytes of `out` from the xorshift32 stream at `state`; returns the next state. Kept out of the generator, whose locals V8 optimises poorly. */
function fillXorshift(out: Uint8Array, length: number, state: number): number {
  let s = state;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
    out[i + 1] = (s >>> 8) & 0xff;
    out[i + 2] = (s >>> 16) & 0xff;
    out[i + 3] = s >>> 24;
  }
  if (i < length) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    for (let shift = 0; i < length; i++, shift += 8) out[i] = (s >>> shift) & 0xff;
  }
  return s;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
