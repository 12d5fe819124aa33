// Node-pressure eviction (k/k pkg/kubelet/eviction): every 10 s the kubelet compares
// memory.available (capacity minus the working sets of everything on the node) with the hard
// threshold (memory.available<100Mi, reference §3). Below it, the node reports MemoryPressure (and
// keeps reporting it for evictionPressureTransitionPeriod, 5 min, after it ends) and the kubelet
// evicts one pod per pass: pods using more memory than they request first (pods without stats
// before all), then lower priority, then the largest excess (`rankMemoryPressure`). A hard
// eviction kills at once (grace 0) and fails the pod with reason Evicted and the kubelet's message.

import type { Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { bytesOf } from '../api/quantity.ts';

/** evictionMonitoringPeriod (housekeeping). */
export const EVICTION_MONITORING_MS = 10_000;
/** evictionPressureTransitionPeriod. */
export const PRESSURE_TRANSITION_MS = 300_000;
/** The default hard threshold for memory.available on Linux. */
export const DEFAULT_MEMORY_THRESHOLD = '100Mi';

export interface EvictionCandidate {
  pod: DeepReadonly<Pod>;
  /** Working set of each container, by name; undefined when the pod has no stats. */
  usage?: Record<string, number>;
}

function memoryRequest(pod: DeepReadonly<Pod>, name: string): number {
  const container = pod.spec?.containers?.find((c) => c.name === name);
  const request = container?.resources?.requests?.memory;
  return request === undefined ? 0 : bytesOf(request);
}

function podUsage(c: EvictionCandidate): number {
  return Object.values(c.usage ?? {}).reduce((n, b) => n + b, 0);
}

function podRequest(pod: DeepReadonly<Pod>): number {
  return (pod.spec?.containers ?? []).reduce((n, c) => n + memoryRequest(pod, c.name), 0);
}

/** The pods in the order the kubelet evicts them under memory pressure. */
export function rankMemoryPressure(candidates: readonly EvictionCandidate[]): EvictionCandidate[] {
  const exceeds = (c: EvictionCandidate) => c.usage === undefined || podUsage(c) > podRequest(c.pod);
  return [...candidates].sort((a, b) => {
    const ea = exceeds(a);
    const eb = exceeds(b);
    if (ea !== eb) return ea ? -1 : 1;
    const pa = a.pod.spec?.priority ?? 0;
    const pb = b.pod.spec?.priority ?? 0;
    if (pa !== pb) return pa - pb;
    return podUsage(b) - podRequest(b.pod) - (podUsage(a) - podRequest(a.pod));
  });
}

/** A quantity of bytes as resource.Quantity prints a BinarySI value. */
export function binaryQuantity(bytes: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

/** The Evicted message (eviction/helpers.go `evictionMessage`), trailing space included. */
export function evictionMessage(candidate: EvictionCandidate, threshold: string, availableBytes: number): string {
  let message = `The node was low on resource: memory. Threshold quantity: ${threshold}, available: ${binaryQuantity(Math.floor(availableBytes / 1024) * 1024)}. `;
  for (const container of candidate.pod.spec?.containers ?? []) {
    const usage = candidate.usage?.[container.name] ?? 0;
    const request = memoryRequest(candidate.pod, container.name);
    if (usage > request) {
      const requested = container.resources?.requests?.memory ?? '0';
      message += `Container ${container.name} was using ${binaryQuantity(Math.ceil(usage / 1024) * 1024)}, request is ${requested}, has larger consumption of memory. `;
    }
  }
  return message;
}
