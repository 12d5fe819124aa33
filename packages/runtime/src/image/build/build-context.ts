// The build context: the files `docker build` sends to the builder, read from the user's
// directory (disk in Node, memory in the browser) with `.dockerignore` applied, into a plain
// tree. Excluded directories are not even read (node_modules stays on the host).

import { FileTree } from '../../fs/file-tree.ts';
import type { FileStat } from '../../fs/file-system.ts';
import { DockerIgnore } from './dockerignore.ts';

/** Where the context's files come from: HostFiles in the CLI, any FileSystem in the browser. */
export interface ContextSource {
  stat(path: string): FileStat | undefined;
  readdir(path: string): string[];
  readFile(path: string): Uint8Array;
}

export interface BuildContext {
  tree: FileTree;
  /** Bytes of the files sent, as BuildKit's `transferring context: 1.23kB` reports. */
  size: number;
  /** Bytes of .dockerignore (BuildKit's `transferring context: 2B` for the ignore file). */
  ignoreSize: number;
}

/** Reads a context directory; `dir` is a path the source understands (`.` or `/work/app`). */
export function readBuildContext(source: ContextSource, dir: string): BuildContext {
  const ignorePath = `${dir}/.dockerignore`;
  const ignoreText = source.stat(ignorePath)?.kind === 'file' ? new TextDecoder().decode(source.readFile(ignorePath)) : '';
  const ignore = new DockerIgnore(ignoreText);
  const tree = new FileTree();
  let size = 0;
  const visit = (relative: string) => {
    for (const name of source.readdir(relative === '' ? dir : `${dir}/${relative}`)) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stat = source.stat(`${dir}/${path}`);
      if (stat === undefined) continue;
      if (stat.kind === 'dir') {
        if (ignore.skipsDirectory(path)) continue;
        tree.mkdir(`/${path}`, { mode: stat.mode });
        visit(path);
      } else if (stat.kind === 'file') {
        if (ignore.excludes(path)) continue;
        const bytes = source.readFile(`${dir}/${path}`);
        tree.writeFile(`/${path}`, bytes, { mode: stat.mode });
        size += bytes.length;
      }
    }
  };
  visit('');
  pruneExcludedDirs(tree, ignore);
  return { tree, size, ignoreSize: ignoreText.length > 0 ? new TextEncoder().encode(ignoreText).length : 2 };
}

/** Excluded directories that were read only because an exception might apply, and stayed empty. */
function pruneExcludedDirs(tree: FileTree, ignore: DockerIgnore): void {
  const dirs = [...tree.walk('/')].filter((e) => e.stat.kind === 'dir' && e.path !== '/').map((e) => e.path).reverse();
  for (const dir of dirs) if (ignore.excludes(dir.slice(1)) && tree.readdir(dir).length === 0) tree.remove(dir);
}
