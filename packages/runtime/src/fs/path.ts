// POSIX paths inside simulated file systems. Always absolute and normalised once they reach a
// file tree; `resolvePath` does what a shell does with a relative path and a working directory.

/** Splits an absolute path into its names, resolving `.` and `..` (never above the root). */
export function pathParts(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts;
}

/** `path` made absolute against `cwd` and normalised: `resolvePath('/app', '../etc/x')` is `/etc/x`. */
export function resolvePath(cwd: string, path: string): string {
  return '/' + pathParts(path.startsWith('/') ? path : `${cwd}/${path}`).join('/');
}

export function dirname(path: string): string {
  const parts = pathParts(path);
  parts.pop();
  return '/' + parts.join('/');
}

export function basename(path: string): string {
  const parts = pathParts(path);
  return parts[parts.length - 1] ?? '/';
}

export function joinPath(...paths: string[]): string {
  return '/' + pathParts(paths.join('/')).join('/');
}
