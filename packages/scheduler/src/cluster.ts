// A Kubernetes cluster on one engine: the control plane (API store, kube-controller-manager,
// kube-scheduler) and, per node, what runs there. Components talk only through the API store, as
// in a real cluster; this file only starts them, in an order a snapshot restores into.

import type { ContainerRuntime, Engine } from '@dockyard/runtime';
import { ApiStore } from './api/api-store.ts';
import { KubeControllerManager } from './controllers/kube-controller-manager.ts';
import { SchedulerProcess } from './kube-scheduler/scheduler-process.ts';

export interface ClusterOptions {
  /** Worker nodes, named node-1 … node-N. */
  nodes: number;
  /** CPU cores of each node. */
  nodeCpu: number;
  /** Memory of each node, as a quantity (`8Gi`). */
  nodeMemory: string;
}

/** Where a pod's container runs: the node's container runtime and the runtime's container id. */
export interface ContainerRef {
  node: string;
  runtime: ContainerRuntime;
  containerId: string;
}

export class Cluster {
  readonly store: ApiStore;
  readonly controllers: KubeControllerManager;
  readonly scheduler: SchedulerProcess;

  constructor(
    readonly engine: Engine,
    readonly options: ClusterOptions,
  ) {
    this.store = new ApiStore(engine);
    this.controllers = new KubeControllerManager(engine, this.store);
    this.scheduler = new SchedulerProcess(engine, this.store);
  }

  /**
   * The container a pod's container name stands for on its node, for `kubectl logs`, `exec` and
   * `port-forward`; with `previous`, the last terminated instance (`logs --previous`). Undefined
   * when the pod is not running there (yet). The kubelet answers this.
   */
  containerRef(namespace: string, pod: string, container: string, previous = false): ContainerRef | undefined {
    void namespace, pod, container, previous;
    return undefined;
  }

  /** The worker node names, in creation order. */
  get nodeNames(): string[] {
    return Array.from({ length: this.options.nodes }, (_, i) => `node-${i + 1}`);
  }
}
