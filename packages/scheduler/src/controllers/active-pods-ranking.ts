// Which pods a controller removes first when it has too many (k/k `pkg/controller/controller_utils.go`
// `ActivePodsWithRanks.Less`, used by the ReplicaSet controller's getPodsToDelete, and the older
// `ActivePods.Less` the Job controller still sorts with). Earlier in the order = deleted first:
// 1. unscheduled before scheduled;
// 2. phase Pending, then Unknown, then Running;
// 3. not ready before ready;
// 4. lower `controller.kubernetes.io/pod-deletion-cost` first (PodDeletionCost, GA);
// 5. more active related pods on the same node first ("doubled up");
// 6. among ready pods, ready for less time first;
// 7. more container restarts first (regular containers, then sidecars);
// 8. newer first (no timestamp first of all).
// LogarithmicScaleDown (GA since v1.31): rules 6 and 8 compare floor(log2(age in ns)) buckets and
// break ties by UID, so pods created or made ready at about the same time go in random order.
// Go's sort is not stable; here equal pods keep the order they came in (name order).

import { fromRFC3339 } from '@dockyard/runtime';
import { isPodActive, isPodReady, podReadyTime, type PodView } from './pod-util.ts';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The pod-deletion-cost annotation as an int32; 0 when absent or not a valid int32. */
export function podDeletionCost(pod: PodView): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return 0;
  const value = Number(text);
  return value >= -(2 ** 31) && value <= 2 ** 31 - 1 ? value : 0;
}

function restartCounts(pod: PodView): { regular: number; sidecar: number } {
  let regular = 0;
  let sidecar = 0;
  for (const status of pod.status?.containerStatuses ?? []) regular = Math.max(regular, status.restartCount);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const status of pod.status?.initContainerStatuses ?? []) {
    if (sidecars.has(status.name)) sidecar = Math.max(sidecar, status.restartCount);
  }
  return { regular, sidecar };
}

/** -1 when `a` goes first, 1 when `b` does, 0 when rule 7 does not tell them apart. */
function compareRestarts(a: PodView, b: PodView): number {
  const ra = restartCounts(a);
  const rb = restartCounts(b);
  if (ra.regular !== rb.regular) return ra.regular > rb.regular ? -1 : 1;
  if (ra.sidecar !== rb.sidecar) return ra.sidecar > rb.sidecar ? -1 : 1;
  return 0;
}

/** afterOrZero: the later time goes first; a missing time goes before any time. */
function afterOrZero(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  return a > b ? -1 : 1;
}

/** floor(log2(now − t)) in nanoseconds, or −1 for a time not in the past (logarithmicRankDiff). */
function logBucket(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Rules 6 and 8 with LogarithmicScaleDown: newer bucket first, then the smaller UID. */
function compareTimes(a: PodView, b: PodView, ta: number | undefined, tb: number | undefined, now: number): number {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logBucket(ta, now) - logBucket(tb, now);
  if (diff !== 0) return diff < 0 ? -1 : 1;
  const ua = a.metadata?.uid ?? '';
  const ub = b.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function creationTime(pod: PodView): number | undefined {
  const stamp = pod.metadata?.creationTimestamp;
  return stamp === undefined ? undefined : fromRFC3339(stamp);
}

function compareCommonStart(a: PodView, b: PodView): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  if (ra !== isPodReady(b)) return ra ? 1 : -1;
  return 0;
}

export interface RankedPod {
  pod: PodView;
  /** Active related pods on the pod's node (rule 5). */
  rank: number;
}

/** ActivePodsWithRanks.Less as a comparator (negative: `a` is deleted before `b`). */
export function compareRankedPods(a: RankedPod, b: RankedPod, now: number): number {
  const start = compareCommonStart(a.pod, b.pod);
  if (start !== 0) return start;
  const ca = podDeletionCost(a.pod);
  const cb = podDeletionCost(b.pod);
  if (ca !== cb) return ca - cb;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (isPodReady(a.pod) && isPodReady(b.pod)) {
    const ta = podReadyTime(a.pod);
    const tb = podReadyTime(b.pod);
    if (ta !== tb) {
      const byTime = compareTimes(a.pod, b.pod, ta, tb, now);
      if (byTime !== 0) return byTime;
    }
  }
  const restarts = compareRestarts(a.pod, b.pod);
  if (restarts !== 0) return restarts;
  const ta = creationTime(a.pod);
  const tb = creationTime(b.pod);
  if (ta !== tb) return compareTimes(a.pod, b.pod, ta, tb, now);
  return 0;
}

/**
 * getPodsToDelete: the `count` pods to delete among `pods`, ranked against `relatedPods` (every pod
 * of the ReplicaSets sharing this one's owner, for rule 5). No sort when all go.
 */
export function podsToDelete(pods: readonly PodView[], relatedPods: readonly PodView[], count: number, now: number): PodView[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: RankedPod[] = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => compareRankedPods(a, b, now));
  return ranked.slice(0, count).map((r) => r.pod);
}

/** ActivePods.Less (no deletion cost, no ranks, no logarithmic buckets), as the Job controller sorts. */
export function compareActivePods(a: PodView, b: PodView): number {
  const start = compareCommonStart(a, b);
  if (start !== 0) return start;
  if (isPodReady(a) && isPodReady(b)) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const restarts = compareRestarts(a, b);
  if (restarts !== 0) return restarts;
  const ta = creationTime(a);
  const tb = creationTime(b);
  if (ta !== tb) return afterOrZero(ta, tb);
  return 0;
}
