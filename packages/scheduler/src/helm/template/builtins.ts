// Go text/template's predefined functions (pkg.go.dev/text/template#hdr-Functions): and, or,
// not, len, index, slice, print, printf, println, eq, ne, lt, le, gt, ge, html, js, urlquery.

import { utf8Decode, utf8Encode } from './utf8.ts';
import { FuncError } from './errors.ts';
import { formatValue, sprint, sprintf, sprintln } from './fmt.ts';
import {
  GoInt,
  type GoFunc,
  type GoValue,
  goLen,
  isGoMap,
  isTrue,
  typeName,
  elemTypeOf,
} from './value.ts';

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'other';

function basicKind(v: GoValue): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.kind.startsWith('u') ? 'uint' : 'int';
  return 'other';
}

const BAD_COMPARISON_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

function eq(arg1: GoValue, ...rest: GoValue[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth: boolean;
    if (k1 !== k2) {
      if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint')) {
        truth = (arg1 as GoInt).value === (arg as GoInt).value;
      } else {
        if (k1 !== 'invalid' && k2 !== 'invalid') throw new FuncError(BAD_COMPARISON);
        truth = false;
      }
    } else {
      switch (k1) {
        case 'invalid':
          truth = true;
          break;
        case 'int':
        case 'uint':
          truth = (arg1 as GoInt).value === (arg as GoInt).value;
          break;
        case 'other':
          if (!comparable(arg1) || !comparable(arg)) {
            const bad = comparable(arg1) ? arg : arg1;
            throw new FuncError(`non-comparable type ${formatValue(bad)}: ${typeName(bad)}`);
          }
          truth = arg1 === arg;
          break;
        default:
          truth = arg1 === arg;
      }
    }
    if (truth) return true;
  }
  return false;
}

/** Maps and slices cannot be compared with == in Go. */
function comparable(v: GoValue): boolean {
  return !(Array.isArray(v) || isGoMap(v) || v instanceof Uint8Array);
}

function lt(arg1: GoValue, arg2: GoValue): boolean {
  const k1 = basicKind(arg1);
  if (k1 === 'invalid' || k1 === 'other') throw new FuncError(BAD_COMPARISON_TYPE);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid' || k2 === 'other') throw new FuncError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) {
    if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint')) {
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
    }
    throw new FuncError(BAD_COMPARISON);
  }
  switch (k1) {
    case 'bool':
      throw new FuncError(BAD_COMPARISON_TYPE);
    case 'int':
    case 'uint':
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
    case 'string':
      return (arg1 as string) < (arg2 as string);
    default:
      return (arg1 as number) < (arg2 as number);
  }
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, b);

function indexArg(index: GoValue, length: number, what = 'slice/array'): number {
  if (index === undefined || index === null) throw new FuncError(`cannot index ${what} with nil`);
  if (!(index instanceof GoInt)) throw new FuncError(`cannot index ${what} with type ${typeName(index)}`);
  const x = index.value;
  if (x < 0 || x > length) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  for (const idx of indexes) {
    if (item === undefined || item === null) throw new FuncError('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = utf8Encode(item);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new FuncError(`index out of range: ${x}`);
      item = new GoInt(bytes[x]!, 'uint8');
    } else if (Array.isArray(item) || item instanceof Uint8Array) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new FuncError(`index out of range: ${x}`);
      item = item instanceof Uint8Array ? new GoInt(item[x]!, 'uint8') : item[x]!;
      if (item === undefined) item = null;
    } else if (isGoMap(item)) {
      if (idx === undefined || idx === null) throw new FuncError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      const elem = elemTypeOf(item);
      item = item.has(idx) ? (item.get(idx) ?? null) : elem === 'string' ? '' : null;
    } else {
      throw new FuncError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    length = utf8Encode(item).length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) length = item.length;
  else throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, length];
  for (let i = 0; i < indexes.length; i++) {
    const x = indexArg(indexes[i], length);
    idx[i] = x;
  }
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (typeof item === 'string') {
    return utf8Decode(utf8Encode(item).slice(idx[0], idx[1]));
  }
  return item.slice(idx[0], idx[1]) as GoValue;
}

function len(item: GoValue): GoValue {
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new FuncError('len of nil pointer');
  const n = goLen(item);
  if (n === undefined) throw new FuncError(`len of type ${typeName(item)}`);
  return new GoInt(n);
}

/** The text of escaper arguments: one string as is, otherwise fmt.Sprint. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0' ? '\uFFFD' : c === '"' ? '&#34;' : c === "'" ? '&#39;' : c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;',
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      default: {
        const cp = c.codePointAt(0)!;
        if (cp < 0x20 || cp === 0x7f || !/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c)) {
          out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
        } else out += c;
      }
    }
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const byte of utf8Encode(s)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const f = (params: GoFunc['params'], fn: GoFunc['fn'], variadic = false): GoFunc => ({ params, fn, variadic });

/** The built-in functions, by name. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', f(['raw', 'raw'], (...args) => args[args.length - 1], true)],
  ['or', f(['raw', 'raw'], (...args) => args[args.length - 1], true)],
  ['not', f(['raw'], (v) => !isTrue(v))],
  ['len', f(['raw'], len)],
  ['index', f(['raw', 'raw'], index, true)],
  ['slice', f(['raw', 'raw'], slice, true)],
  ['print', f(['any'], (...args) => sprint(args), true)],
  ['printf', f(['string', 'any'], (format, ...args) => sprintf(format as string, args), true)],
  ['println', f(['any'], (...args) => sprintln(args), true)],
  ['eq', f(['raw', 'raw'], eq, true)],
  ['ne', f(['raw', 'raw'], (a, b) => !eq(a, b))],
  ['lt', f(['raw', 'raw'], lt)],
  ['le', f(['raw', 'raw'], le)],
  ['gt', f(['raw', 'raw'], (a, b) => !le(a, b))],
  ['ge', f(['raw', 'raw'], (a, b) => !lt(a, b))],
  ['html', f(['any'], (...args) => htmlEscape(evalArgs(args)), true)],
  ['js', f(['any'], (...args) => jsEscape(evalArgs(args)), true)],
  ['urlquery', f(['any'], (...args) => queryEscape(evalArgs(args)), true)],
]);

