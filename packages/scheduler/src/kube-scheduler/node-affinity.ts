// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): the Filter enforces nodeSelector and
// requiredDuringScheduling node affinity; the Score adds up the weights of the preferred terms a
// node matches, normalised by the best node (weight 2).
// PreFilter skips pods with neither, and turns `matchFields: metadata.name In [...]` in every term
// (how DaemonSet pods pin their node) into a node list, so only those nodes are filtered; the
// others read `node(s) didn't satisfy plugin(s) [NodeAffinity]`.

import type { PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { compileNodeSelectorTerm, type NodeTermMatcher } from './label-match.ts';
import { type Cycle, defaultNormalizeScore, type FilterPlugin, type PreFilterOutcome, type ScorePlugin, status, type Status } from './plugin.ts';

export class NodeAffinity implements FilterPlugin, ScorePlugin {
  readonly name = 'NodeAffinity';
  readonly weight = 2;
  #preferred: { weight: number; term: NodeTermMatcher }[] = [];

  preFilter(cycle: Cycle): PreFilterOutcome {
    const required = cycle.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required === undefined && cycle.spec.nodeSelector === undefined) return 'skip';
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return 'run';
    let names: Set<string> | undefined;
    for (const term of terms) {
      let termNames: Set<string> | undefined;
      for (const field of term.matchFields ?? []) {
        if (field.key !== 'metadata.name' || field.operator !== 'In') continue;
        const values = new Set(field.values ?? []);
        termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)));
      }
      // A term without a node-name field lets every node through: the terms are ORed.
      if (termNames === undefined) return 'run';
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names !== undefined && names.size === 0) return status(this.name, 'UnschedulableAndUnresolvable', 'pod affinity terms conflict');
    return names === undefined ? 'run' : { nodeNames: names };
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const affinity = cycle.requiredNodeAffinity;
    if (affinity === null || affinity.matches(cycle.cache.entries[slot]!)) return null;
    return status(this.name, 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");
  }

  preScore(cycle: Cycle): boolean {
    const preferred: readonly PreferredSchedulingTerm[] | undefined = cycle.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred === undefined) return false;
    this.#preferred = preferred.filter((p) => p.weight !== 0).map((p) => ({ weight: p.weight, term: compileNodeSelectorTerm(p.preference) }));
    return true;
  }

  score(cycle: Cycle, slot: number): number {
    const node = cycle.cache.entries[slot]!;
    let sum = 0;
    for (const p of this.#preferred) if (p.term.matches(node)) sum += p.weight;
    return sum;
  }

  normalize(_cycle: Cycle, scores: Float64Array, _feasible: Int32Array, count: number): void {
    defaultNormalizeScore(scores, count, false);
  }
}
