// Rollout progress (k/k `pkg/controller/deployment/progress.go`): after a rollout step the
// Deployment's status is recounted and its Progressing condition judged:
// - complete (all replicas updated and available): True / NewReplicaSetAvailable,
//   `ReplicaSet "web-7d4b9c8f5" has successfully progressed.`;
// - progress since the last status (more updated, ready or available, fewer old): True /
//   ReplicaSetUpdated, `ReplicaSet "..." is progressing.`, lastUpdateTime moved to now;
// - no progress for progressDeadlineSeconds since that lastUpdateTime: False /
//   ProgressDeadlineExceeded, `ReplicaSet "..." has timed out progressing.`
// A rollout that makes no progress is looked at again one second after its deadline
// (requeueStuckDeployment), since nothing else would wake it.

import type { Deployment } from 'kubernetes-types/apps/v1';
import { fromRFC3339 } from '@dockyard/runtime';
import { jsonEqual } from '../api/kinds.ts';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  NEW_RS_AVAILABLE_REASON,
  newCondition,
  removeCondition,
  RS_UPDATED_REASON,
  setCondition,
  TIMED_OUT_REASON,
} from './deployment-util.ts';
import { calculateStatus, type DeploymentSync } from './deployment-sync.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';
import { objectKeyOf } from './work-queue.ts';

/** syncRolloutStatus. */
export function syncRolloutStatus(sync: DeploymentSync, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: Deployment): void {
  const status = calculateStatus(allRSs, newRS, d, sync.now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  const subject = newRS === undefined ? `Deployment "${d.metadata!.name}"` : `ReplicaSet "${newRS.metadata!.name}"`;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, `${subject} has successfully progressed.`, sync.now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition('Progressing', 'True', RS_UPDATED_REASON, `${subject} is progressing.`, sync.now);
      // Progress moves lastUpdateTime even when the reason stays, so the deadline restarts.
      if (current !== undefined) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime!;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, sync.now)) {
      setCondition(status, newCondition('Progressing', 'False', TIMED_OUT_REASON, `${subject} has timed out progressing.`, sync.now));
    }
  }
  // Failure conditions of ReplicaSets (ReplicaFailure) move up to the Deployment, the new one's first.
  const failure = [newRS, ...allRSs].flatMap((rs) => rs?.status?.conditions?.filter((c) => c.type === 'ReplicaFailure') ?? [])[0];
  if (failure !== undefined) {
    setCondition(status, {
      type: 'ReplicaFailure',
      status: failure.status,
      lastUpdateTime: failure.lastTransitionTime!,
      lastTransitionTime: failure.lastTransitionTime!,
      reason: failure.reason!,
      message: failure.message!,
    });
  } else {
    removeCondition(status, 'ReplicaFailure');
  }
  if (jsonEqual(d.status ?? {}, status)) {
    requeueStuckDeployment(sync, d, status);
    return;
  }
  const before = getCondition(d.status, 'Progressing');
  const after = getCondition(status, 'Progressing');
  if (after !== undefined && (before?.reason !== after.reason || before?.status !== after.status)) {
    sync.log('progressing', d, { status: after.status, reason: after.reason, message: after.message });
  }
  d.status = status;
  sync.updateDeployment(d);
}

/** requeueStuckDeployment: wake a rollout that is not progressing one second after its deadline. */
function requeueStuckDeployment(sync: DeploymentSync, d: Deployment, status: Deployment['status'] & object): void {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT_REASON) return;
  const key = objectKeyOf(d.metadata!.namespace, d.metadata!.name!);
  const after = fromRFC3339(current.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 - sync.now;
  if (after < 1000) sync.queue.addRateLimited(key);
  else sync.queue.addAfter(key, after + 1000);
}
