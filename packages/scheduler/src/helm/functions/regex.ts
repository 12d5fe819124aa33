// Sprig's regular-expression functions on Go RE2 syntax, run with JavaScript RegExp. The common
// subset is the same; Go's named groups (?P<name>...) and inline flags are translated, and
// replacements follow Go's Expand rules ($1, ${1}, $name; "$1x" names group "1x").

import { FuncError } from '../template/errors.ts';
import { type GoFunc, type GoInt, sliceOf } from '../template/value.ts';
import { fn } from './convert.ts';

const cache = new Map<string, RegExp>();

/** Compiles a Go regular expression; throws Go's compile error text. */
function compileGoRegex(expr: string): RegExp {
  const cached = cache.get(expr);
  if (cached) return new RegExp(cached.source, cached.flags);
  let source = expr;
  let flags = 'g';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^')
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:space:\]/g, '\\s')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~')
    .replace(/\[:xdigit:\]/g, '0-9A-Fa-f');
  try {
    const re = new RegExp(source, flags);
    cache.set(expr, re);
    return new RegExp(re.source, re.flags);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    throw new FuncError(`regexp: Compile(${JSON.stringify(expr)}): error parsing regexp: ${why}`);
  }
}

/** Go's Regexp.Expand for a replacement template. */
function expand(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      if (close > 0) {
        name = template.slice(i + 2, close);
        if (!/^\w+$/.test(name)) name = undefined;
        else i = close;
      }
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        i += name.length;
      }
    }
    if (name === undefined) {
      out += c;
      continue;
    }
    if (/^\d+$/.test(name)) out += match[Number(name)] ?? '';
    else out += match.groups?.[name] ?? '';
  }
  return out;
}

function replaceAll(expr: string, s: string, repl: string, literal: boolean): string {
  const re = compileGoRegex(expr);
  let out = '';
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out += s.slice(last, m.index) + (literal ? repl : expand(repl, m));
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      // Go advances past an empty match by one character.
      if (m.index < s.length) out += s[m.index];
      last = m.index + 1;
      re.lastIndex = m.index + 1;
    }
  }
  return out + s.slice(last);
}

function findAll(expr: string, s: string, n: number): string[] {
  const re = compileGoRegex(expr);
  const out: string[] = [];
  for (let m = re.exec(s); m && (n < 0 || out.length < n); m = re.exec(s)) {
    out.push(m[0]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function split(expr: string, s: string, n: number): string[] {
  if (n === 0) return [];
  const re = compileGoRegex(expr);
  const out: string[] = [];
  let last = 0;
  for (let m = re.exec(s); m && (n < 0 || out.length < n - 1); m = re.exec(s)) {
    if (m[0].length === 0) {
      if (m.index === 0 || m.index >= s.length) {
        re.lastIndex++;
        continue;
      }
      re.lastIndex++;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** Sprig's regexMatch swallows compile errors (false); mustRegexMatch reports them. */
function matches(expr: string, s: string, must: boolean): boolean {
  try {
    return compileGoRegex(expr).test(s);
  } catch (err) {
    if (must) throw err;
    return false;
  }
}

export const regexFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['regexMatch', fn(['string', 'string'], (r, s) => matches(r as string, s as string, false))],
  ['mustRegexMatch', fn(['string', 'string'], (r, s) => matches(r as string, s as string, true))],
  ['regexFindAll', fn(['string', 'string', 'int'], (r, s, n) => sliceOf(findAll(r as string, s as string, (n as GoInt).value), 'string'))],
  ['mustRegexFindAll', fn(['string', 'string', 'int'], (r, s, n) => sliceOf(findAll(r as string, s as string, (n as GoInt).value), 'string'))],
  ['regexFind', fn(['string', 'string'], (r, s) => findAll(r as string, s as string, 1)[0] ?? '')],
  ['mustRegexFind', fn(['string', 'string'], (r, s) => findAll(r as string, s as string, 1)[0] ?? '')],
  ['regexReplaceAll', fn(['string', 'string', 'string'], (r, s, repl) => replaceAll(r as string, s as string, repl as string, false))],
  ['mustRegexReplaceAll', fn(['string', 'string', 'string'], (r, s, repl) => replaceAll(r as string, s as string, repl as string, false))],
  ['regexReplaceAllLiteral', fn(['string', 'string', 'string'], (r, s, repl) => replaceAll(r as string, s as string, repl as string, true))],
  ['mustRegexReplaceAllLiteral', fn(['string', 'string', 'string'], (r, s, repl) => replaceAll(r as string, s as string, repl as string, true))],
  ['regexSplit', fn(['string', 'string', 'int'], (r, s, n) => sliceOf(split(r as string, s as string, (n as GoInt).value), 'string'))],
  ['mustRegexSplit', fn(['string', 'string', 'int'], (r, s, n) => sliceOf(split(r as string, s as string, (n as GoInt).value), 'string'))],
  ['regexQuoteMeta', fn(['string'], (s) => quoteMeta(s as string))],
]);
