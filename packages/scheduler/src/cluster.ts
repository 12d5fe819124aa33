// The Kubernetes control plane a workspace runs: the API store with the controllers of
// kube-controller-manager that keep the store itself consistent (garbage collector, namespace
// controller), each registered on the engine so it is saved and restored with it. The scheduler,
// the workload controllers and the kubelets join it as they arrive.

import type { Engine } from '@dockyard/runtime';
import { ApiStore } from './api/api-store.ts';
import { GarbageCollector } from './api/garbage-collector.ts';
import { NamespaceController } from './api/namespace-controller.ts';

export class Cluster {
  readonly store: ApiStore;
  readonly garbageCollector: GarbageCollector;
  readonly namespaceController: NamespaceController;

  constructor(readonly engine: Engine) {
    this.store = new ApiStore(engine);
    this.garbageCollector = new GarbageCollector(engine, this.store);
    this.namespaceController = new NamespaceController(engine, this.store);
  }
}
