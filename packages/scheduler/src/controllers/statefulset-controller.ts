// The StatefulSet controller of kube-controller-manager (k/k `pkg/controller/statefulset`:
// stateful_set.go, stateful_set_control.go, stateful_set_utils.go, stateful_pod_control.go).
// - Pods have stable names `<set>-<ordinal>` (from spec.ordinals.start, default 0), hostname =
//   name, subdomain = serviceName, and the labels `statefulset.kubernetes.io/pod-name`,
//   `apps.kubernetes.io/pod-index` and `controller-revision-hash`.
// - Each volumeClaimTemplate gives each pod a PersistentVolumeClaim `<template>-<set>-<ordinal>`,
//   created before the pod and kept after it (persistentVolumeClaimRetentionPolicy Retain; with
//   whenDeleted: Delete the claims are owned by the StatefulSet, with whenScaled: Delete by the
//   pod when it is scaled away).
// - OrderedReady (default): pods are created one at a time in ordinal order, each only once every
//   lower one is Running and Ready (and available for minReadySeconds), and removed from the
//   highest ordinal down, one at a time; Parallel creates and removes all at once.
// - RollingUpdate: the template's history lives in ControllerRevisions (`controller-history.ts`);
//   pods at ordinals ≥ partition that run an old revision are deleted from the highest ordinal
//   down, one at a time, each recreated at the new revision and Ready before the next goes; once
//   all are updated and ready, currentRevision becomes updateRevision. OnDelete: pods change only
//   when someone deletes them.
// - A pod that failed or succeeded is deleted and recreated.
// Events on the StatefulSet: `SuccessfulCreate` `create Pod web-0 in StatefulSet web successful`,
// `create Claim www-web-0 Pod web-0 in StatefulSet web success`, `SuccessfulDelete`
// `delete Pod web-2 in StatefulSet web successful`.
// Not simulated: maxUnavailable (alpha), PVC resizing.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type Mutable, type Stored } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { claimObjects } from './controller-ref-manager.ts';
import { byRevisionNumber, createRevision, equalRevision, newRevision, type RevisionView, templateOf, templatePatch } from './controller-history.ts';
import { controllerOf, isPodAvailable, isPodReady, podFromTemplate, type PodView } from './pod-util.ts';
import { workloadSelector } from './replicaset-controller.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export type StatefulSetView = Stored<'StatefulSet'>;

export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_LABEL = 'controller-revision-hash';

const startOrdinal = (set: StatefulSetView) => set.spec?.ordinals?.start ?? 0;
const replicasOf = (set: StatefulSetView) => set.spec?.replicas ?? 1;

/** The ordinal of a pod of `set` (`<set>-<n>`), or -1. */
export function ordinalOf(set: StatefulSetView, pod: PodView): number {
  const prefix = `${set.metadata!.name}-`;
  const name = pod.metadata!.name!;
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

const isCreated = (pod: PodView) => (pod.status?.phase ?? '') !== '';
const isTerminating = (pod: PodView) => pod.metadata?.deletionTimestamp !== undefined;
const isRunningAndReady = (pod: PodView) => pod.status?.phase === 'Running' && isPodReady(pod);
const isHealthy = (pod: PodView) => isRunningAndReady(pod) && !isTerminating(pod);
const revisionOfPod = (pod: PodView) => pod.metadata?.labels?.[CONTROLLER_REVISION_LABEL] ?? '';

export class StatefulSetController implements EngineComponent {
  readonly name = 'statefulset-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'statefulset-controller' });
    this.#queue = new WorkQueue(engine, 'statefulset-controller', (key) => this.#sync(key));
    store.watch('StatefulSet', {}, ({ object }) => this.#queue.add(objectKeyOf(object.metadata?.namespace, object.metadata!.name!)));
    store.watch('Pod', {}, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedWorkQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedWorkQueue);
  }

  #onPod({ type, object: pod, previous }: WatchEvent<PodView>): void {
    const namespace = pod.metadata!.namespace!;
    const oldRef = previous === undefined ? undefined : controllerOf(previous);
    const ref = controllerOf(pod);
    if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) this.#queue.add(objectKeyOf(namespace, oldRef.name));
    if (ref !== undefined) {
      if (ref.kind !== 'StatefulSet') return;
      const set = this.#store.tryGet('StatefulSet', namespace, ref.name);
      if (set === undefined || set.metadata?.uid !== ref.uid) return;
      const key = objectKeyOf(namespace, ref.name);
      this.#queue.add(key);
      const minReady = set.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && previous !== undefined && !isPodReady(previous) && isPodReady(pod)) this.#queue.addAfter(key, minReady * 1000 + 1000);
      return;
    }
    if (type === 'DELETED' || pod.metadata?.deletionTimestamp !== undefined) return;
    for (const set of this.#store.list('StatefulSet', { namespace }).items) {
      const selector = workloadSelector(set);
      if (selector !== undefined && !selector.isEmpty() && selector.matches(pod.metadata?.labels)) this.#queue.add(objectKeyOf(namespace, set.metadata!.name!));
    }
  }

  #log(set: StatefulSetView, type: string, fields: Record<string, unknown>): void {
    this.#engine.log.append(`statefulset-controller.${type}`, { namespace: set.metadata!.namespace, statefulset: set.metadata!.name, ...fields });
  }

  // ---- sync ----

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const set = this.#store.tryGet('StatefulSet', namespace, name);
    if (set === undefined) return;
    const selector = workloadSelector(set);
    if (selector === undefined || selector.isEmpty()) return;
    const pods = claimObjects(
      this.#store,
      this.#store.list('Pod', { namespace: namespace!, labelSelector: selector }).items.filter((p) => ordinalOf(set, p) >= 0 || controllerOf(p)?.uid === set.metadata!.uid),
      { owner: set, selector, log: (decision, pod) => this.#log(set, decision, { pod: pod.metadata!.name }) },
    );
    const revisions = this.#revisionsFor(set);
    const { current, update, collisionCount } = this.#revisions(set, revisions);
    const status = this.#updateStatefulSet(set, current, update, collisionCount, pods);
    this.#updateStatus(set, status);
    const allRevisions = this.#revisionsFor(set);
    this.#truncateHistory(set, this.#store.list('Pod', { namespace: namespace!, labelSelector: selector }).items, allRevisions, current, update);
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (status.availableReplicas ?? 0) !== replicasOf(set)) this.#queue.addAfter(key, minReady * 1000 + 1);
  }

  #revisionsFor(set: StatefulSetView): RevisionView[] {
    const selector = workloadSelector(set)!;
    return claimObjects(this.#store, this.#store.list('ControllerRevision', { namespace: set.metadata!.namespace! }).items, {
      owner: set,
      selector,
      log: (decision, revision) => this.#log(set, `${decision}-revision`, { revision: revision.metadata!.name }),
    }).sort(byRevisionNumber);
  }

  /** getStatefulSetRevisions: the current revision and the one the template asks for. */
  #revisions(set: StatefulSetView, revisions: RevisionView[]): { current: RevisionView; update: RevisionView; collisionCount: number } {
    let collisionCount = set.status?.collisionCount ?? 0;
    const next = revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
    const data = templatePatch(set.spec?.template as DeepReadonly<{ metadata?: Record<string, never> }>);
    const labels = set.spec?.template?.metadata?.labels;
    const candidate = newRevision(set, labels, data, next, collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, candidate));
    let update: RevisionView;
    if (equal.length > 0 && revisions.at(-1)!.metadata!.name === equal.at(-1)!.metadata!.name) {
      update = revisions.at(-1)!;
    } else if (equal.length > 0) {
      // An older template again: that revision is renumbered to the next revision (a rollback).
      const copy = deepCopy(equal.at(-1)!);
      copy.revision = next;
      update = this.#store.update(copy);
      this.#log(set, 'revision', { revision: update.metadata!.name, number: next, reason: 'the template is an earlier one again' });
    } else {
      ({ revision: update, collisionCount } = createRevision(this.#store, set, labels, data, next, collisionCount));
      this.#log(set, 'revision', { revision: update.metadata!.name, number: next, reason: 'a new pod template' });
    }
    const current = revisions.find((r) => r.metadata!.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** updateStatefulSet: one pass of creations, deletions and updates; returns the status to write. */
  #updateStatefulSet(set: StatefulSetView, current: RevisionView, update: RevisionView, collisionCount: number, pods: PodView[]): StatefulSetStatus {
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation ?? 0,
      currentRevision: current.metadata!.name!,
      updateRevision: update.metadata!.name!,
      collisionCount,
      replicas: 0,
    };
    const start = startOrdinal(set);
    const count = replicasOf(set);
    const replicas: (PodView | undefined)[] = Array.from({ length: count }, () => undefined);
    const condemned: PodView[] = [];
    for (const pod of pods) {
      const ordinal = ordinalOf(set, pod);
      if (ordinal >= start && ordinal < start + count) replicas[ordinal - start] = pod;
      else if (ordinal >= 0) condemned.push(pod);
    }
    // Placeholders for missing pods, at the revision their ordinal should run.
    const planned: PodView[] = replicas.map((pod, i) => pod ?? this.#newVersionedPod(set, current, update, start + i));
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    let firstUnhealthy: PodView | undefined = planned.find((p) => !isHealthy(p));
    for (let i = condemned.length - 1; i >= 0 && firstUnhealthy === undefined; i--) if (!isHealthy(condemned[i]!)) firstUnhealthy = condemned[i];
    const finish = () => this.#countStatus(set, status, current, update, [...planned, ...condemned]);
    if (set.metadata?.deletionTimestamp !== undefined) return finish();
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const minReady = set.spec?.minReadySeconds ?? 0;
    const now = this.#engine.now;

    for (let i = 0; i < planned.length; i++) {
      const pod = planned[i]!;
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') {
        if (!isTerminating(pod)) this.#deletePod(set, pod, `the pod ${pod.status.phase === 'Failed' ? 'failed' : 'finished'}: it is recreated`);
        return finish();
      }
      if (!isCreated(pod)) {
        planned[i] = this.#createPod(set, pod);
        if (monotonic) return finish();
        continue;
      }
      if (monotonic && isTerminating(pod)) return finish();
      if (monotonic && !(pod.status?.phase === 'Running' && isPodAvailable(pod, minReady, now))) return finish();
    }
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return finish();
        continue;
      }
      if (monotonic && !(pod.status?.phase === 'Running' && isPodAvailable(pod, minReady, now)) && pod !== firstUnhealthy) return finish();
      this.#releaseClaimsOnScaleDown(set, pod);
      this.#deletePod(set, pod, `scale down to ${count} replicas`);
      if (monotonic) return finish();
    }
    finish();
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return status;
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = planned.length - 1; target >= partition; target--) {
      const pod = planned[target]!;
      if (revisionOfPod(pod) !== update.metadata!.name && !isTerminating(pod)) {
        this.#deletePod(set, pod, `rolling update to revision ${update.metadata!.name}`);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return status;
      }
      if (!isHealthy(pod)) return status;
    }
    return status;
  }

  /** computeReplicaStatus into `status`. */
  #countStatus(set: StatefulSetView, status: StatefulSetStatus, current: RevisionView, update: RevisionView, pods: readonly PodView[]): StatefulSetStatus {
    const minReady = set.spec?.minReadySeconds ?? 0;
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let currentReplicas = 0;
    let updated = 0;
    for (const pod of pods) {
      if (isCreated(pod)) replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, this.#engine.now)) available++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (revisionOfPod(pod) === current.metadata!.name) currentReplicas++;
        if (revisionOfPod(pod) === update.metadata!.name) updated++;
      }
    }
    status.replicas = replicas;
    status.readyReplicas = ready;
    status.availableReplicas = available;
    status.currentReplicas = currentReplicas;
    status.updatedReplicas = updated;
    return status;
  }

  /** newVersionedStatefulSetPod: below the partition the current revision, above it the update. */
  #newVersionedPod(set: StatefulSetView, current: RevisionView, update: RevisionView, ordinal: number): PodView {
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition;
    const useCurrent = rolling && (partition === undefined ? ordinal < startOrdinal(set) + (set.status?.currentReplicas ?? 0) : ordinal < partition);
    const revision = useCurrent ? current : update;
    const template = templateOf(revision) as DeepReadonly<{ metadata?: Pod['metadata']; spec?: Pod['spec'] }>;
    const pod = podFromTemplate(template, set) as Mutable<Pod>;
    const name = `${set.metadata!.name}-${ordinal}`;
    delete pod.metadata!.generateName;
    pod.metadata!.name = name;
    pod.metadata!.labels = { ...pod.metadata!.labels, [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_LABEL]: revision.metadata!.name! };
    pod.spec!.hostname = name;
    if (set.spec?.serviceName !== undefined && set.spec.serviceName !== '') pod.spec!.subdomain = set.spec.serviceName;
    const claims = this.#claimsFor(set, ordinal);
    const claimVolumes = claims.map(({ template: t, claim }) => ({ name: t, persistentVolumeClaim: { claimName: claim.metadata!.name! } }));
    const others = (pod.spec!.volumes ?? []).filter((v) => !claims.some((c) => c.template === v.name));
    if (claimVolumes.length + others.length > 0) pod.spec!.volumes = [...claimVolumes, ...others];
    return pod as PodView;
  }

  /** getPersistentVolumeClaims: the claims of the pod at `ordinal`, by template name. */
  #claimsFor(set: StatefulSetView, ordinal: number): { template: string; claim: PersistentVolumeClaim }[] {
    return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
      const claim = deepCopy(t) as Mutable<PersistentVolumeClaim>;
      const template = t.metadata!.name!;
      claim.apiVersion = 'v1';
      claim.kind = 'PersistentVolumeClaim';
      claim.metadata = {
        ...claim.metadata,
        name: `${template}-${set.metadata!.name}-${ordinal}`,
        namespace: set.metadata!.namespace!,
        labels: { ...claim.metadata?.labels, ...set.spec?.selector?.matchLabels },
      };
      delete claim.status;
      return { template, claim: claim as PersistentVolumeClaim };
    });
  }

  /** CreateStatefulPod: the claims first, then the pod. */
  #createPod(set: StatefulSetView, pod: PodView): PodView {
    const ordinal = ordinalOf(set, pod);
    const name = pod.metadata!.name!;
    for (const { claim } of this.#claimsFor(set, ordinal)) {
      const existing = this.#store.tryGet('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!);
      if (existing !== undefined) {
        if (existing.metadata?.deletionTimestamp !== undefined) throw new StatusError('Conflict', `pvc ${claim.metadata!.name} is being deleted`);
        continue;
      }
      if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') {
        claim.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid!, controller: true, blockOwnerDeletion: true }];
      }
      try {
        this.#store.create(claim);
        this.#recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata!.name} Pod ${name} in StatefulSet ${set.metadata!.name} success`);
      } catch (error) {
        if (error instanceof StatusError && error.reason !== 'AlreadyExists') {
          this.#recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata!.name} for Pod ${name} in StatefulSet ${set.metadata!.name} failed error: failed to create PVC ${claim.metadata!.name}: ${error.message}`);
        }
        throw error;
      }
    }
    try {
      const created = this.#store.create(pod);
      this.#log(set, 'create-pod', { pod: name, revision: revisionOfPod(pod), reason: `ordinal ${ordinal} is missing` });
      this.#recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata!.name} successful`);
      return created;
    } catch (error) {
      if (error instanceof StatusError && error.reason !== 'AlreadyExists') {
        this.#recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata!.name} failed error: ${error.message}`);
      }
      throw error;
    }
  }

  #deletePod(set: StatefulSetView, pod: PodView, reason: string): void {
    const name = pod.metadata!.name!;
    this.#log(set, 'delete-pod', { pod: name, reason });
    try {
      this.#store.delete('Pod', pod.metadata!.namespace!, name);
    } catch (error) {
      if (error instanceof StatusError && error.reason === 'NotFound') return;
      if (error instanceof StatusError) this.#recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${set.metadata!.name} failed error: ${error.message}`);
      throw error;
    }
    this.#recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${set.metadata!.name} successful`);
  }

  /** whenScaled: Delete — a pod scaled away takes its claims with it (they become its dependents). */
  #releaseClaimsOnScaleDown(set: StatefulSetView, pod: PodView): void {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    for (const { claim } of this.#claimsFor(set, ordinalOf(set, pod))) {
      const existing = this.#store.tryGet('PersistentVolumeClaim', claim.metadata!.namespace, claim.metadata!.name!);
      if (existing === undefined || existing.metadata?.ownerReferences?.some((r) => r.uid === pod.metadata!.uid)) continue;
      const copy = deepCopy(existing);
      copy.metadata!.ownerReferences = [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid!, controller: true, blockOwnerDeletion: true }];
      this.#store.update(copy);
    }
  }

  /** updateStatefulSetStatus: completes a finished rolling update; writes only what changed. */
  #updateStatus(set: StatefulSetView, status: StatefulSetStatus): void {
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision!;
    }
    // Go's omitempty drops these zero counts (replicas, availableReplicas and collisionCount always show).
    const written: StatefulSetStatus = { ...status };
    for (const key of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'observedGeneration'] as const) {
      if (written[key] === 0) delete written[key];
    }
    if (jsonEqual(set.status ?? {}, written)) return;
    const copy = deepCopy(set) as Mutable<StatefulSet>;
    copy.status = written;
    this.#store.updateStatus(copy);
  }

  /** truncateHistory: revisions no pod runs, beyond revisionHistoryLimit, oldest first. */
  #truncateHistory(set: StatefulSetView, pods: readonly PodView[], revisions: RevisionView[], current: RevisionView, update: RevisionView): void {
    const live = new Set([current.metadata!.name!, update.metadata!.name!, ...pods.map(revisionOfPod)]);
    const history = revisions.filter((r) => !live.has(r.metadata!.name!));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    for (const revision of history.slice(0, Math.max(0, history.length - limit))) {
      this.#log(set, 'delete-revision', { revision: revision.metadata!.name, reason: `more than revisionHistoryLimit ${limit}` });
      try {
        this.#store.delete('ControllerRevision', revision.metadata!.namespace!, revision.metadata!.name!);
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
      }
    }
  }
}
