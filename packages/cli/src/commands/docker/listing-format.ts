// How docker prints a listing (images, history, ps, stats, network ls, volume ls, compose ps):
// docker/cli's formatter.Context.Write. Each row is a context struct whose exported methods are
// the template's fields (`.ID`, `.Size`, ...). The format is `table` plus a template (a header row
// of docker's column names, then tabwriter columns), `json` (`{{json .}}`: one object per line,
// every field, keys sorted) or a bare template run once per row.

import { GoStruct, type GoValue, TemplateError, TemplateExecError } from '@dockyard/scheduler/helm';
import { CommandError } from '../../session.ts';
import { headerTemplate, parseDockerTemplate } from './docker-template.ts';
import { formatTable } from './table.ts';

/** A method taking arguments (`.Label "name"`), beside the plain string fields. */
type RowMethod = { params: 'string'[]; fn: (...args: GoValue[]) => GoValue };

/**
 * One row as docker's formatter sees it: `typeName` is the Go type error messages name
 * (`*formatter.imageContext`), `fields` its methods without arguments. `{{json .}}` marshals every
 * field, as docker's MarshalJSON does.
 */
export function formatterRow(typeName: string, fields: Readonly<Record<string, GoValue>>, methods: Readonly<Record<string, RowMethod>> = {}): GoStruct {
  const all: Record<string, RowMethod | { params: []; fn: () => GoValue }> = { ...methods };
  for (const [name, value] of Object.entries(fields)) all[name] = { params: [], fn: () => value };
  const sorted = Object.keys(fields).sort();
  return new GoStruct(typeName, new Map(), all, undefined, () => new Map(sorted.map((name) => [name, fields[name]])));
}

/** formatter.Context.Write: the whole listing's output, or docker's `template parsing error`. */
export function formatListing(format: string, rows: readonly GoStruct[], headers: Readonly<Record<string, string>>): string {
  const isTable = format.startsWith('table');
  const text = (isTable ? format.slice('table'.length) : format === 'json' ? '{{json .}}' : format)
    .replace(/^ +| +$/g, '')
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n');
  const failed = (error: unknown): never => {
    if (error instanceof TemplateError) throw new CommandError(`template parsing error: ${error.message}`, 1);
    throw error;
  };
  let template;
  try {
    template = parseDockerTemplate(text);
  } catch (error) {
    return failed(error);
  }
  let body = '';
  for (const row of rows) {
    try {
      body += template.execute('', row) + '\n';
    } catch (error) {
      return failed(error);
    }
  }
  if (!isTable) return body;
  // The header runs on a map of column names; docker ignores its error and prints what came
  // before it (`.Label "x"` is not a method of a map, so that header stops there).
  let header: string;
  try {
    header = headerTemplate(template).execute('', new Map(Object.entries(headers)));
  } catch (error) {
    if (!(error instanceof TemplateExecError)) throw error;
    header = error.partialOutput;
  }
  const lines = `${header}\n${body}`.split('\n');
  lines.pop();
  return formatTable(lines.map((line) => line.split('\t')));
}
