// Sprig's list and dict functions (masterminds.github.io/sprig/lists.html, dicts.html). Lists
// come back as []interface{}; maps are map[string]interface{} and set/unset change them in place,
// as in Go.

import { FuncError } from '../template/errors.ts';
import {
  GoInt,
  GoStruct,
  type GoFunc,
  type GoMap,
  type GoValue,
  isGoMap,
  kindOf,
  sliceOf,
  sortedKeys,
} from '../template/value.ts';
import { deepCopy, fn, int, isEmpty, listOrThrow, mapArg, strval, toInt64 } from './convert.ts';

/** reflect.DeepEqual on template values: same dynamic type and same contents. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof GoInt || b instanceof GoInt) return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isGoMap(a)) {
    if (!isGoMap(b) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof GoStruct) return false;
  return false;
}

function first(list: GoValue): GoValue {
  const l = listOrThrow(list, 'find first');
  return l.length === 0 ? null : l[0]!;
}
function rest(list: GoValue): GoValue {
  const l = listOrThrow(list, 'find rest');
  return l.length === 0 ? null : l.slice(1);
}
function last(list: GoValue): GoValue {
  const l = listOrThrow(list, 'find last');
  return l.length === 0 ? null : l[l.length - 1]!;
}
function initial(list: GoValue): GoValue {
  const l = listOrThrow(list, 'find initial');
  return l.length === 0 ? null : l.slice(0, -1);
}

function uniq(list: GoValue): GoValue {
  const out: GoValue[] = [];
  for (const item of listOrThrow(list, 'find uniq')) if (!out.some((o) => deepEqual(o, item))) out.push(item);
  return out;
}

function without(list: GoValue, ...omit: GoValue[]): GoValue {
  return listOrThrow(list, 'find without').filter((item) => !omit.some((o) => deepEqual(o, item)));
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null || haystack === undefined) return false;
  return listOrThrow(haystack, 'find has').some((item) => deepEqual(needle, item));
}

function compact(list: GoValue): GoValue {
  return listOrThrow(list, 'compact').filter((item) => !isEmpty(item));
}

function concat(...lists: GoValue[]): GoValue {
  const out: GoValue[] = [];
  for (const list of lists) {
    if (!Array.isArray(list) && !(list instanceof Uint8Array)) {
      if (list === null || list === undefined) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
      throw new FuncError(`Cannot concat type ${kindOf(list)} as list`);
    }
    out.push(...listOrThrow(list, 'concat'));
  }
  return out;
}

function sliceList(list: GoValue, ...indices: GoValue[]): GoValue {
  if (!Array.isArray(list) && !(list instanceof Uint8Array)) {
    throw new FuncError(`list should be type of slice or array but ${list === null || list === undefined ? 'invalid' : kindOf(list)}`);
  }
  const l = listOrThrow(list, 'slice');
  if (l.length === 0) return null;
  const start = indices.length > 0 ? toInt64(indices[0]!) : 0;
  const end = indices.length > 1 ? toInt64(indices[1]!) : l.length;
  if (start < 0 || end > l.length || start > end) throw new FuncError(`runtime error: slice bounds out of range [${start}:${end}]`);
  return l.slice(start, end);
}

function untilStep(start: number, stop: number, step: number): GoValue {
  const out: GoValue[] = [];
  if (step === 0) return sliceOf(out, 'int');
  if (stop < start) {
    if (step >= 0) return sliceOf(out, 'int');
    for (let i = start; i > stop; i += step) out.push(int(i));
  } else {
    if (step <= 0) return sliceOf(out, 'int');
    for (let i = start; i < stop; i += step) out.push(int(i));
  }
  return sliceOf(out, 'int');
}

/** Sprig's seq: like the seq command (1-based, inclusive), space separated. */
function seq(...params: GoValue[]): string {
  const n = params.map((p) => (p as GoInt).value);
  let start = 1;
  let end = 0;
  let step = 1;
  if (n.length === 1) end = n[0]!;
  else if (n.length === 2) [start, end] = [n[0]!, n[1]!];
  else if (n.length === 3) [start, step, end] = [n[0]!, n[1]!, n[2]!];
  else return '';
  if (end < start && n.length < 3) step = -1;
  const out: number[] = [];
  if (step > 0) for (let i = start; i <= end; i += step) out.push(i);
  else if (step < 0) for (let i = start; i >= end; i += step) out.push(i);
  return out.join(' ');
}

function chunk(size: number, list: GoValue): GoValue {
  const l = listOrThrow(list, 'chunk');
  const out: GoValue[] = [];
  if (size <= 0) throw new FuncError('runtime error: integer divide by zero');
  for (let i = 0; i < l.length; i += size) out.push(l.slice(i, i + size));
  return out;
}

function dict(...v: GoValue[]): GoMap {
  const out: GoMap = new Map();
  for (let i = 0; i < v.length; i += 2) out.set(strval(v[i]!), i + 1 < v.length ? v[i + 1]! : '');
  return out;
}

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  const d = ps[ps.length - 1];
  if (!isGoMap(d)) throw new FuncError(`interface conversion: interface {} is ${kindOf(d) === 'invalid' ? 'nil' : kindOf(d)}, not map[string]interface {}`);
  const def = ps[ps.length - 2]!;
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new FuncError(`interface conversion: interface {} is ${kindOf(k)}, not string`);
    return k;
  });
  let current: GoMap = d;
  for (let i = 0; i < keys.length; i++) {
    if (!current.has(keys[i]!)) return def;
    const step = current.get(keys[i]!)!;
    if (i === keys.length - 1) return step;
    if (!isGoMap(step)) throw new FuncError(`interface conversion: interface {} is ${kindOf(step)}, not map[string]interface {}`);
    current = step;
  }
  return def;
}

/**
 * mergo.Merge as Sprig's merge uses it: for each key of each source, maps merge recursively;
 * otherwise the source value fills a missing or empty destination value (or always, with
 * `overwrite`, as in mergeOverwrite).
 */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [key, srcValue] of src) {
    const dstValue = dst.get(key);
    if (srcValue === null || srcValue === undefined) {
      if (overwrite) dst.set(key, null);
      continue;
    }
    if (isGoMap(srcValue) && isGoMap(dstValue)) {
      mergeInto(dstValue, srcValue, overwrite);
      continue;
    }
    if (overwrite || !dst.has(key) || isEmpty(dstValue)) dst.set(key, srcValue);
  }
}

function merge(overwrite: boolean) {
  return (dst: GoValue, ...srcs: GoValue[]): GoValue => {
    const target = isGoMap(dst) ? dst : new Map<string, GoValue>();
    for (const src of srcs) if (isGoMap(src)) mergeInto(target, src, overwrite);
    return target;
  };
}

function pick(d: GoValue, ...keys: GoValue[]): GoValue {
  const m = mapArg(d);
  const out: GoMap = new Map();
  for (const k of keys) if (m.has(k as string)) out.set(k as string, m.get(k as string)!);
  return out;
}

function omit(d: GoValue, ...keys: GoValue[]): GoValue {
  const m = mapArg(d);
  const drop = new Set(keys as string[]);
  const out: GoMap = new Map();
  for (const [k, v] of m) if (!drop.has(k)) out.set(k, v);
  return out;
}

function setKey(d: GoValue, key: GoValue, value: GoValue): GoValue {
  if (!isGoMap(d)) throw new FuncError('assignment to entry in nil map');
  d.set(key as string, value);
  return d;
}

export const collectionFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['list', fn(['any'], (...v) => v, true)],
  ['tuple', fn(['any'], (...v) => v, true)],
  ['first', fn(['any'], first)],
  ['mustFirst', fn(['any'], first)],
  ['rest', fn(['any'], rest)],
  ['mustRest', fn(['any'], rest)],
  ['last', fn(['any'], last)],
  ['mustLast', fn(['any'], last)],
  ['initial', fn(['any'], initial)],
  ['mustInitial', fn(['any'], initial)],
  ['append', fn(['any', 'any'], (l, v) => [...listOrThrow(l, 'push'), v])],
  ['push', fn(['any', 'any'], (l, v) => [...listOrThrow(l, 'push'), v])],
  ['mustAppend', fn(['any', 'any'], (l, v) => [...listOrThrow(l, 'push'), v])],
  ['mustPush', fn(['any', 'any'], (l, v) => [...listOrThrow(l, 'push'), v])],
  ['prepend', fn(['any', 'any'], (l, v) => [v, ...listOrThrow(l, 'prepend')])],
  ['mustPrepend', fn(['any', 'any'], (l, v) => [v, ...listOrThrow(l, 'prepend')])],
  ['concat', fn(['any'], concat, true)],
  ['reverse', fn(['any'], (l) => [...listOrThrow(l, 'find reverse')].reverse())],
  ['mustReverse', fn(['any'], (l) => [...listOrThrow(l, 'find reverse')].reverse())],
  ['uniq', fn(['any'], uniq)],
  ['mustUniq', fn(['any'], uniq)],
  ['without', fn(['any', 'any'], without, true)],
  ['mustWithout', fn(['any', 'any'], without, true)],
  ['has', fn(['any', 'any'], has)],
  ['mustHas', fn(['any', 'any'], has)],
  ['compact', fn(['any'], compact)],
  ['mustCompact', fn(['any'], compact)],
  ['slice', fn(['any', 'any'], sliceList, true)],
  ['mustSlice', fn(['any', 'any'], sliceList, true)],
  ['until', fn(['int'], (c) => untilStep(0, (c as GoInt).value, (c as GoInt).value < 0 ? -1 : 1))],
  ['untilStep', fn(['int', 'int', 'int'], (a, b, c) => untilStep((a as GoInt).value, (b as GoInt).value, (c as GoInt).value))],
  ['seq', fn(['int'], seq, true)],
  ['chunk', fn(['int', 'any'], (s, l) => chunk((s as GoInt).value, l))],
  ['dict', fn(['any'], dict, true)],
  ['get', fn(['map', 'string'], (d, k) => (mapArg(d).has(k as string) ? mapArg(d).get(k as string)! : ''))],
  ['set', fn(['map', 'string', 'any'], setKey)],
  ['unset', fn(['map', 'string'], (d, k) => (isGoMap(d) && d.delete(k as string), d))],
  ['hasKey', fn(['map', 'string'], (d, k) => mapArg(d).has(k as string))],
  ['pluck', fn(['string', 'map'], (k, ...ds) => ds.filter((d) => mapArg(d).has(k as string)).map((d) => mapArg(d).get(k as string)!), true)],
  ['keys', fn(['map'], (...ds) => sliceOf(ds.flatMap((d) => sortedKeys(mapArg(d))), 'string'), true)],
  ['values', fn(['map'], (d) => sortedKeys(mapArg(d)).map((k) => mapArg(d).get(k)!))],
  ['pick', fn(['map', 'string'], pick, true)],
  ['omit', fn(['map', 'string'], omit, true)],
  ['merge', fn(['map', 'map'], merge(false), true)],
  ['mustMerge', fn(['map', 'map'], merge(false), true)],
  ['mergeOverwrite', fn(['map', 'map'], merge(true), true)],
  ['mustMergeOverwrite', fn(['map', 'map'], merge(true), true)],
  ['deepCopy', fn(['any'], deepCopy)],
  ['mustDeepCopy', fn(['any'], (v) => {
    if (v === null || v === undefined) throw new FuncError('copy: Copy of nil');
    return deepCopy(v);
  })],
  ['dig', fn(['any'], dig, true)],
]);
