// The ReplicaSet controller of kube-controller-manager (k/k `pkg/controller/replicaset/replica_set.go`,
// `replica_set_utils.go`). For each ReplicaSet it:
// - claims its pods: active pods (not finished, not being deleted) that match its selector,
//   adopting orphans and releasing pods that stopped matching;
// - creates the missing ones from its template (generateName `<rs>-`, a controller
//   ownerReference), up to burstReplicas (500) a sync in slow-start batches of 1, 2, 4, ...;
// - deletes the extra ones in the order of `active-pods-ranking.ts`, where rule 5 counts the
//   pods of every ReplicaSet that shares this one's owner (getIndirectlyRelatedPods);
// - writes status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (ready for
//   minReadySeconds), observedGeneration, and the ReplicaFailure condition when a create or
//   delete failed. The status counts the pods as the sync found them, before its own creates and
//   deletes, as the real controller does; the events of those writes sync it again at once.
// The real controller keeps "expectations" so that it does not act twice before its informer
// catches up with its own writes; this store is read fresh at every sync, so none are needed.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type Stored } from '../api/kinds.ts';
import { type Selector, SelectorError, selectorFromLabelSelector, selectorFromSet } from '../api/label-selector.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { podsToDelete } from './active-pods-ranking.ts';
import { claimObjects } from './controller-ref-manager.ts';
import { PodControl, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './pod-control.ts';
import { controllerOf, isPodActive, isPodAvailable, isPodReady, podFromTemplate, type PodView } from './pod-util.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export type ReplicaSetView = Stored<'ReplicaSet'>;

/** kube-controller-manager's `--concurrent-replicaset-syncs` aside, the per-sync create/delete cap (BurstReplicas). */
export const BURST_REPLICAS = 500;

export interface ReplicaSetControllerOptions {
  burstReplicas?: number;
}

/** The selector of a workload (LabelSelectorAsSelector), or undefined when it does not parse. */
export function workloadSelector(object: DeepReadonly<{ spec?: { selector?: LabelSelector } }>): Selector | undefined {
  try {
    return selectorFromLabelSelector(object.spec?.selector as LabelSelector | undefined);
  } catch (error) {
    if (error instanceof SelectorError) return undefined;
    throw error;
  }
}

export class ReplicaSetController implements EngineComponent {
  readonly name = 'replicaset-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;
  readonly #pods: PodControl;
  readonly #burst: number;

  constructor(engine: Engine, store: ApiStore, options: ReplicaSetControllerOptions = {}) {
    this.#engine = engine;
    this.#store = store;
    this.#burst = options.burstReplicas ?? BURST_REPLICAS;
    this.#recorder = new EventRecorder(engine, store, { component: 'replicaset-controller' });
    this.#pods = new PodControl(store, this.#recorder);
    this.#queue = new WorkQueue(engine, 'replicaset-controller', (key) => this.#sync(key));
    store.watch('ReplicaSet', {}, ({ object }) => this.#queue.add(objectKeyOf(object.metadata?.namespace, object.metadata!.name!)));
    store.watch('Pod', {}, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedWorkQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedWorkQueue);
  }

  // ---- event handlers (addPod / updatePod / deletePod) ----

  #onPod({ type, object: pod, previous }: WatchEvent<PodView>): void {
    const namespace = pod.metadata!.namespace!;
    const ref = controllerOf(pod);
    const oldRef = previous === undefined ? undefined : controllerOf(previous);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid) this.#enqueueOwner(namespace, oldRef);
    if (ref !== undefined) {
      const rs = this.#enqueueOwner(namespace, ref);
      // A pod that just became ready turns available minReadySeconds later (+1 s, as updatePod requeues).
      const minReady = rs?.spec?.minReadySeconds ?? 0;
      if (rs !== undefined && minReady > 0 && previous !== undefined && !isPodReady(previous) && isPodReady(pod)) {
        this.#queue.addAfter(objectKeyOf(namespace, rs.metadata!.name!), minReady * 1000 + 1000);
      }
      return;
    }
    if (type === 'DELETED' || pod.metadata?.deletionTimestamp !== undefined) return;
    // An orphan: wake every ReplicaSet that would adopt it (only when something that matters changed).
    if (type === 'MODIFIED' && previous !== undefined && oldRef === undefined && jsonEqual(previous.metadata?.labels, pod.metadata?.labels)) return;
    for (const rs of this.#replicaSetsMatching(pod)) this.#queue.add(objectKeyOf(namespace, rs.metadata!.name!));
  }

  #enqueueOwner(namespace: string, ref: DeepReadonly<{ kind: string; name: string; uid: string }>): ReplicaSetView | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.#store.tryGet('ReplicaSet', namespace, ref.name);
    if (rs === undefined || rs.metadata?.uid !== ref.uid) return undefined;
    this.#queue.add(objectKeyOf(namespace, ref.name));
    return rs;
  }

  /** getPodReplicaSets: the ReplicaSets in the pod's namespace whose selector matches it. */
  #replicaSetsMatching(pod: PodView): ReplicaSetView[] {
    const labels = pod.metadata?.labels;
    if (labels === undefined) return [];
    return this.#store.list('ReplicaSet', { namespace: pod.metadata!.namespace! }).items.filter((rs) => {
      const selector = workloadSelector(rs);
      return selector !== undefined && !selector.isEmpty() && selector.matches(labels);
    });
  }

  // ---- sync ----

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const rs = this.#store.tryGet('ReplicaSet', namespace, name);
    if (rs === undefined) return;
    const selector = workloadSelector(rs);
    if (selector === undefined) return;
    const pods = this.#claimPods(rs, selector);
    let error: StatusError | undefined;
    if (rs.metadata?.deletionTimestamp === undefined) error = this.#manageReplicas(pods, rs);
    const status = calculateStatus(rs, pods, error, this.#engine.now);
    const updated = this.#updateStatus(rs, status);
    const spec = updated.spec?.replicas ?? 1;
    const ready = updated.status?.readyReplicas ?? 0;
    const available = updated.status?.availableReplicas ?? 0;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    // All ready, not all available yet: look again after minReadySeconds. Ready times are stored in
    // whole seconds and availability needs now strictly after them, which a real clock's fraction
    // of a second gives; the 1 ms stands in for it when a pod became ready on a whole second.
    if (error === undefined && minReady > 0 && ready === spec && available !== spec) this.#queue.addAfter(key, minReady * 1000 + 1);
    if (error !== undefined) throw error;
  }

  /** The ReplicaSet's active pods: matching ones and its own, claimed (adoption and release). */
  #claimPods(rs: ReplicaSetView, selector: Selector): PodView[] {
    const namespace = rs.metadata!.namespace!;
    // Matching pods come in name order; owned pods that stopped matching (to release) join them.
    const candidates = this.#store.list('Pod', { namespace, labelSelector: selector }).items.filter(isPodActive);
    const seen = new Set(candidates.map((pod) => pod.metadata!.uid!));
    let strays = false;
    for (const dependent of this.#store.dependents(rs.metadata!.uid!)) {
      if (dependent.kind !== 'Pod' || seen.has(dependent.metadata!.uid!) || !isPodActive(dependent as PodView)) continue;
      candidates.push(dependent as PodView);
      strays = true;
    }
    if (strays) candidates.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    return claimObjects(this.#store, candidates, {
      owner: rs,
      selector,
      log: (decision, pod) => this.#engine.log.append(`replicaset-controller.${decision}`, { namespace, replicaset: rs.metadata!.name, pod: pod.metadata!.name }),
    });
  }

  /** manageReplicas: creates or deletes toward spec.replicas. */
  #manageReplicas(pods: PodView[], rs: ReplicaSetView): StatusError | undefined {
    const namespace = rs.metadata!.namespace!;
    const rsName = rs.metadata!.name!;
    const want = rs.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) {
      const creating = Math.min(-diff, this.#burst);
      this.#engine.log.append('replicaset-controller.create-pods', { namespace, replicaset: rsName, reason: 'too few replicas', need: want, have: pods.length, creating });
      const { error } = slowStartBatch(creating, SLOW_START_INITIAL_BATCH_SIZE, () => {
        this.#pods.createPod(podFromTemplate(rs.spec!.template!, rs), rs);
      });
      return error;
    }
    if (diff > 0) {
      const deleting = Math.min(diff, this.#burst);
      const chosen = podsToDelete(pods, this.#relatedPods(rs), deleting, this.#engine.now);
      this.#engine.log.append('replicaset-controller.delete-pods', {
        namespace,
        replicaset: rsName,
        reason: 'too many replicas',
        need: want,
        have: pods.length,
        deleting: chosen.map((pod) => pod.metadata!.name!),
      });
      for (const pod of chosen) this.#pods.deletePod(namespace, pod.metadata!.name!, rs);
    }
    return undefined;
  }

  /** getIndirectlyRelatedPods: pods selected by any ReplicaSet with the same controller as this one. */
  #relatedPods(rs: ReplicaSetView): PodView[] {
    const owner = controllerOf(rs);
    if (owner === undefined) return [];
    const seen = new Set<string>();
    const related: PodView[] = [];
    for (const sibling of this.#store.dependents(owner.uid)) {
      if (sibling.kind !== 'ReplicaSet' || controllerOf(sibling)?.uid !== owner.uid) continue;
      const selector = workloadSelector(sibling as ReplicaSetView);
      if (selector === undefined) continue;
      for (const pod of this.#store.list('Pod', { namespace: rs.metadata!.namespace!, labelSelector: selector }).items) {
        if (seen.has(pod.metadata!.uid!)) continue;
        seen.add(pod.metadata!.uid!);
        related.push(pod);
      }
    }
    return related;
  }

  /** updateReplicaSetStatus: writes only when a counted field, the generation or the conditions moved. */
  #updateStatus(rs: ReplicaSetView, status: ReplicaSetStatus): ReplicaSetView {
    const old = rs.status ?? { replicas: 0 };
    const generation = rs.metadata?.generation ?? 0;
    if (
      old.replicas === status.replicas &&
      (old.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (old.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (old.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      (old.observedGeneration ?? 0) === generation &&
      jsonEqual(old.conditions ?? [], status.conditions ?? [])
    ) {
      return rs;
    }
    const copy = deepCopy(rs);
    copy.status = { ...status, ...(generation === 0 ? {} : { observedGeneration: generation }) };
    return this.#store.updateStatus(copy);
  }
}

/** calculateStatus; zero counts are left out as Go's omitempty leaves them out (replicas always shows). */
export function calculateStatus(rs: ReplicaSetView, pods: readonly PodView[], error: StatusError | undefined, now: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions = deepCopy(rs.status?.conditions ?? []) as ReplicaSetCondition[];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (error !== undefined && failure === undefined) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: toRFC3339(now), reason, message: error.message });
  } else if (error === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = { replicas: pods.length };
  if (fullyLabeled > 0) status.fullyLabeledReplicas = fullyLabeled;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}
