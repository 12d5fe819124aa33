// kube-controller-manager: starts the controllers on an engine and an API store. Each controller
// is its own engine component (its state in snapshots under its name) and talks to the others only
// through the store. Names are those of `--controllers` since v1.28.
//
//   const manager = new KubeControllerManager(engine, store);              // all of them
//   new KubeControllerManager(engine, store, { controllers: ['deployment-controller', 'replicaset-controller'] });
//
// The garbage collector and namespace controller are part of kube-controller-manager too; they
// live with the API store (`api/`) and are started here unless left out.

import type { Engine } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { GarbageCollector } from '../api/garbage-collector.ts';
import { NamespaceController } from '../api/namespace-controller.ts';
import { CronJobController } from './cronjob-controller.ts';
import { DaemonSetController } from './daemonset-controller.ts';
import { DeploymentController } from './deployment-controller.ts';
import { JobController } from './job-controller.ts';
import { NodeLifecycleController, type NodeLifecycleOptions } from './node-lifecycle-controller.ts';
import { PodGCController } from './pod-gc-controller.ts';
import { ReplicaSetController, type ReplicaSetControllerOptions } from './replicaset-controller.ts';
import { StatefulSetController } from './statefulset-controller.ts';
import { TaintEvictionController } from './taint-eviction-controller.ts';

export const CONTROLLER_NAMES = [
  'garbage-collector-controller',
  'namespace-controller',
  'replicaset-controller',
  'deployment-controller',
  'job-controller',
  'node-lifecycle-controller',
  'taint-eviction-controller',
  'statefulset-controller',
  'cronjob-controller',
  'daemonset-controller',
  'pod-garbage-collector-controller',
] as const;

export type ControllerName = (typeof CONTROLLER_NAMES)[number];

export interface KubeControllerManagerOptions {
  /** Which controllers run (default: all). */
  controllers?: readonly ControllerName[];
  replicaSet?: ReplicaSetControllerOptions;
  nodeLifecycle?: NodeLifecycleOptions;
}

export class KubeControllerManager {
  readonly garbageCollector: GarbageCollector | undefined;
  readonly namespaceController: NamespaceController | undefined;
  readonly replicaSetController: ReplicaSetController | undefined;
  readonly deploymentController: DeploymentController | undefined;
  readonly jobController: JobController | undefined;
  readonly nodeLifecycleController: NodeLifecycleController | undefined;
  readonly taintEvictionController: TaintEvictionController | undefined;
  readonly statefulSetController: StatefulSetController | undefined;
  readonly cronJobController: CronJobController | undefined;
  readonly daemonSetController: DaemonSetController | undefined;
  readonly podGCController: PodGCController | undefined;

  constructor(engine: Engine, store: ApiStore, options: KubeControllerManagerOptions = {}) {
    const enabled = new Set<string>(options.controllers ?? CONTROLLER_NAMES);
    for (const name of enabled) {
      if (!(CONTROLLER_NAMES as readonly string[]).includes(name)) throw new Error(`"${name}" is not a known controller`);
    }
    const on = (name: ControllerName) => enabled.has(name);
    this.garbageCollector = on('garbage-collector-controller') ? new GarbageCollector(engine, store) : undefined;
    this.namespaceController = on('namespace-controller') ? new NamespaceController(engine, store) : undefined;
    this.replicaSetController = on('replicaset-controller') ? new ReplicaSetController(engine, store, options.replicaSet) : undefined;
    this.deploymentController = on('deployment-controller') ? new DeploymentController(engine, store) : undefined;
    this.jobController = on('job-controller') ? new JobController(engine, store) : undefined;
    this.nodeLifecycleController = on('node-lifecycle-controller') ? new NodeLifecycleController(engine, store, options.nodeLifecycle) : undefined;
    this.taintEvictionController = on('taint-eviction-controller') ? new TaintEvictionController(engine, store) : undefined;
    this.statefulSetController = on('statefulset-controller') ? new StatefulSetController(engine, store) : undefined;
    this.cronJobController = on('cronjob-controller') ? new CronJobController(engine, store) : undefined;
    this.daemonSetController = on('daemonset-controller') ? new DaemonSetController(engine, store) : undefined;
    this.podGCController = on('pod-garbage-collector-controller') ? new PodGCController(engine, store) : undefined;
  }
}
