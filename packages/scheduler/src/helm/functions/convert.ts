// Conversions Sprig applies to interface{} arguments (its strval, cast.ToInt64, cast.ToFloat64,
// reflect-based list handling, mergo's "empty") and the helper to declare a function's Go
// signature.

import { FuncError } from '../template/errors.ts';
import { formatValue } from '../template/fmt.ts';
import {
  GoInt,
  GoStruct,
  type GoFunc,
  type GoMap,
  type GoValue,
  isGoMap,
  kindOf,
  type ParamType,
} from '../template/value.ts';
import { utf8Decode } from '../template/utf8.ts';

/** Declares a template function: its Go parameter types and its body. */
export function fn(params: readonly ParamType[], body: GoFunc['fn'], variadic = false): GoFunc {
  return { params, fn: body, variadic };
}

/** Sprig's strval: strings as they are, []byte decoded, Stringers stringified, else %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8Decode(v);
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  if (v === null || v === undefined) return '<nil>';
  return formatValue(v);
}

/** strconv.ParseInt(s, 0, 64) after cast's trimming of a ".0" tail; undefined when invalid. */
function parseIntBase0(s: string): number | undefined {
  let t = s;
  // cast trims a zero decimal part: "1.0" and "1." read as 1.
  const m = /^([+-]?\d+)\.0*$/.exec(t);
  if (m) t = m[1]!;
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  let n: number;
  if (/^0[xX][0-9a-fA-F_]+$/.test(body)) n = parseInt(body.slice(2).replace(/_/g, ''), 16);
  else if (/^0[bB][01_]+$/.test(body)) n = parseInt(body.slice(2).replace(/_/g, ''), 2);
  else if (/^0[oO]?[0-7_]+$/.test(body)) n = parseInt(body.replace(/^0[oO]?/, '').replace(/_/g, '') || '0', 8);
  else if (/^[0-9]+$/.test(body)) n = parseInt(body, 10);
  else return undefined;
  return sign * n;
}

/** cast.ToInt64: numbers truncated, strings parsed (base prefixes allowed), else 0. */
export function toInt64(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseIntBase0(v) ?? 0;
  return 0;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || /^[+-]?(inf|infinity|nan)$/i.test(t)) {
      const lower = t.toLowerCase();
      if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
      if (lower.includes('nan')) return NaN;
      return Number(t);
    }
    return 0;
  }
  return 0;
}

/** The elements of a slice or array argument, or undefined when it is neither. */
function listElements(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return [...v].map((b) => new GoInt(b, 'uint8'));
  return undefined;
}

/** Sprig's panic text for a list function given something else: "Cannot find first on type map". */
export function listOrThrow(v: GoValue, what: string): GoValue[] {
  const list = listElements(v);
  if (list) return list;
  if (v === null || v === undefined) {
    // reflect.TypeOf(nil).Kind() panics in Sprig.
    throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
  }
  throw new FuncError(`Cannot ${what} on type ${kindOf(v)}`);
}

/** Sprig's empty(): the zero value of its type (structs never are). */
export function isEmpty(v: GoValue): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
  }
  if (v instanceof GoInt) return v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return v.size === 0;
  return false;
}

/** copystructure.Copy for JSON-like values (structs are shared, as they are immutable here). */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isGoMap(v)) {
    const out: GoMap = new Map();
    for (const [k, val] of v) out.set(k, deepCopy(val));
    return out;
  }
  if (v instanceof Uint8Array) return v.slice();
  return v;
}

/** A Go map argument that may be nil (nil map reads as empty). */
export function mapArg(v: GoValue): GoMap {
  return isGoMap(v) ? v : new Map();
}

export const int64 = (n: number): GoInt => new GoInt(Math.trunc(n), 'int64');
export const int = (n: number): GoInt => new GoInt(Math.trunc(n), 'int');
