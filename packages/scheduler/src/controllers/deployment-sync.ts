// What every Deployment sync shares (k/k `pkg/controller/deployment/sync.go`): finding or creating
// the new ReplicaSet and keeping revisions in step, scaling a ReplicaSet with its
// `ScalingReplicaSet` event, proportional scaling when replicas change mid-rollout or while
// paused, cleaning up old ReplicaSets beyond revisionHistoryLimit, and the status.
//
// The sync works on a mutable copy of the Deployment (`d`), as the Go code does; each write
// refreshes its resourceVersion so that later writes of the same sync do not conflict with it.
// The revision annotation lives in the Deployment's metadata, which the status subresource of this
// store does not take, so it is written with an update before the status.

import type { Engine } from '@dockyard/runtime';
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, jsonEqual } from '../api/kinds.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  bySizeNewer,
  bySizeOlder,
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS_REASON,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_RS_REASON,
  newCondition,
  newRSNewReplicas,
  PAUSED_REASON,
  proportion,
  readyReplicaCount,
  replicaCount,
  REVISION_ANNOTATION,
  rsReplicas,
  RESUMED_REASON,
  setCondition,
  specReplicas,
  TIMED_OUT_REASON,
} from './deployment-util.ts';
import { computePodTemplateHash } from './pod-template-hash.ts';
import { controllerOf, newControllerRef } from './pod-util.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';
import { byRevision, maxRevision, replicasAnnotationsNeedUpdate, setNewReplicaSetAnnotations, setReplicasAnnotations } from './revision.ts';
import type { WorkQueue } from './work-queue.ts';

export interface ReplicaSets {
  newRS: ReplicaSetView | undefined;
  oldRSs: ReplicaSetView[];
}

export class DeploymentSync {
  readonly engine: Engine;
  readonly store: ApiStore;
  readonly recorder: EventRecorder;
  readonly queue: WorkQueue;

  constructor(engine: Engine, store: ApiStore, recorder: EventRecorder, queue: WorkQueue) {
    this.engine = engine;
    this.store = store;
    this.recorder = recorder;
    this.queue = queue;
  }

  get now(): number {
    return this.engine.now;
  }

  log(type: string, d: Deployment, fields: Record<string, unknown>): void {
    this.engine.log.append(`deployment-controller.${type}`, { namespace: d.metadata!.namespace, deployment: d.metadata!.name, ...fields });
  }

  /**
   * Writes `d`'s annotations (when they changed) and status, as of the resourceVersion the sync
   * read: a Deployment changed meanwhile makes it a Conflict, and the sync is retried.
   */
  updateDeployment(d: Deployment): void {
    const expected = d.metadata!.resourceVersion!;
    let stored = this.store.get('Deployment', d.metadata!.namespace!, d.metadata!.name!);
    let copy = deepCopy(stored);
    copy.metadata!.resourceVersion = expected;
    if (!jsonEqual(stored.metadata?.annotations ?? {}, d.metadata?.annotations ?? {})) {
      if (d.metadata?.annotations === undefined) delete copy.metadata!.annotations;
      else copy.metadata!.annotations = { ...d.metadata.annotations };
      stored = this.store.update(copy);
      copy = deepCopy(stored);
    }
    copy.status = deepCopy(d.status ?? {});
    (d.metadata as { resourceVersion?: string }).resourceVersion = this.store.updateStatus(copy).metadata!.resourceVersion!;
  }

  // ---- the new ReplicaSet and revisions ----

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and all old ones. */
  allReplicaSetsAndSyncRevision(d: Deployment, rsList: readonly ReplicaSetView[], createIfNotExisted: boolean): ReplicaSets {
    const [, allOld] = findOldReplicaSets(d, rsList);
    const newRS = this.#newReplicaSet(d, rsList, allOld, createIfNotExisted);
    return { newRS, oldRSs: allOld };
  }

  #newReplicaSet(d: Deployment, rsList: readonly ReplicaSetView[], oldRSs: ReplicaSetView[], create: boolean): ReplicaSetView | undefined {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing !== undefined) {
      const copy = deepCopy(existing) as ReplicaSet;
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        if (minReady === 0) delete copy.spec!.minReadySeconds;
        else copy.spec!.minReadySeconds = minReady;
        if (annotationsUpdated && existing.metadata?.annotations?.[REVISION_ANNOTATION] !== copy.metadata!.annotations![REVISION_ANNOTATION]) {
          this.log('revision', d, { replicaset: copy.metadata!.name, revision: copy.metadata!.annotations![REVISION_ANNOTATION], reason: 'the ReplicaSet is the new one again' });
        }
        return this.store.update(copy);
      }
      let needsUpdate = this.#setDeploymentRevision(d, existing.metadata?.annotations?.[REVISION_ANNOTATION]);
      if (hasProgressDeadline(d) && getCondition(d.status, 'Progressing') === undefined) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${existing.metadata!.name}"`, this.now));
        needsUpdate = true;
      }
      if (needsUpdate) this.updateDeployment(d);
      return existing;
    }
    if (!create) return undefined;

    const template = deepCopy(d.spec!.template);
    const hash = computePodTemplateHash(template, d.status?.collisionCount);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash } };
    const selector = deepCopy(d.spec!.selector);
    selector.matchLabels = { ...selector.matchLabels, [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
    const stored = this.store.get('Deployment', d.metadata!.namespace!, d.metadata!.name!);
    const rsName = `${d.metadata!.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: rsName, namespace: d.metadata!.namespace!, ownerReferences: [newControllerRef(stored)], labels: { ...template.metadata.labels } },
      spec: { replicas: 0, selector, template },
    };
    if ((d.spec?.minReadySeconds ?? 0) > 0) newRS.spec!.minReadySeconds = d.spec!.minReadySeconds!;
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS as ReplicaSetView], newRS as ReplicaSetView);
    newRS.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);

    let created: ReplicaSetView;
    let alreadyExists = false;
    try {
      created = this.store.create(newRS);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      if (error.reason === 'AlreadyExists') {
        const found = this.store.tryGet('ReplicaSet', d.metadata!.namespace!, rsName);
        if (found !== undefined && controllerOf(found)?.uid === d.metadata!.uid && equalIgnoreHash(d.spec!.template, found.spec?.template)) {
          created = found;
          alreadyExists = true;
        } else {
          // A hash collision: count it, so the next sync hashes differently.
          const status = (d.status ??= {});
          const before = status.collisionCount ?? 0;
          status.collisionCount = before + 1;
          this.log('collision', d, { replicaset: rsName, collisionCount: status.collisionCount, reason: 'a different ReplicaSet has the name' });
          this.updateDeployment(d);
          throw error;
        }
      } else if (error.reason === 'Forbidden' && error.message.includes('is being terminated')) {
        throw error;
      } else {
        const message = `Failed to create new replica set "${rsName}": ${error.message}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, message, this.now));
          this.updateDeployment(d);
        }
        this.recorder.event(stored, 'Warning', FAILED_RS_CREATE_REASON, message);
        throw error;
      }
    }
    if (!alreadyExists) {
      this.log('new-replicaset', d, { replicaset: rsName, revision: newRevision, replicas, reason: 'no ReplicaSet has the pod template' });
      if (replicas > 0) this.recorder.event(stored, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rsName} from 0 to ${replicas}`);
    }
    let needsUpdate = this.#setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', NEW_RS_REASON, `Created new replica set "${rsName}"`, this.now));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateDeployment(d);
    return created;
  }

  /** SetDeploymentRevision. */
  #setDeploymentRevision(d: Deployment, revision: string | undefined): boolean {
    if (revision === undefined) return false;
    const annotations = (d.metadata!.annotations ??= {});
    if (annotations[REVISION_ANNOTATION] === revision) return false;
    annotations[REVISION_ANNOTATION] = revision;
    return true;
  }

  // ---- scaling ----

  /** scaleReplicaSetAndRecordEvent: true when the size changed; the ReplicaSet as written. */
  scaleReplicaSetAndRecordEvent(rs: ReplicaSetView, newScale: number, d: Deployment, reason: string): { scaled: boolean; rs: ReplicaSetView } {
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down', reason);
  }

  /** scaleReplicaSet: sets the size and the replica annotations; the event when the size moved. */
  scaleReplicaSet(rs: ReplicaSetView, newScale: number, d: Deployment, operation: string, reason: string): { scaled: boolean; rs: ReplicaSetView } {
    const sizeChanges = rsReplicas(rs) !== newScale;
    const max = specReplicas(d) + maxSurge(d);
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, specReplicas(d), max)) return { scaled: false, rs };
    const oldScale = rsReplicas(rs);
    const copy = deepCopy(rs) as ReplicaSet;
    copy.spec!.replicas = newScale;
    setReplicasAnnotations(copy, specReplicas(d), max);
    const written = this.store.update(copy);
    if (sizeChanges) {
      this.log('scale', d, { replicaset: rs.metadata!.name, from: oldScale, to: newScale, reason });
      const stored = this.store.get('Deployment', d.metadata!.namespace!, d.metadata!.name!);
      this.recorder.event(stored, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata!.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeChanges, rs: written };
  }

  /**
   * scale: a replica count change outside a rollout step. One active ReplicaSet takes it all; a
   * saturated new one leaves the old ones at 0; otherwise, in a rolling update, the replicas to
   * add or remove are shared in proportion to each ReplicaSet's size (largest first, leftovers
   * to the first), so a rollout in progress keeps its shape.
   */
  scale(d: Deployment, newRS: ReplicaSetView | undefined, oldRSs: ReplicaSetView[]): void {
    const replicas = specReplicas(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest !== undefined) {
      if (rsReplicas(activeOrLatest) !== replicas) this.scaleReplicaSetAndRecordEvent(activeOrLatest, replicas, d, 'the only active ReplicaSet takes the new replica count');
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d, 'the new ReplicaSet is saturated');
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
    const toAdd = allowed - replicaCount(all);
    let operation = '';
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const share = proportion(rs, d, toAdd, added);
        sizes.set(rs.metadata!.name!, rsReplicas(rs) + share);
        added += share;
      } else {
        sizes.set(rs.metadata!.name!, rsReplicas(rs));
      }
    }
    all.forEach((rs, i) => {
      const name = rs.metadata!.name!;
      if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(name)!, d, operation, 'proportional scaling');
    });
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count. */
  isScalingEvent(d: Deployment, rsList: readonly ReplicaSetView[]): boolean {
    const { newRS, oldRSs } = this.allReplicaSetsAndSyncRevision(d, rsList, false);
    return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = desiredReplicasAnnotation(rs);
      return desired !== undefined && desired !== specReplicas(d);
    });
  }

  /** sync: scaling (and, while paused, cleanup) without rolling out. */
  sync(d: Deployment, rsList: readonly ReplicaSetView[]): void {
    const { newRS, oldRSs } = this.allReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec?.paused === true) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** checkPausedConditions: Progressing Unknown with DeploymentPaused / DeploymentResumed. */
  checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const condition = getCondition(d.status, 'Progressing');
    if (condition?.reason === TIMED_OUT_REASON) return;
    const pausedExists = condition?.reason === PAUSED_REASON;
    const paused = d.spec?.paused === true;
    if (paused && !pausedExists) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', PAUSED_REASON, 'Deployment is paused', this.now));
    } else if (!paused && pausedExists) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', RESUMED_REASON, 'Deployment is resumed', this.now));
    } else {
      return;
    }
    this.updateDeployment(d);
  }

  /** cleanupDeployment: deletes the oldest revisions beyond revisionHistoryLimit that are scaled to 0. */
  cleanupDeployment(oldRSs: readonly ReplicaSetView[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
    const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.log('cleanup', d, { replicaset: rs.metadata!.name, revision: rs.metadata?.annotations?.[REVISION_ANNOTATION], reason: `more than revisionHistoryLimit ${d.spec!.revisionHistoryLimit} old ReplicaSets` });
      try {
        this.store.delete('ReplicaSet', rs.metadata!.namespace!, rs.metadata!.name!);
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
      }
    }
  }

  /** syncDeploymentStatus: the counts, without judging progress. */
  syncDeploymentStatus(allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: Deployment): void {
    const status = calculateStatus(allRSs, newRS, d, this.now);
    if (jsonEqual(d.status ?? {}, status)) return;
    d.status = status;
    this.updateDeployment(d);
  }
}

/**
 * calculateStatus: counts summed over the ReplicaSets (replicas and updatedReplicas from their
 * status, unavailable from their spec), and the Available condition: at least replicas −
 * maxUnavailable available. Zero counts are omitted as Go's omitempty omits them.
 */
export function calculateStatus(allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const unavailable = Math.max(0, replicaCount(allRSs) - available);
  const counts: [keyof DeploymentStatus, number][] = [
    ['observedGeneration', d.metadata?.generation ?? 0],
    ['replicas', actualReplicaCount(allRSs)],
    ['updatedReplicas', actualReplicaCount([newRS])],
    ['readyReplicas', readyReplicaCount(allRSs)],
    ['availableReplicas', available],
    ['unavailableReplicas', unavailable],
  ];
  const status: DeploymentStatus = {};
  for (const [key, value] of counts) if (value !== 0) (status as Record<string, number>)[key] = value;
  if (d.status?.conditions !== undefined) status.conditions = deepCopy(d.status.conditions);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  return status;
}
