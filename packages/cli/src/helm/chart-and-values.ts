// What install, upgrade and template read before rendering (helm's runInstall): the values from
// -f and --set*, then the chart at the path, which must be an application chart with its
// dependencies present under charts/. Failures come back in helm's words.

import { type Chart, ChartLoadError, type FileSource, type GoMap, loadChart, mergeValueOptions, ValueOptionsError } from '@dockyard/scheduler/helm';
import type { ParsedFlags } from './flags.ts';
import { valueOptions } from './value-flags.ts';

/** A failure a verb prints as `Error: <message>` (with its own prefix, if it has one). */
export class VerbError extends Error {
  override name = 'VerbError';
}

export function loadChartAndValues(files: FileSource, chartPath: string, flags: ParsedFlags): { chart: Chart; values: GoMap } {
  let values: GoMap;
  try {
    values = mergeValueOptions(valueOptions(flags), files);
  } catch (err) {
    if (err instanceof ValueOptionsError) throw new VerbError(err.message);
    throw err;
  }
  let chart: Chart;
  try {
    chart = loadChart(files, chartPath);
  } catch (err) {
    if (err instanceof ChartLoadError) throw new VerbError(err.message);
    throw err;
  }
  const type = chart.metadata.type;
  if (type !== '' && type !== 'application') throw new VerbError(`${type} charts are not installable`);
  const missing = chart.metadata.dependencies.filter((dep) => !chart.dependencies.some((c) => c.metadata.name === dep.name)).map((dep) => dep.name);
  if (missing.length > 0) {
    throw new VerbError(
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
        `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
    );
  }
  return { chart, values };
}
