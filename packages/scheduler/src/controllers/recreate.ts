// The Recreate strategy (k/k `pkg/controller/deployment/recreate.go`): scale every old ReplicaSet
// to 0; wait until no old pod is left (terminating ones count: their phase is still Running);
// only then create the new ReplicaSet, if needed, and scale it to the full replica count.

import type { Deployment } from 'kubernetes-types/apps/v1';
import { activeReplicaSets, actualReplicaCount, deploymentComplete, rsReplicas, specReplicas } from './deployment-util.ts';
import type { DeploymentSync } from './deployment-sync.ts';
import type { PodView } from './pod-util.ts';
import { syncRolloutStatus } from './progress.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';

/** Pods of the Deployment by the uid of the ReplicaSet that controls them (getPodMapForDeployment). */
export type PodMap = Map<string, PodView[]>;

/** rolloutRecreate. */
export function rolloutRecreate(sync: DeploymentSync, d: Deployment, rsList: readonly ReplicaSetView[], podMap: () => PodMap): void {
  // No new ReplicaSet yet: it is created only once the old pods are gone.
  let { newRS, oldRSs } = sync.allReplicaSetsAndSyncRevision(d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (rsReplicas(rs) === 0) continue;
    if (sync.scaleReplicaSetAndRecordEvent(rs, 0, d, 'Recreate: old ReplicaSets go to 0 first').scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(newRS, oldRSs, podMap())) {
    syncRolloutStatus(sync, allRSs, newRS, d);
    return;
  }
  if (newRS === undefined) {
    ({ newRS, oldRSs } = sync.allReplicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS !== undefined) sync.scaleReplicaSetAndRecordEvent(newRS, specReplicas(d), d, 'Recreate: the old pods are gone');
  if (deploymentComplete(d, d.status ?? {})) sync.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(sync, allRSs, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one has not finished. */
export function oldPodsRunning(newRS: ReplicaSetView | undefined, oldRSs: readonly ReplicaSetView[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS !== undefined && newRS.metadata!.uid === rsUid) continue;
    if (pods.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}
