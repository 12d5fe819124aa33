// The "why" of one scheduling decision, as plain JSON for the event log, `kubectl describe` and
// the visualizer. Reading it: the filter plugins ran in `filters` order and a node stops at its
// first rejection, so a node listed under a rejection passed every filter before that plugin;
// every scored node passed them all. Scores are [raw, normalised 0..100, weighted], and a node's
// total is the sum of the weighted ones. Lists of nodes hold at most `limit` entries (the best
// scored, the first rejected in walking order) next to the full `count`, so a 5,000-node cycle
// stays a few hundred bytes.

import type { Status } from './plugin.ts';

export interface WhyRejection {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly count: number;
  readonly nodes: readonly string[];
}

export interface WhyScoredNode {
  readonly node: string;
  readonly total: number;
  readonly scores: Readonly<Record<string, readonly [raw: number, normalized: number, weighted: number]>>;
}

export interface WhyRecord {
  /** namespace/name */
  readonly pod: string;
  /** Nodes in the cluster. */
  readonly nodes: number;
  /** Nodes the filters ran on (percentageOfNodesToScore may stop the search early). */
  readonly evaluated: number;
  readonly feasible: number;
  /** Filter plugins that ran, in order. */
  readonly filters: readonly string[];
  /** Filter plugins whose PreFilter returned Skip (nothing to check for this pod). */
  readonly skipped: readonly string[];
  /** Score plugins whose PreScore returned Skip. */
  readonly scoresSkipped?: readonly string[];
  /** A PreFilter rejection: no node was filtered. */
  readonly preFilter?: string;
  readonly rejected: readonly WhyRejection[];
  /** Score plugins that ran, with their weights; absent when nothing was scored. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Best first; at most `limit`. */
  readonly scored?: readonly WhyScoredNode[];
  /** The nodes sharing the best total, among which the seeded random chose. */
  readonly ties?: { readonly count: number; readonly nodes: readonly string[] };
  readonly chosen?: string;
  /** Why the choice needed no scoring, when it did not. */
  readonly note?: string;
  readonly limit: number;
}

/** Groups rejected nodes by their (interned) status, keeping walking order and the first `limit` names. */
export function groupRejections(names: readonly string[], statuses: readonly Status[], limit: number): WhyRejection[] {
  const groups = new Map<Status, { plugin: string; reasons: readonly string[]; count: number; nodes: string[] }>();
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i]!;
    let group = groups.get(s);
    if (group === undefined) groups.set(s, (group = { plugin: s.plugin, reasons: s.reasons, count: 0, nodes: [] }));
    group.count++;
    if (group.nodes.length < limit) group.nodes.push(names[i]!);
  }
  return [...groups.values()];
}

/** Indices of the `limit` highest totals, best first, earlier index first among equals. */
export function topIndices(totals: Float64Array, count: number, limit: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = totals[i]!;
    if (top.length === limit && t <= totals[top[limit - 1]!]!) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && totals[top[at - 1]!]! < t) at--;
    top.splice(at, 0, i);
    if (top.length > limit) top.pop();
  }
  return top;
}
