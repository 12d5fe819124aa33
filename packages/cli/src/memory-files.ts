// The user's files held in memory: the browser page's workspace, and a scenario's files.
import { FileTree, resolvePath } from '@dockyard/runtime';
import type { HostFiles } from './session.ts';

export class MemoryFiles implements HostFiles {
  constructor(
    readonly tree: FileTree = new FileTree(),
    readonly cwd = '/workspace',
  ) {
    tree.mkdir(cwd, { recursive: true });
  }

  #abs(path: string): string {
    return resolvePath(this.cwd, path);
  }

  stat(path: string) {
    return this.tree.stat(this.#abs(path));
  }

  readFile(path: string): Uint8Array {
    return this.tree.readFile(this.#abs(path));
  }

  readText(path: string): string {
    return this.tree.readText(this.#abs(path));
  }

  readdir(path: string): string[] {
    return this.tree.readdir(this.#abs(path));
  }

  writeFile(path: string, data: Uint8Array | string): void {
    const abs = this.#abs(path);
    this.tree.mkdir(abs.slice(0, abs.lastIndexOf('/')) || '/', { recursive: true });
    this.tree.writeFile(abs, data);
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    this.tree.mkdir(this.#abs(path), options);
  }
}
