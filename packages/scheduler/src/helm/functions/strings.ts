// Sprig's string functions (masterminds.github.io/sprig/strings.html), with Go's semantics: byte
// lengths, rune-wise truncation, strings.Title, and the argument order Sprig uses for pipelines
// (the string comes last: `trimSuffix "-" .Name`).

import { FuncError } from '../template/errors.ts';
import { quote as goQuote, sprint } from '../template/fmt.ts';
import { GoInt, type GoFunc, type GoValue, mapOf, sliceOf, compareStrings } from '../template/value.ts';
import { fn, strval } from './convert.ts';

/** strings.TrimSpace (Unicode white space). */
const trimSpace = (s: string): string => s.replace(/^\s+|\s+$/gu, '');

function trimCutset(s: string, cutset: string): string {
  const set = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && set.has(chars[start]!)) start++;
  while (end > start && set.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** strings.Title: the first letter of each word in title case. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  if (/[A-Za-z0-9_]/.test(c)) return false;
  if (/[\p{L}\p{N}]/u.test(c)) return false;
  return /\s/u.test(c) || /[\x00-\x7f]/.test(c);
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += /\s/u.test(prev) ? c.toLowerCase() : c;
    prev = c;
  }
  return out;
}

/** Sprig's trunc: the first c runes (c >= 0) or the last -c runes (c < 0). */
function trunc(c: number, s: string): string {
  const chars = [...s];
  if (c < 0 && chars.length + c > 0) return chars.slice(chars.length + c).join('');
  if (c >= 0 && chars.length > c) return chars.slice(0, c).join('');
  return s;
}

function substr(start: number, end: number, s: string): string {
  // Sprig slices bytes; charts use it on ASCII.
  if (start < 0) return s.slice(0, end);
  if (end < 0 || end > s.length) return s.slice(start);
  if (start > end) return '';
  return s.slice(start, end);
}

function abbrev(width: number, s: string): string {
  if (width < 4 || s.length <= width) return s;
  return s.slice(0, width - 3) + '...';
}

function abbrevboth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  if (s.length <= right) return s;
  let offset = left;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < right - 3) offset = s.length - (right - 3);
  if (offset <= 4) return abbrev(right, s);
  if (right < 7) return s;
  if (offset + right - 3 < s.length) return '...' + abbrev(right - 3, s.slice(offset));
  return '...' + s.slice(s.length - (right - 3));
}

function initials(s: string): string {
  return s
    .split(/\s+/u)
    .filter((w) => w.length > 0)
    .map((w) => [...w][0])
    .join('');
}

/** goutils WrapCustom: break lines longer than `width` at spaces. */
function wrapWith(width: number, sep: string, s: string): string {
  if (width < 1) width = 1;
  return s
    .split('\n')
    .map((line) => {
      const words = line.split(' ');
      const out: string[] = [];
      let current = '';
      for (const w of words) {
        if (current === '') current = w;
        else if (current.length + 1 + w.length <= width) current += ' ' + w;
        else {
          out.push(current);
          current = w;
        }
      }
      out.push(current);
      return out.join(sep);
    })
    .join('\n');
}

function indent(spaces: number, v: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + v.replace(/\n/g, '\n' + pad);
}

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

const snakecase = (s: string): string => words(s).map((w) => w.toLowerCase()).join('_');
const kebabcase = (s: string): string => words(s).map((w) => w.toLowerCase()).join('-');
const camelcase = (s: string): string =>
  s
    .split('_')
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function swapcase(s: string): string {
  let out = '';
  for (const c of s) out += c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return out;
}

/** Sprig's split: a map with keys _0, _1, ... */
function split(sep: string, orig: string): GoValue {
  const parts = goSplit(orig, sep);
  return mapOf(new Map(parts.map((p, i) => [`_${i}`, p])), 'string');
}

function splitn(sep: string, n: number, orig: string): GoValue {
  const parts = goSplitN(orig, sep, n);
  return mapOf(new Map(parts.map((p, i) => [`_${i}`, p])), 'string');
}

/** strings.Split: an empty separator splits into runes. */
function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (n < 0) return goSplit(s, sep);
  if (sep === '') {
    const chars = [...s];
    return n >= chars.length ? chars : [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts: string[] = [];
  let rest = s;
  while (parts.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  parts.push(rest);
  return parts;
}

/** Sprig's join: any list, each element through strval (nil elements skipped). */
function join(sep: string, v: GoValue): string {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : v === null || v === undefined ? [] : [v];
  return list
    .filter((x) => x !== null && x !== undefined)
    .map(strval)
    .join(sep);
}

/** Sprig's toStrings / strslice. */
function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function sortAlpha(list: GoValue): GoValue {
  const items = Array.isArray(list) ? strslice(list) : [strval(list)];
  return sliceOf(items.sort(compareStrings), 'string');
}

function plural(one: string, many: string, count: number): string {
  return count === 1 ? one : many;
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  if (s.length * count > 1 << 28) throw new FuncError('strings: Repeat output length overflow');
  return s.repeat(count);
}

export const stringFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['trim', fn(['string'], (s) => trimSpace(s as string))],
  ['trimAll', fn(['string', 'string'], (cut, s) => trimCutset(s as string, cut as string))],
  ['trimall', fn(['string', 'string'], (cut, s) => trimCutset(s as string, cut as string))],
  ['trimSuffix', fn(['string', 'string'], (suf, s) => ((s as string).endsWith(suf as string) && (suf as string).length > 0 ? (s as string).slice(0, -(suf as string).length) : (s as string)))],
  ['trimPrefix', fn(['string', 'string'], (pre, s) => ((s as string).startsWith(pre as string) ? (s as string).slice((pre as string).length) : (s as string)))],
  ['upper', fn(['string'], (s) => (s as string).toUpperCase())],
  ['lower', fn(['string'], (s) => (s as string).toLowerCase())],
  ['title', fn(['string'], (s) => title(s as string))],
  ['untitle', fn(['string'], (s) => untitle(s as string))],
  ['substr', fn(['int', 'int', 'string'], (a, b, s) => substr((a as GoInt).value, (b as GoInt).value, s as string))],
  ['repeat', fn(['int', 'string'], (c, s) => repeat((c as GoInt).value, s as string))],
  ['nospace', fn(['string'], (s) => (s as string).replace(/\s/gu, ''))],
  ['trunc', fn(['int', 'string'], (c, s) => trunc((c as GoInt).value, s as string))],
  ['abbrev', fn(['int', 'string'], (w, s) => abbrev((w as GoInt).value, s as string))],
  ['abbrevboth', fn(['int', 'int', 'string'], (l, r, s) => abbrevboth((l as GoInt).value, (r as GoInt).value, s as string))],
  ['initials', fn(['string'], (s) => initials(s as string))],
  ['wrap', fn(['int', 'string'], (w, s) => wrapWith((w as GoInt).value, '\n', s as string))],
  ['wrapWith', fn(['int', 'string', 'string'], (w, sep, s) => wrapWith((w as GoInt).value, sep as string, s as string))],
  ['contains', fn(['string', 'string'], (sub, s) => (s as string).includes(sub as string))],
  ['hasPrefix', fn(['string', 'string'], (p, s) => (s as string).startsWith(p as string))],
  ['hasSuffix', fn(['string', 'string'], (p, s) => (s as string).endsWith(p as string))],
  ['quote', fn(['any'], (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' '), true)],
  ['squote', fn(['any'], (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${strval(a)}'`).join(' '), true)],
  ['cat', fn(['any'], (...args) => args.filter((a) => a !== null && a !== undefined).map((a) => sprint([a])).join(' '), true)],
  ['indent', fn(['int', 'string'], (n, s) => indent((n as GoInt).value, s as string))],
  ['nindent', fn(['int', 'string'], (n, s) => '\n' + indent((n as GoInt).value, s as string))],
  ['replace', fn(['string', 'string', 'string'], (o, n, s) => replaceAll(s as string, o as string, n as string))],
  ['plural', fn(['string', 'string', 'int'], (one, many, c) => plural(one as string, many as string, (c as GoInt).value))],
  ['snakecase', fn(['string'], (s) => snakecase(s as string))],
  ['camelcase', fn(['string'], (s) => camelcase(s as string))],
  ['kebabcase', fn(['string'], (s) => kebabcase(s as string))],
  ['swapcase', fn(['string'], (s) => swapcase(s as string))],
  ['toString', fn(['any'], (v) => strval(v))],
  ['toStrings', fn(['any'], (v) => sliceOf(strslice(v), 'string'))],
  ['split', fn(['string', 'string'], (sep, s) => split(sep as string, s as string))],
  ['splitList', fn(['string', 'string'], (sep, s) => sliceOf(goSplit(s as string, sep as string), 'string'))],
  ['splitn', fn(['string', 'int', 'string'], (sep, n, s) => splitn(sep as string, (n as GoInt).value, s as string))],
  ['join', fn(['string', 'any'], (sep, v) => join(sep as string, v))],
  ['sortAlpha', fn(['any'], (v) => sortAlpha(v))],
  ['atoi', fn(['string'], (s) => new GoInt(/^[+-]?\d+$/.test(s as string) ? parseInt(s as string, 10) : 0))],
]);

/** strings.Replace(s, old, new, -1): an empty `old` inserts between runes. */
function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return replacement + [...s].join(replacement) + (s.length > 0 ? replacement : '');
  return s.split(old).join(replacement);
}
