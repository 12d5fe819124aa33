// DefaultPreemption, the PostFilter that runs when no node fits (pkg/scheduler/framework/preemption
// and plugins/defaultpreemption, v1.33). Only nodes rejected as Unschedulable are worth a try
// (UnschedulableAndUnresolvable ones - taints, affinity, cordons - are "not helpful"). On each, every
// pod of lower priority is removed and the filters run again; if the pod then fits, the
// lower-priority pods are put back one by one, most important first, and the ones that cannot
// come back are the victims. The best candidate minimises the highest victim priority, then the
// sum of priorities, then the number of victims, and prefers the latest-started victims.
// Without candidates the message reads like a FitError of its own:
// `preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`
//
// Simplifications: no PodDisruptionBudgets (none are cached), nominated pods are not counted on
// their nominated node by the filters, and the candidate search starts at the first node rather
// than at a random offset.

import type { Pod } from 'kubernetes-types/core/v1';
import { FitError } from './fit-error.ts';
import type { SchedulingFramework } from './framework.ts';
import { type Cycle, status, type Status } from './plugin.ts';
import type { CachedPod } from './scheduler-cache.ts';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
/** DefaultPreemptionArgs defaults: at least 10% of the potential nodes, and at least 100. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

export interface PreemptionResult {
  /** The PostFilter message appended to the FitError; "" when a node was nominated. */
  readonly message: string;
  /** The node the pod is nominated to once its victims are gone (status.nominatedNodeName). */
  readonly nominatedNode?: string;
  /** Pods to delete on that node, most important first; each gets a "Preempted" event. */
  readonly victims?: readonly Pod[];
}

/** The message of the "Preempted" event on each victim. */
export function preemptedMessage(preemptor: Pod, node: string): string {
  return `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${node}`;
}

/** A pod's start time as a sortable string; a pod not started yet counts as starting now (last). */
function startTime(pod: CachedPod): string {
  return pod.pod.status?.startTime ?? '\uffff';
}

/** util.MoreImportantPod as a sort order: higher priority first, then the earlier start. */
function moreImportantFirst(a: CachedPod, b: CachedPod): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = startTime(a);
  const sb = startTime(b);
  return sa < sb ? -1 : sa > sb ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

function terminatingByPreemption(pod: Pod): boolean {
  return (
    pod.metadata?.deletionTimestamp !== undefined &&
    (pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler' && c.status === 'True')
  );
}

interface Candidate {
  readonly node: string;
  readonly victims: CachedPod[];
}

export function defaultPreemption(framework: SchedulingFramework, cycle: Cycle, fitError: FitError): PreemptionResult {
  const pod = cycle.pod;
  const priority = pod.spec?.priority ?? 0;
  if (pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const cache = framework.cache;
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const nominatedStatus = fitError.statuses.get(nominated) ?? fitError.absentStatus;
    const entry = cache.nodeEntry(nominated);
    if (nominatedStatus?.code !== 'UnschedulableAndUnresolvable' && entry?.pods.some((p) => p.priority < priority && terminatingByPreemption(p.pod))) {
      return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
    }
  }

  const all = cache.order();
  const potential: number[] = [];
  for (const slot of all) {
    const s = fitError.statuses.get(cache.entries[slot]!.name) ?? fitError.absentStatus;
    if (s?.code === 'Unschedulable') potential.push(slot);
  }
  const statuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  const wanted = Math.min(
    potential.length,
    Math.max(Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE),
  );
  for (const slot of potential) {
    if (candidates.length >= wanted) break;
    const entry = cache.entries[slot]!;
    const lower = entry.pods.filter((p) => p.priority < priority).sort(moreImportantFirst);
    if (lower.length === 0) {
      statuses.set(entry.name, status('', 'UnschedulableAndUnresolvable', NO_VICTIMS));
      continue;
    }
    const failed = framework.filterWithout(cycle, slot, lower);
    if (failed !== null) {
      statuses.set(entry.name, failed);
      continue;
    }
    // Reprieve as many as possible, most important first.
    const removed = [...lower];
    const victims: CachedPod[] = [];
    for (const p of lower) {
      const rest = removed.filter((r) => r !== p);
      if (framework.filterWithout(cycle, slot, rest) === null) removed.splice(removed.indexOf(p), 1);
      else victims.push(p);
    }
    candidates.push({ node: entry.name, victims });
  }

  if (candidates.length === 0) {
    const inner = new FitError(all.length, statuses, status('', 'UnschedulableAndUnresolvable', NOT_HELPFUL));
    return { message: `preemption: ${inner.message}` };
  }
  const best = pickOneNode(candidates);
  return { message: '', nominatedNode: best.node, victims: best.victims.map((v) => v.pod) };
}

/** pickOneNodeForPreemption without PodDisruptionBudgets. */
function pickOneNode(candidates: readonly Candidate[]): Candidate {
  const keepMin = (list: Candidate[], measure: (c: Candidate) => number): Candidate[] => {
    let min = Infinity;
    for (const c of list) min = Math.min(min, measure(c));
    return list.filter((c) => measure(c) === min);
  };
  let left = candidates.filter((c) => c.victims.length === 0);
  if (left.length > 0) return left[0]!;
  left = keepMin([...candidates], (c) => c.victims[0]!.priority);
  left = keepMin(left, (c) => c.victims.reduce((sum, v) => sum + v.priority + 2 ** 31, 0));
  left = keepMin(left, (c) => c.victims.length);
  // The latest "earliest start among the highest-priority victims" wins.
  const earliest = (c: Candidate): string => {
    const top = c.victims[0]!.priority;
    return c.victims.filter((v) => v.priority === top).map(startTime).sort()[0]!;
  };
  let latest = '';
  for (const c of left) if (earliest(c) > latest) latest = earliest(c);
  return left.find((c) => earliest(c) === latest)!;
}
