// Revisions of a Deployment (k/k `deployment_util.go` SetNewReplicaSetAnnotations, MaxRevision,
// SetDeploymentRevision, ReplicaSetsByRevision):
// - every ReplicaSet carries `deployment.kubernetes.io/revision`; the new one gets the highest
//   revision among the old ones + 1, and the Deployment copies the new one's number;
// - a ReplicaSet that becomes new again (`kubectl rollout undo` copies an old template into the
//   Deployment, or a template edited back) is renumbered to max + 1 and its earlier numbers go to
//   `deployment.kubernetes.io/revision-history`, comma-separated, at most 2000 characters;
// - the Deployment's annotations are copied to its new ReplicaSet, except kubectl's
//   last-applied-configuration and the controller's own (so `kubernetes.io/change-cause` reaches
//   `kubectl rollout history`);
// - desired-replicas and max-replicas (desired + maxSurge) record what a ReplicaSet was sized for,
//   for proportional scaling.

import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  type DeploymentView,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  specReplicas,
} from './deployment-util.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';

/** The controller's limit on revision-history (maxRevHistoryLengthInChars). */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** A ReplicaSet's revision number; 0 when absent or not a number. */
export function revisionOf(rs: DeepReadonly<{ metadata?: { annotations?: Record<string, string> } }>): number {
  const text = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

/** MaxRevision over ReplicaSets. */
export function maxRevision(rss: readonly ReplicaSetView[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** ReplicaSetsByRevision: lowest revision first, then oldest. */
export function byRevision(a: ReplicaSetView, b: ReplicaSetView): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra !== rb) return ra - rb;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata!.name! < b.metadata!.name! ? -1 : 1;
}

function copyDeploymentAnnotations(d: DeploymentView, annotations: Record<string, string>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: records desired and max replicas; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSetView, desired: number, max: number): boolean {
  const annotations = rs.metadata?.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations on a mutable ReplicaSet: copies the Deployment's annotations, raises
 * the revision to `newRevision` (keeping the earlier one in revision-history), and for a
 * ReplicaSet about to be created records its replica annotations. True when anything changed.
 */
export function setNewReplicaSetAnnotations(d: DeploymentView, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = copyDeploymentAnnotations(d, annotations);
  const oldText = annotations[REVISION_ANNOTATION];
  let oldRevision = 0;
  if (oldText !== undefined && oldText !== '') {
    if (!/^\d+$/.test(oldText)) return false;
    oldRevision = Number(oldText);
  }
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      if (history === '') {
        annotations[REVISION_HISTORY_ANNOTATION] = oldText;
      } else {
        let revisions = history.split(',');
        let length = history.length + oldText.length + 1;
        while (length > MAX_REVISION_HISTORY_CHARS && revisions.length > 0) {
          length -= revisions[0]!.length + 1;
          revisions = revisions.slice(1);
        }
        if (length <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...revisions, oldText].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, specReplicas(d), specReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}
