// Values precedence as helm computes it (pkg/chart/common/util/coalesce.go): a chart's defaults
// sit under the values given for it, recursively for sub-charts, with globals copied down; a
// null given for a key removes that key (when coalescing, not when merging). And the -f files
// merge the way the CLI merges them (pkg/cli/values).

import { sprintf } from '../template/fmt.ts';
import { type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { deepCopy } from '../functions/convert.ts';
import type { Chart } from './chart.ts';

export class ValuesError extends Error {
  override name = 'ValuesError';
}

const GLOBAL = 'global';

const concatPrefix = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);

/** CoalesceValues: the chart's defaults under `values` (a copy); nulls remove keys. */
export function coalesceValues(chart: Chart, values: GoMap): GoMap {
  return coalesce(chart, deepCopy(values) as GoMap, '', false);
}

/** MergeValues: like coalesceValues, but nulls stay. */
export function mergeValues(chart: Chart, values: GoMap): GoMap {
  return coalesce(chart, deepCopy(values) as GoMap, '', true);
}

function coalesce(chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  coalesceChartValues(chart, dest, prefix, merge);
  return coalesceDeps(chart, dest, prefix, merge);
}

function coalesceDeps(chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!dest.has(name)) dest.set(name, new Map());
    else if (!isGoMap(dest.get(name))) throw new ValuesError(sprintf('type mismatch on %s: %t', [name, dest.get(name)]));
    const dv = dest.get(name) as GoMap;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(dv, dest, subPrefix);
    dest.set(name, coalesce(sub, dv, subPrefix, merge));
  }
  return dest;
}

/** Copies the parent's `global` values into a sub-chart's, parent values winning. */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string): void {
  let dg: GoMap;
  let sg: GoMap;
  const destGlob = dest.get(GLOBAL);
  if (!dest.has(GLOBAL)) dg = new Map();
  else if (isGoMap(destGlob)) dg = destGlob;
  else return;
  const srcGlob = src.get(GLOBAL);
  if (!src.has(GLOBAL)) sg = new Map();
  else if (isGoMap(srcGlob)) sg = srcGlob;
  else return;
  for (const [key, val] of sg) {
    if (isGoMap(val)) {
      const vv = deepCopy(val) as GoMap;
      const destv = dg.get(key);
      if (!dg.has(key)) dg.set(key, vv);
      else if (isGoMap(destv)) {
        coalesceTablesFullKey(vv, destv, concatPrefix(prefix, key), true);
        dg.set(key, vv);
      }
    } else if (!isGoMap(dg.get(key))) {
      dg.set(key, val);
    }
  }
  dest.set(GLOBAL, dg);
}

/**
 * The chart's own values.yaml under `v`: keys missing in `v` come from the chart. For a
 * sub-chart, nulls in its defaults are dropped (so they neither shadow globals nor print as
 * "%!s(<nil>)"); the root chart's own nulls stay (helm#32530).
 */
function coalesceChartValues(chart: Chart, v: GoMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const isSubchart = prefix !== '';
  const defaults = deepCopy(chart.values) as GoMap;
  for (const [key, val] of defaults) {
    if (v.has(key)) {
      const value = v.get(key);
      if ((value === null || value === undefined) && !merge) {
        v.delete(key);
      } else if (isGoMap(value) && isGoMap(val)) {
        const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
        if (!childMerge && isSubchart) dropNulls(val);
        coalesceTablesFullKey(value, val, concatPrefix(subPrefix, key), childMerge);
      }
    } else {
      if (!merge && isSubchart) {
        if (val === null || val === undefined) continue;
        if (isGoMap(val)) dropNulls(val);
      }
      v.set(key, val);
    }
  }
}

function dropNulls(map: GoMap): void {
  for (const [key, val] of map) {
    if (val === null || val === undefined) map.delete(key);
    else if (isGoMap(val)) dropNulls(val);
  }
}

/**
 * dst wins over src. When coalescing, a null in dst removes a key the defaults (src) set; a null
 * for a key the defaults do not set (or set to null) stays.
 */
function coalesceTablesFullKey(dst: GoMap, src: GoMap, prefix: string, merge: boolean): GoMap {
  const srcNonNull = new Set([...src].filter(([, v]) => v !== null && v !== undefined).map(([k]) => k));
  for (const [key, val] of dst) if (val === null || val === undefined) src.set(key, null);
  for (const [key, val] of src) {
    const has = dst.has(key);
    const dv = dst.get(key);
    if (has && !merge && (dv === null || dv === undefined) && srcNonNull.has(key)) dst.delete(key);
    else if (!has) dst.set(key, val);
    else if (isGoMap(val) && isGoMap(dv)) coalesceTablesFullKey(dv, val, concatPrefix(prefix, key), merge);
  }
  return dst;
}

/** CoalesceTables(dst, src): dst wins; a null in dst removes what src sets. Changes both maps. */
export const coalesceTables = (dst: GoMap, src: GoMap): GoMap => coalesceTablesFullKey(dst, src, '', false);

/** MergeTables(dst, src): dst wins, nulls stay. */
export const mergeTables = (dst: GoMap, src: GoMap): GoMap => coalesceTablesFullKey(dst, src, '', true);

/** The CLI's mergeMaps for -f files: b over a, maps merged deeply. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    const existing = out.get(k);
    if (isGoMap(v) && isGoMap(existing)) out.set(k, mergeMaps(existing, v));
    else out.set(k, v);
  }
  return out;
}

/** Values.Table: the map at a dotted path, or undefined. */
export function table(values: GoMap, path: string): GoMap | undefined {
  let current: GoMap = values;
  for (const part of path.split('.')) {
    const next = current.get(part);
    if (!isGoMap(next)) return undefined;
    current = next;
  }
  return current;
}

/** Values.PathValue: the non-table value at a dotted path, or undefined when there is none. */
export function pathValue(values: GoMap, path: string): { value: GoValue } | undefined {
  const parts = path.split('.');
  const key = parts.pop()!;
  const t = parts.length === 0 ? values : table(values, parts.join('.'));
  if (!t || !t.has(key)) return undefined;
  const value = t.get(key);
  if (isGoMap(value)) return undefined;
  return { value: value ?? null };
}
