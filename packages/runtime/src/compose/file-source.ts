// Compose reads files, never a disk: the CLI implements this over the real file system, the
// browser over memory, tests over fixtures. Paths are POSIX and absolute.

export interface ComposeFileSource {
  /** The file's text; throws if it does not exist or is a directory. */
  readText(path: string): string;
  /** True for files and directories alike. */
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
}

/** A source over a plain `path → text` map; directories are implied by the paths under them. */
export class InMemoryFileSource implements ComposeFileSource {
  readonly #files: Map<string, string>;
  readonly #dirs = new Set<string>(['/']);

  constructor(files: Record<string, string>) {
    this.#files = new Map(Object.entries(files));
    for (const path of this.#files.keys()) {
      for (let dir = dirname(path); !this.#dirs.has(dir); dir = dirname(dir)) this.#dirs.add(dir);
    }
  }

  readText(path: string): string {
    const text = this.#files.get(path);
    if (text === undefined) {
      const why = this.#dirs.has(path) ? 'is a directory' : 'no such file or directory';
      throw new Error(`open ${path}: ${why}`);
    }
    return text;
  }

  exists(path: string): boolean {
    return this.#files.has(path) || this.#dirs.has(path);
  }

  isDirectory(path: string): boolean {
    return this.#dirs.has(path);
  }
}

// POSIX path helpers, as Go's path/filepath does them on Linux (Clean, Join, Dir, Base).

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** Lexical clean-up: no `.`, no `x/..`, no doubled or trailing slashes. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

export function joinPath(...parts: string[]): string {
  return cleanPath(parts.filter((part) => part !== '').join('/'));
}

/** `path` made absolute against `base` (itself absolute), then cleaned. */
export function resolvePath(base: string, path: string): string {
  return isAbsolute(path) ? cleanPath(path) : joinPath(base, path);
}

export function dirname(path: string): string {
  const clean = cleanPath(path);
  const slash = clean.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : clean.slice(0, slash);
}

export function basename(path: string): string {
  const clean = cleanPath(path);
  if (clean === '/') return '/';
  return clean.slice(clean.lastIndexOf('/') + 1);
}
