// The Deployment controller of kube-controller-manager (k/k `pkg/controller/deployment/deployment_controller.go`).
// It owns ReplicaSets (one per pod template, named `<deployment>-<pod-template-hash>`) and moves
// replicas between them; the ReplicaSet controller makes the pods. A sync:
// 1. claims ReplicaSets: its own that still match the selector, orphans that match (adopted);
// 2. being deleted: only the status is recounted;
// 3. Progressing becomes Unknown / DeploymentPaused (or DeploymentResumed) when paused flips;
// 4. paused, or a replica count change (an active ReplicaSet was sized for another count):
//    scaling only (`deployment-sync.ts` scale), no rollout;
// 5. otherwise a rollout step: `rolling.ts` or `recreate.ts`, then `progress.ts`.
// `kubectl rollout undo` is client-side: it copies an old ReplicaSet's template into the
// Deployment; the controller then finds that ReplicaSet as the new one and renumbers it
// (`revision.ts`). `kubectl rollout restart` changes a template annotation: a new template.
//
// Watches: Deployments; ReplicaSets (their controlling Deployment, or the Deployments that would
// adopt an orphan); deleted Pods, which wake a Recreate Deployment once its last pod is gone.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, jsonEqual, type Stored } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { claimObjects } from './controller-ref-manager.ts';
import { DeploymentSync } from './deployment-sync.ts';
import type { DeploymentView } from './deployment-util.ts';
import { controllerOf, type PodView } from './pod-util.ts';
import { type PodMap, rolloutRecreate } from './recreate.ts';
import { type ReplicaSetView, workloadSelector } from './replicaset-controller.ts';
import { rolloutRolling } from './rolling.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export class DeploymentController implements EngineComponent {
  readonly name = 'deployment-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;
  readonly #sync: DeploymentSync;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'deployment-controller' });
    this.#queue = new WorkQueue(engine, 'deployment-controller', (key) => this.#syncDeployment(key));
    this.#sync = new DeploymentSync(engine, store, this.#recorder, this.#queue);
    store.watch('Deployment', {}, ({ object }) => this.#enqueue(object));
    store.watch('ReplicaSet', {}, (event) => this.#onReplicaSet(event));
    store.watch('Pod', { resourceVersion: store.resourceVersion }, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedWorkQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedWorkQueue);
  }

  #enqueue(d: DeploymentView): void {
    this.#queue.add(objectKeyOf(d.metadata?.namespace, d.metadata!.name!));
  }

  // ---- event handlers ----

  #onReplicaSet({ type, object: rs, previous }: WatchEvent<ReplicaSetView>): void {
    const namespace = rs.metadata!.namespace!;
    const ref = controllerOf(rs);
    const oldRef = previous === undefined ? undefined : controllerOf(previous);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid) this.#enqueueRef(namespace, oldRef);
    if (ref !== undefined) {
      this.#enqueueRef(namespace, ref);
      return;
    }
    if (type === 'DELETED' || rs.metadata?.deletionTimestamp !== undefined) return;
    if (type === 'MODIFIED' && oldRef === undefined && jsonEqual(previous?.metadata?.labels, rs.metadata?.labels)) return;
    for (const d of this.#deploymentsMatching(rs)) this.#enqueue(d);
  }

  #enqueueRef(namespace: string, ref: { readonly kind: string; readonly name: string; readonly uid: string }): void {
    if (ref.kind !== 'Deployment') return;
    const d = this.#store.tryGet('Deployment', namespace, ref.name);
    if (d !== undefined && d.metadata?.uid === ref.uid) this.#enqueue(d);
  }

  /** getDeploymentsForReplicaSet: the Deployments whose selector matches an orphan ReplicaSet. */
  #deploymentsMatching(rs: ReplicaSetView): DeploymentView[] {
    const labels = rs.metadata?.labels;
    if (labels === undefined) return [];
    return this.#store.list('Deployment', { namespace: rs.metadata!.namespace! }).items.filter((d) => {
      const selector = workloadSelector(d);
      return selector !== undefined && !selector.isEmpty() && selector.matches(labels);
    });
  }

  /** deletePod: a Recreate Deployment waits for its last old pod to go. */
  #onPod({ type, object: pod }: WatchEvent<PodView>): void {
    if (type !== 'DELETED') return;
    const rsRef = controllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const namespace = pod.metadata!.namespace!;
    const rs = this.#store.tryGet('ReplicaSet', namespace, rsRef.name);
    const dRef = rs === undefined || rs.metadata?.uid !== rsRef.uid ? undefined : controllerOf(rs);
    if (dRef?.kind !== 'Deployment') return;
    const d = this.#store.tryGet('Deployment', namespace, dRef.name);
    if (d === undefined || d.metadata?.uid !== dRef.uid || d.spec?.strategy?.type !== 'Recreate') return;
    const rsList = this.#store.list('ReplicaSet', { namespace }).items.filter((r) => controllerOf(r)?.uid === d.metadata!.uid);
    let pods = 0;
    for (const list of this.#podMap(d, rsList).values()) pods += list.length;
    if (pods === 0) this.#enqueue(d);
  }

  // ---- sync ----

  #syncDeployment(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.#store.tryGet('Deployment', namespace, name);
    if (stored === undefined) return;
    const d = deepCopy(stored) as Deployment;
    const selector = workloadSelector(stored);
    if (selector === undefined) return;
    if (selector.isEmpty()) {
      this.#recorder.event(stored, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata!.generation! };
        this.#sync.updateDeployment(d);
      }
      return;
    }
    const rsList = this.#replicaSetsFor(stored);
    if (d.metadata?.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = this.#sync.allReplicaSetsAndSyncRevision(d, rsList, false);
      this.#sync.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
      return;
    }
    this.#sync.checkPausedConditions(d);
    if (d.spec?.paused === true) {
      this.#sync.sync(d, rsList);
      return;
    }
    if (this.#sync.isScalingEvent(d, rsList)) {
      this.#sync.sync(d, rsList);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') rolloutRecreate(this.#sync, d, rsList, () => this.#podMap(stored, rsList));
    else rolloutRolling(this.#sync, d, rsList);
  }

  /** getReplicaSetsForDeployment: claims the namespace's ReplicaSets. */
  #replicaSetsFor(d: DeploymentView): ReplicaSetView[] {
    const namespace = d.metadata!.namespace!;
    const selector = workloadSelector(d)!;
    return claimObjects(this.#store, this.#store.list('ReplicaSet', { namespace }).items, {
      owner: d,
      selector,
      log: (decision, rs) => this.#engine.log.append(`deployment-controller.${decision}`, { namespace, deployment: d.metadata!.name, replicaset: rs.metadata!.name }),
    });
  }

  /** getPodMapForDeployment: the Deployment's pods grouped by their controlling ReplicaSet. */
  #podMap(d: Stored<'Deployment'>, rsList: readonly ReplicaSetView[]): PodMap {
    const map: PodMap = new Map(rsList.map((rs) => [rs.metadata!.uid!, []]));
    const selector = workloadSelector(d);
    if (selector === undefined) return map;
    for (const pod of this.#store.list('Pod', { namespace: d.metadata!.namespace!, labelSelector: selector }).items) {
      const ref = controllerOf(pod);
      if (ref !== undefined) map.get(ref.uid)?.push(pod);
    }
    return map;
  }
}
