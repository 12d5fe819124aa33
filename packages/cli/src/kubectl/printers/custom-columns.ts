// `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`: headers as given, one row per
// object (a List's items), each cell every value the path finds joined by commas (Go's %v:
// maps `map[k:v]`, lists `[a b]`), `<none>` when it finds nothing; aligned by the get table
// writer. [cli-runtime printers/customcolumn.go `NewCustomColumnsPrinterFromSpec`, `PrintObj`,
// `printOneObject`]
import { JsonPath, JsonPathError } from './jsonpath.ts';
import { goPrint } from './go-format.ts';
import type { KubeObject } from './object.ts';
import { relaxedJsonPathExpression } from './relaxed-jsonpath.ts';
import { alignTabs, GET_TABWRITER } from './tabwriter.ts';

export interface CustomColumn {
  readonly header: string;
  /** The field path as a JSONPath template: `{.metadata.name}`. */
  readonly fieldSpec: string;
}

/** Parses the spec after `custom-columns=`; a malformed one throws kubectl's error text. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new JsonPathError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

/** The custom-columns table for these objects (stdout); throws JsonPathError on a bad path. */
export function printCustomColumns(
  columns: readonly CustomColumn[],
  objects: readonly KubeObject[],
  options: { readonly noHeaders?: boolean } = {},
): string {
  const paths = columns.map((c) => new JsonPath(c.fieldSpec));
  const lines: string[] = [];
  if (!options.noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  for (const object of objects) {
    const data = JSON.parse(JSON.stringify(object)) as unknown;
    lines.push(paths.map((path) => cell(path, data)).join('\t'));
  }
  return alignTabs(lines.join('\n') + '\n', GET_TABWRITER);
}

function cell(path: JsonPath, data: unknown): string {
  const values = path.findAll(data);
  if (values.length === 0 || values[0]!.length === 0) return '<none>';
  return values
    .flat()
    .map((v) => goPrint(v))
    .join(',');
}

