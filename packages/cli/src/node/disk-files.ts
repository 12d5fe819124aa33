// The user's files on disk, seen through the same interface the browser page implements in memory.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileStat } from '@dockyard/runtime';
import type { HostFiles } from '../session.ts';

export class DiskFiles implements HostFiles {
  constructor(readonly cwd: string) {}

  stat(path: string): FileStat | undefined {
    try {
      const stat = statSync(resolve(this.cwd, path));
      const kind = stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'symlink' : 'file';
      return { kind, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, size: stat.size };
    } catch {
      return undefined;
    }
  }

  readFile(path: string): Uint8Array {
    return new Uint8Array(readFileSync(resolve(this.cwd, path)));
  }

  readText(path: string): string {
    return readFileSync(resolve(this.cwd, path), 'utf8');
  }

  readdir(path: string): string[] {
    return readdirSync(resolve(this.cwd, path)).sort();
  }

  writeFile(path: string, data: Uint8Array | string): void {
    writeFileSync(resolve(this.cwd, path), data);
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    mkdirSync(resolve(this.cwd, path), options);
  }
}
