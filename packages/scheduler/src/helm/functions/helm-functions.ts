// The functions helm adds on top of Sprig (pkg/engine/funcs.go): toYaml / fromYaml / toJson /
// fromJson and their variants, required, fail and lookup. include and tpl need the template set
// being rendered and are bound by the render engine.

import { FuncError } from '../template/errors.ts';
import { type GoFunc, type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { JsonError, jsonString, marshalJson, unmarshalJson } from '../yaml/go-json.ts';
import { marshalGoYaml } from '../yaml/marshal-go-yaml.ts';
import { jsonKind, parseGoYaml, YamlError } from '../yaml/go-yaml-parse.ts';
import { fn } from './convert.ts';

/**
 * What `required` and `fail` throw: helm reports these as "execution error at (<file:line:col>):
 * <message>" instead of the template error chain.
 */
export class HelmUserError extends FuncError {
  override name = 'HelmUserError';
}

/** Answers `lookup apiVersion kind namespace name`; `helm template` answers an empty map. */
export type LookupFunction = (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;

function toYaml(v: GoValue): string {
  return marshalGoYaml(v).replace(/\n$/, '');
}

function fromYaml(s: string): GoMap {
  try {
    const value = parseGoYaml(s);
    if (value === null) return new Map();
    if (isGoMap(value)) return value;
    return new Map([['Error', `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`]]);
  } catch (err) {
    if (err instanceof YamlError) return new Map([['Error', err.message]]);
    throw err;
  }
}

function fromYamlArray(s: string): GoValue[] {
  try {
    const value = parseGoYaml(s);
    if (value === null) return [];
    if (Array.isArray(value)) return value;
    return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type []interface {}`];
  } catch (err) {
    if (err instanceof YamlError) return [err.message];
    throw err;
  }
}

function fromJson(s: string): GoMap {
  try {
    const value = unmarshalJson(s);
    if (isGoMap(value)) return value;
    return new Map([['Error', `json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`]]);
  } catch (err) {
    if (err instanceof JsonError) return new Map([['Error', err.message]]);
    throw err;
  }
}

function fromJsonArray(s: string): GoValue[] {
  try {
    const value = unmarshalJson(s);
    if (Array.isArray(value)) return value;
    return [`json: cannot unmarshal ${jsonKind(value)} into Go value of type []interface {}`];
  } catch (err) {
    if (err instanceof JsonError) return [err.message];
    throw err;
  }
}

/** json.MarshalIndent(v, "", "  ") (Sprig's toPrettyJson). */
function prettyJson(v: GoValue, indent = ''): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${indent}  ${prettyJson(x, indent + '  ')}`).join(',\n')}\n${indent}]`;
  }
  if (isGoMap(v)) {
    if (v.size === 0) return '{}';
    const keys = [...v.keys()].sort();
    return `{\n${keys.map((k) => `${indent}  ${jsonString(k)}: ${prettyJson(v.get(k), indent + '  ')}`).join(',\n')}\n${indent}}`;
  }
  return marshalJson(v);
}

/** json.Marshal without HTML escaping (Sprig's toRawJson). */
const rawJson = (v: GoValue): string =>
  marshalJson(v).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&');

function swallow(body: () => string): string {
  try {
    return body();
  } catch (err) {
    if (err instanceof JsonError) return '';
    throw err;
  }
}

function must(body: () => string): string {
  try {
    return body();
  } catch (err) {
    if (err instanceof JsonError) throw new FuncError(err.message);
    throw err;
  }
}

/**
 * helm's functions that do not depend on the template set being rendered. In lint mode
 * `required` and `fail` let the render go on (as empty strings), as `helm lint` does.
 */
export function helmFuncs(lookup: LookupFunction, lintMode = false): ReadonlyMap<string, GoFunc> {
  return new Map<string, GoFunc>([
    ['toYaml', fn(['any'], (v) => swallow(() => toYaml(v)))],
    ['mustToYaml', fn(['any'], (v) => must(() => toYaml(v)))],
    ['toYamlPretty', fn(['any'], (v) => swallow(() => toYaml(v)))],
    ['fromYaml', fn(['string'], (s) => fromYaml(s as string))],
    ['fromYamlArray', fn(['string'], (s) => fromYamlArray(s as string))],
    ['toJson', fn(['any'], (v) => swallow(() => marshalJson(v)))],
    ['mustToJson', fn(['any'], (v) => must(() => marshalJson(v)))],
    ['toPrettyJson', fn(['any'], (v) => swallow(() => prettyJson(v)))],
    ['mustToPrettyJson', fn(['any'], (v) => must(() => prettyJson(v)))],
    ['toRawJson', fn(['any'], (v) => swallow(() => rawJson(v)))],
    ['mustToRawJson', fn(['any'], (v) => must(() => rawJson(v)))],
    ['fromJson', fn(['string'], (s) => fromJson(s as string))],
    ['mustFromJson', fn(['string'], (s) => {
      try {
        return unmarshalJson(s as string);
      } catch (err) {
        if (err instanceof JsonError) throw new FuncError(err.message);
        throw err;
      }
    })],
    ['fromJsonArray', fn(['string'], (s) => fromJsonArray(s as string))],
    [
      'required',
      fn(['string', 'any'], (warn, val) => {
        if (val === null || val === undefined || val === '') {
          if (lintMode) return '';
          throw new HelmUserError(warn as string);
        }
        return val;
      }),
    ],
    [
      'fail',
      fn(['string'], (msg) => {
        if (lintMode) return '';
        throw new HelmUserError(msg as string);
      }),
    ],
    ['lookup', fn(['string', 'string', 'string', 'string'], (a, k, ns, n) => lookup(a as string, k as string, ns as string, n as string))],
    // Without --enable-dns helm answers getHostByName with an empty string.
    ['getHostByName', fn(['string'], () => '')],
  ]);
}

