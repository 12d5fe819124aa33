// .helmignore rules (helm's pkg/ignore): one shell glob per line, `#` comments, `!` negation,
// a trailing `/` for directories only, a leading `/` to anchor at the chart root; a pattern
// without a slash matches the base name. Helm always adds `templates/.?*` (hidden templates).

import { baseName, goPathMatch } from './file-source.ts';

interface Rule {
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

export class HelmIgnoreError extends Error {
  override name = 'HelmIgnoreError';
}

export class HelmIgnore {
  readonly #rules: Rule[] = [];

  constructor(text = '') {
    for (const line of text.split('\n')) this.#add(line);
    this.#add('templates/.?*');
  }

  #add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new HelmIgnoreError('double-star (**) syntax is not supported');
    if (goPathMatch(rule, 'abc') === undefined) throw new HelmIgnoreError('syntax error in pattern');
    const negate = rule.startsWith('!');
    if (negate) rule = rule.slice(1);
    const mustDir = rule.endsWith('/');
    if (mustDir) rule = rule.slice(0, -1);
    let match: (path: string) => boolean;
    if (rule.startsWith('/')) {
      const anchored = rule.slice(1);
      match = (path) => goPathMatch(anchored, path) === true;
    } else if (rule.includes('/')) {
      match = (path) => goPathMatch(rule, path) === true;
    } else {
      match = (path) => goPathMatch(rule, baseName(path)) === true;
    }
    this.#rules.push({ negate, mustDir, match });
  }

  /** helm's Rules.Ignore for one path (a directory when `isDir`). */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const rule of this.#rules) {
      if (rule.mustDir && !isDir) {
        // A directory rule never matches a file; helm's negated rules then ignore (sic).
        if (rule.negate) return true;
        continue;
      }
      const matched = rule.match(path);
      if (rule.negate) {
        if (!matched) return true;
        continue;
      }
      if (matched) return true;
    }
    return false;
  }

  /** Is a file ignored, itself or through one of its directories (helm skips ignored dirs)? */
  ignoresFile(path: string): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    return this.ignores(path, false);
  }
}
