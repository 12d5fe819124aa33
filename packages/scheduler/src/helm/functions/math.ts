// Sprig's arithmetic (masterminds.github.io/sprig/math.html, mathf.html): the integer functions
// convert with cast.ToInt64 and return int64; the float ones return float64.

import { FuncError } from '../template/errors.ts';
import { GoInt, type GoFunc, type GoValue } from '../template/value.ts';
import { fn, int, int64, strval, toFloat64, toInt64 } from './convert.ts';

/** Go's int64 wraps around; JS numbers stay exact only to 2^53, so wrap through BigInt. */
const wrap = (n: number): GoInt => int64(Number(BigInt.asIntN(64, BigInt(Math.trunc(n)))));

function divide(a: GoValue, b: GoValue): GoInt {
  const d = toInt64(b);
  if (d === 0) throw new FuncError('runtime error: integer divide by zero');
  return wrap(Math.trunc(toInt64(a) / d));
}

function modulo(a: GoValue, b: GoValue): GoInt {
  const d = toInt64(b);
  if (d === 0) throw new FuncError('runtime error: integer divide by zero');
  return wrap(toInt64(a) % d);
}

function round(a: GoValue, p: GoValue, ...opt: GoValue[]): number {
  const roundOn = opt.length > 0 ? toFloat64(opt[0]!) : 0.5;
  const places = (p as GoInt).value;
  const val = toFloat64(a);
  const pow = Math.pow(10, places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const rounded = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return rounded / pow;
}

export const mathFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['add1', fn(['any'], (a) => wrap(toInt64(a) + 1))],
  ['add', fn(['any'], (...v) => wrap(v.reduce<number>((s, x) => s + toInt64(x), 0)), true)],
  ['sub', fn(['any', 'any'], (a, b) => wrap(toInt64(a) - toInt64(b)))],
  ['div', fn(['any', 'any'], divide)],
  ['mod', fn(['any', 'any'], modulo)],
  ['mul', fn(['any', 'any'], (a, ...v) => wrap(v.reduce<number>((s, x) => s * toInt64(x), toInt64(a))), true)],
  ['max', fn(['any', 'any'], (a, ...v) => int64(Math.max(toInt64(a), ...v.map(toInt64))), true)],
  ['biggest', fn(['any', 'any'], (a, ...v) => int64(Math.max(toInt64(a), ...v.map(toInt64))), true)],
  ['min', fn(['any', 'any'], (a, ...v) => int64(Math.min(toInt64(a), ...v.map(toInt64))), true)],
  ['add1f', fn(['any'], (a) => toFloat64(a) + 1)],
  ['addf', fn(['any'], (...v) => v.reduce<number>((s, x) => s + toFloat64(x), 0), true)],
  ['subf', fn(['any', 'any'], (a, ...v) => v.reduce<number>((s, x) => s - toFloat64(x), toFloat64(a)), true)],
  ['mulf', fn(['any', 'any'], (a, ...v) => v.reduce<number>((s, x) => s * toFloat64(x), toFloat64(a)), true)],
  ['divf', fn(['any', 'any'], (a, ...v) => v.reduce<number>((s, x) => s / toFloat64(x), toFloat64(a)), true)],
  ['maxf', fn(['any', 'any'], (a, ...v) => Math.max(toFloat64(a), ...v.map(toFloat64)), true)],
  ['minf', fn(['any', 'any'], (a, ...v) => Math.min(toFloat64(a), ...v.map(toFloat64)), true)],
  ['floor', fn(['any'], (a) => Math.floor(toFloat64(a)))],
  ['ceil', fn(['any'], (a) => Math.ceil(toFloat64(a)))],
  ['round', fn(['any', 'int', 'any'], round, true)],
  ['int64', fn(['any'], (v) => int64(toInt64(v)))],
  ['int', fn(['any'], (v) => int(toInt64(v)))],
  ['float64', fn(['any'], (v) => toFloat64(v))],
  ['toDecimal', fn(['any'], (v) => int64(/^[+-]?[0-7]+$/.test(strval(v)) ? parseInt(strval(v), 8) : 0))],
]);

