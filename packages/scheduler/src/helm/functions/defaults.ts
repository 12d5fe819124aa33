// Sprig's default functions and reflection helpers: default, empty, coalesce, all, any,
// ternary, typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual.

import { dynamicTypeName, type GoFunc, kindOf } from '../template/value.ts';
import { deepEqual } from './collections.ts';
import { fn, isEmpty } from './convert.ts';

export const defaultFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['default', fn(['any', 'any'], (d, ...given) => (given.length === 0 || isEmpty(given[0]!) ? d : given[0]!), true)],
  ['empty', fn(['any'], (v) => isEmpty(v))],
  ['coalesce', fn(['any'], (...v) => v.find((x) => !isEmpty(x)) ?? null, true)],
  ['all', fn(['any'], (...v) => v.every((x) => !isEmpty(x)), true)],
  ['any', fn(['any'], (...v) => v.some((x) => !isEmpty(x)), true)],
  ['ternary', fn(['any', 'any', 'bool'], (vt, vf, v) => (v ? vt : vf))],
  ['typeOf', fn(['any'], (v) => dynamicTypeName(v))],
  ['typeIs', fn(['string', 'any'], (t, v) => t === dynamicTypeName(v))],
  ['typeIsLike', fn(['string', 'any'], (t, v) => t === dynamicTypeName(v) || '*' + (t as string) === dynamicTypeName(v))],
  ['kindOf', fn(['any'], (v) => kindOf(v))],
  ['kindIs', fn(['string', 'any'], (t, v) => t === kindOf(v))],
  ['deepEqual', fn(['any', 'any'], (a, b) => deepEqual(a, b))],
]);
