// metrics-server: every --metric-resolution (15 s) it scrapes each node's kubelet (the
// /metrics/resource endpoint) and serves the newest usage of each node, pod and container through
// the metrics.k8s.io API that `kubectl top` and the HPA read. CPU is a rate, so a pod has metrics
// only from its second scrape on (`kubectl top` says "metrics not available yet" before that).
// It scrapes only while some kubelet is registered, so an idle cluster lets the engine idle.
//
// The kubelet feeds it through `KubeletResourceMetrics`: at each scrape, the average usage of each
// running container over the last interval (CPU in millicores) and its memory working set in bytes,
// plus the node's own totals.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';

/** --metric-resolution. */
export const METRIC_RESOLUTION_MS = 15_000;

export interface ContainerUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  containers: ContainerUsage[];
}

export interface NodeUsageReport {
  /** The node's total (system and pods), as the kubelet's node summary gives it. */
  cpuMillicores: number;
  memoryBytes: number;
  pods: PodUsage[];
}

/** What each kubelet implements for the metrics pipeline (its /metrics/resource). */
export interface KubeletResourceMetrics {
  readonly nodeName: string;
  scrape(now: number): NodeUsageReport;
}

export interface PodMetricsSample {
  namespace: string;
  name: string;
  /** When the sample was scraped (engine ms) and the interval it averages over. */
  timestamp: number;
  windowMs: number;
  containers: ContainerUsage[];
}

export interface NodeMetricsSample {
  name: string;
  timestamp: number;
  windowMs: number;
  cpuMillicores: number;
  memoryBytes: number;
}

interface SavedMetricsServer {
  pods: PodMetricsSample[];
  nodes: NodeMetricsSample[];
  seen: string[];
  nextScrape: number | null;
}

/** `250m` → nanocores, printed as the API does (`250000000n`). */
function nanoCores(millicores: number): string {
  return `${Math.round(millicores * 1_000_000)}n`;
}

function kibibytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)}Ki`;
}

export class MetricsServer implements EngineComponent {
  readonly name = 'metrics-server';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #kubelets = new Map<string, KubeletResourceMetrics>();
  readonly #scrape: TaskKind<Record<string, never>>;
  #pods = new Map<string, PodMetricsSample>();
  #nodes = new Map<string, NodeMetricsSample>();
  /** Pods scraped once: a CPU rate needs a second point. */
  #seen = new Set<string>();
  #nextScrape: number | undefined;
  #lastScrape: number | undefined;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#scrape = engine.defineTask('metrics-server.scrape', () => {
      this.#nextScrape = undefined;
      this.scrapeNow();
      if (this.#kubelets.size > 0) this.#scheduleScrape();
    });
    engine.register(this);
  }

  /** A kubelet whose node is scraped from now on. */
  addKubelet(kubelet: KubeletResourceMetrics): void {
    this.#kubelets.set(kubelet.nodeName, kubelet);
    this.#scheduleScrape();
  }

  removeKubelet(nodeName: string): void {
    this.#kubelets.delete(nodeName);
    this.#nodes.delete(nodeName);
  }

  #scheduleScrape(): void {
    if (this.#nextScrape !== undefined) return;
    this.#nextScrape = this.#engine.now + METRIC_RESOLUTION_MS;
    this.#engine.scheduleAt(this.#scrape, this.#nextScrape, {});
  }

  /** One scrape of every registered kubelet (what the 15 s task does). */
  scrapeNow(): void {
    const now = this.#engine.now;
    const window = this.#lastScrape === undefined ? METRIC_RESOLUTION_MS : Math.max(1, now - this.#lastScrape);
    this.#lastScrape = now;
    const pods = new Map<string, PodMetricsSample>();
    const seen = new Set<string>();
    for (const name of [...this.#kubelets.keys()].sort()) {
      const report = this.#kubelets.get(name)!.scrape(now);
      this.#nodes.set(name, { name, timestamp: now, windowMs: window, cpuMillicores: report.cpuMillicores, memoryBytes: report.memoryBytes });
      for (const pod of report.pods) {
        const key = `${pod.namespace}/${pod.name}`;
        seen.add(key);
        if (this.#seen.has(key)) pods.set(key, { namespace: pod.namespace, name: pod.name, timestamp: now, windowMs: window, containers: pod.containers.map((c) => ({ ...c })) });
      }
    }
    this.#seen = seen;
    this.#pods = pods;
    this.#engine.log.append('metrics-server.scrape', { nodes: this.#kubelets.size, pods: pods.size });
  }

  /** The newest pod samples, by namespace and name (what metrics.k8s.io lists). */
  pods(namespace?: string): PodMetricsSample[] {
    return [...this.#pods.values()].filter((p) => namespace === undefined || p.namespace === namespace).sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  }

  nodes(): NodeMetricsSample[] {
    return [...this.#nodes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** A PodMetrics object of metrics.k8s.io/v1beta1, as `kubectl get --raw` shows it. */
  podMetricsObject(sample: PodMetricsSample): Record<string, unknown> {
    const pod = this.#store.tryGet('Pod', sample.namespace, sample.name);
    return {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: sample.name, namespace: sample.namespace, creationTimestamp: toRFC3339(this.#engine.now), ...(pod?.metadata?.labels === undefined ? {} : { labels: pod.metadata.labels }) },
      timestamp: toRFC3339(sample.timestamp),
      window: `${Math.round(sample.windowMs / 1000)}s`,
      containers: sample.containers.map((c) => ({ name: c.name, usage: { cpu: nanoCores(c.cpuMillicores), memory: kibibytes(c.memoryBytes) } })),
    };
  }

  /** A NodeMetrics object of metrics.k8s.io/v1beta1, as `kubectl get --raw` shows it. */
  nodeMetricsObject(sample: NodeMetricsSample): Record<string, unknown> {
    const node = this.#store.tryGet('Node', undefined, sample.name);
    return {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: sample.name, creationTimestamp: toRFC3339(this.#engine.now), ...(node?.metadata?.labels === undefined ? {} : { labels: node.metadata.labels }) },
      timestamp: toRFC3339(sample.timestamp),
      window: `${Math.round(sample.windowMs / 1000)}s`,
      usage: { cpu: nanoCores(sample.cpuMillicores), memory: kibibytes(sample.memoryBytes) },
    };
  }

  snapshot(): SavedMetricsServer {
    return { pods: this.pods(), nodes: this.nodes(), seen: [...this.#seen].sort(), nextScrape: this.#nextScrape ?? null };
  }

  restore(state: unknown): void {
    const saved = state as SavedMetricsServer;
    this.#pods = new Map(saved.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    this.#nodes = new Map(saved.nodes.map((n) => [n.name, n]));
    this.#seen = new Set(saved.seen);
    this.#nextScrape = saved.nextScrape ?? undefined;
  }
}
