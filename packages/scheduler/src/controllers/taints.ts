// Taints and tolerations as the controllers read them (k/k `pkg/apis/core/v1/helper` ToleratesTaint,
// GetMatchingTolerations; `pkg/util/taints`; the taint keys of `k8s.io/api/core/v1` well_known_taints.go).

import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';

type ReadonlyTaint = DeepReadonly<Taint>;

/** Toleration.ToleratesTaint: effect and key match when set; Exists, or Equal with the same value. */
export function toleratesTaint(toleration: DeepReadonly<Toleration>, taint: ReadonlyTaint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? '';
  if (operator === 'Exists') return true;
  if (operator === '' || operator === 'Equal') return (toleration.value ?? '') === (taint.value ?? '');
  return false;
}

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration used for each. */
export function matchingTolerations(taints: readonly ReadonlyTaint[], tolerations: readonly DeepReadonly<Toleration>[]): { allTolerated: boolean; used: DeepReadonly<Toleration>[] } {
  const used: DeepReadonly<Toleration>[] = [];
  for (const taint of taints) {
    const toleration = tolerations.find((t) => toleratesTaint(t, taint));
    if (toleration === undefined) return { allTolerated: false, used: [] };
    used.push(toleration);
  }
  return { allTolerated: true, used };
}

/**
 * getMinTolerationTime in ms: the smallest tolerationSeconds among the tolerations used (0 for
 * none used, or one at or below 0), or -1 when none of them has a limit (tolerated forever).
 */
export function minTolerationTime(tolerations: readonly DeepReadonly<Toleration>[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** MatchTaint: the same key and effect. */
export function sameTaint(a: ReadonlyTaint, b: ReadonlyTaint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly ReadonlyTaint[] | undefined, taint: ReadonlyTaint): boolean {
  return (taints ?? []).some((t) => sameTaint(t, taint));
}

/**
 * The taints after adding `toAdd` (replacing a taint with the same key and effect unless equal)
 * and removing `toRemove` (by key and effect); undefined when nothing changes.
 */
export function swapTaints(taints: readonly ReadonlyTaint[] | undefined, toAdd: readonly Taint[], toRemove: readonly ReadonlyTaint[]): Taint[] | undefined {
  let next = [...(taints ?? [])].map((t) => ({ ...t })) as Taint[];
  let changed = false;
  for (const taint of toAdd) {
    const at = next.findIndex((t) => sameTaint(t, taint));
    if (at < 0) {
      next.push(taint);
      changed = true;
    } else if (next[at]!.value !== taint.value || next[at]!.timeAdded !== taint.timeAdded) {
      next[at] = taint;
      changed = true;
    }
  }
  const kept = next.filter((t) => !toRemove.some((r) => sameTaint(t, r)));
  if (kept.length !== next.length) changed = true;
  next = kept;
  return changed ? next : undefined;
}
