// `kubectl get -o json`: Go's json.MarshalIndent of the unstructured object with 4-space indent
// and a final newline. Map keys sort byte-wise at every level (Go sorts map keys), and Go
// escapes `<`, `>`, `&`, U+2028 and U+2029 as \u003c, \u003e, \u0026, \u2028, \u2029.
// [kubectl/cli-runtime printers/json.go `JSONPrinter.PrintObj`; Go encoding/json `encodeState.string`]
import { compareStrings } from './labels.ts';

/** The JSON kubectl prints for one object or List, ending in a newline. */
export function toJson(value: unknown): string {
  return `${encode(value, '    ', '')}\n`;
}

/** Go's json.Marshal (compact) of a JSON value, keys sorted: what JSONPath prints for maps. */
export function toCompactJson(value: unknown): string {
  return encode(value, '', '');
}

/**
 * Encodes by hand rather than through JSON.stringify: JavaScript objects list integer-like keys
 * ("0", "80") first whatever their insertion order, and Go sorts them with the rest.
 */
function encode(value: unknown, indent: string, prefix: string): string {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const inner = prefix + indent;
  const newline = indent === '' ? '' : '\n';
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => `${newline}${inner}${encode(item, indent, inner)}`);
    return `[${items.join(',')}${newline}${prefix}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
    .sort(compareStrings);
  if (keys.length === 0) return '{}';
  const entries = keys.map((key) => `${newline}${inner}${quote(key)}${colon}${encode(record[key], indent, inner)}`);
  return `{${entries.join(',')}${newline}${prefix}}`;
}

/** A JSON string as Go writes it: HTML-safe, U+2028/U+2029 escaped. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
