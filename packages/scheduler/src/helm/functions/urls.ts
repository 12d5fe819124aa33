// Sprig's urlParse and urlJoin (net/url), and the path functions (path.Base, Dir, Clean, Ext,
// IsAbs, and their os* twins, which are the same on the simulated Linux machines).

import type { GoFunc, GoMap, GoValue } from '../template/value.ts';
import { fn, mapArg, strval } from './convert.ts';

const URL_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function urlParse(text: string): GoMap {
  const m = URL_RE.exec(text) ?? [];
  const host = m[3] ?? '';
  return new Map<string, GoValue>([
    ['scheme', m[1] ?? ''],
    ['host', host],
    ['hostname', host.replace(/:\d*$/, '').replace(/^\[|\]$/g, '')],
    ['path', decodeSafe(m[4] ?? '')],
    ['query', m[5] ?? ''],
    ['opaque', ''],
    ['fragment', m[6] ?? ''],
    ['userinfo', m[2] ?? ''],
  ]);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function urlJoin(d: GoValue): string {
  const m = mapArg(d);
  const get = (k: string): string => (m.has(k) ? strval(m.get(k)!) : '');
  let out = '';
  if (get('scheme')) out += get('scheme') + ':';
  if (get('host') || get('userinfo')) out += '//' + (get('userinfo') ? get('userinfo') + '@' : '') + get('host');
  out += encodeURI(get('path'));
  if (get('query')) out += '?' + get('query');
  if (get('fragment')) out += '#' + get('fragment');
  return out;
}

function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? '/' + joined : joined || '.';
}

function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(i < 0 ? '' : p.slice(0, i + 1));
}

const pathExt = (p: string): string => /\.[^./]*$/.exec(p)?.[0] ?? '';

const PATH_FUNCS: readonly [string, (p: string) => GoValue][] = [
  ['base', pathBase],
  ['dir', pathDir],
  ['clean', pathClean],
  ['ext', pathExt],
  ['isAbs', (p) => p.startsWith('/')],
];

export const urlFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['urlParse', fn(['string'], (s) => urlParse(s as string))],
  ['urlJoin', fn(['map'], urlJoin)],
  ...PATH_FUNCS.map(([name, f]) => [name, fn(['string'], (s) => f(s as string))] as [string, GoFunc]),
  ...PATH_FUNCS.map(([name, f]) => [`os${name[0]!.toUpperCase()}${name.slice(1)}`, fn(['string'], (s) => f(s as string))] as [string, GoFunc]),
]);
