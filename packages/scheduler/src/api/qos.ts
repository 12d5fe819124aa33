// A Pod's QoS class (k/k `pkg/apis/core/v1/helper/qos/qos.go` GetPodQOS; docs: pod-qos): only cpu
// and memory count. Guaranteed when every container (init containers included) has cpu and memory
// limits equal to its requests; BestEffort when none sets any cpu or memory request or limit;
// Burstable otherwise. Run after defaulting, so requests copied from limits count.

import type { PodSpec } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from './kinds.ts';
import { tryParseQuantity } from './quantity.ts';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = ['cpu', 'memory'] as const;

export function qosClass(spec: DeepReadonly<PodSpec> | PodSpec): QOSClass {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const name of COMPUTE) {
      const request = tryParseQuantity(requests[name]);
      const limit = tryParseQuantity(limits[name]);
      if ((request !== undefined && !request.isZero()) || (limit !== undefined && !limit.isZero())) any = true;
      if (limit === undefined || limit.isZero() || request === undefined || request.cmp(limit) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
