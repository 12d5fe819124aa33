// The taint-eviction controller of kube-controller-manager (k/k `pkg/controller/tainteviction/taint_eviction.go`,
// split out of the node lifecycle controller in v1.29): it evicts pods from nodes with NoExecute
// taints they do not tolerate.
// - a taint the pod does not tolerate: deleted now;
// - tolerated for a while (tolerationSeconds; the DefaultTolerationSeconds admission gives every
//   pod 300 s for not-ready and unreachable): deleted that long after the controller saw the
//   taint, the shortest tolerationSeconds among the tolerations used winning; tolerated without a
//   limit: left alone;
// - the taint gone (the node is back) before then: the deletion is cancelled, with the event
//   `TaintManagerEviction` / `Cancelling deletion of Pod default/web-...`.
// Deleting adds the pod condition DisruptionTarget (DeletionByTaintManager, `Taint manager:
// deleting due to NoExecute taint`), records `TaintManagerEviction` / `Marking for deletion Pod
// <namespace>/<name>`, then deletes it with its grace period. On a dead node no kubelet finishes
// that deletion, so the pod stays Terminating until the node returns or is deleted; its
// ReplicaSet no longer counts it and creates a replacement.

import type { Engine, EngineComponent, TaskId, TaskKind } from '@dockyard/runtime';
import type { Taint } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, jsonEqual } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { type PodView, updatePodCondition } from './pod-util.ts';
import { matchingTolerations, minTolerationTime } from './taints.ts';
import { objectKeyOf, splitKey } from './work-queue.ts';

interface ScheduledEviction {
  /** When the controller first decided to evict (the toleration counts from here). */
  createdAt: number;
  fireAt: number;
  task: TaskId;
}

interface SavedTaintEviction {
  tainted: [string, Taint[]][];
  evictions: [string, ScheduledEviction][];
}

function noExecuteTaints(taints: readonly DeepReadonly<Taint>[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => deepCopy(t) as Taint);
}

export class TaintEvictionController implements EngineComponent {
  readonly name = 'taint-eviction-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #recorder: EventRecorder;
  readonly #evict: TaskKind<{ key: string }>;
  /** taintedNodes: the NoExecute taints of each node that has some. */
  #tainted = new Map<string, Taint[]>();
  /** The taintEvictionQueue: pods due for deletion, by `namespace/name`. */
  #evictions = new Map<string, ScheduledEviction>();

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'taint-eviction-controller' });
    this.#evict = engine.defineTask<{ key: string }>('taint-eviction-controller.evict', ({ key }) => this.#deletePod(key));
    store.watch('Node', {}, (event) => this.#onNode(event));
    store.watch('Pod', {}, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedTaintEviction {
    return { tainted: [...this.#tainted], evictions: [...this.#evictions].map(([key, e]) => [key, { ...e }]) };
  }

  restore(state: unknown): void {
    const saved = state as SavedTaintEviction;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.tainted) || !Array.isArray(saved.evictions)) {
      throw new Error('taint-eviction-controller snapshot is not an object with tainted and evictions lists');
    }
    this.#tainted = new Map(saved.tainted.map(([node, taints]) => [node, taints.map((t) => ({ ...t }))]));
    this.#evictions = new Map(saved.evictions.map(([key, e]) => [key, { ...e }]));
  }

  /** The pods due for eviction and when (virtual ms), for `describe` and the visualizer. */
  scheduledEvictions(): { pod: string; at: number }[] {
    return [...this.#evictions].map(([pod, e]) => ({ pod, at: e.fireAt }));
  }

  // ---- handleNodeUpdate ----

  #onNode({ type, object: node, previous }: WatchEvent<DeepReadonly<{ metadata?: { name?: string }; spec?: { taints?: Taint[] } }>>): void {
    const name = node.metadata!.name!;
    if (type === 'DELETED') {
      this.#tainted.delete(name);
      return;
    }
    const taints = noExecuteTaints(node.spec?.taints);
    if (previous !== undefined && jsonEqual(noExecuteTaints(previous.spec?.taints), taints)) return;
    if (taints.length === 0) this.#tainted.delete(name);
    else this.#tainted.set(name, taints);
    const pods = this.#store.podsOnNode(name);
    if (taints.length === 0) {
      for (const pod of pods) this.#cancel(objectKeyOf(pod.metadata!.namespace, pod.metadata!.name!));
      return;
    }
    for (const pod of pods) this.#processPodOnNode(pod, taints);
  }

  // ---- handlePodUpdate ----

  #onPod({ type, object: pod, previous }: WatchEvent<PodView>): void {
    const key = objectKeyOf(pod.metadata!.namespace, pod.metadata!.name!);
    if (type === 'DELETED') {
      this.#cancel(key);
      return;
    }
    if (previous !== undefined && previous.spec?.nodeName === pod.spec?.nodeName && jsonEqual(previous.spec?.tolerations, pod.spec?.tolerations)) return;
    const node = pod.spec?.nodeName ?? '';
    if (node === '') return;
    const taints = this.#tainted.get(node);
    if (taints === undefined) return;
    this.#processPodOnNode(pod, taints);
  }

  /** processPodOnNode. */
  #processPodOnNode(pod: PodView, taints: Taint[]): void {
    const key = objectKeyOf(pod.metadata!.namespace, pod.metadata!.name!);
    const now = this.#engine.now;
    if (taints.length === 0) {
      this.#cancel(key);
      return;
    }
    const { allTolerated, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!allTolerated) {
      this.#cancel(key);
      this.#schedule(key, now, now, 'a NoExecute taint is not tolerated');
      return;
    }
    const wait = minTolerationTime(used);
    if (wait < 0) {
      this.#cancel(key);
      return;
    }
    let createdAt = now;
    const existing = this.#evictions.get(key);
    if (existing !== undefined) {
      createdAt = existing.createdAt;
      // Go keeps the earlier deadline when strictly earlier; equal instants (nanoseconds there,
      // milliseconds here) keep it too, rather than cancelling and rescheduling the same thing.
      if (createdAt + wait <= now + wait) return;
      this.#cancel(key);
    }
    this.#schedule(key, createdAt, createdAt + wait, `tolerated for ${wait / 1000}s`);
  }

  #schedule(key: string, createdAt: number, fireAt: number, reason: string): void {
    const at = Math.max(fireAt, this.#engine.now);
    const task = this.#engine.scheduleAt(this.#evict, at, { key });
    this.#evictions.set(key, { createdAt, fireAt: at, task });
    this.#engine.log.append('taint-eviction-controller.scheduled', { pod: key, at, reason });
  }

  /** cancelWorkWithEvent. */
  #cancel(key: string): void {
    const existing = this.#evictions.get(key);
    if (existing === undefined) return;
    this.#engine.cancel(existing.task);
    this.#evictions.delete(key);
    const { namespace, name } = splitKey(key);
    this.#engine.log.append('taint-eviction-controller.cancelled', { pod: key, reason: 'the taint is gone or now tolerated' });
    this.#recorder.event({ apiVersion: 'v1', kind: 'Pod', name, namespace: namespace! }, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: DisruptionTarget condition, the event, then the deletion. */
  #deletePod(key: string): void {
    this.#evictions.delete(key);
    const { namespace, name } = splitKey(key);
    this.#engine.log.append('taint-eviction-controller.evict', { pod: key, reason: 'NoExecute taint' });
    this.#recorder.event({ apiVersion: 'v1', kind: 'Pod', name, namespace: namespace! }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const pod = this.#store.tryGet('Pod', namespace, name);
    if (pod === undefined) return;
    try {
      const copy = deepCopy(pod);
      const condition = {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      };
      if (updatePodCondition((copy.status ??= {}), condition, this.#engine.now)) this.#store.updateStatus(copy);
      this.#store.delete('Pod', namespace, name);
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
    }
  }
}
