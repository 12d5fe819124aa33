// A pod's QoS class: status.qosClass when the kubelet set it, else computed from cpu and memory
// requests and limits of all containers: Guaranteed when every container has both limits and
// requests equal to them, BestEffort when none sets any, Burstable otherwise.
// [kubectl pkg/util/qos `GetPodQOS`, `ComputePodQOS`; reference §3]
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from './quantity.ts';

export function podQOSClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const container of containers) {
    for (const [name, text] of Object.entries(container.resources?.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(text);
      if (q !== undefined && q.milli !== 0n) requests.set(name, (requests.get(name) ?? 0n) + q.milli);
    }
    const containerLimits = new Set<string>();
    for (const [name, text] of Object.entries(container.resources?.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(text);
      if (q !== undefined && q.milli !== 0n) {
        containerLimits.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + q.milli);
      }
    }
    if (!containerLimits.has('cpu') || !containerLimits.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, value] of requests) {
      if (limits.get(name) !== value) return 'Burstable';
    }
    if (limits.size === 2) return 'Guaranteed';
  }
  return 'Burstable';
}
