// `helm package`: a chart saved as <name>-<version>.tgz the way chartutil.Save writes it: every
// file under a folder named after the chart, Chart.yaml re-encoded from the metadata, values and
// schema as they were, templates, other files, and sub-charts as folders under charts/.

import { strToU8 } from 'fflate';
import type { GoValue } from '../template/value.ts';
import { marshalGoYaml } from '../yaml/marshal-go-yaml.ts';
import type { Chart, ChartMetadata } from './chart.ts';
import { type TarFile, writeTgz } from './chart-archive.ts';

/** Chart.yaml as helm writes it back (yaml.Marshal of the metadata: sorted keys, no comments). */
function chartYaml(md: ChartMetadata): string {
  const entries: [string, GoValue][] = [
    ['name', md.name],
    ['home', md.home],
    ['sources', md.sources],
    ['version', md.version],
    ['description', md.description],
    ['keywords', md.keywords],
    ['maintainers', md.maintainers.map((m) => omitEmpty([['name', m.name], ['email', m.email], ['url', m.url]]))],
    ['icon', md.icon],
    ['apiVersion', md.apiVersion],
    ['condition', md.condition],
    ['tags', md.tags],
    ['appVersion', md.appVersion],
    ['deprecated', md.deprecated],
    ['annotations', new Map(Object.entries(md.annotations))],
    ['kubeVersion', md.kubeVersion],
    [
      'dependencies',
      md.dependencies.map((d) =>
        omitEmpty([
          ['name', d.name],
          ['version', d.version],
          ['repository', d.repository],
          ['condition', d.condition],
          ['tags', d.tags],
          ['import-values', d.importValues.map((iv) => (typeof iv === 'string' ? iv : new Map([['child', iv.child], ['parent', iv.parent]])))],
          ['alias', d.alias],
        ]),
      ),
    ],
    ['type', md.type],
  ];
  return marshalGoYaml(omitEmpty(entries));
}

function omitEmpty(entries: [string, GoValue][]): Map<string, GoValue> {
  return new Map(
    entries.filter(([, v]) => !(v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0) || (v instanceof Map && v.size === 0))),
  );
}

function chartFiles(chart: Chart, base: string, rawValues: Uint8Array | undefined): TarFile[] {
  const files: TarFile[] = [{ name: `${base}/Chart.yaml`, data: strToU8(chartYaml(chart.metadata)) }];
  if (rawValues) files.push({ name: `${base}/values.yaml`, data: rawValues });
  if (chart.schema) files.push({ name: `${base}/values.schema.json`, data: chart.schema });
  for (const t of chart.templates) files.push({ name: `${base}/${t.name}`, data: t.data });
  for (const f of chart.files) files.push({ name: `${base}/${f.name}`, data: f.data });
  for (const dep of chart.dependencies) files.push(...chartFiles(dep, `${base}/charts/${dep.metadata.name}`, dep.rawValues));
  return files;
}

/** The archive file name and bytes for `chart`; `mtime` stamps the entries (Unix seconds). */
export function packageChart(chart: Chart, mtime: number): { fileName: string; data: Uint8Array } {
  return {
    fileName: `${chart.metadata.name}-${chart.metadata.version}.tgz`,
    data: writeTgz(chartFiles(chart, chart.metadata.name, chart.rawValues), mtime),
  };
}
