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
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return compareStrings(a, b) < 0;
  }
  throw new JsonPathError(`Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: ${goType(a)}`);
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a Kubernetes quantity (`500m`, `1Gi`, `1e3`), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(.*)$/.exec(text);
  if (match === null) return undefined;
  const number = Number(match[1]);
  const suffix = match[2]!;
  if (suffix in BINARY) return number * BINARY[suffix]!;
  if (suffix in DECIMAL) return number * DECIMAL[suffix]!;
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  return exponent === null ? undefined : number * 10 ** Number(exponent[1]);
}
