// `kubectl get -o yaml`: kubectl marshals the object to JSON and converts it with
// sigs.k8s.io/yaml: go-yaml v2 reads the JSON text back and writes it out again as YAML. The
// writing is the scheduler's go-yaml emitter, shared with helm's toYaml; what is kubectl's own is
// the read-back of the JSON text, with its errors. [kubectl's YAMLPrinter; checked byte for byte
// against the stock kubectl client in tests]

import { emitGoYaml, type GoYamlValue } from '@dockyard/scheduler';
import { compareStrings } from './labels.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What kubectl prints (after `error: `) when the YAML conversion fails. */
export class YamlError extends Error {
  override name = 'YamlError';
}

/**
 * The YAML kubectl prints for one JSON-shaped value (an object or a List), ending in a newline.
 * Throws YamlError (`yaml: control characters are not allowed`) where kubectl fails.
 */
export function toYaml(value: unknown): string {
  return emitGoYaml(asReadBack(value));
}

/**
 * The value as go-yaml reads it back from Go's JSON text (sigs.k8s.io/yaml parses the compact
 * JSON as YAML): characters Go leaves unescaped but YAML forbids fail the conversion; a raw NEL
 * (U+0085) is a line break there, folded like one inside a value and a parse error inside a key.
 * Undefined fields drop out, as in JSON.
 */
function asReadBack(value: unknown): GoYamlValue {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  if (FORBIDDEN.test(JSON.stringify(json))) throw new YamlError('yaml: control characters are not allowed');
  const state = { line: 1 };
  return readBack(json, state);
}

function readBack(value: Json, state: { line: number }): GoYamlValue {
  if (typeof value === 'string') return readBackString(value, state);
  if (Array.isArray(value)) return value.map((item) => readBack(item, state));
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, GoYamlValue][] = [];
  // Go writes keys in byte order; NELs met on the way count as lines for the error message.
  for (const key of Object.keys(value).sort(compareStrings)) {
    if (key.includes('\u0085')) {
      // Reported on the line of the key's last break (as the stock client shows).
      const line = state.line + key.split('\u0085').length - 2;
      throw new YamlError(`yaml: line ${line}: did not find expected ',' or '}'`);
    }
    entries.push([key, readBack(value[key]!, state)]);
  }
  return new Map(indicesFirst(entries));
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Array-index keys (`0`, `1`, `10`) moved to the front in numeric order, as a JavaScript object
 * keeps them and as helm's side gets them from JSON.parse: go-yaml's key order is not transitive
 * for some sets (1 < 0777 < 0o17 < 1), and there the order the emitter starts from decides.
 */
function indicesFirst(entries: [string, GoYamlValue][]): [string, GoYamlValue][] {
  const isIndex = ([key]: [string, GoYamlValue]) => key.charCodeAt(0) <= 57 && ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;
  if (!entries.some(isIndex)) return entries;
  const indices = entries.filter(isIndex).sort((a, b) => Number(a[0]) - Number(b[0]));
  return [...indices, ...entries.filter((entry) => !isIndex(entry))];
}

const FORBIDDEN = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
// Only raw spaces surround the break in Go's JSON text: tabs are escaped there (\t).
const NEL_RUN = / *(?:\u0085 *)+/g;

function readBackString(text: string, state: { line: number }): string {
  if (!text.includes('\u0085')) return text;
  return text.replace(NEL_RUN, (run) => {
    const breaks = run.split('\u0085').length - 1;
    state.line += breaks;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}
