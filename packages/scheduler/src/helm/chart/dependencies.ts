// Sub-chart processing before rendering, as helm's ProcessDependenciesWithMerge does it:
// `condition` and `tags` switch sub-charts off, `alias` renames them, and `import-values` copies
// child values into the parent (both the {child, parent} form and the "name" form, which imports
// `exports.name`). Parent values win over imported ones.

import { type GoMap, isGoMap } from '../template/value.ts';
import { parseSemVer, satisfies, SemVerError } from '../functions/semver.ts';
import { type Chart, type ChartDependency, cloneChart } from './chart.ts';
import { coalesceValues, mergeTables, mergeValues, pathValue, table } from './values.ts';
import { deepCopy } from '../functions/convert.ts';

/** Does `version` satisfy the semver `constraint`? False for anything malformed (IsCompatibleRange). */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return satisfies(constraint, parseSemVer(version));
  } catch (err) {
    if (err instanceof SemVerError) return false;
    throw err;
  }
}

/** Disables, renames and imports sub-chart values; changes `chart` (pass a clone). */
export function processDependencies(chart: Chart, values: GoMap): void {
  processDependencyEnabled(chart, values, '');
  processDependencyImportValues(chart);
}

function processDependencyEnabled(chart: Chart, values: GoMap, path: string): void {
  const reqs = chart.metadata.dependencies;
  if (reqs.length === 0) return;
  const kept: Chart[] = [];
  // Sub-charts that Chart.yaml does not mention stay as they are.
  for (const existing of chart.dependencies) {
    if (!reqs.some((r) => existing.metadata.name === r.name && isCompatibleRange(r.version, existing.metadata.version))) kept.push(existing);
  }
  for (const req of reqs) {
    const dep = aliasDependency(chart.dependencies, req);
    if (dep) kept.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  chart.dependencies = kept;
  for (const req of reqs) req.enabled = true;
  const cvals = coalesceValues(chart, values);
  processTags(reqs, cvals);
  processConditions(reqs, cvals, path);
  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  chart.dependencies = chart.dependencies.filter((c) => !disabled.has(c.metadata.name));
  chart.metadata.dependencies = reqs.filter((r) => !disabled.has(r.name));
  for (const child of chart.dependencies) processDependencyEnabled(child, cvals, `${path}${child.metadata.name}.`);
}

/**
 * The sub-chart a dependency entry names, if its version fits: a copy (a chart can be used twice,
 * under two aliases, and processing changes it), renamed to the alias.
 */
function aliasDependency(charts: Chart[], req: ChartDependency): Chart | undefined {
  const found = charts.find((c) => c.metadata.name === req.name && isCompatibleRange(req.version, c.metadata.version));
  if (!found) return undefined;
  const copy = cloneChart(found, found.parent);
  if (req.alias !== '') copy.metadata.name = req.alias;
  return copy;
}

function processTags(reqs: ChartDependency[], cvals: GoMap): void {
  const tags = table(cvals, 'tags');
  if (!tags) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      const b = tags.get(k);
      if (b === true) hasTrue = true;
      else if (b === false) hasFalse = true;
    }
    r.enabled = hasTrue || !hasFalse;
  }
}

function processConditions(reqs: ChartDependency[], cvals: GoMap, path: string): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const found = pathValue(cvals, path + c);
      if (found && typeof found.value === 'boolean') {
        r.enabled = found.value;
        break;
      }
    }
  }
}

function processDependencyImportValues(chart: Chart): void {
  for (const dep of chart.dependencies) processDependencyImportValues(dep);
  processImportValues(chart);
}

/** A value placed at a dotted path: "a.b" → {a: {b: value}}; "." → the value itself. */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  return path
    .split('.')
    .reverse()
    .reduce<GoMap>((inner, key) => new Map([[key, inner]]), data);
}

function processImportValues(chart: Chart): void {
  const reqs = chart.metadata.dependencies;
  if (reqs.length === 0) return;
  const cvals = mergeValues(chart, new Map());
  let b: GoMap = new Map();
  for (const r of reqs) {
    const normalized: ChartDependency['importValues'] = [];
    for (const iv of r.importValues) {
      const child = typeof iv === 'string' ? `exports.${iv}` : iv.child;
      const parent = typeof iv === 'string' ? '.' : iv.parent;
      normalized.push({ child, parent });
      const found = table(cvals, `${r.name}.${child}`);
      if (!found || !isGoMap(found)) continue;
      b = mergeTables(b, pathToMap(parent, deepCopy(found) as GoMap));
    }
    r.importValues = normalized;
  }
  chart.values = mergeTables(deepCopy(cvals) as GoMap, b);
}
