// The RollingUpdate strategy (k/k `pkg/controller/deployment/rolling.go`). Each sync either scales
// the new ReplicaSet up or, failing that, old ones down, then recounts the status:
// - reconcileNewReplicaSet: grow the new ReplicaSet while the sum of all ReplicaSets' spec.replicas
//   stays within replicas + maxSurge (maxSurge rounded up);
// - reconcileOldReplicaSets: minAvailable = replicas − maxUnavailable (rounded down, 1 when both
//   fenceposts are 0); with allPods the sum of spec.replicas and newRSUnavailable the new
//   ReplicaSet's spec − available, at most allPods − minAvailable − newRSUnavailable may go:
//   first unhealthy replicas of old ReplicaSets, oldest first (cleanupUnhealthyReplicas), then
//   old replicas while more than minAvailable are available (scaleDownOldReplicaSetsForRollingUpdate);
// - once complete, old ReplicaSets beyond revisionHistoryLimit are deleted.

import type { Deployment } from 'kubernetes-types/apps/v1';
import {
  activeReplicaSets,
  availableReplicaCount,
  byCreationTimestamp,
  deploymentComplete,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  rsReplicas,
  specReplicas,
} from './deployment-util.ts';
import type { DeploymentSync } from './deployment-sync.ts';
import { syncRolloutStatus } from './progress.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';

/** rolloutRolling. */
export function rolloutRolling(sync: DeploymentSync, d: Deployment, rsList: readonly ReplicaSetView[]): void {
  const { newRS, oldRSs } = sync.allReplicaSetsAndSyncRevision(d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (newRS !== undefined && reconcileNewReplicaSet(sync, allRSs, newRS, d)) {
    syncRolloutStatus(sync, allRSs, newRS, d);
    return;
  }
  if (newRS !== undefined && reconcileOldReplicaSets(sync, allRSs, activeReplicaSets(oldRSs), newRS, d)) {
    syncRolloutStatus(sync, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) sync.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(sync, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: true when the new ReplicaSet was resized. */
export function reconcileNewReplicaSet(sync: DeploymentSync, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView, d: Deployment): boolean {
  const desired = specReplicas(d);
  if (rsReplicas(newRS) === desired) return false;
  if (rsReplicas(newRS) > desired) return sync.scaleReplicaSetAndRecordEvent(newRS, desired, d, 'the new ReplicaSet is larger than the Deployment').scaled;
  const target = newRSNewReplicas(d, allRSs, newRS);
  return sync.scaleReplicaSetAndRecordEvent(newRS, target, d, `reconcileNewReplicaSet: ${replicaCount(allRSs)} of at most ${desired} + maxSurge replicas`).scaled;
}

/** reconcileOldReplicaSets: true when any old ReplicaSet was scaled down. */
export function reconcileOldReplicaSets(
  sync: DeploymentSync,
  allRSs: readonly (ReplicaSetView | undefined)[],
  oldRSs: ReplicaSetView[],
  newRS: ReplicaSetView,
  d: Deployment,
): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const { oldRSs: cleaned, count: cleanedUp } = cleanupUnhealthyReplicas(sync, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(sync, [...cleaned, newRS], cleaned, d);
  return cleanedUp + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: removes up to `maxCleanup` unavailable old replicas, oldest ReplicaSet first. */
export function cleanupUnhealthyReplicas(sync: DeploymentSync, oldRSs: ReplicaSetView[], d: Deployment, maxCleanup: number): { oldRSs: ReplicaSetView[]; count: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i]!;
    const available = rs.status?.availableReplicas ?? 0;
    if (rsReplicas(rs) === 0 || rsReplicas(rs) === available) continue;
    const count = Math.min(maxCleanup - total, rsReplicas(rs) - available);
    const { rs: updated } = sync.scaleReplicaSetAndRecordEvent(rs, rsReplicas(rs) - count, d, `cleanupUnhealthyReplicas: ${rsReplicas(rs) - available} unavailable`);
    total += count;
    sorted[i] = updated;
  }
  return { oldRSs: sorted, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: old replicas go while more than minAvailable are available. */
export function scaleDownOldReplicaSetsForRollingUpdate(sync: DeploymentSync, allRSs: readonly ReplicaSetView[], oldRSs: ReplicaSetView[], d: Deployment): number {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= toScaleDown) break;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), toScaleDown - total);
    sync.scaleReplicaSetAndRecordEvent(rs, rsReplicas(rs) - count, d, `scaleDownOldReplicaSetsForRollingUpdate: ${available} available, at least ${minAvailable} needed`);
    total += count;
  }
  return total;
}
