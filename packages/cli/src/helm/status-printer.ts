// helm 4's statusPrinter (pkg/cmd/status.go): what install, upgrade, status, test and get all
// print about a release. Times are the local time in time.ANSIC (UTC on the simulated machine);
// without a terminal helm prints no colours.

import type { KubeObject } from '@dockyard/scheduler';
import { coalesceValues, formatANSIC, marshalGoYaml, type Release, releaseJson, type ResourceGroup } from '@dockyard/scheduler/helm';
import { encodeJson, encodeYaml } from './output-encoding.ts';
import type { OutputFormat } from './release-options.ts';

export interface StatusPrint {
  release: Release;
  /** --debug (and get all): the values, hooks and manifest too. */
  debug?: boolean;
  /** get all: chart name, version and app version. */
  showMetadata?: boolean;
  hideNotes?: boolean;
  /** `helm status`: the release's live objects by kind. */
  resources?: ResourceGroup[];
  printResources?: (key: string, objects: readonly KubeObject[]) => string;
  /** `helm status -o json|yaml` leaves the chart out. */
  withChart?: boolean;
}

export function printStatus(print: StatusPrint, format: OutputFormat = 'table'): string {
  if (format === 'json') return encodeJson(releaseJson(print.release, { withChart: print.withChart ?? true }));
  if (format === 'yaml') return encodeYaml(releaseJson(print.release, { withChart: print.withChart ?? true }));
  return statusTable(print);
}

function statusTable(print: StatusPrint): string {
  const rel = print.release;
  let out = `NAME: ${rel.name}\n`;
  if (rel.info.lastDeployed !== 0) out += `LAST DEPLOYED: ${formatANSIC(rel.info.lastDeployed)}\n`;
  out += `NAMESPACE: ${rel.namespace}\n`;
  out += `STATUS: ${rel.info.status}\n`;
  out += `REVISION: ${rel.version}\n`;
  if (print.showMetadata) {
    out += `CHART: ${rel.chart.metadata.name}\n`;
    out += `VERSION: ${rel.chart.metadata.version}\n`;
    out += `APP_VERSION: ${rel.chart.metadata.appVersion}\n`;
  }
  out += `DESCRIPTION: ${rel.info.description}\n`;
  const groups = print.printResources === undefined ? [] : (print.resources ?? []);
  if (groups.length > 0) {
    let buf = '';
    for (const group of groups) buf += `==> ${group.key}\n${print.printResources!(group.key, group.objects)}\n`;
    out += `RESOURCES:\n${buf}\n`;
  }
  const tests = rel.hooks.filter((h) => h.events.includes('test'));
  if (tests.length === 0) out += 'TEST SUITE: None\n';
  for (const h of tests) {
    if (h.lastRun.startedAt === 0) continue;
    out += `TEST SUITE:     ${h.name}\nLast Started:   ${formatANSIC(h.lastRun.startedAt)}\nLast Completed: ${formatANSIC(h.lastRun.completedAt)}\nPhase:          ${h.lastRun.phase}\n`;
  }
  if (print.debug) {
    out += `USER-SUPPLIED VALUES:\n${marshalGoYaml(rel.config)}\n`;
    out += `COMPUTED VALUES:\n${marshalGoYaml(coalesceValues(rel.chart, rel.config ?? new Map()))}\n`;
  }
  if (rel.info.description.toLowerCase() === 'dry run complete' || print.debug) {
    out += 'HOOKS:\n';
    for (const h of rel.hooks) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    out += `MANIFEST:\n${rel.manifest}\n`;
  }
  if (!print.hideNotes && rel.info.notes !== '') out += `NOTES:\n${rel.info.notes.trim()}\n`;
  return out;
}
