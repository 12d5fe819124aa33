// `--sort-by=.metadata.creationTimestamp` (or `.lastTimestamp`, `.status.containerStatuses[0].restartCount`):
// objects ordered by the first value the path finds in each. Numbers compare as numbers; strings
// as quantities when both parse as one (`100m` < `1`), else byte-wise (`web-10` < `web-9`, as
// the stock kubectl 1.32 client sorts; RFC 3339 times sort chronologically). An object without
// the field sorts first. A path no object has is kubectl's error `couldn't find any field with
// path "{.x}" in the list of objects` -- except that with table output kubectl 1.32 swallows it,
// prints nothing and says `No resources found in <ns> namespace.` on stderr (exit 0).
// The order of ties and missing fields is the one Go's sort.Sort leaves (go-sort.ts).
// [kubectl pkg/cmd/get/sorter.go `SortObjects`, `RuntimeSort.Less`, `isLess`;
// apimachinery resource.ParseQuantity; checked against the stock kubectl client in tests]
import { parseScaled } from './describe/quantity.ts';
import { goType } from './go-format.ts';
import { goSort } from './go-sort.ts';
import { compareStrings } from './labels.ts';
import { JsonPath, JsonPathError } from './jsonpath.ts';
import type { KubeObject } from './object.ts';
import { relaxedJsonPathExpression } from './relaxed-jsonpath.ts';

/** The objects in kubectl's --sort-by order; throws JsonPathError with kubectl's message. */
export function sortObjects<T extends KubeObject>(objects: readonly T[], sortBy: string): T[] {
  const field = relaxedJsonPathExpression(sortBy);
  const path = new JsonPath(field);
  const keys = objects.map((object) => {
    const results = path.findAll(JSON.parse(JSON.stringify(object)) as unknown);
    return results.length > 0 && results[0]!.length > 0 ? { value: results[0]![0] } : undefined;
  });
  if (objects.length > 0 && keys.every((key) => key === undefined)) {
    throw new JsonPathError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  const entries = objects.map((object, i) => ({ object, key: keys[i] }));
  goSort(entries, (a, b) => {
    if (a.key === undefined) return true;
    if (b.key === undefined) return false;
    return isLess(a.key.value, b.key.value, field);
  });
  return entries.map((entry) => entry.object);
}

function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantityNano(a);
    const qb = quantityNano(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return compareStrings(a, b) < 0;
  }
  throw new JsonPathError(`Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: ${goType(a)}`);
}

/** A quantity's value in nano-units (ParseQuantity rounds finer precision up), or undefined. */
function quantityNano(text: string): bigint | undefined {
  return parseScaled(text, 1_000_000_000n)?.value;
}
