// values.schema.json: the JSON Schema checks helm applies to a chart's values (and each
// sub-chart's section), reporting like helm 4's validator: "- at '/replicaCount': got string,
// want integer". A small validator covering the keywords charts use: type, enum, const,
// properties, required, additionalProperties, patternProperties, items, min/max (length, items,
// properties, value), pattern, multipleOf, uniqueItems, allOf / anyOf / oneOf / not, if/then/else
// and local $ref (#/definitions, #/$defs).

import { utf8Decode } from '../template/utf8.ts';
import { formatValue } from '../template/fmt.ts';
import { GoInt, type GoMap, type GoValue, isGoMap, typeName } from '../template/value.ts';
import { deepEqual } from '../functions/collections.ts';
import { marshalJson } from '../yaml/go-json.ts';
import type { Chart } from './chart.ts';

type Schema = boolean | { [key: string]: unknown };

export class SchemaError extends Error {
  override name = 'SchemaError';
}

function jsonType(v: GoValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (v instanceof GoInt) return 'integer';
  if (Array.isArray(v)) return 'array';
  if (isGoMap(v)) return 'object';
  return 'object';
}

const num = (v: GoValue): number => (v instanceof GoInt ? v.value : (v as number));
const isNum = (v: GoValue): boolean => typeof v === 'number' || v instanceof GoInt;
const quote = (s: string): string => `'${s}'`;
const pointer = (path: string[]): string => (path.length === 0 ? '' : '/' + path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/'));
const show = (v: unknown): string => (typeof v === 'string' ? quote(v) : JSON.stringify(v));

class Validator {
  readonly errors: string[] = [];
  constructor(private readonly root: Schema) {}

  resolve(ref: string): Schema {
    if (!ref.startsWith('#')) return true;
    let node: unknown = this.root;
    for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return (node as Schema) ?? true;
  }

  /** Validates; pushes "- at '<path>': <message>" lines unless `quiet`. Returns validity. */
  check(schema: Schema, v: GoValue, path: string[], quiet = false): boolean {
    if (schema === true) return true;
    if (schema === false) return this.fail(path, 'false schema', quiet);
    if (typeof schema !== 'object' || schema === null) return true;
    let ok = true;
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === 'string') ok = this.check(this.resolve(s.$ref), v, path, quiet) && ok;
    const t = jsonType(v);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const matches = types.some((want) => want === t || (want === 'number' && t === 'integer'));
      if (!matches) return this.fail(path, `got ${t === 'integer' ? 'number' : t}, want ${types.join(' or ')}`, quiet);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(fromJs(e), v))) {
      ok = this.fail(path, `value must be one of ${s.enum.map(show).join(', ')}`, quiet);
    }
    if ('const' in s && !deepEqual(fromJs(s.const), v)) ok = this.fail(path, `value must be ${show(s.const)}`, quiet);
    if (isNum(v)) ok = this.numeric(s, num(v), path, quiet) && ok;
    if (typeof v === 'string') ok = this.string(s, v, path, quiet) && ok;
    if (Array.isArray(v)) ok = this.array(s, v, path, quiet) && ok;
    if (isGoMap(v)) ok = this.object(s, v, path, quiet) && ok;
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) ok = this.check(sub, v, path, quiet) && ok;
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => this.check(sub, v, path, true))) {
      ok = this.fail(path, 'anyOf failed', quiet);
    }
    if (Array.isArray(s.oneOf)) {
      const n = (s.oneOf as Schema[]).filter((sub) => this.check(sub, v, path, true)).length;
      if (n !== 1) ok = this.fail(path, n === 0 ? 'oneOf failed, none matched' : 'oneOf failed, subschemas matched', quiet);
    }
    if (s.not !== undefined && this.check(s.not as Schema, v, path, true)) ok = this.fail(path, 'not failed', quiet);
    if (s.if !== undefined) {
      const branch = this.check(s.if as Schema, v, path, true) ? s.then : s.else;
      if (branch !== undefined) ok = this.check(branch as Schema, v, path, quiet) && ok;
    }
    return ok;
  }

  fail(path: string[], message: string, quiet: boolean): false {
    if (!quiet) this.errors.push(`- at ${quote(pointer(path))}: ${message}`);
    return false;
  }

  numeric(s: Record<string, unknown>, n: number, path: string[], quiet: boolean): boolean {
    let ok = true;
    const got = formatValue(n);
    if (typeof s.minimum === 'number' && n < s.minimum) ok = this.fail(path, `minimum: got ${got}, want ${s.minimum}`, quiet);
    if (typeof s.maximum === 'number' && n > s.maximum) ok = this.fail(path, `maximum: got ${got}, want ${s.maximum}`, quiet);
    if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) ok = this.fail(path, `exclusiveMinimum: got ${got}, want ${s.exclusiveMinimum}`, quiet);
    if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) ok = this.fail(path, `exclusiveMaximum: got ${got}, want ${s.exclusiveMaximum}`, quiet);
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && !Number.isInteger(n / s.multipleOf)) {
      ok = this.fail(path, `${got} not multipleOf ${s.multipleOf}`, quiet);
    }
    return ok;
  }

  string(s: Record<string, unknown>, v: string, path: string[], quiet: boolean): boolean {
    let ok = true;
    const len = [...v].length;
    if (typeof s.minLength === 'number' && len < s.minLength) ok = this.fail(path, `minLength: got ${len}, want ${s.minLength}`, quiet);
    if (typeof s.maxLength === 'number' && len > s.maxLength) ok = this.fail(path, `maxLength: got ${len}, want ${s.maxLength}`, quiet);
    if (typeof s.pattern === 'string') {
      let re: RegExp | undefined;
      try {
        re = new RegExp(s.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(v)) ok = this.fail(path, `${quote(v)} does not match pattern ${quote(s.pattern)}`, quiet);
    }
    return ok;
  }

  array(s: Record<string, unknown>, v: GoValue[], path: string[], quiet: boolean): boolean {
    let ok = true;
    if (typeof s.minItems === 'number' && v.length < s.minItems) ok = this.fail(path, `minItems: got ${v.length}, want ${s.minItems}`, quiet);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) ok = this.fail(path, `maxItems: got ${v.length}, want ${s.maxItems}`, quiet);
    if (s.uniqueItems === true) {
      for (let i = 0; i < v.length; i++) {
        for (let j = i + 1; j < v.length; j++) {
          if (deepEqual(v[i], v[j])) ok = this.fail(path, `items at ${i} and ${j} are equal`, quiet);
        }
      }
    }
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : Array.isArray(s.items) ? (s.items as Schema[]) : [];
    v.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : Array.isArray(s.items) ? s.additionalItems : s.items;
      if (sub !== undefined) ok = this.check(sub as Schema, item, [...path, String(i)], quiet) && ok;
    });
    return ok;
  }

  object(s: Record<string, unknown>, v: GoMap, path: string[], quiet: boolean): boolean {
    let ok = true;
    if (Array.isArray(s.required)) {
      const missing = (s.required as string[]).filter((k) => !v.has(k));
      if (missing.length === 1) ok = this.fail(path, `missing property ${quote(missing[0]!)}`, quiet);
      else if (missing.length > 1) ok = this.fail(path, `missing properties ${missing.map(quote).join(', ')}`, quiet);
    }
    if (typeof s.minProperties === 'number' && v.size < s.minProperties) ok = this.fail(path, `minProperties: got ${v.size}, want ${s.minProperties}`, quiet);
    if (typeof s.maxProperties === 'number' && v.size > s.maxProperties) ok = this.fail(path, `maxProperties: got ${v.size}, want ${s.maxProperties}`, quiet);
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
    const extra: string[] = [];
    for (const key of [...v.keys()].sort()) {
      const value = v.get(key);
      let matched = false;
      if (Object.prototype.hasOwnProperty.call(props, key)) {
        matched = true;
        ok = this.check(props[key]!, value, [...path, key], quiet) && ok;
      }
      for (const [pattern, sub] of patterns) {
        if (safeTest(pattern, key)) {
          matched = true;
          ok = this.check(sub, value, [...path, key], quiet) && ok;
        }
      }
      if (!matched && s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) extra.push(key);
        else ok = this.check(s.additionalProperties as Schema, value, [...path, key], quiet) && ok;
      }
    }
    if (extra.length > 0) ok = this.fail(path, `additional properties ${extra.map(quote).join(', ')} not allowed`, quiet);
    return ok;
  }
}

function safeTest(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return false;
  }
}

function fromJs(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(fromJs);
  if (typeof v === 'object') return new Map(Object.entries(v as object).map(([k, x]) => [k, fromJs(x)]));
  return v as GoValue;
}

/** Validates `values` against one chart's schema; returns helm's error lines (empty when valid). */
export function validateAgainstSchema(schemaBytes: Uint8Array, values: GoMap): string[] {
  let schema: Schema;
  try {
    schema = JSON.parse(utf8Decode(schemaBytes)) as Schema;
  } catch (err) {
    return [`- invalid schema: ${err instanceof Error ? err.message : String(err)}`];
  }
  // Values are checked as JSON, so whole floats count as integers, as in helm.
  const asJson = fromJs(JSON.parse(marshalJson(values)) as unknown);
  const validator = new Validator(schema);
  validator.check(schema, asJson, []);
  return validator.errors;
}

/**
 * helm's ValidateAgainstSchema: the chart's schema on its values and each sub-chart's schema on
 * its section; throws SchemaError with helm's message when anything fails.
 */
export function validateChartValues(chart: Chart, values: GoMap): void {
  const report = collect(chart, values);
  if (report !== '') {
    throw new SchemaError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${report}`);
  }
}

function collect(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schema) {
    const errors = validateAgainstSchema(chart.schema, values);
    if (errors.length > 0) out += `${chart.metadata.name}:\n${errors.join('\n')}\n`;
  }
  for (const sub of chart.dependencies) {
    const section = values.get(sub.metadata.name);
    // A sub-chart without values is not checked; a section that is not a map is reported.
    if (section === undefined || section === null) continue;
    if (!isGoMap(section)) {
      out += `${sub.metadata.name}:\ninvalid type for values: expected object (map), got ${typeName(section)}\n`;
      continue;
    }
    out += collect(sub, section);
  }
  return out;
}
