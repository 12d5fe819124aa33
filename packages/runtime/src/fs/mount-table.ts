// A mount namespace's view of files: a root file system with other file systems mounted on paths
// (volumes, bind mounts, /proc, the cgroup tree, the /etc/hosts files Docker bind-mounts). Each
// path goes to the longest mount that covers it; symbolic links are resolved across mounts by the
// base class, as the kernel does.

import { type Entry, type FileMeta, FileSystem, FsError } from './file-system.ts';
import { pathParts } from './path.ts';

export interface Mount {
  /** Absolute path inside the namespace. */
  readonly target: string;
  readonly fs: FileSystem;
  /** The directory (or file) of `fs` that appears at `target`; `/` by default. */
  readonly source?: string;
  readonly readOnly?: boolean;
}

interface MountPoint {
  target: string[];
  /** `target` joined with `/`, for quick prefix tests. */
  key: string;
  source: string[];
  fs: FileSystem;
  readOnly: boolean;
}

export class MountTable extends FileSystem {
  /** Longest target first, so the first match is the innermost mount. */
  readonly #mounts: MountPoint[];
  /**
   * The directories on the way to a mount point (`sys` and `sys/fs` for /sys/fs/cgroup), by key:
   * they exist even when the file system below lacks them. Every PATH lookup that misses asks.
   */
  readonly #onTheWay = new Set<string>();

  constructor(
    readonly root: FileSystem,
    mounts: readonly Mount[] = [],
  ) {
    super();
    this.#mounts = mounts
      .map((m) => ({ target: pathParts(m.target), key: pathParts(m.target).join('/'), source: pathParts(m.source ?? '/'), fs: m.fs, readOnly: m.readOnly ?? false }))
      .sort((a, b) => b.target.length - a.target.length);
    for (const mount of this.#mounts) {
      for (let depth = 0; depth < mount.target.length; depth++) this.#onTheWay.add(mount.target.slice(0, depth).join('/'));
    }
  }

  override entryAt(parts: readonly string[]): Entry | undefined {
    const key = parts.join('/');
    const { fs, inner } = this.#locate(parts, key);
    const entry = fs.entryAt(inner);
    if (entry !== undefined) return entry;
    return this.#onTheWay.has(key) ? { kind: 'dir', meta: { mode: 0o755, uid: 0, gid: 0 } } : undefined;
  }

  override childNames(parts: readonly string[]): string[] {
    const { fs, inner } = this.#locate(parts);
    const names = fs.childNames(inner);
    // Mount points show up in their parent directory even when the underlying directory lacks them.
    for (const mount of this.#mounts) {
      if (mount.target.length !== parts.length + 1 || !parts.every((name, i) => mount.target[i] === name)) continue;
      const name = mount.target[parts.length]!;
      if (!names.includes(name)) names.push(name);
    }
    return names;
  }

  override putEntry(parts: readonly string[], entry: Entry): void {
    this.#writable(parts).fs.putEntry(this.#locate(parts).inner, entry);
  }

  override deleteEntry(parts: readonly string[]): void {
    const { fs, inner, mount } = this.#writable(parts);
    if (mount !== undefined && inner.length === mount.source.length) throw new FsError('EINVAL', '/' + parts.join('/'));
    fs.deleteEntry(inner);
  }

  override setMeta(parts: readonly string[], meta: FileMeta): void {
    const { fs, inner } = this.#writable(parts);
    fs.setMeta(inner, meta);
  }

  #writable(parts: readonly string[]): { fs: FileSystem; inner: readonly string[]; mount?: MountPoint } {
    const found = this.#locate(parts);
    if (found.mount?.readOnly) throw new FsError('EROFS', '/' + parts.join('/'));
    return found;
  }

  #locate(parts: readonly string[], key = parts.join('/')): { fs: FileSystem; inner: readonly string[]; mount?: MountPoint } {
    for (const mount of this.#mounts) {
      if (key !== mount.key && !key.startsWith(mount.key + '/')) continue;
      return { fs: mount.fs, inner: [...mount.source, ...parts.slice(mount.target.length)], mount };
    }
    return { fs: this.root, inner: parts };
  }
}
