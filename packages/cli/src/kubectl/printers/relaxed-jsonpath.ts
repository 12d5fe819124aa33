// The short field paths that -o custom-columns and --sort-by take: `.metadata.name`,
// `metadata.name`, `{.metadata.name}` and `{metadata.name}` all mean `{.metadata.name}`.
// [cli-runtime printers/customcolumn.go `RelaxedJSONPathExpression`]
import { JsonPathError } from './jsonpath.ts';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

export function relaxedJsonPathExpression(path: string): string {
  if (path === '') return path;
  const match = RELAXED.exec(path);
  if (match === null) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${match[1] ?? match[2]}}`;
}
