// The namespace controller of kube-controller-manager: a deleted namespace shows `Terminating`
// while everything in it is deleted (Pods get their grace period), then its `kubernetes`
// finalizer is dropped and it goes. It retries every second until the namespace is empty, as the
// real controller requeues a namespace that still has content.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import type { ApiStore } from './api-store.ts';
import { StatusError } from './api-errors.ts';

const RETRY_MS = 1000;

export class NamespaceController implements EngineComponent {
  readonly name = 'namespace-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #sync: TaskKind<{ namespace: string }>;
  #pending = new Set<string>();

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#sync = engine.defineTask<{ namespace: string }>('namespace-controller.sync', ({ namespace }) => this.#syncNamespace(namespace));
    store.watch('Namespace', { resourceVersion: store.resourceVersion }, ({ type, object }) => {
      if (type !== 'DELETED' && object.metadata?.deletionTimestamp !== undefined) this.#enqueue(object.metadata.name!, 0);
    });
    engine.register(this);
  }

  snapshot(): { pending: string[] } {
    return { pending: [...this.#pending] };
  }

  restore(state: unknown): void {
    const saved = state as { pending?: unknown };
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.pending)) {
      throw new Error('namespace-controller snapshot is not an object with a pending list');
    }
    this.#pending = new Set(saved.pending as string[]);
  }

  #enqueue(namespace: string, delay: number): void {
    if (this.#pending.has(namespace)) return;
    this.#pending.add(namespace);
    this.#engine.schedule(this.#sync, delay, { namespace });
  }

  #syncNamespace(namespace: string): void {
    this.#pending.delete(namespace);
    const ns = this.#store.tryGet('Namespace', undefined, namespace);
    if (ns === undefined || ns.metadata?.deletionTimestamp === undefined) return;
    for (const type of this.#store.namespacedResources()) {
      const kind = type.group === '' ? type.kind : `${type.kind}.${type.group}`;
      try {
        this.#store.deleteCollection(kind, { namespace }, { propagationPolicy: 'Background' });
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
      }
    }
    if (this.#store.countInNamespace(namespace) === 0) {
      this.#engine.log.append('namespace-controller.finalized', { namespace });
      this.#store.finalizeNamespace(namespace);
    } else {
      this.#enqueue(namespace, RETRY_MS);
    }
  }
}
