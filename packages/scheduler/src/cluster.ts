// A Kubernetes cluster on one engine, modelled on a kind cluster: the control plane (API store,
// kube-controller-manager, kube-scheduler), the cluster add-ons (Service IPs, endpoints, MetalLB,
// ingress-nginx, CoreDNS, local-path storage, metrics-server, the HPA controller) and the worker
// nodes node-1 … node-N, each a machine of the world (a runtime Host on the world's network fabric)
// with its own image store, container runtime, kubelet and kube-proxy. Components talk only through
// the API store, as in a real cluster; this file only starts them, in a fixed order a snapshot
// restores into, and offers the node faults scenarios inject.

import {
  builtinPrograms,
  ContainerRuntime,
  createImageWorld,
  type Engine,
  Fabric,
  Host,
  ImageService,
  type ImageStore,
  type ImageWorld,
  ipToNumber,
  numberToIp,
  parseBytes,
  type ProgramRegistry,
  VolumeStore,
} from '@dockyard/runtime';
import { ApiStore } from './api/api-store.ts';
import { HorizontalPodAutoscalerController } from './autoscaling/horizontal-pod-autoscaler.ts';
import { KubeControllerManager } from './controllers/kube-controller-manager.ts';
import { EventRecorder } from './events/event-recorder.ts';
import { SchedulerProcess } from './kube-scheduler/scheduler-process.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import { POD_NETWORK } from './kubelet/pod-sandbox.ts';
import { MetricsServer } from './metrics/metrics-server.ts';
import { installClusterServices } from './networking/cluster-bootstrap.ts';
import { ClusterDataPlane } from './networking/cluster-data-plane.ts';
import { ClusterDns } from './networking/cluster-dns.ts';
import type { Upstream } from './networking/http-types.ts';
import { EndpointSliceMirroringController } from './networking/endpointslice-mirroring-controller.ts';
import { EndpointSliceController } from './networking/endpointslice-controller.ts';
import { EndpointsController } from './networking/endpoints-controller.ts';
import { IngressNginxController } from './networking/ingress-nginx-controller.ts';
import { KubeProxy } from './networking/kube-proxy.ts';
import { CLUSTER_DNS_IP, ServiceIpAllocator } from './networking/service-ip-allocator.ts';
import { ServiceLbController } from './networking/service-lb-controller.ts';
import { ServiceLoad } from './networking/service-load.ts';
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
  /** The world's network; a cluster of its own when left out. */
  fabric?: Fabric;
  /** The world's registries and content store; a new image world when left out. */
  images?: Pick<ImageWorld, 'layers' | 'registries'>;
  /** What containers can run; the built-in programs when left out. */
  programs?: ProgramRegistry;
}

/** Where a pod's container runs: the node's container runtime and the runtime's container id. */
export interface ContainerRef {
  node: string;
  runtime: ContainerRuntime;
  containerId: string;
}

/** A node's machine and what runs on it. */
export interface ClusterNode {
  name: string;
  host: Host;
  images: ImageService;
  runtime: ContainerRuntime;
  kubelet: Kubelet;
  /** The node's pod range, `10.244.1.0/24`. */
  podCIDR: string;
}

/** A fault's bad parameter: the message names it. */
export class ClusterFaultError extends Error {
  override name = 'ClusterFaultError';
}

/** kind's docker network, where the nodes (and MetalLB's pool) get their addresses. */
export const KIND_NETWORK_SUBNET = '172.18.0.0/16';
/** The network's gateway (the user's machine); the first node is 172.18.0.2. */
const NODE_IP_BASE = ipToNumber('172.18.0.1');
/** kind's pod subnet: node N gets 10.244.N.0/24. */
const POD_CIDR_BASE = ipToNumber('10.244.0.0');

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
  /** Load steps on Services (the `load` fault). */
  readonly serviceLoad: ServiceLoad;
  readonly fabric: Fabric;
  readonly images: Pick<ImageWorld, 'layers' | 'registries'>;
  readonly #nodes = new Map<string, ClusterNode>();

  constructor(
    readonly engine: Engine,
    readonly options: ClusterOptions,
  ) {
    this.fabric = options.fabric ?? new Fabric();
    this.images = options.images ?? createImageWorld(engine);
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

    const programs = options.programs ?? builtinPrograms();
    const memoryBytes = parseBytes(options.nodeMemory);
    if (memoryBytes === undefined) throw new ClusterFaultError(`invalid node memory ${JSON.stringify(options.nodeMemory)}: use a quantity such as 8Gi`);
    for (let i = 1; i <= options.nodes; i++) {
      const name = `node-${i}`;
      const nodeIp = numberToIp((NODE_IP_BASE + i) >>> 0);
      const host = new Host(engine, this.fabric, programs, { name, cpus: options.nodeCpu, memoryBytes, ip: nodeIp });
      // kindnet routes every node's pod /24 to the others: a node reaches every pod, and pods see it by its address.
      host.netns.interfaces.push({ name: 'kindnet', ip: nodeIp, prefix: 16, mac: '02:50:00:00:00:02', network: POD_NETWORK });
      this.fabric.changed(host.netns);
      const images = new ImageService(`images@${name}`, this.images.layers, engine, this.images.registries);
      engine.register(images);
      const runtime = new ContainerRuntime(engine, host, images, new VolumeStore());
      const podCIDR = `${numberToIp((POD_CIDR_BASE + i * 256) >>> 0)}/24`;
      const kubelet = new Kubelet(engine, { store, host, runtime, images, registries: this.images.registries, podCIDR });
      this.metrics.addKubelet(kubelet);
      this.#nodes.set(name, { name, host, images, runtime, kubelet, podCIDR });
    }
    this.proxies = this.nodeNames.map((nodeName) => new KubeProxy(engine, store, { nodeName }));
    this.dns = new ClusterDns(store, { random: engine.random });
    this.dataPlane = new ClusterDataPlane({ engine, store, proxies: this.proxies, dns: this.dns, ingress: this.ingress, loadBalancers: this.loadBalancers });
    this.serviceLoad = new ServiceLoad(engine, store, (namespace, pod, cores) => this.#podCpuLoad(namespace, pod, cores));
    // Service addresses and cluster DNS names resolve wherever the cluster's kube-proxy and CoreDNS
    // reach; a partitioned node's packets to and from the other nodes (and their pods) are lost.
    const serviceRoute = this.dataPlane.fabricRoute();
    this.fabric.routes.push((ip, port, from) => {
      const next = serviceRoute(ip, port, from);
      if (typeof next === 'string') return next;
      return this.#partitioned(from.host, next?.ip ?? ip) ? 'dropped' : next;
    });
    this.fabric.dnsServers.set(CLUSTER_DNS_IP, this.dataPlane.fabricDnsServer());
  }

  /**
   * Requests the data plane hands on to pods (`dataPlane.external(request, cluster.upstream)`):
   * sent over the fabric from the node they leave (the first node when none is named).
   */
  readonly upstream: Upstream = (ip, port, request, node) => this.fabric.http(this.#node(node ?? this.nodeNames[0]!).host.netns, ip, port, request);

  /** The worker node names, in creation order. */
  get nodeNames(): string[] {
    return [...this.#nodes.keys()];
  }

  /** A node's machine and kubelet. */
  node(name: string): ClusterNode | undefined {
    return this.#nodes.get(name);
  }

  /**
   * The container a pod's container name stands for on its node, for `kubectl logs`, `exec` and
   * `port-forward`; with `previous`, the last terminated instance (`logs --previous`). Undefined
   * when the pod is not running there (yet). The kubelet answers this.
   */
  containerRef(namespace: string, pod: string, container: string, previous = false): ContainerRef | undefined {
    const object = this.store.tryGet('Pod', namespace, pod);
    const nodeName = object?.spec?.nodeName;
    const node = nodeName === undefined ? undefined : this.#nodes.get(nodeName);
    if (object === undefined || node === undefined) return undefined;
    const containerId = node.kubelet.containerId(object.metadata!.uid!, container, previous);
    if (containerId === undefined || node.runtime.get(containerId) === undefined) return undefined;
    return { node: node.name, runtime: node.runtime, containerId };
  }

  // ---- images from the user's machine ----

  /**
   * `kind load docker-image`: copies an image the user built (from the Docker host's `store`) into
   * the image store of each node that lacks it, so pods run it without a registry (pull policy
   * IfNotPresent, the default for a non-latest tag). Nodes already holding the same image ID are
   * skipped. Undefined when the Docker host has no such image.
   */
  loadImage(source: ImageStore, reference: string, nodes: readonly string[] = this.nodeNames): { id: string; loaded: string[] } | undefined {
    const image = source.resolve(reference);
    if (image === undefined) return undefined;
    const loaded: string[] = [];
    for (const name of nodes) {
      const { images } = this.#node(name);
      if (images.store.resolve(reference)?.id === image.id) continue;
      images.store.tag(images.store.add(image), reference);
      loaded.push(name);
    }
    if (loaded.length > 0) this.engine.log.append('cluster.image-load', { image: reference, id: image.id, nodes: loaded });
    return { id: image.id, loaded };
  }

  // ---- faults ----

  /** The machine goes down: its containers die and its kubelet stops posting; the node controller does the rest. */
  nodeDown(name: string): void {
    this.#node(name).kubelet.stop();
  }

  /** The machine comes back: the kubelet boots, re-registers and runs its pods again. */
  nodeUp(name: string): void {
    this.#node(name).kubelet.start();
  }

  /** A network partition cuts the node off: its kubelet loses the API server, its machine and pods the other nodes. */
  partitionNode(name: string): void {
    this.#node(name).kubelet.disconnect();
  }

  /** The partition heals: the node reaches the API server and the other nodes again. */
  healNode(name: string): void {
    this.#node(name).kubelet.reconnect();
  }

  /** Kills a pod's container with SIGKILL (exit 137); the kubelet restarts it as its restartPolicy says. */
  killContainer(namespace: string, pod: string, container: string): void {
    const { node, uid } = this.#podContainer(namespace, pod, container);
    if (!node.kubelet.killContainer(uid, container)) throw new ClusterFaultError(`container ${JSON.stringify(container)} of pod ${namespace}/${pod} is not running`);
  }

  /** Makes a pod's container leak memory (bytes per second), in this run and every restart, until its limit kills it. */
  leakMemory(namespace: string, pod: string, container: string, bytesPerSecond: number): void {
    if (!(bytesPerSecond > 0)) throw new ClusterFaultError(`invalid leak rate ${bytesPerSecond}: a positive number of bytes per second`);
    const { node, uid } = this.#podContainer(namespace, pod, container);
    node.kubelet.leakMemory(uid, container, bytesPerSecond);
  }

  /**
   * The break-readiness fault (`broken`) and fix-readiness: the container stops answering its
   * readiness probe as a real failure would (readiness-fault.ts); the kubelet's prober does the
   * rest. Returns what the container now does, for the timeline.
   */
  breakReadiness(namespace: string, pod: string, container: string, broken: boolean): string {
    const { node, uid } = this.#podContainer(namespace, pod, container);
    const result = node.kubelet.breakReadiness(uid, container, broken);
    if ('error' in result) throw new ClusterFaultError(`container ${JSON.stringify(container)} of pod ${namespace}/${pod}: ${result.error}`);
    return result.what;
  }

  /** The load fault: `cores` of CPU worth of requests to a Service, spread over its ready pods (0 ends it). */
  loadService(namespace: string, service: string, cores: number): void {
    if (!(cores >= 0)) throw new ClusterFaultError(`invalid load ${cores}: a number of CPU cores, 0 or more`);
    if (this.store.tryGet('Service', namespace, service) === undefined) throw new ClusterFaultError(`service ${namespace}/${service} not found`);
    this.serviceLoad.set(namespace, service, cores);
  }

  /** The registry-outage fault: pulls from `host` (or every registry with `*`) fail with a 503 while it lasts. */
  registryOutage(host: string, down: boolean): void {
    this.images.registries.setOutage(host, down);
  }

  #podCpuLoad(namespace: string, pod: string, cores: number): boolean {
    const first = this.store.tryGet('Pod', namespace, pod)?.spec?.containers[0]?.name;
    const ref = first === undefined ? undefined : this.containerRef(namespace, pod, first);
    return ref !== undefined && ref.runtime.cpuLoad(ref.containerId, cores);
  }

  /**
   * Whether a connection from host `from` to `ip` crosses a partition between two nodes. Every
   * connection asks (each probe is one), so addresses are only compared against cut-off nodes.
   */
  #partitioned(from: string, ip: string): boolean {
    const source = this.#nodes.get(from);
    if (source === undefined) return false;
    for (const node of this.#nodes.values()) {
      if (node === source || !(source.kubelet.isCutOff || node.kubelet.isCutOff)) continue;
      if (owns(node, ip)) return true;
    }
    return false;
  }

  #node(name: string): ClusterNode {
    const node = this.#nodes.get(name);
    if (node === undefined) throw new ClusterFaultError(`node ${JSON.stringify(name)} not found (nodes: ${this.nodeNames.join(', ')})`);
    return node;
  }

  #podContainer(namespace: string, pod: string, container: string): { node: ClusterNode; uid: string } {
    const object = this.store.tryGet('Pod', namespace, pod);
    if (object === undefined) throw new ClusterFaultError(`pod ${namespace}/${pod} not found`);
    const names = [...(object.spec?.initContainers ?? []), ...(object.spec?.containers ?? [])].map((c) => c.name);
    if (!names.includes(container)) throw new ClusterFaultError(`pod ${namespace}/${pod} has no container ${JSON.stringify(container)} (containers: ${names.join(', ')})`);
    const nodeName = object.spec?.nodeName;
    if (nodeName === undefined || nodeName === '') throw new ClusterFaultError(`pod ${namespace}/${pod} is not scheduled to a node yet`);
    return { node: this.#node(nodeName), uid: object.metadata!.uid! };
  }
}

/** Whether `ip` is the node's address or in its pod range (a /24). */
function owns(node: ClusterNode, ip: string): boolean {
  return node.host.ip === ip || ipToNumber(node.podCIDR.split('/')[0]!) === (ipToNumber(ip) & 0xffffff00) >>> 0;
}
