// encoding/json as helm's toJson, fromJson and --set-json see it: objects become
// map[string]interface{}, numbers float64; Marshal sorts keys, escapes <, > and & for HTML and
// prints floats the Go way.

import { formatFloat, quote } from '../template/fmt.ts';
import { GoInt, GoStruct, type GoValue, isGoMap, sortedKeys } from '../template/value.ts';

export class JsonError extends Error {
  override name = 'JsonError';
}

/** json.Marshal; throws JsonError for values JSON cannot hold (NaN, Inf). */
export function marshalJson(value: GoValue): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return String(value);
    case 'number':
      return jsonFloat(value);
  }
  if (value instanceof GoInt) return String(value.value);
  if (value instanceof Uint8Array) return jsonString(base64(value));
  if (Array.isArray(value)) return `[${value.map(marshalJson).join(',')}]`;
  if (isGoMap(value)) return `{${sortedKeys(value).map((k) => `${jsonString(k)}:${marshalJson(value.get(k))}`).join(',')}}`;
  if (value instanceof GoStruct) return value.json ? marshalJson(value.json()) : '{}';
  return 'null';
}

/** Go's float encoding: %f unless the exponent is below -6 or at least 21, then %e as 1e-07 → 1e-7. */
function jsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${formatFloat(x, 'g', -1)}`);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(x, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(x, 'f', -1);
}

/** A JSON string as Go writes it: HTML-safe, U+2028 and U+2029 escaped. */
export function jsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (cp < 0x20) {
      out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\u' + cp.toString(16).padStart(4, '0');
    } else if (c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else out += c;
  }
  return out + '"';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (encoding/base64 StdEncoding). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

const B64_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** StdEncoding.DecodeString; undefined for malformed input. */
export function unbase64(s: string): Uint8Array | undefined {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  const at = (i: number): number => (clean.charCodeAt(i) === 61 ? 0 : B64_INDEX[clean.charCodeAt(i)]!);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const v = (at(i) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3);
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** json.Unmarshal into interface{}: objects → maps, numbers → float64. Throws JsonError. */
export function unmarshalJson(text: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new JsonError(goJsonSyntaxError(text, err));
  }
  return fromPlain(parsed);
}

/** A plain JS value (from JSON.parse) as Go values. */
export function fromPlain(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (typeof value === 'object') return new Map(Object.entries(value as object).map(([k, v]) => [k, fromPlain(v)]));
  return value as GoValue;
}

/**
 * Unstructured JSON (an API object, docker's inspect JSON) as Go templates see it after
 * json.Unmarshal into interface{} by the Kubernetes decoder: whole numbers are int64, others
 * float64; object keys keep their order.
 */
export function fromUnstructured(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? new GoInt(value, 'int64') : value;
  if (Array.isArray(value)) return value.map(fromUnstructured);
  if (typeof value === 'object') return new Map(Object.entries(value as object).map(([k, v]) => [k, fromUnstructured(v)]));
  return value as GoValue;
}

/** Go's wording for malformed JSON, near enough: "invalid character 'x' looking for beginning of value". */
function goJsonSyntaxError(text: string, err: unknown): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  const at = m ? Number(m[1]) : 0;
  const c = text[at];
  if (c === undefined) return 'unexpected end of JSON input';
  return `invalid character ${quote(c).replace(/^"|"$/g, "'")} looking for beginning of value`;
}
