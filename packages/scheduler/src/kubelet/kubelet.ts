// The kubelet of one node: it registers the Node, renews its Lease and posts node status
// (node-status.ts), runs the pods bound to it (pod-workers.ts: sandbox, images, containers,
// probes, restarts, termination), evicts pods under memory pressure (eviction-manager.ts) and
// reports usage to the metrics pipeline (resource-metrics.ts). It talks to the control plane only
// through the API store and to its node through the container runtime, as a real kubelet talks to
// the API server and to containerd.
//
// Every 10 s one heartbeat renews the Lease, looks at memory pressure and posts node status when
// it changed (or 5 min passed). A node that goes down (`stop`) loses its containers and stays
// silent; brought back (`start`) the kubelet boots again, re-registers, forgets pods deleted
// meanwhile and restarts the rest in new sandboxes.
//
// A network partition (`disconnect`) leaves the machine and its containers running but cuts the
// kubelet off the API server: no Lease renewals, no Node or pod status, no events, and no API
// changes seen; pod syncs wait, while probes (and the liveness kills they cause) go on locally.
// Reconnected (`reconnect`), it posts status, renews the Lease and syncs every pod against the
// API, so the pods the node lifecycle controller evicted meanwhile terminate gracefully.

import type { ContainerRuntime, Engine, EngineComponent, Host, ImageService, RegistryHub, TaskKind } from '@dockyard/runtime';
import { completePull, parseBytes, planPull, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy } from '../api/kinds.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import {
  DEFAULT_MEMORY_THRESHOLD,
  EVICTION_MONITORING_MS,
  type EvictionCandidate,
  evictionMessage,
  PRESSURE_TRANSITION_MS,
  rankMemoryPressure,
} from './eviction-manager.ts';
import { ImageManager, type ImageManagerState, newImageManagerState } from './image-manager.ts';
import {
  CONDITION_EVENTS,
  conditionTransitions,
  initialNode,
  LEASE_DURATION_SECONDS,
  NODE_STATUS_REPORT_MS,
  NODE_STATUS_UPDATE_MS,
  nodeAllocatable,
  type NodeMachine,
  nodeStatus,
  nodeStatusChanged,
} from './node-status.ts';
import { KUBELET_SYNC_FREQUENCY_MS } from '../config/volume-projection.ts';
import { PAUSE_IMAGE } from './pod-sandbox.ts';
import { mountsObject } from './pod-volumes.ts';
import { newPodWorkersState, PodWorkers, type PodWorkersState } from './pod-workers.ts';
import type { ProbeType } from './probes.ts';
import type { KubeletResourceMetrics, NodeUsageReport } from '../metrics/metrics-server.ts';
import { type CpuSamples, type RunningContainer, scrapeUsage, SYSTEM_MEMORY_BYTES } from './resource-metrics.ts';

export interface KubeletOptions {
  store: ApiStore;
  host: Host;
  runtime: ContainerRuntime;
  images: ImageService;
  registries: RegistryHub;
  /** The node's pod range, `10.244.1.0/24`. */
  podCIDR: string;
  /** Node disk capacity (ephemeral-storage); 100 GiB by default. */
  ephemeralStorageBytes?: number;
  /** The hard eviction threshold for memory.available (`100Mi`); `0` turns it off. */
  evictionMemoryAvailable?: string;
}

interface KubeletState {
  up: boolean;
  /** Cut off the API server by a network partition (the machine may be up or down). */
  cutOff?: boolean;
  /** Counts boots: a task from an earlier boot does nothing. */
  boot: number;
  ids: { bootID: string; machineID: string; systemUUID: string };
  workers: PodWorkersState;
  images: ImageManagerState;
  /** The earliest pending sync of each pod. */
  syncs: Record<string, number>;
  /** When node status was last posted. */
  lastReport: number;
  pressure: { memory: boolean; lastObserved: number | null };
  cpu: CpuSamples;
}

/** metav1.MicroTime, as a Lease's renewTime prints it. */
export function microTime(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class Kubelet implements EngineComponent, KubeletResourceMetrics {
  readonly name: string;
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly host: Host;
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #imageService: ImageService;
  readonly #events: EventRecorder;
  readonly #images: ImageManager;
  readonly #workers: PodWorkers;
  readonly #machine: NodeMachine;
  readonly #thresholdText: string;
  #state: KubeletState;
  readonly #hex: () => string;
  readonly #sync: TaskKind<{ uid: string; at: number }>;
  readonly #probe: TaskKind<{ uid: string; container: string; type: ProbeType; instance: string }>;
  readonly #preStop: TaskKind<{ instance: string }>;
  readonly #pullDone: TaskKind<{ boot: number }>;
  readonly #heartbeat: TaskKind<{ boot: number }>;

  constructor(engine: Engine, options: KubeletOptions) {
    const host = options.host;
    this.#engine = engine;
    this.#store = options.store;
    this.host = host;
    this.runtime = options.runtime;
    this.#imageService = options.images;
    this.nodeName = host.name;
    this.name = `kubelet@${host.name}`;
    this.#hex = engine.random.strings('0123456789abcdef', 32);
    this.#thresholdText = options.evictionMemoryAvailable ?? DEFAULT_MEMORY_THRESHOLD;
    this.#machine = {
      name: host.name,
      cpus: host.cpus,
      memoryBytes: host.memoryBytes,
      ip: host.ip,
      podCIDR: options.podCIDR,
      ephemeralStorageBytes: options.ephemeralStorageBytes ?? 100 * 2 ** 30,
      evictionMemoryBytes: this.#thresholdText === '0' ? 0 : (parseBytes(this.#thresholdText) ?? 0),
      bootID: '',
      machineID: '',
      systemUUID: '',
    };
    this.#state = this.#freshState();
    this.#events = new EventRecorder(engine, options.store, { component: 'kubelet', host: host.name });
    const suffix = `@${host.name}`;
    this.#sync = engine.defineTask(`kubelet.sync${suffix}`, ({ uid, at }) => {
      // Only the earliest requested sync runs; every sync asks again for the wake-ups it needs.
      if (this.#state.syncs[uid] !== at) return;
      delete this.#state.syncs[uid];
      // Cut off, the sync waits for the reconnect, which syncs every pod.
      if (this.#connected) this.#workers.sync(uid);
    });
    this.#probe = engine.defineTask(`kubelet.probe${suffix}`, ({ uid, container, type, instance }) => {
      if (this.#state.up) this.#workers.probe(uid, container, type, instance);
    });
    this.#preStop = engine.defineTask(`kubelet.prestop${suffix}`, ({ instance }) => {
      if (this.#state.up) this.#workers.preStopDone(instance);
    });
    this.#pullDone = engine.defineTask(`kubelet.pull-done${suffix}`, ({ boot }) => {
      if (this.#state.up && boot === this.#state.boot) this.#images.finish();
    });
    this.#heartbeat = engine.defineTask(`kubelet.heartbeat${suffix}`, ({ boot }) => this.#beat(boot));
    this.#images = new ImageManager(
      options.images,
      options.registries,
      () => engine.now,
      {
        event: (r, type, reason, message) => {
          if (!this.#connected) return;
          const pod = this.#store.tryGet('Pod', r.namespace, r.pod);
          const involved = pod?.metadata?.uid === r.uid ? pod : { kind: 'Pod', apiVersion: 'v1', namespace: r.namespace, name: r.pod, uid: r.uid };
          this.#events.event(involved, type, reason, message, r.fieldPath);
        },
        pullFinished: (uid) => this.#scheduleSync(uid, 0),
        scheduleFinish: (delayMs) => engine.schedule(this.#pullDone, delayMs, { boot: this.#state.boot }),
      },
      this.#state.images,
    );
    this.#workers = new PodWorkers(
      {
        engine,
        store: options.store,
        runtime: options.runtime,
        host,
        imageService: options.images,
        images: this.#images,
        events: this.#events,
        nodeName: host.name,
        nodeIP: host.ip,
        podCIDR: options.podCIDR,
        allocatable: nodeAllocatable(this.#machine),
        connected: () => this.#connected,
        scheduleSync: (uid, delayMs) => this.#scheduleSync(uid, delayMs),
        scheduleProbe: (uid, container, type, instance, delayMs) => engine.schedule(this.#probe, delayMs, { uid, container, type, instance }),
        schedulePreStop: (instance, delayMs) => engine.schedule(this.#preStop, delayMs, { instance }),
      },
      this.#state.workers,
    );
    engine.register(this);
    options.runtime.events.on('exit', (container) => {
      if (!this.#state.up) return;
      const uid = this.#workers.ownerOf(container.id);
      if (uid !== undefined) this.#scheduleSync(uid, 0);
    });
    options.runtime.events.on('exec-exit', (exec) => {
      if (this.#state.up) this.#workers.execEnded(exec.id);
    });
    options.store.watch('Pod', { fieldSelector: `spec.nodeName=${host.name}`, resourceVersion: options.store.resourceVersion }, (event) => {
      if (!this.#connected) return;
      const pod = event.object;
      const uid = pod.metadata!.uid!;
      const known = this.#workers.records[uid] !== undefined;
      if (event.type === 'DELETED') {
        if (known) this.#scheduleSync(uid, 0);
        return;
      }
      if (!known) {
        this.#workers.admit(pod);
        return;
      }
      const before = event.previous;
      const changed =
        before === undefined ||
        before.metadata?.deletionTimestamp !== pod.metadata?.deletionTimestamp ||
        before.metadata?.deletionGracePeriodSeconds !== pod.metadata?.deletionGracePeriodSeconds ||
        (before.spec?.containers ?? []).some((c, i) => c.image !== pod.spec?.containers?.[i]?.image);
      if (changed) this.#scheduleSync(uid, 0);
    });
    // A changed ConfigMap or Secret reaches the pods mounting it at their next periodic sync.
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      options.store.watch(kind, { resourceVersion: options.store.resourceVersion }, (event) => {
        if (this.#connected) this.#resyncMounting(kind, event.object.metadata!.namespace!, event.object.metadata!.name!);
      });
    }
    this.#preloadPause(options.registries);
    this.start();
  }

  /** The kind node image ships the sandbox image; containerd never pulls it. */
  #preloadPause(registries: RegistryHub): void {
    if (this.#imageService.resolve(PAUSE_IMAGE) !== undefined) return;
    completePull(this.#imageService.store, planPull(registries, this.#imageService.store, PAUSE_IMAGE));
  }

  #freshState(): KubeletState {
    return {
      up: false,
      boot: 0,
      ids: { bootID: '', machineID: '', systemUUID: '' },
      workers: newPodWorkersState(),
      images: newImageManagerState(),
      syncs: {},
      lastReport: 0,
      pressure: { memory: false, lastObserved: null },
      cpu: {},
    };
  }

  get isUp(): boolean {
    return this.#state.up;
  }

  /** Whether a network partition cuts this node off the API server. */
  get isCutOff(): boolean {
    return this.#state.cutOff === true;
  }

  /** Up and able to reach the API server. */
  get #connected(): boolean {
    return this.#state.up && this.#state.cutOff !== true;
  }

  // ---- boot and shutdown (the node-down / node-up faults) ----

  /** Boots the kubelet: registers (or re-registers) the Node, renews the Lease, takes on the node's pods. */
  start(): void {
    if (this.#state.up) return;
    const state = this.#state;
    state.up = true;
    state.boot++;
    const uuid = () => {
      const h = this.#hex();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    };
    if (state.ids.machineID === '') state.ids = { bootID: '', machineID: this.#hex(), systemUUID: uuid() };
    state.ids.bootID = uuid();
    this.#engine.log.append('kubelet.start', { node: this.nodeName, boot: state.boot });
    this.#engine.schedule(this.#heartbeat, NODE_STATUS_UPDATE_MS, { boot: state.boot });
    // Booted behind a partition, it registers when the network heals.
    if (state.cutOff === true) return;
    this.#register();
    this.#renewLease();
    this.#takeOnPods();
  }

  /** Reads the node's pods from the API: records of pods gone meanwhile go, the rest sync. */
  #takeOnPods(): void {
    this.#workers.forgetMissing();
    for (const pod of this.#store.podsOnNode(this.nodeName)) this.#workers.admit(pod);
  }

  // ---- network partition (the network-partition / network-heal faults) ----

  /** A network partition cuts the node off the API server; the machine and its containers run on. */
  disconnect(): void {
    if (this.#state.cutOff === true) return;
    this.#state.cutOff = true;
    this.#engine.log.append('kubelet.disconnect', { node: this.nodeName });
  }

  /** The partition heals: status and Lease go out again and every pod syncs against the API. */
  reconnect(): void {
    if (this.#state.cutOff !== true) return;
    this.#state.cutOff = false;
    this.#engine.log.append('kubelet.reconnect', { node: this.nodeName });
    if (!this.#state.up) return;
    // Rebooted behind the partition, the API has not seen this boot yet: it registers as at a boot.
    if (this.#store.tryGet('Node', undefined, this.nodeName)?.status?.nodeInfo?.bootID === this.#state.ids.bootID) this.#postNodeStatus(true);
    else this.#register();
    this.#renewLease();
    this.#takeOnPods();
  }

  /** The node goes down: the kubelet falls silent and every container on the machine dies. */
  stop(): void {
    if (!this.#state.up) return;
    this.#state.up = false;
    this.#state.syncs = {};
    this.#state.images = newImageManagerState();
    this.#images.load(this.#state.images);
    this.#engine.log.append('kubelet.stop', { node: this.nodeName });
    this.#workers.nodeDown();
  }

  // ---- node registration, lease, status ----

  #register(): void {
    const ref = { kind: 'Node', apiVersion: 'v1', name: this.nodeName, uid: this.nodeName };
    let node = this.#store.tryGet('Node', undefined, this.nodeName);
    const previousBoot = node?.status?.nodeInfo?.bootID;
    if (node === undefined) {
      node = this.#store.create(initialNode(this.#machine));
      this.#engine.log.append('kubelet.register', { node: this.nodeName });
    }
    this.#events.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    if (previousBoot !== undefined && previousBoot !== '' && previousBoot !== this.#state.ids.bootID) {
      this.#events.event(ref, 'Warning', 'Rebooted', `Node ${this.nodeName} has been rebooted, boot id: ${this.#state.ids.bootID}`);
    }
    this.#postNodeStatus(true, true);
  }

  #renewLease(): void {
    const name = this.nodeName;
    const renewTime = microTime(this.#engine.now);
    const lease = this.#store.tryGet('Lease', 'kube-node-lease', name);
    if (lease === undefined) {
      const node = this.#store.tryGet('Node', undefined, name);
      const created: Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ...(node === undefined ? {} : { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }] }),
        },
        spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
      };
      this.#store.create(created);
      return;
    }
    const copy = deepCopy(lease);
    copy.spec = { ...copy.spec, renewTime };
    this.#store.update(copy);
  }

  /** Posts node status when it changed, when 5 minutes passed, or when `force`d. */
  #postNodeStatus(force: boolean, starting = false): void {
    const now = this.#engine.now;
    const node = this.#store.tryGet('Node', undefined, this.nodeName);
    if (node === undefined) {
      // Deleted while the kubelet runs: it registers again.
      this.#store.create(initialNode(this.#machine));
      this.#postNodeStatus(true);
      return;
    }
    this.#machine.bootID = this.#state.ids.bootID;
    this.#machine.machineID = this.#state.ids.machineID;
    this.#machine.systemUUID = this.#state.ids.systemUUID;
    const status = nodeStatus(this.#machine, node.status, { memory: this.#state.pressure.memory }, this.#imageService.store, now);
    if (!force && !nodeStatusChanged(node.status, status) && now - this.#state.lastReport < NODE_STATUS_REPORT_MS) return;
    const copy = deepCopy(node);
    copy.status = status;
    this.#store.updateStatus(copy);
    this.#state.lastReport = now;
    const ref = { kind: 'Node', apiVersion: 'v1', name: this.nodeName, uid: this.nodeName };
    const transitions = conditionTransitions(node.status, status);
    for (const [type, value] of transitions) {
      if (type === 'Ready') continue;
      const reason = value === 'False' ? CONDITION_EVENTS[type]!.ok : CONDITION_EVENTS[type]!.bad;
      this.#events.event(ref, 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`);
    }
    if (starting) this.#events.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    const ready = transitions.find(([type]) => type === 'Ready');
    if (ready !== undefined) {
      const reason = ready[1] === 'True' ? CONDITION_EVENTS.Ready!.ok : CONDITION_EVENTS.Ready!.bad;
      this.#events.event(ref, 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`);
    }
  }

  #beat(boot: number): void {
    if (!this.#state.up || boot !== this.#state.boot) return;
    this.#engine.schedule(this.#heartbeat, NODE_STATUS_UPDATE_MS, { boot });
    if (this.#state.cutOff === true) return;
    this.#checkMemoryPressure();
    this.#renewLease();
    this.#postNodeStatus(false);
  }

  // ---- node-pressure eviction ----

  /** memory.available: capacity minus the working sets of the system and every container. */
  memoryAvailable(): number {
    let used = SYSTEM_MEMORY_BYTES;
    for (const c of this.#runningContainers()) used += this.runtime.stats(c.id)?.memory ?? 0;
    return this.host.memoryBytes - used;
  }

  #checkMemoryPressure(): void {
    const threshold = this.#machine.evictionMemoryBytes;
    if (threshold === 0) return;
    const now = this.#engine.now;
    const pressure = this.#state.pressure;
    const available = this.memoryAvailable();
    if (available >= threshold) {
      if (pressure.memory && pressure.lastObserved !== null && now - pressure.lastObserved >= PRESSURE_TRANSITION_MS) pressure.memory = false;
      return;
    }
    pressure.memory = true;
    pressure.lastObserved = now;
    const candidates: EvictionCandidate[] = [];
    for (const uid of Object.keys(this.#workers.records).sort()) {
      const record = this.#workers.records[uid]!;
      if (record.terminal !== undefined || record.terminating !== undefined || record.evicted !== undefined) continue;
      const pod = this.#store.tryGet('Pod', record.namespace, record.name);
      if (pod?.metadata?.uid !== uid) continue;
      const usage: Record<string, number> = {};
      let any = false;
      for (const c of record.containers) {
        if (c.kind !== 'regular' || c.id === undefined) continue;
        const stats = this.runtime.get(c.id)?.state.status === 'running' ? this.runtime.stats(c.id) : undefined;
        if (stats === undefined) continue;
        usage[c.name] = stats.memory;
        any = true;
      }
      candidates.push(any ? { pod, usage } : { pod });
    }
    const victim = rankMemoryPressure(candidates)[0];
    if (victim === undefined) return;
    const message = evictionMessage(victim, this.#thresholdText, available);
    const record = this.#workers.records[victim.pod.metadata!.uid!]!;
    record.evicted = { message };
    this.#events.event(victim.pod, 'Warning', 'Evicted', message);
    this.#engine.log.append('kubelet.evict', { node: this.nodeName, pod: `${record.namespace}/${record.name}`, available, message });
    this.#scheduleSync(record.uid, 0);
  }

  // ---- metrics ----

  #runningContainers(): RunningContainer[] {
    const out: RunningContainer[] = [];
    for (const uid of Object.keys(this.#workers.records).sort()) {
      const record = this.#workers.records[uid]!;
      for (const c of record.containers) {
        if (c.id !== undefined && this.runtime.get(c.id)?.state.status === 'running') out.push({ namespace: record.namespace, pod: record.name, name: c.name, id: c.id });
      }
    }
    return out;
  }

  /** /metrics/resource: usage since the previous scrape. */
  scrape(now: number): NodeUsageReport {
    // metrics-server cannot reach a node behind a partition either.
    return scrapeUsage(this.runtime, this.#connected ? this.#runningContainers() : [], this.#state.cpu, now);
  }

  // ---- what kubectl and the faults reach ----

  /** The runtime id of a pod's container (`previous`: the instance before), for logs and exec. */
  containerId(uid: string, container: string, previous: boolean): string | undefined {
    return this.#workers.containerId(uid, container, previous);
  }

  /** The kill-container fault. */
  killContainer(uid: string, container: string): boolean {
    return this.#state.up && this.#workers.killContainer(uid, container);
  }

  /** The break-readiness fault (`broken`) and fix-readiness. */
  breakReadiness(uid: string, container: string, broken: boolean): { what: string } | { error: string } {
    return this.#workers.breakReadiness(uid, container, broken);
  }

  /** The memory-leak fault. */
  leakMemory(uid: string, container: string, bytesPerSecond: number): boolean {
    return this.#workers.leakMemory(uid, container, bytesPerSecond);
  }

  // ---- scheduling ----

  /** Schedules the pods that mount `kind` `name` for their next periodic sync (every syncFrequency from their start). */
  #resyncMounting(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): void {
    for (const record of Object.values(this.#workers.records)) {
      if (record.namespace !== namespace) continue;
      const pod = this.#store.tryGet('Pod', namespace, record.name);
      if (pod === undefined || pod.metadata?.uid !== record.uid || !mountsObject(pod, kind, name)) continue;
      const periods = Math.floor((this.#engine.now - record.startTime) / KUBELET_SYNC_FREQUENCY_MS) + 1;
      this.#scheduleSync(record.uid, record.startTime + periods * KUBELET_SYNC_FREQUENCY_MS - this.#engine.now);
    }
  }

  #scheduleSync(uid: string, delayMs: number): void {
    const at = this.#engine.now + Math.max(0, Math.round(delayMs));
    const pending = this.#state.syncs[uid];
    if (pending !== undefined && pending <= at) return;
    this.#state.syncs[uid] = at;
    this.#engine.scheduleAt(this.#sync, at, { uid, at });
  }

  // ---- snapshots ----

  snapshot(): KubeletState {
    return JSON.parse(JSON.stringify(this.#state)) as KubeletState;
  }

  restore(state: unknown): void {
    this.#state = JSON.parse(JSON.stringify(state)) as KubeletState;
    this.#workers.load(this.#state.workers);
    this.#images.load(this.#state.images);
  }
}
