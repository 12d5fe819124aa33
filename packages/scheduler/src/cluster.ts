// A Kubernetes cluster on one engine, modelled on a kind cluster: the control plane (API store,
// kube-controller-manager, kube-scheduler), the cluster add-ons (Service IPs, endpoints, MetalLB,
// ingress-nginx, CoreDNS, local-path storage, metrics-server, the HPA controller) and, per node,
// kube-proxy. Components talk only through the API store, as in a real cluster; this file only
// starts them, in an order a snapshot restores into.

import type { ContainerRuntime, Engine } from '@dockyard/runtime';
import { ApiStore } from './api/api-store.ts';
import { HorizontalPodAutoscalerController } from './autoscaling/horizontal-pod-autoscaler.ts';
import { KubeControllerManager } from './controllers/kube-controller-manager.ts';
import { EventRecorder } from './events/event-recorder.ts';
import { SchedulerProcess } from './kube-scheduler/scheduler-process.ts';
import { MetricsServer } from './metrics/metrics-server.ts';
import { installClusterServices } from './networking/cluster-bootstrap.ts';
import { ClusterDataPlane } from './networking/cluster-data-plane.ts';
import { ClusterDns } from './networking/cluster-dns.ts';
import { EndpointSliceMirroringController } from './networking/endpointslice-mirroring-controller.ts';
import { EndpointSliceController } from './networking/endpointslice-controller.ts';
import { EndpointsController } from './networking/endpoints-controller.ts';
import { IngressNginxController } from './networking/ingress-nginx-controller.ts';
import { KubeProxy } from './networking/kube-proxy.ts';
import { ServiceIpAllocator } from './networking/service-ip-allocator.ts';
import { ServiceLbController } from './networking/service-lb-controller.ts';
import { installDefaultStorageClass } from './storage/default-storage-class.ts';
import { LocalPathProvisioner } from './storage/local-path-provisioner.ts';
import { PersistentVolumeController } from './storage/pv-controller.ts';

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
  readonly loadBalancers: ServiceLbController;
  readonly ingress: IngressNginxController;
  readonly proxies: readonly KubeProxy[];
  readonly dns: ClusterDns;
  readonly dataPlane: ClusterDataPlane;
  readonly metrics: MetricsServer;

  constructor(
    readonly engine: Engine,
    readonly options: ClusterOptions,
  ) {
    const store = new ApiStore(engine);
    this.store = store;
    store.setServiceAllocator(new ServiceIpAllocator({ random: engine.random, services: () => store.list('Service').items }));
    installClusterServices(store);
    installDefaultStorageClass(store);
    store.create(IngressNginxController.ingressClass());

    this.controllers = new KubeControllerManager(engine, store);
    new EndpointsController(engine, store);
    new EndpointSliceController(engine, store);
    new EndpointSliceMirroringController(engine, store);
    const events = (component: string) => new EventRecorder(engine, store, { component });
    new PersistentVolumeController(engine, store, { events: events('persistentvolume-controller') });
    new LocalPathProvisioner(engine, store, { events: events('rancher.io/local-path') });
    this.metrics = new MetricsServer(engine, store);
    new HorizontalPodAutoscalerController(engine, store, { events: events('horizontal-pod-autoscaler'), metrics: this.metrics });
    this.scheduler = new SchedulerProcess(engine, store);
    this.loadBalancers = new ServiceLbController(engine, store, { events: events('metallb-controller') });
    this.ingress = new IngressNginxController(engine, store, { events: events('nginx-ingress-controller') });
    this.proxies = this.nodeNames.map((nodeName) => new KubeProxy(engine, store, { nodeName }));
    this.dns = new ClusterDns(store, { random: engine.random });
    this.dataPlane = new ClusterDataPlane({ engine, store, proxies: this.proxies, dns: this.dns, ingress: this.ingress, loadBalancers: this.loadBalancers });
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
