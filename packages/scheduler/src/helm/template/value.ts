// The values a Go template works on, modelled in JavaScript.
//
// Go's text/template runs on reflect.Values; helm feeds it maps of interface{} decoded from YAML
// and JSON plus a few structs. What matters for output is the dynamic Go type of each value:
//
//   JS string            string
//   JS boolean           bool
//   JS number            float64  (every number helm decodes from values.yaml or JSON)
//   GoInt                int, int64, ... (template literals, len, --set numbers, sprig maths)
//   JS array             []interface {}  (or a typed slice, see sliceOf)
//   JS Map               map[string]interface {}  (or a typed map, see mapOf)
//   Uint8Array           []uint8
//   GoStruct             a struct or pointer to struct with exported fields and methods
//   null                 a nil interface{}: what a map lookup of a missing or null key gives
//   undefined            an invalid reflect.Value: what a pipeline that produced nil gives
//
// Go tells null from undefined in its error texts ("wrong type for value; expected string; got
// interface {}" versus "invalid value; expected string"), so the executor keeps them apart.

import { utf8Encode } from './utf8.ts';

export type GoValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | GoInt
  | GoValue[]
  | GoMap
  | GoStruct
  | Uint8Array;

export type GoMap = Map<string, GoValue>;

/** A Go integer; `kind` is its Go type. Values are exact up to 2^53. */
export class GoInt {
  constructor(
    readonly value: number,
    readonly kind: IntKind = 'int',
  ) {}
}

export type IntKind = 'int' | 'int64' | 'int32' | 'uint8' | 'uint64' | 'uint' | 'uint32';

/** A method or function callable from a template, with the Go parameter types it declares. */
export interface GoFunc {
  readonly params: readonly ParamType[];
  /** The last parameter repeats (`...T`). */
  readonly variadic?: boolean;
  readonly fn: (...args: GoValue[]) => GoValue;
}

/**
 * How the executor converts an argument: `any` is interface{} (nil arrives as null), `raw` hands
 * over the value untouched (undefined included) for built-ins that look at reflect.Values.
 */
export type ParamType = 'any' | 'raw' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'list';

/** A Go struct value (or pointer to struct, when typeName starts with `*`). */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly methods: Readonly<Record<string, GoFunc>> = {},
    /** Set when the Go type implements fmt.Stringer. */
    readonly stringer?: () => string,
    /** What encoding/json makes of it (its json tags); a struct without one encodes as {}. */
    readonly json?: () => GoValue,
  ) {}
}

// Typed slices and maps print like []interface{} and map[string]interface{} but have other type
// names (typeOf, %T, error texts) and may carry methods (helm's .Files, .Capabilities.APIVersions).
const ELEM_TYPE = Symbol('goElemType');
const METHODS = Symbol('goMethods');
const TYPE_NAME = Symbol('goTypeName');

type Tagged = { [ELEM_TYPE]?: string; [METHODS]?: Record<string, GoFunc>; [TYPE_NAME]?: string };

/** Marks `list` as a Go slice of `elem` (e.g. `string` for []string); returns it. */
export function sliceOf<T extends GoValue[]>(list: T, elem: string, typeName?: string, methods?: Record<string, GoFunc>): T {
  const tagged = list as T & Tagged;
  tagged[ELEM_TYPE] = elem;
  if (typeName) tagged[TYPE_NAME] = typeName;
  if (methods) tagged[METHODS] = methods;
  return list;
}

/** Marks `map` as a Go map with values of type `elem`; returns it. */
export function mapOf(map: GoMap, elem: string, typeName?: string, methods?: Record<string, GoFunc>): GoMap {
  const tagged = map as GoMap & Tagged;
  tagged[ELEM_TYPE] = elem;
  if (typeName) tagged[TYPE_NAME] = typeName;
  if (methods) tagged[METHODS] = methods;
  return map;
}

export function methodsOf(value: GoValue): Record<string, GoFunc> | undefined {
  if (value instanceof GoStruct) return value.methods;
  if (Array.isArray(value) || value instanceof Map) return (value as Tagged)[METHODS];
  return undefined;
}

export function elemTypeOf(value: GoValue[] | GoMap): string {
  return (value as Tagged)[ELEM_TYPE] ?? 'interface {}';
}

export function isGoMap(value: GoValue): value is GoMap {
  return value instanceof Map;
}

/** Go's reflect.Kind name, as sprig's kindOf prints it. */
export function kindOf(value: GoValue): string {
  if (value === undefined || value === null) return 'invalid';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
  }
  if (value instanceof GoInt) return value.kind;
  if (Array.isArray(value) || value instanceof Uint8Array) return 'slice';
  if (value instanceof Map) return 'map';
  return value.typeName.startsWith('*') ? 'ptr' : 'struct';
}

/** The Go type's name as reflect and %T print it. */
export function typeName(value: GoValue): string {
  if (value === undefined) return '<nil>';
  if (value === null) return 'interface {}';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
  }
  if (value instanceof GoInt) return value.kind;
  if (value instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(value)) return (value as Tagged)[TYPE_NAME] ?? `[]${elemTypeOf(value)}`;
  if (value instanceof Map) return (value as Tagged)[TYPE_NAME] ?? `map[string]${elemTypeOf(value)}`;
  return value.typeName;
}

/** The dynamic type name of a value held in an interface (`<nil>` for nil), as %T prints it. */
export function dynamicTypeName(value: GoValue): string {
  return value === null || value === undefined ? '<nil>' : typeName(value);
}

/** Go's template truth: the zero value of its type is false (text/template isTrue). */
export function isTrue(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
  }
  if (value instanceof GoInt) return value.value !== 0;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  return true;
}

/** The length Go's len() reports, or undefined when the value has none. */
export function goLen(value: GoValue): number | undefined {
  if (typeof value === 'string') return utf8Encode(value).length;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length;
  if (value instanceof Map) return value.size;
  return undefined;
}


/** Sorted keys, the order Go's fmt and range use for map[string]... */
export function sortedKeys(map: GoMap): string[] {
  return [...map.keys()].sort(compareStrings);
}

/** Go's string order: by UTF-8 bytes, which is code point order (UTF-16 units differ above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return utf8Rank(ca) < utf8Rank(cb) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Surrogates stand for code points above U+FFFF, which UTF-8 orders after every BMP character. */
function utf8Rank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}

