// A cluster for controller tests: engine, API store, kube-controller-manager and the fake
// kubelets/scheduler, plus small helpers to make and change workloads and read what a user
// would read (pods, ReplicaSets, Events).

import { Engine } from '@dockyard/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import { ApiStore, deepCopy, KubeControllerManager, type KubeControllerManagerOptions, type Stored } from '../../src/index.ts';
import { FakeCluster, type FakeClusterOptions } from './fake-cluster.ts';

export interface ControllerClusterOptions extends FakeClusterOptions {
  seed?: number;
  manager?: KubeControllerManagerOptions;
}

export function controllerCluster(options: ControllerClusterOptions = {}) {
  const engine = new Engine({ seed: options.seed ?? 1 });
  const store = new ApiStore(engine);
  const manager = new KubeControllerManager(engine, store, options.manager);
  const cluster = new FakeCluster(engine, store, options);
  return { engine, store, manager, cluster, taintEviction: manager.taintEvictionController!, ...helpers(store) };
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  strategy?: 'RollingUpdate' | 'Recreate';
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  namespace?: string;
}

export function deploymentManifest(name: string, o: DeploymentOptions = {}): Deployment {
  const strategy: NonNullable<Deployment['spec']>['strategy'] =
    o.strategy === 'Recreate'
      ? { type: 'Recreate' }
      : {
          type: 'RollingUpdate',
          rollingUpdate: {
            ...(o.maxSurge === undefined ? {} : { maxSurge: o.maxSurge }),
            ...(o.maxUnavailable === undefined ? {} : { maxUnavailable: o.maxUnavailable }),
          },
        };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      strategy,
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
      ...(o.progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds: o.progressDeadlineSeconds }),
      ...(o.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: o.revisionHistoryLimit }),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: o.image ?? 'nginx:1.25' }] } },
    },
  };
}

export function jobManifest(name: string, spec: Partial<NonNullable<Job['spec']>> & { image?: string; restartPolicy?: 'Never' | 'OnFailure' }): Job {
  const { image, restartPolicy, ...rest } = spec;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ...rest,
      template: { spec: { restartPolicy: restartPolicy ?? 'Never', containers: [{ name: 'work', image: image ?? 'busybox' }] } },
    },
  };
}

function helpers(store: ApiStore) {
  const pods = (labels: Record<string, string>, namespace = 'default') =>
    store.list('Pod', { namespace, labelSelector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') }).items;
  return {
    /** Changes a Deployment through a read-modify-write, as `kubectl edit` does. */
    editDeployment(name: string, change: (d: Deployment) => void, namespace = 'default'): Stored<'Deployment'> {
      const d = deepCopy(store.get('Deployment', namespace, name)) as Deployment;
      change(d);
      return store.update(d);
    },
    setImage(name: string, image: string, namespace = 'default'): Stored<'Deployment'> {
      const d = deepCopy(store.get('Deployment', namespace, name)) as Deployment;
      d.spec!.template.spec!.containers[0]!.image = image;
      return store.update(d);
    },
    deployment: (name: string, namespace = 'default') => store.get('Deployment', namespace, name),
    /** The Deployment's ReplicaSets, oldest revision first. */
    replicaSets(name: string, namespace = 'default') {
      return store
        .list('ReplicaSet', { namespace })
        .items.filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.kind === 'Deployment' && r.name === name))
        .sort((a, b) => Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']));
    },
    pods,
    /** Pods not terminating and not finished. */
    activePods(labels: Record<string, string>, namespace = 'default') {
      return pods(labels, namespace).filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    },
    /** `REASON MESSAGE` of the events about an object, in the order they were first seen. */
    events(kind: string, name: string, namespace = 'default') {
      return store
        .list('Event', { namespace })
        .items.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
        .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
        .map((e) => `${e.reason} ${e.message}`);
    },
  };
}
