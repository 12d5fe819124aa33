// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): a node's NoSchedule and
// NoExecute taints keep off every pod that does not tolerate them; PreferNoSchedule taints only
// lower the score (the count of untolerated ones, normalised and reversed, weight 3).
// Kubernetes v1.25 to v1.34 name the first untolerated taint in the reason:
// `node(s) had untolerated taint {key: value}` (v1.35 dropped the key and value, #134740).

import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { type Cycle, defaultNormalizeScore, type FilterPlugin, type PreFilterOutcome, type ScorePlugin, status, type Status } from './plugin.ts';

/** Toleration.ToleratesTaint: empty effect or key match any; operator "" means Equal. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first of `taints` no toleration covers (v1helper.FindMatchingUntoleratedTaint). */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) if (!tolerationsTolerate(tolerations, taint)) return taint;
  return undefined;
}

export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = 'TaintToleration';
  readonly weight = 3;
  #preferTolerations: readonly Toleration[] = [];

  preFilter(): PreFilterOutcome {
    return 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const taints = cycle.cache.entries[slot]!.hardTaints;
    if (taints.length === 0) return null;
    const taint = findUntoleratedTaint(taints, cycle.tolerations);
    if (taint === undefined) return null;
    return status(this.name, 'UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(cycle: Cycle): boolean {
    // An empty effect tolerates every effect, PreferNoSchedule included.
    this.#preferTolerations = cycle.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return true;
  }

  score(cycle: Cycle, slot: number): number {
    const taints = cycle.cache.entries[slot]!.preferNoScheduleTaints;
    let untolerated = 0;
    for (const taint of taints) if (!tolerationsTolerate(this.#preferTolerations, taint)) untolerated++;
    return untolerated;
  }

  normalize(_cycle: Cycle, scores: Float64Array, _feasible: Int32Array, count: number): void {
    defaultNormalizeScore(scores, count, true);
  }
}
