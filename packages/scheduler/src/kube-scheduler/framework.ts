// One scheduling cycle (pkg/scheduler/schedule_one.go schedulePod / findNodesThatFitPod /
// prioritizeNodes / selectHost) over the SchedulerCache, with the default plugins in the
// default order (apis/config/v1 getDefaultPlugins):
//   filters  NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
//            NodeResourcesFit, VolumeRestrictions, VolumeBinding, PodTopologySpread, InterPodAffinity
//   scores   TaintToleration ×3, NodeAffinity ×2, NodeResourcesFit ×1, PodTopologySpread ×2,
//            InterPodAffinity ×2, NodeResourcesBalancedAllocation ×1, ImageLocality ×1
// The search walks nodes from where the previous cycle stopped and stops once
// percentageOfNodesToScore's share of feasible nodes is found; a single feasible node is taken
// without scoring; ties for the best total are broken by reservoir sampling from the engine's
// seeded random. The volume plugins read claims through `options.volumes` (NodeVolumeLimits and
// VolumeZone are not modelled).
//
// Pure: the cycle reads the cache and returns a decision; assuming the pod, binding it and
// writing events are the caller's (see kube-scheduler.ts).

import type { Pod } from 'kubernetes-types/core/v1';
import { defaultPreemption, type PreemptionResult } from './default-preemption.ts';
import { FitError, NO_NODES_AVAILABLE } from './fit-error.ts';
import { ImageLocality } from './image-locality.ts';
import { InterPodAffinity } from './inter-pod-affinity.ts';
import { NodeAffinity } from './node-affinity.ts';
import { NodeName } from './node-name.ts';
import { NodePorts } from './node-ports.ts';
import { NodeResourcesBalancedAllocation } from './balanced-allocation.ts';
import { NodeResourcesFit } from './node-resources-fit.ts';
import { NodeUnschedulable } from './node-unschedulable.ts';
import { Cycle, type FilterPlugin, type ScorePlugin, status, type Status } from './plugin.ts';
import { PodTopologySpread } from './pod-topology-spread.ts';
import type { CachedPod, SchedulerCache } from './scheduler-cache.ts';
import { TaintToleration } from './taint-toleration.ts';
import { VolumeBinding } from './volume-binding.ts';
import type { VolumeLister } from './volume-lister.ts';
import { VolumeRestrictions } from './volume-restrictions.ts';
import { bytesOf } from '../api/quantity.ts';
import { groupRejections, topIndices, type WhyRecord, type WhyScoredNode } from './why-record.ts';

/** What the framework draws tie-breaks from: the engine's SeededRandom fits. */
export interface RandomSource {
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
}

export interface FrameworkOptions {
  readonly random: RandomSource;
  /** KubeSchedulerConfiguration percentageOfNodesToScore; 0 or absent: adaptive. */
  readonly percentageOfNodesToScore?: number;
  /** Most nodes a why record lists per group (default 10). */
  readonly whyLimit?: number;
  /** Claims, volumes and classes for the volume plugins; without it they skip every pod. */
  readonly volumes?: VolumeLister;
}

/** minFeasibleNodesToFind: below this many nodes, every node is checked. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind: the adaptive percentage never goes below this. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: how many feasible nodes end the search. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const found = Math.trunc((numAllNodes * percentage) / 100);
  return found < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : found;
}

export interface Scheduled {
  readonly status: 'Scheduled';
  readonly node: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly why: WhyRecord;
}

export interface Unschedulable {
  readonly status: 'Unschedulable';
  /** The FailedScheduling message (untruncated; see truncateEventMessage). */
  readonly message: string;
  /** Absent for an empty cluster, which is not a FitError. */
  readonly fitError?: FitError;
  /** Plugins that rejected the pod: the queue wakes it on events these plugins care about. */
  readonly unschedulablePlugins: readonly string[];
  /** Preemption found room: the node to nominate and the pods to evict there. */
  readonly preemption?: PreemptionResult;
  readonly why: WhyRecord;
}

export type ScheduleResult = Scheduled | Unschedulable;

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

export class SchedulingFramework {
  readonly cache: SchedulerCache;
  readonly filterPlugins: readonly FilterPlugin[];
  readonly scorePlugins: readonly ScorePlugin[];
  /** Where the next cycle starts walking the nodes (round robin). */
  nextStartNodeIndex = 0;
  readonly #random: RandomSource;
  readonly #percentage: number;
  readonly #limit: number;
  // Buffers reused by every cycle.
  #feasible = new Int32Array(64);
  #failedSlots = new Int32Array(64);
  #failedStatuses: Status[] = [];
  #raw: Float64Array[] = [];
  #normalized: Float64Array[] = [];
  #totals = new Float64Array(64);
  #active: FilterPlugin[] = [];

  constructor(cache: SchedulerCache, options: FrameworkOptions) {
    this.cache = cache;
    this.#random = options.random;
    this.#percentage = options.percentageOfNodesToScore ?? 0;
    this.#limit = options.whyLimit ?? 10;
    const taints = new TaintToleration();
    const affinity = new NodeAffinity();
    const fit = new NodeResourcesFit();
    const spread = new PodTopologySpread();
    const podAffinity = new InterPodAffinity();
    const volumeRestrictions = new VolumeRestrictions(options.volumes);
    const volumeBinding = new VolumeBinding(options.volumes, (q) => (q === undefined ? 0 : bytesOf(q)));
    this.filterPlugins = [new NodeUnschedulable(), new NodeName(), taints, affinity, new NodePorts(), fit, volumeRestrictions, volumeBinding, spread, podAffinity];
    this.scorePlugins = [taints, affinity, fit, spread, podAffinity, new NodeResourcesBalancedAllocation(), new ImageLocality()];
    for (let k = 0; k < this.scorePlugins.length; k++) {
      this.#raw.push(new Float64Array(64));
      this.#normalized.push(new Float64Array(64));
    }
  }

  scheduleOne(pod: Pod): ScheduleResult {
    const cache = this.cache;
    const all = cache.order();
    const key = podKey(pod);
    const limit = this.#limit;
    if (all.length === 0) {
      return {
        status: 'Unschedulable',
        message: NO_NODES_AVAILABLE,
        unschedulablePlugins: [],
        why: { pod: key, nodes: 0, evaluated: 0, feasible: 0, filters: [], skipped: [], rejected: [], note: NO_NODES_AVAILABLE, limit },
      };
    }
    this.#ensure(all.length);
    const cycle = new Cycle(pod, cache);

    // PreFilter.
    const skipped: string[] = [];
    const ran: string[] = [];
    const active = (this.#active = []) as FilterPlugin[];
    let restrict: Set<string> | undefined;
    const restrictedBy: string[] = [];
    let rejection: Status | undefined;
    let rejectors: string[] = [];
    for (const plugin of this.filterPlugins) {
      const outcome = plugin.preFilter(cycle);
      if (outcome === 'skip') {
        skipped.push(plugin.name);
        continue;
      }
      ran.push(plugin.name);
      if (outcome === 'run') active.push(plugin);
      else if (outcome === 'passes') continue;
      else if ('nodeNames' in outcome) {
        active.push(plugin);
        restrictedBy.push(plugin.name);
        restrict = restrict === undefined ? new Set(outcome.nodeNames) : new Set([...restrict].filter((n) => outcome.nodeNames.has(n)));
        if (restrict.size === 0) {
          const text =
            restrictedBy.length === 1
              ? `node(s) didn't satisfy plugin ${restrictedBy[0]}`
              : `node(s) didn't satisfy plugin(s) [${restrictedBy.join(' ')}] simultaneously`;
          rejection = status('', 'UnschedulableAndUnresolvable', text);
          rejectors = [...restrictedBy];
          break;
        }
      } else {
        // An unresolvable PreFilter rejection ends PreFilter; an Unschedulable one lets the rest run (#119770).
        rejection ??= outcome;
        if (rejectors.length === 0) rejectors = [plugin.name];
        if (outcome.code === 'UnschedulableAndUnresolvable') break;
      }
    }
    if (rejection !== undefined) {
      const fitError = new FitError(all.length, new Map(), rejection, rejection.reasons.join(', '));
      const preemption = defaultPreemption(this, cycle, fitError);
      fitError.postFilterMessage = preemption.message;
      return {
        status: 'Unschedulable',
        message: fitError.message,
        fitError,
        unschedulablePlugins: rejectors,
        ...(preemption.nominatedNode === undefined ? {} : { preemption }),
        why: { pod: key, nodes: all.length, evaluated: 0, feasible: 0, filters: ran, skipped, preFilter: fitError.preFilterMessage, rejected: [], limit },
      };
    }

    let nodes = all;
    let absent: Status | undefined;
    if (restrict !== undefined) {
      nodes = all.filter((slot) => restrict.has(cache.entries[slot]!.name));
      absent = status('', 'UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${[...restrictedBy].sort().join(' ')}]`);
    }

    // Filter, from where the last cycle stopped, until enough feasible nodes are found.
    const n = nodes.length;
    const toFind = numFeasibleNodesToFind(this.#percentage, n);
    const feasible = this.#feasible;
    const failedSlots = this.#failedSlots;
    const failedStatuses = this.#failedStatuses;
    const activeCount = active.length;
    let feasibleCount = 0;
    let failedCount = 0;
    const start = n === 0 ? 0 : this.nextStartNodeIndex % n;
    for (let i = 0; i < n && feasibleCount < toFind; i++) {
      const slot = nodes[(start + i) % n]!;
      let failed: Status | null = null;
      for (let p = 0; p < activeCount; p++) {
        failed = active[p]!.filter(cycle, slot);
        if (failed !== null) break;
      }
      if (failed === null) feasible[feasibleCount++] = slot;
      else {
        failedSlots[failedCount] = slot;
        failedStatuses[failedCount++] = failed;
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + feasibleCount + failedCount) % all.length;
    const evaluated = feasibleCount + failedCount;
    const rejectedNames = (): string[] => Array.from(failedSlots.subarray(0, failedCount), (slot) => cache.entries[slot]!.name);
    const whyBase = {
      pod: key,
      nodes: all.length,
      evaluated,
      feasible: feasibleCount,
      filters: ran,
      limit,
    };

    if (feasibleCount === 0) {
      const names = rejectedNames();
      const statuses = new Map<string, Status>();
      const plugins = new Set<string>(restrictedBy);
      for (let i = 0; i < failedCount; i++) {
        statuses.set(names[i]!, failedStatuses[i]!);
        plugins.add(failedStatuses[i]!.plugin);
      }
      const fitError = new FitError(all.length, statuses, absent);
      const preemption = defaultPreemption(this, cycle, fitError);
      fitError.postFilterMessage = preemption.message;
      return {
        status: 'Unschedulable',
        message: fitError.message,
        fitError,
        unschedulablePlugins: [...plugins].sort(),
        ...(preemption.nominatedNode === undefined ? {} : { preemption }),
        why: { ...whyBase, skipped, rejected: groupRejections(names, failedStatuses.slice(0, failedCount), limit) },
      };
    }

    const rejected = failedCount === 0 ? [] : groupRejections(rejectedNames(), failedStatuses.slice(0, failedCount), limit);
    if (feasibleCount === 1) {
      const node = cache.entries[feasible[0]!]!.name;
      return {
        status: 'Scheduled',
        node,
        evaluatedNodes: evaluated,
        feasibleNodes: 1,
        why: { ...whyBase, skipped, rejected, chosen: node, note: 'only one feasible node: taken without scoring' },
      };
    }

    // PreScore, Score, NormalizeScore, weights.
    const totals = this.#totals;
    totals.fill(0, 0, feasibleCount);
    const scored: number[] = [];
    const scoresSkipped: string[] = [];
    for (let k = 0; k < this.scorePlugins.length; k++) {
      const plugin = this.scorePlugins[k]!;
      if (!plugin.preScore(cycle, feasible, feasibleCount)) {
        scoresSkipped.push(plugin.name);
        continue;
      }
      scored.push(k);
      const raw = this.#raw[k]!;
      const normalized = this.#normalized[k]!;
      for (let j = 0; j < feasibleCount; j++) raw[j] = plugin.score(cycle, feasible[j]!);
      normalized.set(raw.subarray(0, feasibleCount));
      plugin.normalize?.(cycle, normalized, feasible, feasibleCount);
      const weight = plugin.weight;
      for (let j = 0; j < feasibleCount; j++) totals[j]! += weight * normalized[j]!;
    }

    // selectHost: reservoir sampling over the nodes sharing the best total.
    let best = totals[0]!;
    for (let j = 1; j < feasibleCount; j++) if (totals[j]! > best) best = totals[j]!;
    let chosen = -1;
    let ties = 0;
    const tieNames: string[] = [];
    for (let j = 0; j < feasibleCount; j++) {
      if (totals[j] !== best) continue;
      ties++;
      if (tieNames.length < limit) tieNames.push(cache.entries[feasible[j]!]!.name);
      if (ties === 1 || this.#random.int(0, ties - 1) === 0) chosen = j;
    }
    const node = cache.entries[feasible[chosen]!]!.name;

    const weights: Record<string, number> = {};
    for (const k of scored) weights[this.scorePlugins[k]!.name] = this.scorePlugins[k]!.weight;
    const top: WhyScoredNode[] = topIndices(totals, feasibleCount, limit).map((j) => {
      const scores: Record<string, readonly [number, number, number]> = {};
      for (const k of scored) {
        const plugin = this.scorePlugins[k]!;
        const normalized = this.#normalized[k]![j]!;
        scores[plugin.name] = [this.#raw[k]![j]!, normalized, normalized * plugin.weight];
      }
      return { node: cache.entries[feasible[j]!]!.name, total: totals[j]!, scores };
    });
    return {
      status: 'Scheduled',
      node,
      evaluatedNodes: evaluated,
      feasibleNodes: feasibleCount,
      why: { ...whyBase, skipped, scoresSkipped, rejected, weights, scored: top, ties: { count: ties, nodes: tieNames }, chosen: node },
    };
  }

  /**
   * Runs every filter on one node as if `without` were gone (preemption's dry run): the pods
   * leave the cache, PreFilter state is rebuilt, the node is filtered, the pods come back.
   */
  filterWithout(cycle: Cycle, slot: number, without: readonly CachedPod[]): Status | null {
    const cache = this.cache;
    for (const p of without) cache.removePod(p.uid);
    try {
      for (const plugin of this.filterPlugins) {
        const outcome = plugin.preFilter(cycle);
        if (outcome === 'skip' || outcome === 'passes') continue;
        if (typeof outcome === 'object' && !('nodeNames' in outcome)) return outcome;
        const failed = plugin.filter(cycle, slot);
        if (failed !== null) return failed;
      }
      return null;
    } finally {
      for (const p of without) {
        if (p.assumed) cache.assumePod(p.pod, p.nodeName);
        else cache.addPod(p.pod);
      }
    }
  }

  #ensure(nodes: number): void {
    if (this.#feasible.length >= nodes) return;
    const size = Math.max(nodes, this.#feasible.length * 2);
    this.#feasible = new Int32Array(size);
    this.#failedSlots = new Int32Array(size);
    this.#totals = new Float64Array(size);
    this.#raw = this.#raw.map(() => new Float64Array(size));
    this.#normalized = this.#normalized.map(() => new Float64Array(size));
  }
}
