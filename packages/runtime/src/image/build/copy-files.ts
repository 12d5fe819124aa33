// COPY and ADD: which files a source pattern names (globs included), their checksums for the
// cache (path, content, mode and owner; never mtime), and copying them into the step's file system
// with Docker's destination rules (a trailing slash or several sources mean a directory; a
// directory source copies its contents). ADD also unpacks local tar archives.

import { gunzipSync } from 'fflate';
import type { FileSystem } from '../../fs/file-system.ts';
import { basename, dirname, pathParts, resolvePath } from '../../fs/path.ts';
import { digestOf } from '../digest.ts';
import { readTar, TarError } from '../tar.ts';

/** A source pattern that matched nothing; the message is BuildKit's. */
export class SourceNotFound extends Error {
  override name = 'SourceNotFound';
  constructor(readonly path: string) {
    super(`"${path}": not found`);
  }
}

/** Absolute paths a source pattern matches in `fs` (BuildKit resolves them from the root). */
export function matchSources(fs: FileSystem, pattern: string): string[] {
  const clean = '/' + pathParts(pattern).join('/');
  if (!/[*?[]/.test(clean)) {
    if (fs.lstat(clean) === undefined) throw new SourceNotFound(clean);
    return [clean];
  }
  let paths = ['/'];
  for (const part of pathParts(clean)) {
    const next: string[] = [];
    const regex = /[*?[]/.test(part) ? globRegex(part) : undefined;
    for (const base of paths) {
      if (regex === undefined) {
        const path = base === '/' ? `/${part}` : `${base}/${part}`;
        if (fs.lstat(path) !== undefined) next.push(path);
        continue;
      }
      if (fs.stat(base)?.kind !== 'dir') continue;
      for (const name of fs.readdir(base)) if (regex.test(name)) next.push(base === '/' ? `/${name}` : `${base}/${name}`);
    }
    paths = next;
  }
  if (paths.length === 0) throw new SourceNotFound(clean);
  return paths;
}

function globRegex(part: string): RegExp {
  const body = part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^');
  return new RegExp(`^${body}$`);
}

/** One line per file under the matched paths: what the cache compares. */
export function checksumRows(fs: FileSystem, paths: readonly string[]): string[] {
  const rows: string[] = [];
  for (const path of paths) {
    for (const { path: p, stat } of fs.walk(path)) {
      let what = '';
      if (stat.kind === 'file') {
        const content = fs.readContent(p);
        what = content instanceof Uint8Array ? digestOf(content) : `synthetic:${content.seed}:${content.size}`;
      } else if (stat.kind === 'symlink') what = stat.target!;
      rows.push(`${p} ${stat.kind} ${stat.mode.toString(8)} ${stat.uid}:${stat.gid} ${what}`);
    }
  }
  return rows;
}

export interface CopyOptions {
  /** Owner of copied files (`--chown`); root otherwise. */
  uid: number;
  gid: number;
  /** `--chmod` for files and directories copied. */
  mode?: number;
}

/** Copies matched sources to `dest` (absolute). Returns the bytes copied. */
export function copyInto(target: FileSystem, source: FileSystem, sources: readonly string[], dest: string, destIsDir: boolean, options: CopyOptions): number {
  let bytes = 0;
  const ensureDir = (dir: string) => {
    if (target.stat(dir)?.kind === 'dir') return;
    // Parents BuildKit creates are root-owned; the destination directory itself gets the owner.
    const parent = dirname(dir);
    if (parent !== dir) ensureDir(parent);
    target.mkdir(dir, { uid: options.uid, gid: options.gid });
  };
  const put = (from: string, to: string) => {
    const stat = source.lstat(from)!;
    const meta = { uid: options.uid, gid: options.gid, mode: options.mode ?? stat.mode };
    if (stat.kind === 'dir') {
      if (target.stat(to)?.kind !== 'dir') {
        target.remove(to, { force: true });
        target.mkdir(to, meta);
      }
      for (const name of source.readdir(from)) put(`${from}/${name}`, `${to}/${name}`);
    } else if (stat.kind === 'symlink') {
      target.remove(to, { force: true, recursive: true });
      target.symlink(stat.target!, to, meta);
    } else {
      if (target.stat(to)?.kind === 'dir') target.remove(to, { recursive: true });
      target.writeFile(to, source.readContent(from), meta);
      bytes += stat.size;
    }
  };
  for (const from of sources) {
    const stat = source.lstat(from)!;
    if (stat.kind === 'dir') {
      ensureDir(dest);
      for (const name of source.readdir(from)) put(`${from}/${name}`, `${dest}/${name}`);
    } else {
      const to = destIsDir ? `${dest}/${basename(from)}` : dest;
      ensureDir(dirname(to));
      put(from, to);
    }
  }
  return bytes;
}

/** Whether ADD unpacks this local file: a tar archive, plain or gzip-compressed. */
export function isArchive(path: string, bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  return /\.tar$/.test(path) || (bytes.length >= 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === 'ustar');
}

/** ADD of a local archive: its entries land under `dest`. Returns the bytes unpacked. */
export function unpackInto(target: FileSystem, bytes: Uint8Array, dest: string, options: CopyOptions, name: string): number {
  let data = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes);
    } catch {
      throw new TarError(`${name}: invalid gzip data`);
    }
  }
  let unpacked = 0;
  for (const entry of readTar(data)) {
    const path = resolvePath(dest, entry.path);
    if (path === dest && entry.type === 'dir') continue;
    target.mkdir(dirname(path), { recursive: true });
    // Archive entries keep their own owner and mode, as ADD does.
    const meta = { uid: entry.uid, gid: entry.gid, mode: options.mode ?? entry.mode };
    if (entry.type === 'dir') {
      if (target.stat(path)?.kind !== 'dir') target.mkdir(path, meta);
    } else if (entry.type === 'symlink') {
      target.remove(path, { force: true });
      target.symlink(entry.linkname ?? '', path, meta);
    } else {
      target.writeFile(path, entry.data.slice(), meta);
      unpacked += entry.size;
    }
  }
  return unpacked;
}
