// Go's fmt verbs applied to the values of an unstructured object (map[string]interface{},
// []interface{}, string, int64, float64, bool, nil), as kubectl's printers use them.
import { compareStrings } from './labels.ts';

/** %v: maps `map[k:v]` (keys sorted), lists `[a b]`, nil `<nil>`. */
export function goPrint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `map[${keys.map((k) => `${k}:${goPrint(value[k])}`).join(' ')}]`;
  }
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

/** %#v, as kubectl dumps the object after a JSONPath error. */
export function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort(compareStrings)
      .map((k) => `${JSON.stringify(k)}:${goSyntax(value[k])}`);
    return `map[string]interface {}{${entries.join(', ')}}`;
  }
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

/** An int64 in decimal; a float64 as %v does ('g' shortest, exponent below 1e-4 or from 1e21). */
export function goNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 21) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's type name of an unstructured value. */
export function goType(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (isRecord(value)) return 'map[string]interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return 'interface {}';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
