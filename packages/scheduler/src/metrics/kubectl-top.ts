// `kubectl top pod` and `kubectl top node` (v1.33, k8s.io/kubectl pkg/metricsutil
// metrics_printer.go): the table cells as kubectl prints them (CPU as `%dm` of the summed
// containers' usage rounded up to millicores, memory as whole `Mi`, node percentages of
// allocatable truncated to whole numbers), and kubectl's messages. The CLI lays the cells out
// with its tabwriter. Nodes with no metrics are listed last with `<unknown>`.

import type { ApiStore } from '../api/api-store.ts';
import { bytesOf, milliCPU } from '../api/quantity.ts';
import { parseSelector } from '../api/label-selector.ts';
import type { MetricsServer } from './metrics-server.ts';

export const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'] as const;
export const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'] as const;
export const METRICS_API_NOT_AVAILABLE = 'error: Metrics API not available';

export type TopResult = { header: string[]; rows: string[][] } | { error: string } | { message: string };

const cpuCell = (millicores: number) => `${Math.ceil(millicores - 1e-9)}m`;
const memoryCell = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`;

export interface TopPodOptions {
  namespace?: string;
  allNamespaces?: boolean;
  podName?: string;
  labelSelector?: string;
  containers?: boolean;
  sortBy?: 'cpu' | 'memory';
}

export function topPods(server: MetricsServer | undefined, store: ApiStore, options: TopPodOptions = {}): TopResult {
  if (server === undefined) return { error: METRICS_API_NOT_AVAILABLE };
  const namespace = options.allNamespaces === true ? undefined : (options.namespace ?? 'default');
  const selector = options.labelSelector === undefined ? undefined : parseSelector(options.labelSelector);
  let samples = server.pods(namespace).filter((s) => {
    if (options.podName !== undefined && s.name !== options.podName) return false;
    if (selector === undefined) return true;
    return selector.matches(store.tryGet('Pod', s.namespace, s.name)?.metadata?.labels);
  });
  if (samples.length === 0) {
    // verifyEmptyMetrics: pods that exist but have no sample yet are "not available yet".
    const pods = store.list('Pod', { namespace, ...(options.labelSelector === undefined ? {} : { labelSelector: options.labelSelector }) }).items.filter((p) => options.podName === undefined || p.metadata?.name === options.podName);
    if (options.podName !== undefined && pods.length === 0) return { error: `Error from server (NotFound): pods "${options.podName}" not found` };
    if (pods.length > 0) return { error: 'error: metrics not available yet' };
    return { message: namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.` };
  }
  const total = (s: (typeof samples)[number], key: 'cpuMillicores' | 'memoryBytes') => s.containers.reduce((sum, c) => sum + c[key], 0);
  if (options.sortBy === 'cpu') samples = [...samples].sort((a, b) => total(b, 'cpuMillicores') - total(a, 'cpuMillicores'));
  if (options.sortBy === 'memory') samples = [...samples].sort((a, b) => total(b, 'memoryBytes') - total(a, 'memoryBytes'));
  const withNamespace = options.allNamespaces === true;
  const header = [...(withNamespace ? ['NAMESPACE'] : []), ...(options.containers === true ? ['POD'] : []), ...POD_COLUMNS];
  const rows: string[][] = [];
  for (const s of samples) {
    const prefix = withNamespace ? [s.namespace] : [];
    if (options.containers === true) for (const c of s.containers) rows.push([...prefix, s.name, c.name, cpuCell(c.cpuMillicores), memoryCell(c.memoryBytes)]);
    else rows.push([...prefix, s.name, cpuCell(total(s, 'cpuMillicores')), memoryCell(total(s, 'memoryBytes'))]);
  }
  return { header, rows };
}

export function topNodes(server: MetricsServer | undefined, store: ApiStore, options: { sortBy?: 'cpu' | 'memory' } = {}): TopResult {
  if (server === undefined) return { error: METRICS_API_NOT_AVAILABLE };
  const nodes = store.list('Node').items;
  let samples = server.nodes().filter((s) => nodes.some((n) => n.metadata?.name === s.name));
  if (samples.length === 0) return { error: 'error: metrics not available yet' };
  if (options.sortBy === 'cpu') samples = [...samples].sort((a, b) => b.cpuMillicores - a.cpuMillicores);
  if (options.sortBy === 'memory') samples = [...samples].sort((a, b) => b.memoryBytes - a.memoryBytes);
  const rows: string[][] = [];
  for (const s of samples) {
    const node = nodes.find((n) => n.metadata?.name === s.name)!;
    const cpu = milliCPU(node.status?.allocatable?.cpu ?? '0');
    const memory = bytesOf(node.status?.allocatable?.memory ?? '0');
    const cpuUsed = Math.ceil(s.cpuMillicores - 1e-9);
    rows.push([s.name, cpuCell(s.cpuMillicores), `${cpu === 0 ? 0 : Math.trunc((cpuUsed / cpu) * 100)}%`, memoryCell(s.memoryBytes), `${memory === 0 ? 0 : Math.trunc((s.memoryBytes / memory) * 100)}%`]);
  }
  for (const node of nodes) if (!samples.some((s) => s.name === node.metadata?.name)) rows.push([node.metadata!.name!, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  return { header: [...NODE_COLUMNS], rows };
}
