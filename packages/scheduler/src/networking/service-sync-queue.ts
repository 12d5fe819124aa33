// The work queue of a controller that keeps an object per Service in step with the Service's
// pods (the endpoints and EndpointSlice controllers): a Service change queues that Service; a pod
// change queues every Service that selects the pod now or did before. Keys are `namespace/name`.
// [k/k pkg/controller/endpoint and endpointslice: the same Service and Pod informer handlers]

import type { Engine } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { objectKeyOf, type SavedWorkQueue, WorkQueue } from '../controllers/work-queue.ts';
import { PodServiceIndex } from './service-endpoints.ts';

export interface SavedServiceSyncQueue {
  queue: SavedWorkQueue;
  pods: [string, string[]][];
}

export class ServiceSyncQueue {
  readonly #queue: WorkQueue;
  readonly #pods = new PodServiceIndex();

  /** `name` is the controller's: it prefixes the queue's task types. */
  constructor(engine: Engine, store: ApiStore, name: string, sync: (serviceKey: string) => void) {
    this.#queue = new WorkQueue(engine, name, sync);
    store.watch('Service', {}, ({ object }) => this.#queue.add(objectKeyOf(object.metadata!.namespace, object.metadata!.name!)));
    store.watch('Pod', {}, ({ type, object }) => {
      for (const key of this.#pods.affected(store, type, object)) this.#queue.add(key);
    });
  }

  snapshot(): SavedServiceSyncQueue {
    return { queue: this.#queue.snapshot(), pods: this.#pods.snapshot() };
  }

  restore(saved: SavedServiceSyncQueue): void {
    this.#queue.restore(saved.queue);
    this.#pods.restore(saved.pods);
  }
}
