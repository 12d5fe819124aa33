// kubectl's `-o go-template=...` (and `template`, `go-template-file`, `templatefile`): Go's
// text/template, named `output`, run over the object as encoding/json gives it back (maps, whole
// numbers as int64, a List with `items` for several objects), with the two functions kubectl adds,
// `exists` and `base64decode` -- and not sprig's. A missing key prints `<no value>`, or fails with
// --allow-missing-template-keys=false. When the template fails, what it wrote so far and a dump of
// the template and the data go to stdout, the error to stderr.
// [cli-runtime pkg/printers/template.go NewGoTemplatePrinter, PrintObj, base64decode;
// jsonpath.go exists; apimachinery util/json (integers decode as int64); checked against the
// stock kubectl 1.33 client]

import { FuncError, fromUnstructured, GoInt, type GoValue, TemplateError, TemplateExecError, TemplateSet } from '@dockyard/scheduler/helm';

type GoFunc = { params: ('any' | 'string')[]; variadic?: boolean; fn: (...args: GoValue[]) => GoValue };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64.StdEncoding.DecodeString: line breaks skipped, padding required; a bad byte (or the start
 * of an unfinished last group) is reported by its offset.
 */
function base64decode(text: string): string {
  const clean = text.replace(/[\r\n]/g, '');
  const fail = (at: number) => new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  const padding = /=*$/.exec(clean)![0].length;
  const body = clean.length - padding;
  for (let i = 0; i < body; i++) if (!BASE64.includes(clean[i]!)) throw fail(i);
  if (padding > 2) throw fail(body);
  if (clean.length % 4 !== 0) throw fail(clean.length - (clean.length % 4));
  const bytes = Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** kubectl's exists: whether following the indices (map keys, list positions) from item reaches a non-nil value. */
function exists(item: GoValue, ...indices: GoValue[]): boolean {
  let value: GoValue = item;
  for (const index of indices) {
    if (value instanceof Map) {
      if (typeof index !== 'string') return false;
      value = value.has(index) ? value.get(index)! : null;
    } else if (Array.isArray(value) || typeof value === 'string') {
      const at = index instanceof GoInt ? index.value : typeof index === 'number' ? index : Number.NaN;
      if (!Number.isInteger(at) || at < 0 || at >= value.length) return false;
      value = Array.isArray(value) ? value[at]! : value[at]!;
    } else return false;
  }
  return value !== null && value !== undefined;
}

const FUNCTIONS = new Map<string, GoFunc>([
  ['exists', { params: ['any', 'any'], variadic: true, fn: (item, ...indices) => exists(item, ...indices) }],
  ['base64decode', { params: ['string'], fn: (text) => base64decode(text as string) }],
]);

/** json.Marshal of the unstructured object: keys sorted, <, > and & escaped. */
function rawJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's %+v of the data, through the engine's own fmt. */
const DUMP = new TemplateSet('dump').parse('dump', '{{printf "%+v" .}}');

export interface GoTemplateOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `template` over `data` (one object or a List) as kubectl's go-template printer does. */
export function printGoTemplate(template: string, data: unknown, allowMissingKeys = true): GoTemplateOutput {
  let parsed: TemplateSet;
  try {
    parsed = new TemplateSet('output', FUNCTIONS, { missingKey: allowMissingKeys ? 'default' : 'error' }).parse('output', template);
  } catch (error) {
    if (error instanceof TemplateError) return { stdout: '', stderr: `error: error parsing template ${template}, ${error.message}\n` };
    throw error;
  }
  const value = fromUnstructured(data);
  try {
    return { stdout: parsed.execute('output', value), stderr: '' };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const written = error instanceof TemplateExecError ? error.partialOutput : '';
    return {
      stdout:
        `${written}Error executing template: ${error.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\traw data was:\n\t\t${rawJson(data)}\n` +
        `\tobject given to template engine was:\n\t\t${DUMP.execute('dump', value)}\n\n`,
      stderr: `error: error executing template ${JSON.stringify(template)}: ${error.message}\n`,
    };
  }
}
