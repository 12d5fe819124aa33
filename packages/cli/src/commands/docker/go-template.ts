// The part of Go's text/template that `docker --format` users write: `{{.Field.Sub}}`,
// `{{json .X}}`, `{{range .X}}...{{end}}`, `{{index .X "key"}}`, `{{.}}`, `{{lower .X}}`,
// `{{join .X ","}}`, and the `table` prefix for headed tables.

export class TemplateError extends Error {}

type Value = unknown;

function lookup(data: Value, path: string): Value {
  if (path === '.' || path === '') return data;
  let current = data;
  for (const key of path.replace(/^\./, '').split('.')) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object') throw new TemplateError(`can't evaluate field ${key} in type ${typeof current}`);
    current = (current as Record<string, Value>)[key];
  }
  return current;
}

function show(value: Value): string {
  if (value === undefined || value === null) return '<no value>';
  if (Array.isArray(value)) return `[${value.map(show).join(' ')}]`;
  if (typeof value === 'object') return `map[${Object.entries(value as object).map(([k, v]) => `${k}:${show(v)}`).join(' ')}]`;
  return String(value);
}

function evaluate(expr: string, data: Value): Value {
  const parts = expr.trim().match(/"[^"]*"|\S+/g) ?? [];
  const arg = (token: string) => (token.startsWith('"') ? token.slice(1, -1) : lookup(data, token));
  const [head, ...rest] = parts;
  switch (head) {
    case 'json':
      return JSON.stringify(arg(rest[0] ?? '.'));
    case 'index': {
      let value = arg(rest[0]!);
      for (const key of rest.slice(1)) value = (value as Record<string, Value> | undefined)?.[String(arg(key))];
      return value;
    }
    case 'lower':
      return String(arg(rest[0]!)).toLowerCase();
    case 'upper':
      return String(arg(rest[0]!)).toUpperCase();
    case 'join':
      return ((arg(rest[0]!) as Value[]) ?? []).join(String(arg(rest[1] ?? '" "')));
    case 'println':
      return rest.map((r) => show(arg(r))).join(' ') + '\n';
    default:
      if (head === undefined) return '';
      return arg(head);
  }
}

/** Renders a template against `data`. */
export function renderTemplate(template: string, data: Value): string {
  const tokens = template.split(/({{-?\s*[\s\S]*?\s*-?}})/);
  let out = '';
  const run = (start: number, scope: Value): number => {
    for (let i = start; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!token.startsWith('{{')) {
        out += token.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
        continue;
      }
      const body = token.replace(/^{{-?\s*|\s*-?}}$/g, '');
      if (body === 'end') return i;
      if (body.startsWith('range ')) {
        const items = evaluate(body.slice(6), scope);
        const list = Array.isArray(items) ? items : items && typeof items === 'object' ? Object.values(items) : [];
        let end = i;
        if (list.length === 0) {
          const saved = out;
          end = run(i + 1, undefined);
          out = saved;
        }
        for (const item of list) end = run(i + 1, item);
        i = end;
        continue;
      }
      if (body.startsWith('if ')) {
        const value = evaluate(body.slice(3), scope);
        const saved = out;
        const end = run(i + 1, scope);
        if (!value || (Array.isArray(value) && value.length === 0)) out = saved;
        i = end;
        continue;
      }
      out += show(evaluate(body, scope));
    }
    return tokens.length;
  };
  run(0, data);
  return out;
}
