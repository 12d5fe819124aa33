// The contract between the framework and its plugins, cut down from the scheduling framework's
// extension points (pkg/scheduler/framework/interface.go): PreFilter → Filter per node → PreScore →
// Score per feasible node → NormalizeScore. A plugin instance belongs to one framework and keeps
// the state of the cycle in progress in its own fields (cycles run one at a time, synchronously),
// which spares the hot loop any per-node allocation.

import type { Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { Labels } from './label-match.ts';
import { requiredNodeAffinity, type RequiredNodeAffinity } from './node-affinity-match.ts';
import { podRequests, type PodRequests } from './pod-requests.ts';
import type { SchedulerCache } from './scheduler-cache.ts';

/** Why a node (or the whole pod, at PreFilter) was rejected. */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

const statuses = new Map<string, Status>();

/** Statuses are interned: the same rejection is one object however many nodes share it. */
export function status(plugin: string, code: StatusCode, ...reasons: string[]): Status {
  const key = `${plugin}\u0000${code}\u0000${reasons.join('\u0000')}`;
  let found = statuses.get(key);
  if (found === undefined) {
    if (statuses.size > 10_000) statuses.clear();
    found = Object.freeze({ code, reasons: Object.freeze(reasons), plugin });
    statuses.set(key, found);
  }
  return found;
}

/**
 * PreFilter's answer: run Filter, skip the plugin (a real PreFilter Skip), reject the pod, restrict
 * the nodes, or 'passes' - the plugin would let every node through this cycle, so the framework
 * leaves it out of the loop while the why record still shows it passing.
 */
export type PreFilterOutcome = 'run' | 'skip' | 'passes' | Status | { readonly nodeNames: ReadonlySet<string> };

export interface FilterPlugin {
  readonly name: string;
  preFilter(cycle: Cycle): PreFilterOutcome;
  /** null when the node passes. */
  filter(cycle: Cycle, slot: number): Status | null;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** false: PreScore returned Skip, the plugin scores nothing this cycle. */
  preScore(cycle: Cycle, feasible: Int32Array, count: number): boolean;
  score(cycle: Cycle, slot: number): number;
  /** Rewrites `scores[0..count)` to 0..100 in place (NormalizeScore), when the plugin has one. */
  normalize?(cycle: Cycle, scores: Float64Array, feasible: Int32Array, count: number): void;
}

/** The pod being scheduled and what several plugins derive from it, computed once per cycle. */
export class Cycle {
  readonly pod: Pod;
  readonly spec: PodSpec;
  readonly namespace: string;
  readonly labels: Labels;
  readonly tolerations: readonly Toleration[];
  readonly cache: SchedulerCache;
  #requests: PodRequests | undefined;
  #affinity: RequiredNodeAffinity | null | undefined;

  constructor(pod: Pod, cache: SchedulerCache) {
    this.pod = pod;
    this.spec = pod.spec ?? { containers: [] };
    this.namespace = pod.metadata?.namespace ?? 'default';
    this.labels = pod.metadata?.labels;
    this.tolerations = this.spec.tolerations ?? [];
    this.cache = cache;
  }

  get requests(): PodRequests {
    return (this.#requests ??= podRequests(this.spec));
  }

  /** nodeSelector plus required node affinity, or null when the pod has neither. */
  get requiredNodeAffinity(): RequiredNodeAffinity | null {
    if (this.#affinity === undefined) this.#affinity = requiredNodeAffinity(this.spec);
    return this.#affinity;
  }
}

/** helper.DefaultNormalizeScore: scales to 0..100 by the maximum (integer maths), optionally reversed. */
export function defaultNormalizeScore(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < count; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE, 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const score = Math.floor((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - score : score;
  }
}

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;
