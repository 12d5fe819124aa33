// `.dockerignore` with Docker's rules (moby/patternmatcher): patterns are paths relative to the
// context root, cleaned, leading `/` dropped; `*` and `?` stay inside one path element, `**`
// spans any number of them; a pattern that matches a directory excludes everything in it; `!`
// re-includes; the last matching pattern wins. Unlike .gitignore, `*.md` matches only at the root.

export interface IgnorePattern {
  negated: boolean;
  pattern: string;
  regex: RegExp;
}

export class DockerIgnore {
  readonly patterns: IgnorePattern[];

  constructor(text: string) {
    this.patterns = [];
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      if (negated) line = line.slice(1).trim();
      const pattern = clean(line);
      if (pattern === '') continue;
      this.patterns.push({ negated, pattern, regex: compile(pattern) });
    }
  }

  /** Whether a context path (relative, `/`-separated) is left out of the build. */
  excludes(path: string): boolean {
    const parents = parentsOf(path);
    let excluded = false;
    for (const p of this.patterns) {
      const matched = p.regex.test(path) || (!p.negated && parents.some((parent) => p.regex.test(parent)));
      if (matched) excluded = !p.negated;
    }
    return excluded;
  }

  /** A directory can be skipped whole when it is excluded and no `!` pattern could bring back something inside it. */
  skipsDirectory(path: string): boolean {
    if (!this.excludes(path)) return false;
    return !this.patterns.some((p) => p.negated && (p.pattern.startsWith(`${path}/`) || p.pattern.includes('*')));
  }
}

function clean(pattern: string): string {
  const parts: string[] = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function compile(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += escape(pattern[++i]!);
    } else {
      out += escape(c);
    }
  }
  return new RegExp(out + '$');
}

function escape(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}

function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
