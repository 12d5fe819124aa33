// The kubelet's resource metrics (its /metrics/resource endpoint, fed by cAdvisor): at each scrape,
// every running container's CPU use averaged over the time since the previous scrape (millicores)
// and its memory working set (bytes), plus the node's totals, which include what the system
// itself uses (kubelet, containerd, the OS). metrics-server scrapes this every 15 s and serves
// `kubectl top` and the HPA; the node-pressure eviction manager reads the same working sets.

import { type ContainerRuntime, cpuUsageAt } from '@dockyard/runtime';
import type { NodeUsageReport, PodUsage } from '../metrics/metrics-server.ts';

/** What the node's own processes use beside the pods (a kind worker at rest). */
export const SYSTEM_MEMORY_BYTES = 400 * 1024 * 1024;
export const SYSTEM_CPU_MILLICORES = 40;

/** The last cumulative CPU reading of each container instance, by runtime id. */
export type CpuSamples = Record<string, { usageUs: number; at: number }>;

/** A running pod container as the metrics see it. */
export interface RunningContainer {
  namespace: string;
  pod: string;
  name: string;
  id: string;
}

/** Reads usage now; `samples` is updated so the next scrape averages over the time since this one. */
export function scrapeUsage(runtime: ContainerRuntime, containers: readonly RunningContainer[], samples: CpuSamples, now: number): NodeUsageReport {
  const pods = new Map<string, PodUsage>();
  let cpu = SYSTEM_CPU_MILLICORES;
  let memory = SYSTEM_MEMORY_BYTES;
  const seen = new Set<string>();
  for (const c of containers) {
    const instance = runtime.get(c.id);
    if (instance?.state.status !== 'running') continue;
    seen.add(c.id);
    const usageUs = cpuUsageAt(instance.cgroup, now);
    const previous = samples[c.id];
    const since = previous === undefined ? (instance.state.startedAt ?? now) : previous.at;
    const before = previous === undefined ? 0 : previous.usageUs;
    const millicores = now > since ? Math.round((usageUs - before) / (now - since)) : 0;
    samples[c.id] = { usageUs, at: now };
    const memoryBytes = runtime.stats(c.id)?.memory ?? 0;
    const key = `${c.namespace}/${c.pod}`;
    let pod = pods.get(key);
    if (pod === undefined) pods.set(key, (pod = { namespace: c.namespace, name: c.pod, containers: [] }));
    pod.containers.push({ name: c.name, cpuMillicores: millicores, memoryBytes });
    cpu += millicores;
    memory += memoryBytes;
  }
  for (const id of Object.keys(samples)) if (!seen.has(id)) delete samples[id];
  return { cpuMillicores: cpu, memoryBytes: memory, pods: [...pods.values()] };
}
