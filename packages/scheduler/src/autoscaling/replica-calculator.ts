// The HPA's replica calculation for resource metrics (k/k pkg/controller/podautoscaler
// replica_calculator.go GetResourceReplicas, metrics/utilization.go):
// - pods being deleted or Failed are dropped; Pending pods are set aside (ignored); pods without
//   a sample are missing; for CPU, unready pods still in their first 5 minutes
//   (--horizontal-pod-autoscaler-cpu-initialization-period), or unready and never ready within
//   30 s of starting (--horizontal-pod-autoscaler-initial-readiness-delay), are ignored;
// - utilization = Σ usage × 100 / Σ requests (integer division) over the pods with samples;
//   ratio = utilization / target;
// - with nothing set aside: within the tolerance (|1 − ratio| ≤ 0.1) nothing changes, else
//   ceil(ratio × ready pods);
// - otherwise missing pods count as 100% of their request when scaling down and 0% when scaling
//   up, ignored (unready) pods as 0% when scaling up, and the ratio is computed again; no change if
//   that falls within the tolerance or flips the direction, else ceil(new ratio × pods counted).
// Errors read as the controller's.

import type { Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { parseQuantity } from '../api/quantity.ts';
import { fromRFC3339 } from '@dockyard/runtime';

export const DEFAULT_TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodMetric {
  /** Milli-units: millicores of CPU, milli-bytes of memory (as the controller's MilliValue). */
  value: number;
  timestamp: number;
  windowMs: number;
}

export interface ReplicaProposal {
  replicas: number;
  utilization: number;
  /** The average usage per pod counted, in milli-units. */
  rawAverage: number;
}

export class ReplicaCalculationError extends Error {}

function readyCondition(pod: DeepReadonly<Pod>) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** groupPods: ready pods counted, ignored (unready / pending) and missing pods by name. */
export function groupPods(pods: readonly DeepReadonly<Pod>[], metrics: ReadonlyMap<string, PodMetric>, resource: string, now: number) {
  let readyCount = 0;
  const ignored = new Set<string>();
  const missing = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata!.name!;
    if (pod.metadata?.deletionTimestamp !== undefined || pod.status?.phase === 'Failed') continue;
    if (pod.status?.phase === 'Pending' || pod.status?.phase === undefined) {
      ignored.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (metric === undefined) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = readyCondition(pod);
      const start = pod.status?.startTime === undefined ? undefined : fromRFC3339(pod.status.startTime);
      let ignore: boolean;
      if (condition === undefined || start === undefined) ignore = true;
      else {
        const transition = condition.lastTransitionTime === undefined ? start : fromRFC3339(condition.lastTransitionTime);
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) ignore = condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
        else ignore = condition.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
      }
      if (ignore) {
        ignored.add(name);
        continue;
      }
    }
    readyCount++;
  }
  return { readyCount, ignored, missing };
}

/** Σ requests per pod in milli-units; every container must request the resource. */
export function podRequests(pods: readonly DeepReadonly<Pod>[], resource: string, container?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      if (container !== undefined && c.name !== container) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined) throw new ReplicaCalculationError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name}`);
      sum += parseQuantity(request).milliValue();
    }
    out.set(pod.metadata!.name!, sum);
  }
  return out;
}

function utilizationRatio(metrics: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, target: number) {
  let usage = 0;
  let requested = 0;
  let counted = 0;
  for (const [name, value] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    usage += value;
    requested += request;
    counted++;
  }
  if (requested === 0) throw new ReplicaCalculationError('no metrics returned matched known pods');
  const utilization = Math.trunc((usage * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(usage / counted) };
}

/** GetResourceReplicas for a Utilization target. */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly DeepReadonly<Pod>[],
  sampled: ReadonlyMap<string, PodMetric>,
  now: number,
  tolerance = DEFAULT_TOLERANCE,
  container?: string,
): ReplicaProposal {
  if (sampled.size === 0) throw new ReplicaCalculationError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  if (pods.length === 0) throw new ReplicaCalculationError('no pods returned by selector while calculating replica count');
  const { readyCount, ignored, missing } = groupPods(pods, sampled, resource, now);
  const metrics = new Map<string, number>();
  for (const [name, metric] of sampled) if (!ignored.has(name) && pods.some((p) => p.metadata?.name === name)) metrics.set(name, metric.value);
  const requests = podRequests(pods, resource, container);
  if (metrics.size === 0) throw new ReplicaCalculationError('did not receive metrics for targeted pods (pods might be unready)');
  const first = utilizationRatio(metrics, requests, targetUtilization);
  const rebalanceIgnored = ignored.size > 0 && first.ratio > 1.0;
  if (!rebalanceIgnored && missing.size === 0) {
    if (Math.abs(1.0 - first.ratio) <= tolerance) return { replicas: currentReplicas, utilization: first.utilization, rawAverage: first.rawAverage };
    return { replicas: Math.ceil(first.ratio * readyCount), utilization: first.utilization, rawAverage: first.rawAverage };
  }
  if (missing.size > 0) {
    for (const name of missing) {
      if (first.ratio < 1.0) metrics.set(name, requests.get(name) ?? 0);
      else if (first.ratio > 1.0) metrics.set(name, 0);
    }
  }
  if (rebalanceIgnored) for (const name of ignored) if (requests.has(name)) metrics.set(name, 0);
  const second = utilizationRatio(metrics, requests, targetUtilization);
  const unchanged = { replicas: currentReplicas, utilization: first.utilization, rawAverage: first.rawAverage };
  if (Math.abs(1.0 - second.ratio) <= tolerance || (first.ratio < 1.0 && second.ratio > 1.0) || (first.ratio > 1.0 && second.ratio < 1.0)) return unchanged;
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1.0 && replicas > currentReplicas) || (second.ratio > 1.0 && replicas < currentReplicas)) return unchanged;
  return { replicas, utilization: first.utilization, rawAverage: first.rawAverage };
}

/** GetRawResourceReplicas for an AverageValue target (milli-units per pod). */
export function rawResourceReplicas(currentReplicas: number, targetAverage: number, pods: readonly DeepReadonly<Pod>[], sampled: ReadonlyMap<string, PodMetric>, resource: string, now: number, tolerance = DEFAULT_TOLERANCE): ReplicaProposal {
  if (sampled.size === 0) throw new ReplicaCalculationError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  if (pods.length === 0) throw new ReplicaCalculationError('no pods returned by selector while calculating replica count');
  const { readyCount, ignored, missing } = groupPods(pods, sampled, resource, now);
  const metrics = new Map<string, number>();
  for (const [name, metric] of sampled) if (!ignored.has(name) && pods.some((p) => p.metadata?.name === name)) metrics.set(name, metric.value);
  if (metrics.size === 0) throw new ReplicaCalculationError('did not receive metrics for targeted pods (pods might be unready)');
  const average = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) / m.size;
  const ratio = average(metrics) / targetAverage;
  const raw = Math.trunc(average(metrics));
  if (ignored.size === 0 || ratio <= 1.0) {
    if (missing.size === 0) {
      if (Math.abs(1 - ratio) <= tolerance) return { replicas: currentReplicas, utilization: raw, rawAverage: raw };
      return { replicas: Math.ceil(ratio * readyCount), utilization: raw, rawAverage: raw };
    }
  }
  for (const name of missing) metrics.set(name, ratio < 1.0 ? targetAverage : 0);
  if (ratio > 1.0) for (const name of ignored) metrics.set(name, 0);
  const next = average(metrics) / targetAverage;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { replicas: currentReplicas, utilization: raw, rawAverage: raw };
  return { replicas: Math.ceil(next * metrics.size), utilization: raw, rawAverage: raw };
}
