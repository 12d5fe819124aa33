// The scheduler's own view of the cluster (pkg/scheduler/backend/cache): every Node with what is
// allocatable on it, every pod bound or assumed onto it with what it requests, and the per-node
// aggregates the plugins read (NodeInfo.Requested / NonZeroRequested, used host ports, images).
// It is fed incrementally from the API store's watches and kept as plain data, so a scheduling
// cycle reads it directly: the cycle is synchronous, so the cache is also the cycle's snapshot.
//
// Layout: each node owns a slot; the hot numbers live in typed arrays indexed by slot, so the
// filter and score loops touch no objects for the common case. Pods whose node is gone stay
// attached to the node name (as the real cache keeps a NodeInfo without a Node) and count again
// if the node comes back.
//
// It also answers "how many pods matching selector S in namespace N sit on each node / in each
// topology domain" through shared, incrementally maintained counters: PodTopologySpread and
// InterPodAffinity would otherwise re-count every pod of every node for every pod they place.

import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { compileAll, type LabelMatcher, type Labels } from './label-match.ts';
import { NodeTree, zoneKey } from './node-tree.ts';
import { isScalarResource, podRequests, type PodRequests } from './pod-requests.ts';
import { bytesOf, milliCPU } from '../api/quantity.ts';

/** One host port a pod holds: NodeInfo.UsedPorts' key (ip defaulted to 0.0.0.0, protocol to TCP). */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** A pod as the cache holds it: bound, or assumed while its binding is on its way. */
export interface CachedPod {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  readonly labels: Labels;
  readonly pod: Pod;
  readonly requests: PodRequests;
  readonly hostPorts: readonly HostPort[];
  readonly priority: number;
  /** Has a deletionTimestamp: still holds its resources, but spreading ignores it (#87621). */
  readonly terminating: boolean;
  readonly assumed: boolean;
  /** Has any pod (anti-)affinity term: InterPodAffinity's scoring looks at it. */
  readonly hasAffinity: boolean;
  /** Has required pod anti-affinity terms: InterPodAffinity's filter checks them against newcomers. */
  readonly hasRequiredAntiAffinity: boolean;
}

interface PodSlot extends CachedPod {
  /** Index in its node's pod list. */
  at: number;
}

/** What the cache keeps of one node besides the typed-array numbers. */
export interface NodeEntry {
  readonly slot: number;
  readonly name: string;
  readonly node: Node;
  readonly labels: Labels;
  readonly zone: string;
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  /** NoSchedule and NoExecute taints in the node's order: what TaintToleration filters on. */
  readonly hardTaints: readonly Taint[];
  readonly preferNoScheduleTaints: readonly Taint[];
  readonly allocatableScalars: ReadonlyMap<string, number>;
  readonly requestedScalars: Map<string, number>;
  /** node.status.images: each name → size in bytes. */
  readonly images: ReadonlyMap<string, number>;
  readonly pods: PodSlot[];
  /** `${protocol}/${port}` → ip → number of pods holding it. */
  readonly usedPorts: Map<string, Map<string, number>>;
}

/** A Service, ReplicationController, ReplicaSet or StatefulSet selector, for the default spreading. */
export type WorkloadKind = 'Service' | 'ReplicationController' | 'ReplicaSet' | 'StatefulSet';

/** Per-node and per-domain counts of the pods one selector matches in one namespace. */
export class MatchCounter {
  readonly namespace: string;
  readonly selector: LabelMatcher;
  perSlot: Int32Array;
  total = 0;
  /** topology key → label value → count (nodes carrying the key only); `keyed` is their sum. */
  readonly domains = new Map<string, { values: Map<string, number>; keyed: number }>();

  constructor(namespace: string, selector: LabelMatcher, slots: number) {
    this.namespace = namespace;
    this.selector = selector;
    this.perSlot = new Int32Array(slots);
  }

  /** Matching pods in the nodes whose `key` label is `value` ("" also counts nodes without the key). */
  domainCount(key: string, value: string): number {
    const domain = this.domains.get(key)!;
    const keyed = domain.values.get(value) ?? 0;
    return value === '' ? keyed + this.total - domain.keyed : keyed;
  }
}

const COUNTER_LIMIT = 256;
const INITIAL_SLOTS = 64;

function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if ((port.hostPort ?? 0) <= 0) continue;
      out.push({ ip: port.hostIP || '0.0.0.0', protocol: port.protocol || 'TCP', port: port.hostPort! });
    }
  }
  return out;
}

function isFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export class SchedulerCache {
  // Per-slot numbers (NodeInfo.Allocatable / Requested / NonZeroRequested and the pod count).
  allocMilliCPU = new Float64Array(INITIAL_SLOTS);
  allocMemory = new Float64Array(INITIAL_SLOTS);
  allocEphemeral = new Float64Array(INITIAL_SLOTS);
  allocPods = new Float64Array(INITIAL_SLOTS);
  reqMilliCPU = new Float64Array(INITIAL_SLOTS);
  reqMemory = new Float64Array(INITIAL_SLOTS);
  reqEphemeral = new Float64Array(INITIAL_SLOTS);
  nonZeroMilliCPU = new Float64Array(INITIAL_SLOTS);
  nonZeroMemory = new Float64Array(INITIAL_SLOTS);
  podCount = new Int32Array(INITIAL_SLOTS);

  /** Slot → node (undefined for a free slot). */
  readonly entries: (NodeEntry | undefined)[] = [];
  readonly #slotByName = new Map<string, number>();
  readonly #freeSlots: number[] = [];
  readonly #tree = new NodeTree();
  #order: Int32Array | undefined;

  readonly #pods = new Map<string, PodSlot>();
  /** Pods bound to a node the cache does not know (yet, or any more). */
  readonly #orphans = new Map<string, PodSlot[]>();
  /** image name → number of nodes reporting it (ImageStateSummary.NumNodes). */
  readonly imageNodes = new Map<string, number>();
  /** label key → each slot's value (undefined: no such label); tracked once asked for. */
  readonly #columns = new Map<string, (string | undefined)[]>();
  /** topology key → value → number of nodes carrying it; tracked once asked for. */
  readonly #topologyValues = new Map<string, Map<string, number>>();
  readonly #counters = new Map<string, MatchCounter>();
  readonly #workloads = new Map<string, { kind: WorkloadKind; namespace: string; name: string; selector: LabelSelector | Readonly<Record<string, string>> }>();
  readonly #namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  /** Attached pods with pod (anti-)affinity terms, and those with required anti-affinity. */
  readonly podsWithAffinity = new Set<CachedPod>();
  readonly podsWithRequiredAntiAffinity = new Set<CachedPod>();

  get nodeCount(): number {
    return this.#slotByName.size;
  }

  get podTotal(): number {
    return this.#pods.size;
  }

  /** Slots in the scheduler's walking order (zones interleaved). */
  order(): Int32Array {
    if (this.#order === undefined) {
      this.#order = Int32Array.from(this.#tree.list(), (name) => this.#slotByName.get(name)!);
    }
    return this.#order;
  }

  nodeEntry(name: string): NodeEntry | undefined {
    const slot = this.#slotByName.get(name);
    return slot === undefined ? undefined : this.entries[slot];
  }

  slotOf(name: string): number | undefined {
    return this.#slotByName.get(name);
  }

  pod(uid: string): CachedPod | undefined {
    return this.#pods.get(uid);
  }

  /** Every cached pod, in the order they were added. */
  pods(): IterableIterator<CachedPod> {
    return this.#pods.values();
  }

  namespaceLabels(namespace: string): Labels {
    return this.#namespaceLabels.get(namespace);
  }

  /** Namespaces known to the cache (fed from the store), for namespaceSelector terms. */
  namespaces(): IterableIterator<[string, Readonly<Record<string, string>>]> {
    return this.#namespaceLabels.entries();
  }

  // ---- nodes ----

  addNode(node: Node): void {
    const name = node.metadata?.name;
    if (name === undefined || name === '') throw new Error('a node without metadata.name cannot be cached');
    if (this.#slotByName.has(name)) {
      this.updateNode(node);
      return;
    }
    const slot = this.#freeSlots.pop() ?? this.entries.length;
    if (slot >= this.allocMilliCPU.length) this.#grow(Math.max(slot + 1, this.allocMilliCPU.length * 2));
    this.#slotByName.set(name, slot);
    const entry = this.#makeEntry(slot, name, node);
    this.entries[slot] = entry;
    this.#setAllocatable(slot, node);
    this.#tree.add(name, entry.zone);
    this.#order = undefined;
    this.#addNodeLabels(entry, 1);
    this.#addImages(entry, 1);
    const orphans = this.#orphans.get(name);
    if (orphans !== undefined) {
      this.#orphans.delete(name);
      for (const pod of orphans) this.#attach(pod, slot);
    }
  }

  updateNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const slot = this.#slotByName.get(name);
    if (slot === undefined) {
      this.addNode(node);
      return;
    }
    const old = this.entries[slot]!;
    const entry = this.#makeEntry(slot, name, node, old);
    this.#addNodeLabels(old, -1);
    this.#addImages(old, -1);
    this.entries[slot] = entry;
    this.#setAllocatable(slot, node);
    this.#addNodeLabels(entry, 1);
    this.#addImages(entry, 1);
    if (entry.zone !== old.zone) {
      this.#tree.remove(name, old.zone);
      this.#tree.add(name, entry.zone);
      this.#order = undefined;
    }
  }

  removeNode(name: string): void {
    const slot = this.#slotByName.get(name);
    if (slot === undefined) return;
    const entry = this.entries[slot]!;
    const pods = [...entry.pods];
    for (const pod of pods) this.#detach(pod);
    if (pods.length > 0) this.#orphans.set(name, pods);
    this.#addNodeLabels(entry, -1);
    this.#addImages(entry, -1);
    this.#tree.remove(name, entry.zone);
    this.#order = undefined;
    this.entries[slot] = undefined;
    this.#slotByName.delete(name);
    this.#freeSlots.push(slot);
    this.allocMilliCPU[slot] = this.allocMemory[slot] = this.allocEphemeral[slot] = this.allocPods[slot] = 0;
  }

  #makeEntry(slot: number, name: string, node: Node, old?: NodeEntry): NodeEntry {
    const labels = node.metadata?.labels ?? {};
    const taints = node.spec?.taints ?? [];
    const allocatable = node.status?.allocatable ?? {};
    const allocatableScalars = new Map<string, number>();
    for (const resource of Object.keys(allocatable)) {
      if (isScalarResource(resource)) allocatableScalars.set(resource, bytesOf(allocatable[resource]));
    }
    const images = new Map<string, number>();
    for (const image of node.status?.images ?? []) {
      for (const imageName of image.names ?? []) images.set(imageName, image.sizeBytes ?? 0);
    }
    return {
      slot,
      name,
      node,
      labels,
      zone: zoneKey(labels),
      unschedulable: node.spec?.unschedulable === true,
      taints,
      hardTaints: taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
      preferNoScheduleTaints: taints.filter((t) => t.effect === 'PreferNoSchedule'),
      allocatableScalars,
      requestedScalars: old?.requestedScalars ?? new Map(),
      images,
      pods: old?.pods ?? [],
      usedPorts: old?.usedPorts ?? new Map(),
    };
  }

  #setAllocatable(slot: number, node: Node): void {
    const allocatable = node.status?.allocatable ?? {};
    this.allocMilliCPU[slot] = milliCPU(allocatable['cpu']);
    this.allocMemory[slot] = bytesOf(allocatable['memory']);
    this.allocEphemeral[slot] = bytesOf(allocatable['ephemeral-storage']);
    this.allocPods[slot] = bytesOf(allocatable['pods']);
  }

  #grow(size: number): void {
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(size);
      b.set(a);
      return b;
    };
    this.allocMilliCPU = grow(this.allocMilliCPU);
    this.allocMemory = grow(this.allocMemory);
    this.allocEphemeral = grow(this.allocEphemeral);
    this.allocPods = grow(this.allocPods);
    this.reqMilliCPU = grow(this.reqMilliCPU);
    this.reqMemory = grow(this.reqMemory);
    this.reqEphemeral = grow(this.reqEphemeral);
    this.nonZeroMilliCPU = grow(this.nonZeroMilliCPU);
    this.nonZeroMemory = grow(this.nonZeroMemory);
    this.podCount = grow(this.podCount);
    for (const counter of this.#counters.values()) counter.perSlot = grow(counter.perSlot);
  }

  #addImages(entry: NodeEntry, delta: 1 | -1): void {
    for (const image of entry.images.keys()) {
      const count = (this.imageNodes.get(image) ?? 0) + delta;
      if (count === 0) this.imageNodes.delete(image);
      else this.imageNodes.set(image, count);
    }
  }

  #addNodeLabels(entry: NodeEntry, delta: 1 | -1): void {
    for (const [key, column] of this.#columns) column[entry.slot] = delta === 1 ? entry.labels?.[key] : undefined;
    for (const [key, values] of this.#topologyValues) {
      const value = entry.labels?.[key];
      if (value === undefined) continue;
      const count = (values.get(value) ?? 0) + delta;
      if (count === 0) values.delete(value);
      else values.set(value, count);
    }
    for (const counter of this.#counters.values()) {
      const n = counter.perSlot[entry.slot]!;
      if (n !== 0) this.#addToDomains(counter, entry, n * delta);
    }
  }

  /**
   * One label's value on every node, indexed by slot: plugins that read the same few topology
   * labels of hundreds of nodes per cycle index an array instead of hashing into each node's labels.
   */
  labelColumn(key: string): readonly (string | undefined)[] {
    let column = this.#columns.get(key);
    if (column === undefined) {
      column = this.entries.map((entry) => entry?.labels?.[key]);
      this.#columns.set(key, column);
    }
    return column;
  }

  /** Label value → number of nodes carrying it, for one topology key. */
  topologyValues(key: string): ReadonlyMap<string, number> {
    let values = this.#topologyValues.get(key);
    if (values === undefined) {
      values = new Map();
      for (const entry of this.entries) {
        const value = entry?.labels?.[key];
        if (value !== undefined) values.set(value, (values.get(value) ?? 0) + 1);
      }
      this.#topologyValues.set(key, values);
    }
    return values;
  }

  /** How many nodes carry the label `key`. */
  nodesWithKey(key: string): number {
    let n = 0;
    for (const count of this.topologyValues(key).values()) n += count;
    return n;
  }

  // ---- pods ----

  /** A pod bound to a node (spec.nodeName set); confirms an assumed pod. Finished pods leave. */
  addPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const nodeName = pod.spec?.nodeName;
    if (nodeName === undefined || nodeName === '' || isFinished(pod)) {
      this.removePod(uid);
      return;
    }
    const old = this.#pods.get(uid);
    if (old !== undefined) this.#forget(old);
    this.#place(this.#makePod(pod, nodeName, false));
  }

  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  removePod(uid: string): void {
    const old = this.#pods.get(uid);
    if (old !== undefined) this.#forget(old);
  }

  /** Counts a pod on `nodeName` before its binding is confirmed (schedulerCache.AssumePod). */
  assumePod(pod: Pod, nodeName: string): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.#pods.has(uid)) throw new Error(`pod ${pod.metadata?.namespace}/${pod.metadata?.name} is already in the cache`);
    this.#place(this.#makePod(pod, nodeName, true));
  }

  /** Undoes assumePod after a failed binding (schedulerCache.ForgetPod). */
  forgetPod(uid: string): void {
    const old = this.#pods.get(uid);
    if (old?.assumed) this.#forget(old);
  }

  isAssumed(uid: string): boolean {
    return this.#pods.get(uid)?.assumed === true;
  }

  #makePod(pod: Pod, nodeName: string, assumed: boolean): PodSlot {
    const spec = pod.spec ?? { containers: [] };
    const affinity = spec.affinity;
    const hasRequiredAntiAffinity = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    const hasAffinity =
      hasRequiredAntiAffinity ||
      (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
      (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
      (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    return {
      hasAffinity,
      hasRequiredAntiAffinity,
      uid: pod.metadata?.uid ?? '',
      namespace: pod.metadata?.namespace ?? 'default',
      name: pod.metadata?.name ?? '',
      nodeName,
      labels: pod.metadata?.labels,
      pod,
      requests: podRequests(spec),
      hostPorts: hostPortsOf(pod),
      priority: podPriority(pod),
      terminating: pod.metadata?.deletionTimestamp !== undefined,
      assumed,
      at: -1,
    };
  }

  #place(pod: PodSlot): void {
    this.#pods.set(pod.uid, pod);
    const slot = this.#slotByName.get(pod.nodeName);
    if (slot === undefined) {
      const list = this.#orphans.get(pod.nodeName) ?? [];
      list.push(pod);
      this.#orphans.set(pod.nodeName, list);
    } else {
      this.#attach(pod, slot);
    }
  }

  #forget(pod: PodSlot): void {
    this.#pods.delete(pod.uid);
    const slot = this.#slotByName.get(pod.nodeName);
    if (slot !== undefined && this.entries[slot]!.pods[pod.at] === pod) {
      this.#detach(pod);
      return;
    }
    const list = this.#orphans.get(pod.nodeName);
    if (list !== undefined) {
      list.splice(list.indexOf(pod), 1);
      if (list.length === 0) this.#orphans.delete(pod.nodeName);
    }
  }

  #attach(pod: PodSlot, slot: number): void {
    const entry = this.entries[slot]!;
    pod.at = entry.pods.length;
    entry.pods.push(pod);
    if (pod.hasAffinity) this.podsWithAffinity.add(pod);
    if (pod.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.add(pod);
    this.#account(pod, entry, 1);
  }

  #detach(pod: PodSlot): void {
    const slot = this.#slotByName.get(pod.nodeName)!;
    const entry = this.entries[slot]!;
    const last = entry.pods.pop()!;
    if (last !== pod) {
      entry.pods[pod.at] = last;
      last.at = pod.at;
    }
    pod.at = -1;
    this.podsWithAffinity.delete(pod);
    this.podsWithRequiredAntiAffinity.delete(pod);
    this.#account(pod, entry, -1);
  }

  #account(pod: PodSlot, entry: NodeEntry, delta: 1 | -1): void {
    const slot = entry.slot;
    const r = pod.requests;
    this.reqMilliCPU[slot]! += delta * r.milliCPU;
    this.reqMemory[slot]! += delta * r.memory;
    this.reqEphemeral[slot]! += delta * r.ephemeralStorage;
    this.nonZeroMilliCPU[slot]! += delta * r.nonZeroMilliCPU;
    this.nonZeroMemory[slot]! += delta * r.nonZeroMemory;
    this.podCount[slot]! += delta;
    for (const [name, value] of r.scalars) {
      const next = (entry.requestedScalars.get(name) ?? 0) + delta * value;
      if (next === 0) entry.requestedScalars.delete(name);
      else entry.requestedScalars.set(name, next);
    }
    for (const port of pod.hostPorts) {
      const key = `${port.protocol}/${port.port}`;
      let ips = entry.usedPorts.get(key);
      if (ips === undefined) entry.usedPorts.set(key, (ips = new Map()));
      const next = (ips.get(port.ip) ?? 0) + delta;
      if (next === 0) ips.delete(port.ip);
      else ips.set(port.ip, next);
      if (ips.size === 0) entry.usedPorts.delete(key);
    }
    if (pod.terminating) return;
    for (const counter of this.#counters.values()) {
      if (counter.namespace === pod.namespace && counter.selector.matches(pod.labels)) {
        counter.perSlot[slot]! += delta;
        counter.total += delta;
        this.#addToDomains(counter, entry, delta);
      }
    }
  }

  #addToDomains(counter: MatchCounter, entry: NodeEntry, delta: number): void {
    for (const [key, domain] of counter.domains) {
      const value = entry.labels?.[key];
      if (value === undefined) continue;
      const next = (domain.values.get(value) ?? 0) + delta;
      if (next === 0) domain.values.delete(value);
      else domain.values.set(value, next);
      domain.keyed += delta;
    }
  }

  // ---- selector counters ----

  /**
   * The shared counter of non-terminating pods in `namespace` matching `selector`, created on
   * first use (one pass over the cached pods) and kept up to date from then on. `topologyKeys`
   * asks for its per-domain sums too.
   */
  counter(namespace: string, selector: LabelMatcher, topologyKeys: readonly string[] = []): MatchCounter {
    const id = `${namespace}\u0000${selector.key}`;
    let counter = this.#counters.get(id);
    if (counter === undefined) {
      if (this.#counters.size >= COUNTER_LIMIT) this.#counters.delete(this.#counters.keys().next().value!);
      counter = new MatchCounter(namespace, selector, this.allocMilliCPU.length);
      for (const entry of this.entries) {
        if (entry === undefined) continue;
        let n = 0;
        for (const pod of entry.pods) {
          if (!pod.terminating && pod.namespace === namespace && selector.matches(pod.labels)) n++;
        }
        counter.perSlot[entry.slot] = n;
        counter.total += n;
      }
    } else {
      this.#counters.delete(id); // re-inserted below: the map's order is the eviction order
    }
    this.#counters.set(id, counter);
    for (const key of topologyKeys) {
      if (counter.domains.has(key)) continue;
      const values = new Map<string, number>();
      let keyed = 0;
      for (const entry of this.entries) {
        const value = entry?.labels?.[key];
        const n = entry === undefined ? 0 : counter.perSlot[entry.slot]!;
        if (value === undefined || n === 0) continue;
        values.set(value, (values.get(value) ?? 0) + n);
        keyed += n;
      }
      counter.domains.set(key, { values, keyed });
    }
    return counter;
  }

  // ---- workloads and namespaces (inputs of the default spreading and of namespace selectors) ----

  /** Records the selector of a Service (spec.selector map) or of a ReplicationController, ReplicaSet or StatefulSet. */
  setWorkload(kind: WorkloadKind, namespace: string, name: string, selector: LabelSelector | Readonly<Record<string, string>> | undefined): void {
    const id = `${kind}/${namespace}/${name}`;
    if (selector === undefined) this.#workloads.delete(id);
    else this.#workloads.set(id, { kind, namespace, name, selector });
  }

  removeWorkload(kind: WorkloadKind, namespace: string, name: string): void {
    this.#workloads.delete(`${kind}/${namespace}/${name}`);
  }

  setNamespace(name: string, labels: Readonly<Record<string, string>> | undefined): void {
    this.#namespaceLabels.set(name, labels ?? {});
  }

  removeNamespace(name: string): void {
    this.#namespaceLabels.delete(name);
  }

  /**
   * helper.DefaultSelector: the labels of every Service selecting the pod merged, plus the selector
   * of its controlling ReplicationController, ReplicaSet or StatefulSet. Empty when none applies.
   */
  defaultSelector(pod: Pod): LabelMatcher {
    const namespace = pod.metadata?.namespace ?? 'default';
    const labels = pod.metadata?.labels;
    const parts: (LabelSelector | Readonly<Record<string, string>>)[] = [];
    const merged: Record<string, string> = {};
    for (const workload of this.#workloads.values()) {
      if (workload.kind !== 'Service' || workload.namespace !== namespace) continue;
      const selector = workload.selector as Readonly<Record<string, string>>;
      if (Object.keys(selector).length === 0) continue;
      if (Object.entries(selector).every(([k, v]) => labels?.[k] === v)) Object.assign(merged, selector);
    }
    const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true);
    if (owner !== undefined) {
      const kind = owner.kind as WorkloadKind;
      const controller = this.#workloads.get(`${kind}/${namespace}/${owner.name}`);
      if (controller !== undefined && controller.kind !== 'Service') {
        if (controller.kind === 'ReplicationController') Object.assign(merged, controller.selector);
        else parts.push(controller.selector);
      }
    }
    parts.unshift(merged);
    return compileAll(parts);
  }

  // ---- snapshots ----

  /** Plain JSON: nodes in an order that rebuilds the same walking order, pods, workloads, namespaces. */
  snapshot(): CacheSnapshot {
    return {
      nodes: this.#tree.zoneMajor().map((name) => this.nodeEntry(name)!.node),
      pods: [...this.#pods.values()].map((p) => ({ pod: p.pod, nodeName: p.nodeName, assumed: p.assumed })),
      workloads: [...this.#workloads.values()],
      namespaces: [...this.#namespaceLabels].map(([name, labels]) => ({ name, labels })),
    };
  }
}

export interface CacheSnapshot {
  nodes: Node[];
  pods: { pod: Pod; nodeName: string; assumed: boolean }[];
  workloads: { kind: WorkloadKind; namespace: string; name: string; selector: LabelSelector | Readonly<Record<string, string>> }[];
  namespaces: { name: string; labels: Readonly<Record<string, string>> }[];
}

/** Rebuilds a cache from `snapshot()`'s output. */
export function restoreCache(snapshot: CacheSnapshot): SchedulerCache {
  const cache = new SchedulerCache();
  for (const node of snapshot.nodes) cache.addNode(node);
  for (const { pod, nodeName, assumed } of snapshot.pods) {
    if (assumed) cache.assumePod(pod, nodeName);
    else cache.addPod(pod);
  }
  for (const w of snapshot.workloads) cache.setWorkload(w.kind, w.namespace, w.name, w.selector);
  for (const ns of snapshot.namespaces) cache.setNamespace(ns.name, ns.labels);
  return cache;
}
