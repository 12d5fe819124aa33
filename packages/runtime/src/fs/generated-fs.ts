// A read-only file system whose files are computed when read: what /proc and /sys/fs/cgroup are.
// The owner describes each path with a function, so a file always shows the model's current value
// (memory.current, the process list) and nothing is stored or snapshotted.

import { type Entry, FileSystem, FsError } from './file-system.ts';

export type GeneratedNode =
  | { kind: 'dir'; children: () => readonly string[] }
  | { kind: 'file'; content: () => string; mode?: number }
  | { kind: 'symlink'; target: string };

const DIR_META = { mode: 0o555, uid: 0, gid: 0 };

export class GeneratedFs extends FileSystem {
  constructor(readonly describe: (parts: readonly string[]) => GeneratedNode | undefined) {
    super();
  }

  override entryAt(parts: readonly string[]): Entry | undefined {
    const node = this.describe(parts);
    if (node === undefined) return undefined;
    if (node.kind === 'dir') return { kind: 'dir', meta: DIR_META };
    if (node.kind === 'symlink') return { kind: 'symlink', meta: { mode: 0o777, uid: 0, gid: 0 }, target: node.target };
    return { kind: 'file', meta: { mode: node.mode ?? 0o444, uid: 0, gid: 0 }, content: new TextEncoder().encode(node.content()) };
  }

  override childNames(parts: readonly string[]): string[] {
    const node = this.describe(parts);
    return node?.kind === 'dir' ? [...node.children()] : [];
  }

  override putEntry(parts: readonly string[]): void {
    throw new FsError('EROFS', '/' + parts.join('/'));
  }

  override deleteEntry(parts: readonly string[]): void {
    throw new FsError('EROFS', '/' + parts.join('/'));
  }

  override setMeta(parts: readonly string[]): void {
    throw new FsError('EROFS', '/' + parts.join('/'));
  }
}
