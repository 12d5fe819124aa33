// `kubectl top node` / `kubectl top pod`: usage from the metrics API (metrics.k8s.io/v1beta1
// NodeMetrics and PodMetrics objects), CPU in millicores (`12m`, rounded up) and memory in whole
// MiB (`57Mi`, rounded down), node percentages of allocatable (or capacity with
// --show-capacity), truncated. Every cell, the last included, is tab-terminated, so kubectl's top
// lines end in padding; this printer reproduces that.
// [kubectl pkg/metricsutil/metrics_printer.go `PrintNodeMetrics`, `PrintPodMetrics`,
// `printAllResourceUsages`, `printPodResourcesSum`; pkg/cmd/top/top_pod.go, top_node.go]
import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from './object.ts';
import { parseScaled } from './describe/quantity.ts';
import { goSort } from './go-sort.ts';
import { alignTabs, GET_TABWRITER } from './tabwriter.ts';

/** A resource list as the metrics API holds it (`{cpu: '12345678n', memory: '58368Ki'}`). */
export type ResourceUsage = Readonly<Record<string, string>>;

export interface NodeMetrics extends KubeObject {
  readonly usage?: ResourceUsage;
  readonly timestamp?: string;
  readonly window?: string;
}

export interface PodMetrics extends KubeObject {
  readonly containers?: readonly { readonly name: string; readonly usage?: ResourceUsage }[];
  readonly timestamp?: string;
  readonly window?: string;
}

/** `--sort-by`: `cpu` or `memory` (descending); anything else sorts by name. */
export type TopSortBy = 'cpu' | 'memory' | '';

export interface TopNodeOptions {
  readonly noHeaders?: boolean;
  readonly sortBy?: TopSortBy;
  /** `--show-capacity`: percentages of capacity instead of allocatable. */
  readonly showCapacity?: boolean;
}

export interface TopPodOptions {
  readonly noHeaders?: boolean;
  readonly sortBy?: TopSortBy;
  /** `-A`: NAMESPACE first, and pods sort by namespace, then name. */
  readonly allNamespaces?: boolean;
  /** `--containers`: one line per container, POD then NAME (the container). */
  readonly containers?: boolean;
  /** `--sum`: a `________` line and the totals under the usage columns. */
  readonly sum?: boolean;
}

/** stderr (exit 1) when the cluster serves no metrics.k8s.io API. */
export const METRICS_API_NOT_AVAILABLE = 'error: Metrics API not available\n';
/** stderr (exit 1) of `top node` when the metrics API lists no nodes. */
export const NODE_METRICS_NOT_AVAILABLE = 'error: metrics not available yet\n';

/** Usage in nano-units: sums stay exact as Quantity.Add keeps them (kubectl rounds only to print). */
interface Usage {
  readonly cpuNano: bigint;
  readonly memoryNano: bigint;
}

/**
 * stdout of `kubectl top node`: the nodes with metrics (sorted), then `<unknown>` lines for
 * `nodes` that have none (kubectl walks a map for those, so their order is random there; here
 * they keep the order given). Empty when `metrics` is (kubectl then fails with
 * NODE_METRICS_NOT_AVAILABLE).
 */
export function printTopNodes(metrics: readonly NodeMetrics[], nodes: readonly Node[], options: TopNodeOptions = {}): string {
  if (metrics.length === 0) return '';
  const rows = metrics.map((m) => ({ name: m.metadata?.name ?? '', usage: usageOf(m.usage) }));
  goSort(rows, lessBy(options.sortBy ?? '', (a, b) => a.name < b.name));
  const available = new Map<string, ResourceUsage>();
  for (const node of nodes) {
    const list = options.showCapacity === true ? node.status?.capacity : node.status?.allocatable;
    available.set(node.metadata?.name ?? '', list ?? {});
  }
  const lines: string[] = [];
  if (options.noHeaders !== true) lines.push(cells(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']));
  for (const row of rows) {
    lines.push(cells([row.name, ...usageCells(row.usage, available.get(row.name) ?? {})]));
    available.delete(row.name);
  }
  for (const name of available.keys()) lines.push(cells([name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']));
  return alignTabs(lines.join('\n') + '\n', GET_TABWRITER);
}

/**
 * stdout of `kubectl top pod`. Empty when `metrics` is: kubectl then writes
 * `noResourcesFound(namespace)` to stderr when the pods do not exist either, or fails with
 * `error: Metrics not available for pod <ns>/<name>, age: <duration>` when they do.
 */
export function printTopPods(metrics: readonly PodMetrics[], options: TopPodOptions = {}): string {
  if (metrics.length === 0) return '';
  const withNamespace = options.allNamespaces === true;
  const sortBy = options.sortBy ?? '';
  const pods = metrics.map((m) => {
    const containers = (m.containers ?? []).map((c) => ({ name: c.name, usage: usageOf(c.usage) }));
    const total = containers.reduce(
      (sum, c) => ({ cpuNano: sum.cpuNano + c.usage.cpuNano, memoryNano: sum.memoryNano + c.usage.memoryNano }),
      { cpuNano: 0n, memoryNano: 0n },
    );
    return { name: m.metadata?.name ?? '', namespace: m.metadata?.namespace ?? '', containers, usage: total };
  });
  goSort(
    pods,
    lessBy(sortBy, (a, b) => (withNamespace && a.namespace !== b.namespace ? a.namespace < b.namespace : a.name < b.name)),
  );
  const lines: string[] = [];
  // kubectl counts the NAMESPACE and POD columns for the --sum line only while printing headers.
  let columns = 3;
  if (options.noHeaders !== true) {
    const header: string[] = [];
    if (withNamespace) (header.push('NAMESPACE'), columns++);
    if (options.containers === true) (header.push('POD'), columns++);
    lines.push(cells([...header, 'NAME', 'CPU(cores)', 'MEMORY(bytes)']));
  }
  for (const pod of pods) {
    if (options.containers === true) {
      goSort(pod.containers, lessBy(sortBy, (a, b) => a.name < b.name));
      for (const container of pod.containers) {
        lines.push(cells([...(withNamespace ? [pod.namespace] : []), pod.name, container.name, ...usageCells(container.usage)]));
      }
    } else {
      lines.push(cells([...(withNamespace ? [pod.namespace] : []), pod.name, ...usageCells(pod.usage)]));
    }
  }
  if (options.sum === true) {
    const total = pods.reduce(
      (sum, p) => ({ cpuNano: sum.cpuNano + p.usage.cpuNano, memoryNano: sum.memoryNano + p.usage.memoryNano }),
      { cpuNano: 0n, memoryNano: 0n },
    );
    lines.push(cells([...Array<string>(Math.max(columns - 2, 0)).fill(''), '________', '________']));
    lines.push(cells([...Array<string>(Math.max(columns - 3, 0)).fill(''), '', ...usageCells(total)]));
  }
  return alignTabs(lines.join('\n') + '\n', GET_TABWRITER);
}

/** Each value followed by a tab, as metrics_printer's printValue writes them. */
function cells(values: readonly string[]): string {
  return values.map((v) => `${v}\t`).join('');
}

function usageOf(list: ResourceUsage | undefined): Usage {
  return { cpuNano: nanoOf(list?.['cpu']), memoryNano: nanoOf(list?.['memory']) };
}

/** A quantity in nano-units, rounded up below that (0 when unset or not a quantity). */
function nanoOf(text: string | undefined): bigint {
  return text === undefined ? 0n : (parseScaled(text, UNIT)?.value ?? 0n);
}

/** Rounds nano-units up to `unit` (Quantity.MilliValue() with 1e6, Value() with 1e9). */
function scaled(nano: bigint, unit: bigint): bigint {
  return nano >= 0n ? (nano + unit - 1n) / unit : nano / unit;
}

/** `12m`, then `5%` when the node's allocatable has the resource; `57Mi`, then `3%`. */
function usageCells(usage: Usage, available?: ResourceUsage): string[] {
  const out: string[] = [`${scaled(usage.cpuNano, MILLI)}m`];
  // Percentages compare MilliValues, as kubectl does.
  if (available?.['cpu'] !== undefined) out.push(percent(scaled(usage.cpuNano, MILLI), scaled(nanoOf(available['cpu']), MILLI)));
  out.push(`${scaled(usage.memoryNano, UNIT) / (1024n * 1024n)}Mi`);
  if (available?.['memory'] !== undefined) {
    out.push(percent(scaled(usage.memoryNano, MILLI), scaled(nanoOf(available['memory']), MILLI)));
  }
  return out;
}

/** int64(float64(used) / float64(available) * 100) and `%`. */
function percent(used: bigint, available: bigint): string {
  const fraction = (Number(used) / Number(available)) * 100;
  // Go on amd64 turns an infinite or NaN float into the smallest int64 (a zero allocatable).
  if (!Number.isFinite(fraction)) return '-9223372036854775808%';
  return `${Math.trunc(fraction)}%`;
}

const MILLI = 1_000_000n;
const UNIT = 1_000_000_000n;

function lessBy<T extends { usage: Usage }>(sortBy: TopSortBy | string, byName: (a: T, b: T) => boolean): (a: T, b: T) => boolean {
  if (sortBy === 'cpu') return (a, b) => scaled(a.usage.cpuNano, MILLI) > scaled(b.usage.cpuNano, MILLI);
  if (sortBy === 'memory') return (a, b) => scaled(a.usage.memoryNano, UNIT) > scaled(b.usage.memoryNano, UNIT);
  return byName;
}
