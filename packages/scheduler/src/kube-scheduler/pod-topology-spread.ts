// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread).
//
// Filter (whenUnsatisfiable: DoNotSchedule): for each constraint, placing the pod in the node's
// domain must keep  matching pods there + (1 if the pod matches its own selector) − global minimum
// ≤ maxSkew, where the global minimum is the least-loaded eligible domain, taken as 0 while fewer
// than minDomains domains exist. A node without the topology label is rejected as unresolvable.
// Only nodes carrying every constraint's key count; nodeAffinityPolicy (default Honor) leaves out
// nodes that fail the pod's nodeSelector/required affinity, nodeTaintsPolicy (default Ignore) can
// leave out nodes with untolerated NoSchedule/NoExecute taints.
//
// Score (whenUnsatisfiable: ScheduleAnyway, weight 2): per constraint a node earns
// count × log(domains + 2) + (maxSkew − 1), summed and rounded; fewer is better, normalised as
// 100 × (max + min − score) / max. Pods without constraints of their own get the system defaults
// (hostname maxSkew 3, zone maxSkew 5, both ScheduleAnyway) over the selector of the Services and
// controller that own them; with those, nodes missing a topology label are still scored.
//
// Counting uses the cache's shared selector counters. When every node counts (no affinity to
// honour, taints ignored, every node labelled) the per-domain sums come straight from them;
// otherwise the nodes are walked once per cycle.

import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { compileAll, type LabelMatcher, NOTHING } from './label-match.ts';
import { LABEL_ZONE } from './node-tree.ts';
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, type PreFilterOutcome, type ScorePlugin, status, type Status } from './plugin.ts';
import type { MatchCounter, NodeEntry, SchedulerCache } from './scheduler-cache.ts';
import { findUntoleratedTaint } from './taint-toleration.ts';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const REASON_SKEW = "node(s) didn't match pod topology spread constraints";
const REASON_LABEL = `${REASON_SKEW} (missing required label)`;

/** The constraints the scheduler applies to pods without their own (defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly { topologyKey: string; maxSkew: number }[] = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
];

interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelMatcher;
  readonly minDomains: number;
  readonly honorAffinity: boolean;
  readonly honorTaints: boolean;
  /** null for an empty selector, which countPodsMatchSelector treats as matching nothing. */
  readonly counter: MatchCounter | null;
  /** The topology label of every node, by slot. */
  readonly column: readonly (string | undefined)[];
}

/** A constraint's selector with matchLabelKeys folded in (the pod's values for those keys). */
function constraintSelector(c: TopologySpreadConstraint, podLabels: Readonly<Record<string, string>> | undefined): LabelMatcher {
  if (c.labelSelector === undefined || c.labelSelector === null) return NOTHING;
  const pinned: Record<string, string> = {};
  for (const key of c.matchLabelKeys ?? []) {
    const value = podLabels?.[key];
    if (value !== undefined) pinned[key] = value;
  }
  return compileAll([c.labelSelector, pinned]);
}

function buildConstraints(cycle: Cycle, action: 'DoNotSchedule' | 'ScheduleAnyway'): { list: Constraint[]; own: boolean } {
  const cache = cycle.cache;
  const own = cycle.spec.topologySpreadConstraints ?? [];
  const make = (key: string, maxSkew: number, selector: LabelMatcher, minDomains: number, honorAffinity: boolean, honorTaints: boolean): Constraint => ({
    maxSkew,
    topologyKey: key,
    selector,
    minDomains,
    honorAffinity,
    honorTaints,
    column: cache.labelColumn(key),
    // Scoring reads hostname counts per node; everything else reads per-domain sums.
    counter: selector.empty ? null : cache.counter(cycle.namespace, selector, action === 'ScheduleAnyway' && key === LABEL_HOSTNAME ? [] : [key]),
  });
  if (own.length > 0) {
    const list = own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) =>
        make(
          c.topologyKey,
          c.maxSkew,
          constraintSelector(c, cycle.labels),
          c.minDomains ?? 1,
          (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
          (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
        ),
      );
    return { list, own: true };
  }
  if (action !== 'ScheduleAnyway') return { list: [], own: false };
  const selector = cache.defaultSelector(cycle.pod);
  if (selector.empty || selector === NOTHING) return { list: [], own: false };
  return { list: SYSTEM_DEFAULT_CONSTRAINTS.map((d) => make(d.topologyKey, d.maxSkew, selector, 1, true, false)), own: false };
}

function hasAllKeys(entry: NodeEntry, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (c.column[entry.slot] === undefined) return false;
  return true;
}

/** Whether a node's pods count for a constraint (matchNodeInclusionPolicies). */
function included(cycle: Cycle, c: Constraint, entry: NodeEntry): boolean {
  if (c.honorAffinity && cycle.requiredNodeAffinity !== null && !cycle.requiredNodeAffinity.matches(entry)) return false;
  if (c.honorTaints && findUntoleratedTaint(entry.hardTaints, cycle.tolerations) !== undefined) return false;
  return true;
}

/** Whether every node counts for every constraint, so the counters' domain sums can be used as they are. */
function everyNodeCounts(cycle: Cycle, constraints: readonly Constraint[], needAllKeys: boolean): boolean {
  const cache: SchedulerCache = cycle.cache;
  for (const c of constraints) {
    if (c.honorTaints) return false;
    if (c.honorAffinity && cycle.requiredNodeAffinity !== null) return false;
    if (needAllKeys && cache.nodesWithKey(c.topologyKey) !== cache.nodeCount) return false;
  }
  return true;
}

interface FilterCounts {
  /** Matching pods per domain (slow path only). */
  readonly byDomain: Map<string, number> | undefined;
  readonly minMatch: number;
  readonly domains: number;
}

export class PodTopologySpread implements FilterPlugin, ScorePlugin {
  readonly name = 'PodTopologySpread';
  readonly weight = 2;
  #hard: Constraint[] = [];
  #hardCounts: FilterCounts[] = [];
  #soft: Constraint[] = [];
  #ignored = new Set<number>();
  #softWeights: number[] = [];
  #softDomains: (Map<string, number> | undefined)[] = [];

  preFilter(cycle: Cycle): PreFilterOutcome {
    this.#hard = buildConstraints(cycle, 'DoNotSchedule').list;
    if (this.#hard.length === 0) return 'skip';
    const cache = cycle.cache;
    if (everyNodeCounts(cycle, this.#hard, true)) {
      this.#hardCounts = this.#hard.map((c) => {
        const domains = cache.topologyValues(c.topologyKey).size;
        let minMatch = 0;
        const counted = c.counter?.domains.get(c.topologyKey);
        if (counted !== undefined && counted.values.size === domains) {
          minMatch = Infinity;
          for (const n of counted.values.values()) if (n < minMatch) minMatch = n;
        }
        return { byDomain: undefined, minMatch, domains };
      });
      return 'run';
    }
    const maps = this.#hard.map(() => new Map<string, number>());
    for (const slot of cache.order()) {
      const entry = cache.entries[slot]!;
      if (!hasAllKeys(entry, this.#hard)) continue;
      this.#hard.forEach((c, i) => {
        if (!included(cycle, c, entry)) return;
        const value = entry.labels![c.topologyKey]!;
        maps[i]!.set(value, (maps[i]!.get(value) ?? 0) + (c.counter?.perSlot[slot] ?? 0));
      });
    }
    this.#hardCounts = maps.map((byDomain) => {
      let minMatch = Infinity;
      for (const n of byDomain.values()) if (n < minMatch) minMatch = n;
      return { byDomain, minMatch, domains: byDomain.size };
    });
    return 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    for (let i = 0; i < this.#hard.length; i++) {
      const c = this.#hard[i]!;
      const value = c.column[slot];
      if (value === undefined) return status(this.name, 'UnschedulableAndUnresolvable', REASON_LABEL);
      const counts = this.#hardCounts[i]!;
      const minMatch = counts.domains < c.minDomains ? 0 : counts.minMatch;
      const self = c.selector.matches(cycle.labels) ? 1 : 0;
      const matchNum =
        counts.byDomain !== undefined ? (counts.byDomain.get(value) ?? 0) : c.counter === null ? 0 : c.counter.domainCount(c.topologyKey, value);
      if (matchNum + self - minMatch > c.maxSkew) return status(this.name, 'Unschedulable', REASON_SKEW);
    }
    return null;
  }

  preScore(cycle: Cycle, feasible: Int32Array, count: number): boolean {
    const { list, own } = buildConstraints(cycle, 'ScheduleAnyway');
    this.#soft = list;
    if (list.length === 0) return false;
    const cache = cycle.cache;
    // Nodes without every topology label are left unscored, except under the system defaults.
    const requireAll = own;
    this.#ignored = new Set();
    this.#softDomains = list.map((c) => (c.topologyKey === LABEL_HOSTNAME ? undefined : new Map<string, number>()));
    const domainMaps = this.#softDomains;
    for (let j = 0; j < count; j++) {
      const entry = cache.entries[feasible[j]!]!;
      if (requireAll && !hasAllKeys(entry, list)) {
        this.#ignored.add(entry.slot);
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        const domains = domainMaps[i];
        if (domains === undefined) continue;
        const value = list[i]!.column[entry.slot] ?? '';
        if (!domains.has(value)) domains.set(value, 0);
      }
    }
    this.#softWeights = list.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? count - this.#ignored.size : this.#softDomains[i]!.size) + 2));
    if (everyNodeCounts(cycle, list, requireAll)) {
      list.forEach((c, i) => {
        const domains = this.#softDomains[i];
        if (domains === undefined) return;
        for (const value of domains.keys()) domains.set(value, c.counter === null ? 0 : c.counter.domainCount(c.topologyKey, value));
      });
      return true;
    }
    for (const slot of cache.order()) {
      const entry = cache.entries[slot]!;
      if (requireAll && !hasAllKeys(entry, list)) continue;
      list.forEach((c, i) => {
        const domains = this.#softDomains[i];
        if (domains === undefined || !included(cycle, c, entry)) return;
        const value = entry.labels?.[c.topologyKey] ?? '';
        const sum = domains.get(value);
        if (sum !== undefined) domains.set(value, sum + (c.counter?.perSlot[slot] ?? 0));
      });
    }
    return true;
  }

  score(_cycle: Cycle, slot: number): number {
    if (this.#ignored.size > 0 && this.#ignored.has(slot)) return 0;
    let score = 0;
    for (let i = 0; i < this.#soft.length; i++) {
      const c = this.#soft[i]!;
      const value = c.column[slot];
      if (value === undefined) continue;
      const domains = this.#softDomains[i];
      const matching = domains === undefined ? (c.counter?.perSlot[slot] ?? 0) : domains.get(value)!;
      score += matching * this.#softWeights[i]! + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  normalize(_cycle: Cycle, scores: Float64Array, feasible: Int32Array, count: number): void {
    const ignored = this.#ignored;
    const anyIgnored = ignored.size > 0;
    let min = Infinity;
    let max = 0;
    for (let j = 0; j < count; j++) {
      if (anyIgnored && ignored.has(feasible[j]!)) continue;
      const s = scores[j]!;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let j = 0; j < count; j++) {
      if (anyIgnored && ignored.has(feasible[j]!)) scores[j] = 0;
      else if (max === 0) scores[j] = MAX_NODE_SCORE;
      else scores[j] = Math.floor((MAX_NODE_SCORE * (max + min - scores[j]!)) / max);
    }
  }
}
