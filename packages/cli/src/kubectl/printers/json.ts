// `kubectl get -o json`: Go's json.MarshalIndent of the unstructured object with 4-space indent
// and a final newline. Map keys sort byte-wise at every level (Go sorts map keys), and Go
// escapes `<`, `>`, `&`, U+2028 and U+2029 as \u003c, \u003e, \u0026, \u2028, \u2029.
// [kubectl/cli-runtime printers/json.go `JSONPrinter.PrintObj`; Go encoding/json `encodeState.string`]
import { compareStrings } from './labels.ts';

/** The JSON kubectl prints for one object or List, ending in a newline. */
export function toJson(value: unknown): string {
  // The engine's own JSON.stringify is far faster; it keeps the sorted key order unless a key
  // looks like an array index, which JavaScript objects always list first.
  const sorted = sortedCopy(value);
  if (sorted !== INDEX_KEY) return `${htmlSafe(JSON.stringify(sorted, null, 4) ?? 'null')}\n`;
  return `${encode(value, '    ', '')}\n`;
}

const INDEX_KEY: unique symbol = Symbol('index key');
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** A copy with keys in Go's order, or INDEX_KEY when some key would not keep its place. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i]);
      if (item === INDEX_KEY) return INDEX_KEY;
      out[i] = item === undefined || typeof item === 'function' ? null : item;
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  // No prototype: a key named __proto__ (a valid ConfigMap key) is then a key like any other.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(record).sort(compareStrings)) {
    if (ARRAY_INDEX.test(key)) return INDEX_KEY;
    const item = sortedCopy(record[key]);
    if (item === INDEX_KEY) return INDEX_KEY;
    out[key] = item;
  }
  return out;
}

function htmlSafe(text: string): string {
  if (!HTML_UNSAFE.test(text)) return text;
  return text.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
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

const HTML_UNSAFE = /[<>&\u2028\u2029]/;

/** A JSON string as Go writes it: HTML-safe, U+2028/U+2029 escaped. */
function quote(text: string): string {
  return htmlSafe(JSON.stringify(text));
}
