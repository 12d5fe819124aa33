// A loaded chart, as helm's chart.Chart holds it: metadata from Chart.yaml, default values, the
// values schema, templates, other files, and the sub-charts found under charts/.

import type { GoMap } from '../template/value.ts';

export interface ChartFile {
  /** Path relative to the chart root: "templates/service.yaml", "crds/crd.yaml". */
  readonly name: string;
  readonly data: Uint8Array;
}

export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/** One entry of Chart.yaml `dependencies` (or requirements.yaml for apiVersion v1). */
export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** Either "name" (imports exports.name) or { child, parent }. */
  importValues: (string | { child: string; parent: string })[];
  alias: string;
}

/** Chart.yaml. */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: Maintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: ChartDependency[];
  type: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** values.yaml (empty when absent). */
  values: GoMap;
  /** values.yaml as written (what `helm package` stores), when present. */
  rawValues: Uint8Array | undefined;
  /** values.schema.json, when present. */
  schema: Uint8Array | undefined;
  templates: ChartFile[];
  /** Every other file (README, crds/, files read by .Files). */
  files: ChartFile[];
  dependencies: Chart[];
  parent: Chart | undefined;
}

export const isLibraryChart = (chart: Chart): boolean => chart.metadata.type === 'library';

/** helm's ChartFullPath: "parent/charts/child" names templates and sources. */
export function chartFullPath(chart: Chart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}

/**
 * A copy whose chart objects (and their dependency lists and values) can be changed without
 * touching the original: dependency processing removes disabled sub-charts and imports values.
 */
export function cloneChart(chart: Chart, parent?: Chart): Chart {
  const copy: Chart = {
    ...chart,
    metadata: { ...chart.metadata, dependencies: chart.metadata.dependencies.map((d) => ({ ...d, tags: [...d.tags], importValues: [...d.importValues] })) },
    parent,
    dependencies: [],
  };
  copy.dependencies = chart.dependencies.map((dep) => cloneChart(dep, copy));
  return copy;
}

/** The CRD files of a chart and its sub-charts: crds/*.yaml, *.yml, *.json. */
export function crdObjects(chart: Chart): { filename: string; file: ChartFile }[] {
  const own = chart.files
    .filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name))
    .map((file) => ({ filename: `${chartFullPath(chart)}/${file.name}`, file }));
  return [...own, ...chart.dependencies.flatMap(crdObjects)];
}
