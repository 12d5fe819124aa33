// The pod garbage collector of kube-controller-manager (k/k `pkg/controller/podgc/gc_controller.go`),
// for what no kubelet will ever finish:
// - pods bound to a Node that no longer exists (gcOrphaned): once the node has been missing for
//   the 40 s quarantine, each pod gets the condition DisruptionTarget / DeletionByPodGC
//   (`PodGC: node no longer exists`), phase Failed if it had not finished, and is deleted at once
//   (grace period 0). This is how the Terminating pods of a dead node go when its Node is deleted.
// The real controller looks every 20 s (gcCheckPeriod); here a look is due only after a Node
// was deleted, at the next multiple of 20 s, and the pods go 40 s later. Not simulated: the
// terminated-pod threshold (--terminated-pod-gc-threshold 12500), unscheduled terminating pods
// (the store deletes those at once) and the out-of-service taint.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy } from '../api/kinds.ts';
import { type PodView, updatePodCondition } from './pod-util.ts';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;

interface SavedPodGC {
  /** Nodes seen missing, and since when (virtual ms). */
  missing: [string, number][];
}

export class PodGCController implements EngineComponent {
  readonly name = 'pod-garbage-collector-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #look: TaskKind<{ node: string; phase: 'noticed' | 'quarantined' }>;
  #missing = new Map<string, number>();

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#look = engine.defineTask('pod-garbage-collector-controller.gc', ({ node, phase }) => this.#gc(node, phase));
    store.watch('Node', {}, ({ type, object }) => {
      if (type !== 'DELETED') return;
      // The next periodic look notices the node is gone.
      const at = Math.ceil(engine.now / GC_CHECK_PERIOD_MS) * GC_CHECK_PERIOD_MS;
      engine.scheduleAt(this.#look, at, { node: object.metadata!.name!, phase: 'noticed' });
    });
    engine.register(this);
  }

  snapshot(): SavedPodGC {
    return { missing: [...this.#missing] };
  }

  restore(state: unknown): void {
    const saved = state as SavedPodGC;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.missing)) throw new Error('pod-garbage-collector-controller snapshot has no missing list');
    this.#missing = new Map(saved.missing);
  }

  #gc(node: string, phase: 'noticed' | 'quarantined'): void {
    if (this.#store.tryGet('Node', undefined, node) !== undefined) {
      this.#missing.delete(node);
      return;
    }
    if (phase === 'noticed') {
      if (this.#missing.has(node)) return;
      this.#missing.set(node, this.#engine.now);
      this.#engine.schedule(this.#look, QUARANTINE_MS, { node, phase: 'quarantined' });
      return;
    }
    this.#missing.delete(node);
    for (const pod of this.#store.podsOnNode(node)) this.#markFailedAndDelete(pod, node);
  }

  /** markFailedAndDeletePod. */
  #markFailedAndDelete(pod: PodView, node: string): void {
    this.#engine.log.append('pod-garbage-collector-controller.delete', { namespace: pod.metadata!.namespace, pod: pod.metadata!.name, node, reason: 'the node no longer exists' });
    const copy = deepCopy(pod);
    const status = (copy.status ??= {});
    let changed = updatePodCondition(status, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }, this.#engine.now);
    if (status.phase !== 'Succeeded' && status.phase !== 'Failed') {
      status.phase = 'Failed';
      changed = true;
    }
    try {
      if (changed) this.#store.updateStatus(copy);
      this.#store.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
    }
  }
}
