// The Go templates behind every `docker ... --format`: the helm package's text/template engine
// with the functions the docker CLI adds (docker/cli templates/templates.go: json, split, join,
// title, lower, upper, pad, truncate; println and the rest are Go's own built-ins), and the
// header variants docker runs a table's header row with.

import { FuncError, GoInt, GoStruct, type GoValue, marshalJson, TemplateSet } from '@dockyard/scheduler/helm';

type GoFunc = { params: ('any' | 'string' | 'int' | 'list')[]; fn: (...args: GoValue[]) => GoValue };

/** Go's nil maps and slices: they print as empty ones (`map[]`, `[]`) but encode as null. */
const NIL_COLLECTIONS = new WeakSet<object>();

/** Marks an empty Map or array as a Go nil map or slice. */
export function nilCollection<T extends Map<string, GoValue> | GoValue[]>(empty: T): T {
  NIL_COLLECTIONS.add(empty);
  return empty;
}

/**
 * encoding/json as docker's `json` function runs it (SetEscapeHTML(false), newline trimmed). A
 * formatter row marshals itself (docker's MarshalJSON: json.Marshal of its fields, so HTML
 * escaped); Maps keep their order, which is the order the daemon's JSON has them in.
 */
function json(value: GoValue, escapeHTML = false): string {
  if (value === null || value === undefined || (typeof value === 'object' && NIL_COLLECTIONS.has(value))) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value, escapeHTML);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
  }
  if (value instanceof GoInt) return String(value.value);
  // A struct without its own MarshalJSON encodes its fields in order.
  if (value instanceof GoStruct) return value.json ? json(value.json(), true) : json(value.fields as Map<string, GoValue>, escapeHTML);
  if (Array.isArray(value)) return `[${value.map((v) => json(v, escapeHTML)).join(',')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${jsonString(k, escapeHTML)}:${json(v, escapeHTML)}`).join(',')}}`;
  return marshalJson(value);
}

/** A JSON string as Go writes it: U+2028 and U+2029 always escaped, <, > and & when escapeHTML. */
function jsonString(text: string, escapeHTML: boolean): string {
  return JSON.stringify(text)
    .replace(escapeHTML ? /[<>&\u2028\u2029]/g : /[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\\(.)/g, (escape, c: string) => (c === 'b' ? '\\u0008' : c === 'f' ? '\\u000c' : escape));
}

/** Go's strings.Title: a letter after a separator (white space, ASCII other than A-Z a-z 0-9 _) upper-cased. */
function title(text: string): string {
  const separator = (c: string) => /\s/u.test(c) || (c < '\x80' && !/\w/.test(c));
  let previous = ' ';
  let out = '';
  for (const c of text) {
    out += separator(previous) ? c.toUpperCase() : c;
    previous = c;
  }
  return out;
}

/** An `int` argument, which the engine hands over as a GoInt. */
const int = (value: GoValue): number => (value as GoInt).value;

/** strings.Repeat(" ", n), which panics on a negative count (the template reports the panic). */
function spaces(count: number): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  return ' '.repeat(count);
}

const fn = (params: GoFunc['params'], body: GoFunc['fn']): GoFunc => ({ params, fn: body });

const FUNCTIONS = new Map<string, GoFunc>([
  ['json', fn(['any'], (value) => json(value))],
  ['split', fn(['string', 'string'], (s, sep) => (sep === '' ? [...(s as string)] : (s as string).split(sep as string)))],
  ['join', fn(['list', 'string'], (list, sep) => (list as GoValue[]).map((v) => String(v)).join(sep as string))],
  ['title', fn(['string'], (s) => title(s as string))],
  ['lower', fn(['string'], (s) => (s as string).toLowerCase())],
  ['upper', fn(['string'], (s) => (s as string).toUpperCase())],
  ['pad', fn(['string', 'int', 'int'], (s, left, right) => (s === '' ? '' : spaces(int(left)) + (s as string) + spaces(int(right))))],
  ['truncate', fn(['string', 'int'], (s, length) => ((s as string).length < int(length) ? s : (s as string).slice(0, int(length))))],
]);

/** templates.HeaderFunctions: a header cell stays the column's name whatever the row does to it. */
const HEADER_FUNCTIONS = new Map<string, GoFunc>([
  ['json', fn(['string'], (s) => s)],
  ['split', fn(['string', 'string'], (s) => s)],
  ['join', fn(['string', 'string'], (s) => s)],
  ['title', fn(['string'], (s) => s)],
  ['lower', fn(['string'], (s) => s)],
  ['upper', fn(['string'], (s) => s)],
  ['truncate', fn(['string', 'int'], (s) => s)],
]);

/** templates.Parse: an anonymous template (errors read `template: :1: ...`). Throws TemplateError. */
export function parseDockerTemplate(text: string, options: { missingKeyError?: boolean } = {}): TemplateSet {
  return new TemplateSet('', FUNCTIONS, { missingKey: options.missingKeyError ? 'error' : 'default' }).parse('', text);
}

/** The same template with the header functions, for a table's header row. */
export function headerTemplate(template: TemplateSet): TemplateSet {
  return template.clone().addFuncs(HEADER_FUNCTIONS);
}
