// Where charts, values files and --set-file inputs come from: a read-only tree of files keyed by
// relative POSIX paths. The CLI fills one from the workspace, the browser from memory; the engine
// never touches a disk.

export interface FileSource {
  /** The bytes of the file at `path`, or undefined when there is no such file. */
  read(path: string): Uint8Array | undefined;
  /** Every file path, sorted. */
  paths(): readonly string[];
}

/** A FileSource over a map of relative paths ("charts/x/Chart.yaml") to contents. */
export function fileMapSource(files: ReadonlyMap<string, Uint8Array>): FileSource {
  const normalized = new Map<string, Uint8Array>();
  for (const [path, data] of files) normalized.set(cleanPath(path), data);
  const sorted = [...normalized.keys()].sort();
  return {
    read: (path) => normalized.get(cleanPath(path)),
    paths: () => sorted,
  };
}

/** Files under directory `dir`, keyed by their path relative to it. */
export function filesUnder(source: FileSource, dir: string): Map<string, Uint8Array> {
  const prefix = cleanPath(dir) === '.' ? '' : cleanPath(dir) + '/';
  const out = new Map<string, Uint8Array>();
  for (const path of source.paths()) {
    if (path.startsWith(prefix)) out.set(path.slice(prefix.length), source.read(path)!);
  }
  return out;
}

/** Is there a directory `dir` (a file below it)? */
export function isDirectory(source: FileSource, dir: string): boolean {
  const clean = cleanPath(dir);
  if (clean === '.') return source.paths().length > 0;
  return source.paths().some((p) => p.startsWith(clean + '/'));
}

/** path.Clean for relative POSIX paths: no "./", no "a/../", no trailing slash. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  const joined = parts.join('/');
  return path.startsWith('/') ? '/' + joined : joined || '.';
}

export const baseName = (path: string): string => {
  const clean = cleanPath(path);
  return clean.slice(clean.lastIndexOf('/') + 1);
};

/**
 * Go's path/filepath.Match: `*` matches any run of non-'/' characters, `?` one of them, `[...]`
 * a class (`[^...]` negated), `\` escapes. Returns undefined for a malformed pattern (Go's
 * ErrBadPattern).
 */
export function goPathMatch(pattern: string, name: string): boolean | undefined {
  const re = goPatternRegex(pattern);
  return re === undefined ? undefined : re.test(name);
}

const patternCache = new Map<string, RegExp | undefined>();

function goPatternRegex(pattern: string): RegExp | undefined {
  if (patternCache.has(pattern)) return patternCache.get(pattern);
  let re = '';
  let ok = true;
  for (let i = 0; i < pattern.length && ok; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= pattern.length) ok = false;
      else re += escapeRegex(pattern[i]!);
    } else if (c === '[') {
      const close = findClassEnd(pattern, i + 1);
      if (close < 0) ok = false;
      else {
        let body = pattern.slice(i + 1, close);
        let negate = false;
        if (body.startsWith('^')) {
          negate = true;
          body = body.slice(1);
        }
        if (body === '') ok = false;
        re += `[${negate ? '^/' : ''}${body.replace(/[\]\\^]/g, (m) => (m === '\\' ? '\\\\' : '\\' + m))}]`;
        i = close;
      }
    } else re += escapeRegex(c);
  }
  const result = ok ? new RegExp(`^${re}$`, 's') : undefined;
  patternCache.set(pattern, result);
  return result;
}

function findClassEnd(pattern: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > from + (pattern[from] === '^' ? 1 : 0)) return i;
  }
  return -1;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * gobwas/glob with '/' as separator, as helm's .Files.Glob uses it: `*` stays within a path
 * segment, `**` crosses them, `?` one character, `[...]` classes, `{a,b}` alternatives.
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close);
        re += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRegex(pattern[++i]!);
    else re += escapeRegex(c);
  }
  while (depth-- > 0) re += ')';
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^${re}$`, 's');
  } catch {
    return () => false;
  }
  return (name) => compiled.test(name);
}
