// What the kubelet asks of the kernel for a pod's containers (reference §3): the QoS class cgroup
// each pod lives under (cgroupfs layout: /kubepods for Guaranteed, /kubepods/burstable,
// /kubepods/besteffort, then pod<uid>), the container's cgroup limits from its requests and limits,
// and the OOM killer's preference (oom_score_adj).
// [k/k pkg/kubelet/cm/helpers_linux.go `MilliCPUToShares`, `MilliCPUToQuota`,
// `ResourceConfigForPod`; pkg/kubelet/qos/policy.go `GetContainerOOMScoreAdjust`; runc's shares →
// cpu.weight conversion (the one containerd 1.7's runc uses)]

import type { ResourceSpec } from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { qosClass, type QOSClass } from '../api/qos.ts';
import { bytesOf, milliCPU } from '../api/quantity.ts';

export const MIN_SHARES = 2;
export const MAX_SHARES = 262_144;
export const SHARES_PER_CPU = 1024;
export const QUOTA_PERIOD_US = 100_000;
export const MIN_QUOTA_PERIOD_US = 1000;

export const GUARANTEED_OOM_SCORE_ADJ = -997;
export const BESTEFFORT_OOM_SCORE_ADJ = 1000;
export const KUBELET_OOM_SCORE_ADJ = -999;

/** cgroup v1 cpu.shares for a cpu request in millicores (0 → 2). */
export function milliCpuToShares(milli: number): number {
  if (milli === 0) return MIN_SHARES;
  const shares = Math.floor((milli * SHARES_PER_CPU) / 1000);
  return Math.min(MAX_SHARES, Math.max(MIN_SHARES, shares));
}

/** cgroup v2 cpu.weight from shares, as runc converts them: 1024 shares → 39. */
export function sharesToWeight(shares: number): number {
  return 1 + Math.floor(((shares - 2) * 9999) / 262_142);
}

/** cpu.max quota in µs per 100 ms period for a cpu limit in millicores; undefined: no limit. */
export function milliCpuToQuota(milli: number): number | undefined {
  if (milli === 0) return undefined;
  return Math.max(MIN_QUOTA_PERIOD_US, Math.floor((milli * QUOTA_PERIOD_US) / 1000));
}

/** The pod's QoS class: what the API server recorded, else computed from its spec. */
export function podQos(pod: DeepReadonly<Pod>): QOSClass {
  const recorded = pod.status?.qosClass;
  if (recorded === 'Guaranteed' || recorded === 'Burstable' || recorded === 'BestEffort') return recorded;
  return qosClass(pod.spec!);
}

/** The cgroup a pod's containers go under. */
export function podCgroupParent(uid: string, qos: QOSClass): string {
  if (qos === 'Guaranteed') return `/kubepods/pod${uid}`;
  return `/kubepods/${qos === 'Burstable' ? 'burstable' : 'besteffort'}/pod${uid}`;
}

/** The container's cgroup limits: cpu.weight from its cpu request, cpu.max and memory.max from its limits. */
export function containerResources(container: DeepReadonly<Container>): ResourceSpec {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const cpuRequest = requests.cpu === undefined ? (limits.cpu === undefined ? 0 : milliCPU(limits.cpu)) : milliCPU(requests.cpu);
  const cpuLimit = limits.cpu === undefined ? 0 : milliCPU(limits.cpu);
  const memoryLimit = limits.memory === undefined ? 0 : bytesOf(limits.memory);
  const quota = milliCpuToQuota(cpuLimit);
  return {
    cpuWeight: sharesToWeight(milliCpuToShares(cpuRequest)),
    // The runtime takes docker's NanoCpus; quota / period × 1e9 is the same cpu.max.
    ...(quota === undefined ? {} : { nanoCpus: (quota / QUOTA_PERIOD_US) * 1e9 }),
    ...(memoryLimit > 0 ? { memory: memoryLimit } : {}),
    // cgroup v2: the whole container goes when one of its processes is OOM-killed (v1.28+ default).
    oomGroup: true,
  };
}

/** oom_score_adj of a container's processes; `memoryCapacity` is the node's memory in bytes. */
export function oomScoreAdj(container: DeepReadonly<Container>, qos: QOSClass, memoryCapacity: number): number {
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BESTEFFORT_OOM_SCORE_ADJ;
  const request = container.resources?.requests?.memory;
  const memoryRequest = request === undefined ? 0 : bytesOf(request);
  // Integer arithmetic, as the Go code does it.
  let adj = 1000 - Math.floor((1000 * memoryRequest) / memoryCapacity);
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) adj = 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adj === BESTEFFORT_OOM_SCORE_ADJ) adj = BESTEFFORT_OOM_SCORE_ADJ - 1;
  return adj;
}
