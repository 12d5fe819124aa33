// Env files (`.env` next to the project, `env_file:` of a service, `--env-file`) with compose's
// dotenv rules: `KEY=value` or `KEY: value`, an optional `export ` prefix, `#` comment lines,
// ` #` inline comments on unquoted values, single quotes taken literally, double quotes with
// backslash escapes (\n, \t, \", ...) and interpolation, unquoted values interpolated, and a bare
// `KEY` taking its value from the environment (or left out if it is not set there).

import { type Lookup, substitute } from './interpolation.ts';
import type { ComposeWarnings } from './errors.ts';

export class DotEnvError extends Error {}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  c: '', // Go has no \c; compose-go drops it with the backslash
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
};

/**
 * Parses env-file text into ordered `[key, value]` pairs. Values may refer to variables set
 * earlier in the file or, failing that, to `lookup` (the project's environment).
 */
export function parseDotEnv(text: string, lookup: Lookup, warnings: ComposeWarnings): Map<string, string> {
  const out = new Map<string, string>();
  const resolve: Lookup = (name) => out.get(name) ?? lookup(name);
  let line = 1;
  let i = 0;
  const src = text.replace(/\r\n/g, '\n');

  while (i < src.length) {
    // Skip blank space and comment lines.
    const ch = src[i]!;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }

    let rest = src.slice(i);
    const exported = /^export[ \t]+/.exec(rest);
    if (exported) rest = rest.slice(exported[0].length);
    const keyEnd = /[=:\n]/.exec(rest);
    const rawKey = keyEnd ? rest.slice(0, keyEnd.index) : rest;
    const key = rawKey.trimEnd();
    const bad = /[^\p{L}\p{N}_.\-[\] \t]/u.exec(key);
    if (bad) {
      throw new DotEnvError(
        `line ${line}: unexpected character ${JSON.stringify(bad[0])} in variable name ${JSON.stringify(rest.split('\n')[0])}`,
      );
    }
    if (/[ \t]/.test(key)) throw new DotEnvError(`line ${line}: key cannot contain a space`);
    const consumed = src.length - rest.length;
    if (!keyEnd || keyEnd[0] === '\n') {
      // A bare KEY: inherited from the environment when set there.
      const inherited = lookup(key);
      if (inherited !== undefined) out.set(key, inherited);
      i = keyEnd ? consumed + keyEnd.index : src.length;
      continue;
    }

    let valueStart = consumed + keyEnd.index + 1;
    while (src[valueStart] === ' ' || src[valueStart] === '\t') valueStart++;
    const quote = src[valueStart];
    if (quote === '"' || quote === "'") {
      let value = '';
      let j = valueStart + 1;
      let closed = false;
      for (; j < src.length; j++) {
        const c = src[j]!;
        if (c === '\n') line++;
        if (c === '\\' && j + 1 < src.length) {
          const escaped = src[j + 1]!;
          value += escaped === quote ? escaped : `\\${escaped}`;
          j++;
          continue;
        }
        if (c === quote) {
          closed = true;
          break;
        }
        value += c;
      }
      if (!closed) {
        const end = src.indexOf('\n', valueStart);
        throw new DotEnvError(`line ${line}: unterminated quoted value ${src.slice(valueStart, end < 0 ? undefined : end)}`);
      }
      if (quote === '"') value = interpolate(expandEscapes(value), resolve, warnings, line);
      out.set(key, value);
      // Anything after the closing quote on the line (a comment) is ignored.
      const end = src.indexOf('\n', j);
      i = end < 0 ? src.length : end;
      continue;
    }

    const end = src.indexOf('\n', valueStart);
    let value = src.slice(valueStart, end < 0 ? undefined : end);
    const comment = value.indexOf(' #');
    if (comment >= 0) value = value.slice(0, comment);
    out.set(key, interpolate(value.trimEnd(), resolve, warnings, line));
    i = end < 0 ? src.length : end;
  }
  return out;
}

function expandEscapes(value: string): string {
  return value.replace(/\\([abcfnrtv"\\$])/g, (match, c: string) => (c === '$' ? '$$' : (ESCAPES[c] ?? match)));
}

function interpolate(value: string, lookup: Lookup, warnings: ComposeWarnings, line: number): string {
  try {
    return substitute(value, lookup, warnings);
  } catch (error) {
    throw new DotEnvError(`line ${line}: ${(error as Error).message}`);
  }
}
