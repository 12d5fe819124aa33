// The node lifecycle controller of kube-controller-manager (k/k `pkg/controller/nodelifecycle/node_lifecycle_controller.go`),
// with the v1.33 defaults:
// - every node-monitor-period (5 s) it looks at each Node: a kubelet that renewed its Lease in
//   kube-node-lease or posted a new Ready heartbeat since the last look resets the node's probe
//   time (the controller's own clock, at that look); when more than node-monitor-grace-period
//   (50 s; 60 s node-startup-grace-period for a node that never posted Ready) has passed since,
//   its Ready, MemoryPressure, DiskPressure and PIDPressure conditions become Unknown /
//   NodeStatusUnknown, `Kubelet stopped posting node status.`;
// - at that transition: the Normal event `NodeNotReady` (`Node node-2 status is now: NodeNotReady`)
//   on the Node, and every pod on it gets Ready=False and a Warning `NodeNotReady` /
//   `Node is not ready` (MarkPodsNotReady); pods bound to it later are marked too;
// - a node whose Ready is Unknown (seen at the next look) is queued for the NoExecute taint
//   `node.kubernetes.io/unreachable` (`not-ready` when Ready is False), added by the tainting pass
//   (every 100 ms) through a per-zone rate limiter of 0.1 nodes/s (--node-eviction-rate, burst 1);
//   a zone with more than 2 and at least 55 % of its nodes not Ready (--unhealthy-zone-threshold)
//   is partially disrupted: 0.01 nodes/s above 50 nodes (--large-cluster-size-threshold,
//   --secondary-node-eviction-rate), none below; when every node of every zone is not Ready the
//   controller stops tainting and removes these taints ("master disruption mode");
// - a Ready node loses both NoExecute taints;
// - condition taints with effect NoSchedule follow the conditions at once (TaintNodesByCondition):
//   Ready False/Unknown → not-ready/unreachable, MemoryPressure, DiskPressure, PIDPressure,
//   NetworkUnavailable → their taints, spec.unschedulable → node.kubernetes.io/unschedulable;
// - new and removed Nodes get `RegisteredNode` / `RemovingNode` events.
// Evicting the pods of a tainted node is the taint-eviction controller's work.
//
// Looks happen while Nodes exist, at multiples of 5 s of virtual time; tainting passes at multiples
// of 100 ms when the queue holds a node a rate limiter lets through.

import type { Engine, EngineComponent, TaskId, TaskKind } from '@dockyard/runtime';
import { fromRFC3339, toRFC3339 } from '@dockyard/runtime';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, type Mutable, type Stored } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { type SavedTokenBucket, TokenBucket } from '../flowcontrol/token-bucket.ts';
import { type PodView, updatePodCondition } from './pod-util.ts';
import {
  swapTaints,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  taintExists,
} from './taints.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

type NodeView = Stored<'Node'>;

export interface NodeLifecycleOptions {
  /** --node-monitor-period (default 5 s). */
  nodeMonitorPeriodMs?: number;
  /** --node-monitor-grace-period (default 50 s since v1.32). */
  nodeMonitorGracePeriodMs?: number;
  /** --node-startup-grace-period (default 60 s). */
  nodeStartupGracePeriodMs?: number;
  /** --node-eviction-rate (default 0.1 nodes/s). */
  nodeEvictionRate?: number;
  /** --secondary-node-eviction-rate (default 0.01 nodes/s). */
  secondaryNodeEvictionRate?: number;
  /** --large-cluster-size-threshold (default 50). */
  largeClusterSizeThreshold?: number;
  /** --unhealthy-zone-threshold (default 0.55). */
  unhealthyZoneThreshold?: number;
}

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** scheduler.NodeEvictionPeriod: how often the tainting pass runs. */
export const NODE_EVICTION_PERIOD_MS = 100;
const EVICTION_RATE_LIMITER_BURST = 1;

export const UNREACHABLE_TAINT: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_TAINT: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

interface NodeHealth {
  /** When the controller last saw the kubelet alive (virtual ms). */
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  /** The Ready condition as last saved: its heartbeat and transition times. */
  readyHeartbeat?: string | undefined;
  readyTransition?: string | undefined;
  hasReady: boolean;
  /** The renewTime of the Lease last saved. */
  leaseRenewTime?: string | undefined;
}

interface TimedValue {
  value: string;
  uid: string;
  processAt: number;
  addedAt: number;
}

/** RateLimitedTimedQueue over a UniqueQueue: a node taken off the queue stays in the set until Remove. */
interface ZoneTainter {
  limiter: TokenBucket;
  queue: TimedValue[];
  set: Set<string>;
}

interface SavedZoneTainter {
  limiter: SavedTokenBucket;
  queue: TimedValue[];
  set: string[];
}

interface SavedNodeLifecycle {
  health: [string, NodeHealth][];
  known: [string, string][];
  zoneStates: [string, ZoneState][];
  tainters: [string, SavedZoneTainter][];
  monitor: TaskId | null;
  pass: [TaskId, number] | null;
  nodeQueue: SavedWorkQueue;
  podQueue: SavedWorkQueue;
}

function readyCondition(node: DeepReadonly<Node> | undefined): DeepReadonly<NodeCondition> | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready');
}

/** nodetopology.GetZoneKey: region and zone labels, "" for neither. */
export function zoneKeyOf(node: NodeView): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

export class NodeLifecycleController implements EngineComponent {
  readonly name = 'node-lifecycle-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #recorder: EventRecorder;
  readonly #options: Required<NodeLifecycleOptions>;
  readonly #monitorTask: TaskKind<Record<string, never>>;
  readonly #passTask: TaskKind<Record<string, never>>;
  readonly #nodeQueue: WorkQueue;
  readonly #podQueue: WorkQueue;
  #health = new Map<string, NodeHealth>();
  /** knownNodeSet: name → uid of the Nodes seen. */
  #known = new Map<string, string>();
  #zoneStates = new Map<string, ZoneState>();
  #tainters = new Map<string, ZoneTainter>();
  #monitor: TaskId | undefined;
  #pass: { task: TaskId; at: number } | undefined;

  constructor(engine: Engine, store: ApiStore, options: NodeLifecycleOptions = {}) {
    this.#engine = engine;
    this.#store = store;
    this.#options = {
      nodeMonitorPeriodMs: options.nodeMonitorPeriodMs ?? NODE_MONITOR_PERIOD_MS,
      nodeMonitorGracePeriodMs: options.nodeMonitorGracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS,
      nodeStartupGracePeriodMs: options.nodeStartupGracePeriodMs ?? NODE_STARTUP_GRACE_PERIOD_MS,
      nodeEvictionRate: options.nodeEvictionRate ?? 0.1,
      secondaryNodeEvictionRate: options.secondaryNodeEvictionRate ?? 0.01,
      largeClusterSizeThreshold: options.largeClusterSizeThreshold ?? 50,
      unhealthyZoneThreshold: options.unhealthyZoneThreshold ?? 0.55,
    };
    this.#recorder = new EventRecorder(engine, store, { component: 'node-controller' });
    this.#monitorTask = engine.defineTask('node-lifecycle-controller.monitor', () => this.#monitorNodeHealth());
    this.#passTask = engine.defineTask('node-lifecycle-controller.taint-pass', () => {
      this.#pass = undefined;
      this.#doNoExecuteTaintingPass();
    });
    this.#nodeQueue = new WorkQueue(engine, 'node-lifecycle-controller.node-update', (name) => this.#doNoScheduleTaintingPass(name));
    this.#podQueue = new WorkQueue(engine, 'node-lifecycle-controller.pod-update', (key) => this.#processPod(key));
    store.watch('Node', {}, ({ type, object }) => {
      if (type !== 'DELETED') this.#nodeQueue.add(object.metadata!.name!);
      this.#ensureMonitor();
    });
    store.watch('Pod', {}, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedNodeLifecycle {
    return {
      health: [...this.#health].map(([name, h]) => [name, { ...h }]),
      known: [...this.#known],
      zoneStates: [...this.#zoneStates],
      tainters: [...this.#tainters].map(([zone, t]) => [zone, { limiter: t.limiter.save(), queue: t.queue.map((v) => ({ ...v })), set: [...t.set] }]),
      monitor: this.#monitor ?? null,
      pass: this.#pass === undefined ? null : [this.#pass.task, this.#pass.at],
      nodeQueue: this.#nodeQueue.snapshot(),
      podQueue: this.#podQueue.snapshot(),
    };
  }

  restore(state: unknown): void {
    const saved = state as SavedNodeLifecycle;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.health) || !Array.isArray(saved.tainters)) {
      throw new Error('node-lifecycle-controller snapshot is not an object with health and tainters lists');
    }
    this.#health = new Map(saved.health.map(([name, h]) => [name, { ...h }]));
    this.#known = new Map(saved.known);
    this.#zoneStates = new Map(saved.zoneStates);
    this.#tainters = new Map(
      saved.tainters.map(([zone, t]) => [zone, { limiter: TokenBucket.load(t.limiter), queue: t.queue.map((v) => ({ ...v })), set: new Set(t.set) }]),
    );
    this.#monitor = saved.monitor ?? undefined;
    this.#pass = saved.pass === null ? undefined : { task: saved.pass[0], at: saved.pass[1] };
    this.#nodeQueue.restore(saved.nodeQueue);
    this.#podQueue.restore(saved.podQueue);
  }

  // ---- scheduling of the periodic work ----

  /** Starts the monitor loop on the next multiple of node-monitor-period if nodes exist and it is not running. */
  #ensureMonitor(): void {
    if (this.#monitor !== undefined && this.#engine.isPending(this.#monitor)) return;
    const period = this.#options.nodeMonitorPeriodMs;
    const at = Math.ceil(this.#engine.now / period) * period;
    this.#monitor = this.#engine.scheduleAt(this.#monitorTask, at, {});
  }

  // ---- pods (podUpdated / processPod) ----

  #onPod({ type, object: pod, previous }: WatchEvent<PodView>): void {
    if (type === 'DELETED') return;
    const node = pod.spec?.nodeName ?? '';
    if (node === '' || (previous !== undefined && (previous.spec?.nodeName ?? '') === node)) return;
    this.#podQueue.add(objectKeyOf(pod.metadata!.namespace, pod.metadata!.name!));
  }

  /** A pod bound to a node that is not Ready is marked not Ready at once. */
  #processPod(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.#store.tryGet('Pod', namespace, name);
    const nodeName = pod?.spec?.nodeName ?? '';
    if (pod === undefined || nodeName === '' || !this.#health.has(nodeName)) return;
    const ready = readyCondition(this.#store.tryGet('Node', undefined, nodeName));
    if (ready === undefined || ready.status === 'True') return;
    this.#markPodsNotReady([pod], nodeName);
  }

  // ---- monitorNodeHealth ----

  #monitorNodeHealth(): void {
    const nodes = this.#store.list('Node').items;
    const now = this.#engine.now;
    if (nodes.length > 0) this.#monitor = this.#engine.schedule(this.#monitorTask, this.#options.nodeMonitorPeriodMs, {});
    else this.#monitor = undefined;
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const node of nodes) {
      const name = node.metadata!.name!;
      if (this.#known.has(name)) continue;
      this.#known.set(name, node.metadata!.uid!);
      this.#nodeEvent(name, node.metadata!.uid!, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.#addZone(node);
      this.#markNodeAsReachable(node);
    }
    for (const [name, uid] of [...this.#known]) {
      if (names.has(name)) continue;
      this.#known.delete(name);
      this.#health.delete(name);
      this.#nodeEvent(name, uid, 'RemovingNode', `Removing Node ${name} from Controller`);
    }
    const zoneConditions = new Map<string, (DeepReadonly<NodeCondition> | undefined)[]>();
    for (const listed of nodes) {
      const { observed, current, node } = this.#tryUpdateNodeHealth(listed, now);
      if (node.metadata?.labels?.['node.kubernetes.io/exclude-disruption'] === undefined) {
        const zone = zoneKeyOf(node);
        zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), current]);
      }
      if (current === undefined) continue;
      this.#processTaintBaseEviction(node, observed);
      if (current.status !== 'True' && observed.status === 'True') {
        this.#engine.log.append('node-lifecycle-controller.not-ready', { node: node.metadata!.name, reason: current.reason, message: current.message });
        this.#recorder.event({ kind: 'Node', apiVersion: 'v1', name: node.metadata!.name!, uid: node.metadata!.name! }, 'Normal', 'NodeNotReady', `Node ${node.metadata!.name} status is now: NodeNotReady`);
        this.#markPodsNotReady(this.#store.podsOnNode(node.metadata!.name!), node.metadata!.name!);
      }
    }
    this.#handleDisruption(zoneConditions, nodes);
    this.#scheduleTaintPass();
  }

  /**
   * tryUpdateNodeHealth: refreshes the probe time from Ready heartbeats and Lease renewals, and
   * marks the node's conditions Unknown once the grace period has passed without either.
   */
  #tryUpdateNodeHealth(listed: NodeView, now: number): { observed: DeepReadonly<NodeCondition>; current: DeepReadonly<NodeCondition> | undefined; node: NodeView } {
    const name = listed.metadata!.name!;
    let node = listed;
    const currentReady = readyCondition(node);
    let health = this.#health.get(name);
    let observed: DeepReadonly<NodeCondition>;
    let gracePeriod: number;
    if (currentReady === undefined) {
      // The kubelet never posted status: measured from the Node's creation, with the startup grace.
      const created = listed.metadata?.creationTimestamp;
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
      gracePeriod = this.#options.nodeStartupGracePeriodMs;
      health ??= { probeTimestamp: fromRFC3339(created ?? ''), readyTransitionTimestamp: fromRFC3339(created ?? ''), hasReady: false };
    } else {
      observed = currentReady;
      gracePeriod = this.#options.nodeMonitorGracePeriodMs;
    }
    const saved = (ready: DeepReadonly<NodeCondition> | undefined, lease: string | undefined, transition: number): NodeHealth => ({
      probeTimestamp: now,
      readyTransitionTimestamp: transition,
      hasReady: ready !== undefined,
      readyHeartbeat: ready?.lastHeartbeatTime,
      readyTransition: ready?.lastTransitionTime,
      leaseRenewTime: lease,
    });
    if (health === undefined) {
      health = saved(currentReady, undefined, now);
    } else if (!health.hasReady && currentReady !== undefined) {
      health = saved(currentReady, health.leaseRenewTime, now);
    } else if (health.hasReady && currentReady === undefined) {
      health = saved(undefined, health.leaseRenewTime, now);
    } else if (currentReady !== undefined && health.readyHeartbeat !== currentReady.lastHeartbeatTime) {
      // A new heartbeat: the kubelet is alive; a new transition time means Ready changed.
      health = saved(currentReady, health.leaseRenewTime, health.readyTransition !== currentReady.lastTransitionTime ? now : health.readyTransitionTimestamp);
    }
    const lease = this.#store.tryGet('Lease', 'kube-node-lease', name) as DeepReadonly<Lease> | undefined;
    const renewed = lease?.spec?.renewTime;
    if (renewed !== undefined && (health.leaseRenewTime === undefined || health.leaseRenewTime < renewed)) {
      health = { ...health, leaseRenewTime: renewed, probeTimestamp: now };
    }
    this.#health.set(name, health);
    let current = currentReady;
    if (now > health.probeTimestamp + gracePeriod) {
      const copy = deepCopy(node) as Mutable<Node>;
      const status = (copy.status ??= {});
      const conditions = (status.conditions ??= []);
      const time = toRFC3339(now);
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const condition = conditions.find((c) => c.type === type);
        if (condition === undefined) {
          conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: listed.metadata!.creationTimestamp!, lastTransitionTime: time });
        } else if (condition.status !== 'Unknown') {
          Object.assign(condition, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: time });
        }
      }
      const updatedReady = conditions.find((c) => c.type === 'Ready')!;
      if (JSON.stringify(updatedReady) !== JSON.stringify(observed)) {
        this.#engine.log.append('node-lifecycle-controller.unknown', {
          node: name,
          reason: 'no lease renewal or status post within the grace period',
          gracePeriodMs: gracePeriod,
          lastProbe: toRFC3339(health.probeTimestamp),
        });
        node = this.#store.updateStatus(copy);
        const ready = readyCondition(node)!;
        this.#health.set(name, { ...health, hasReady: true, readyHeartbeat: ready.lastHeartbeatTime, readyTransition: ready.lastTransitionTime, readyTransitionTimestamp: now });
      }
      current = readyCondition(node);
    }
    return { observed, current, node };
  }

  /** RecordNodeEvent: `Node <name> event: <text>`, on a reference to the Node. */
  #nodeEvent(name: string, uid: string, reason: string, event: string): void {
    this.#recorder.event({ kind: 'Node', apiVersion: 'v1', name, uid }, 'Normal', reason, `Node ${name} event: ${event}`);
  }

  /** MarkPodsNotReady: Ready=False on each pod of the node, with the Warning event NodeNotReady. */
  #markPodsNotReady(pods: readonly PodView[], nodeName: string): void {
    for (const pod of pods) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready === undefined) continue;
      const copy = deepCopy(pod);
      if (!updatePodCondition(copy.status!, { ...deepCopy(ready), status: 'False' }, this.#engine.now)) continue;
      try {
        this.#store.updateStatus(copy);
      } catch (error) {
        if (error instanceof StatusError && error.reason === 'NotFound') continue;
        throw error;
      }
      this.#recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  // ---- NoExecute taints ----

  /** processTaintBaseEviction: queue the node for the NoExecute taint that matches its Ready status. */
  #processTaintBaseEviction(node: NodeView, observed: DeepReadonly<NodeCondition>): void {
    const taints = node.spec?.taints;
    if (observed.status === 'False') {
      if (taintExists(taints, UNREACHABLE_TAINT)) this.#swapNodeControllerTaint(node, { ...NOT_READY_TAINT }, UNREACHABLE_TAINT, 'Ready is False');
      else this.#markNodeForTainting(node, 'False');
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NOT_READY_TAINT)) this.#swapNodeControllerTaint(node, { ...UNREACHABLE_TAINT }, NOT_READY_TAINT, 'Ready is Unknown');
      else this.#markNodeForTainting(node, 'Unknown');
    } else if (observed.status === 'True') {
      this.#markNodeAsReachable(node);
    }
  }

  #markNodeForTainting(node: NodeView, status: 'False' | 'Unknown'): void {
    const tainter = this.#tainterFor(node);
    const taint = status === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    const name = node.metadata!.name!;
    if (!taintExists(node.spec?.taints, taint)) this.#removeFromTainter(tainter, name);
    if (tainter.set.has(name)) return;
    tainter.set.add(name);
    tainter.queue.push({ value: name, uid: node.metadata!.uid!, processAt: this.#engine.now, addedAt: this.#engine.now });
    this.#engine.log.append('node-lifecycle-controller.taint-queued', { node: name, reason: status === 'False' ? 'Ready is False' : 'Ready is Unknown' });
  }

  /** markNodeAsReachable: both NoExecute taints off, and out of the tainting queue. */
  #markNodeAsReachable(node: NodeView): void {
    const current = this.#store.tryGet('Node', undefined, node.metadata!.name!);
    if (current !== undefined) {
      const taints = swapTaints(current.spec?.taints, [], [UNREACHABLE_TAINT, NOT_READY_TAINT]);
      if (taints !== undefined) {
        this.#engine.log.append('node-lifecycle-controller.untaint', { node: node.metadata!.name, reason: 'the node is Ready' });
        this.#writeTaints(current, taints);
      }
    }
    this.#removeFromTainter(this.#tainterFor(node), node.metadata!.name!);
  }

  #removeFromTainter(tainter: ZoneTainter, name: string): void {
    if (!tainter.set.delete(name)) return;
    tainter.queue = tainter.queue.filter((v) => v.value !== name);
  }

  #swapNodeControllerTaint(node: NodeView, add: Taint, remove: Taint, reason: string): boolean {
    const current = this.#store.tryGet('Node', undefined, node.metadata!.name!);
    if (current === undefined) return false;
    const taints = swapTaints(current.spec?.taints, [{ ...add, timeAdded: toRFC3339(this.#engine.now) }], [remove]);
    if (taints === undefined) return true;
    this.#engine.log.append('node-lifecycle-controller.taint', { node: node.metadata!.name, taint: `${add.key}:${add.effect}`, reason });
    this.#writeTaints(current, taints);
    return true;
  }

  #writeTaints(node: NodeView, taints: Taint[]): void {
    const copy = deepCopy(node) as Mutable<Node>;
    const spec = (copy.spec ??= {});
    if (taints.length === 0) delete spec.taints;
    else spec.taints = taints;
    this.#store.update(copy);
  }

  #tainterFor(node: NodeView): ZoneTainter {
    this.#addZone(node);
    return this.#tainters.get(zoneKeyOf(node))!;
  }

  /** addPodEvictorForNewZone. */
  #addZone(node: NodeView): void {
    const zone = zoneKeyOf(node);
    if (this.#zoneStates.has(zone)) return;
    this.#zoneStates.set(zone, 'Initial');
    this.#tainters.set(zone, { limiter: new TokenBucket(this.#options.nodeEvictionRate, EVICTION_RATE_LIMITER_BURST, this.#engine.now), queue: [], set: new Set() });
  }

  /** doNoExecuteTaintingPass: per zone, taint the queued nodes its rate limiter lets through. */
  #doNoExecuteTaintingPass(): void {
    const now = this.#engine.now;
    for (const zone of [...this.#tainters.keys()].sort()) {
      const tainter = this.#tainters.get(zone)!;
      for (;;) {
        tainter.queue.sort((a, b) => a.processAt - b.processAt);
        const head = tainter.queue[0];
        if (head === undefined || !tainter.limiter.tryAccept(now) || now < head.processAt) break;
        const node = this.#store.tryGet('Node', undefined, head.value);
        let done = true;
        if (node !== undefined) {
          const ready = readyCondition(node);
          if (ready === undefined) {
            done = false;
          } else if (ready.status === 'False') {
            done = this.#swapNodeControllerTaint(node, { ...NOT_READY_TAINT }, UNREACHABLE_TAINT, 'Ready is False');
          } else if (ready.status === 'Unknown') {
            done = this.#swapNodeControllerTaint(node, { ...UNREACHABLE_TAINT }, NOT_READY_TAINT, 'Ready is Unknown');
          }
        }
        if (done) tainter.queue.shift();
        else head.processAt = now + 50;
      }
    }
    this.#scheduleTaintPass();
  }

  /** The next tainting pass: the first multiple of 100 ms at which some zone can taint a node. */
  #scheduleTaintPass(): void {
    const now = this.#engine.now;
    let earliest = Infinity;
    for (const tainter of this.#tainters.values()) {
      const head = tainter.queue.reduce<TimedValue | undefined>((min, v) => (min === undefined || v.processAt < min.processAt ? v : min), undefined);
      if (head === undefined) continue;
      earliest = Math.min(earliest, Math.max(head.processAt, now + tainter.limiter.msUntilToken(now)));
    }
    if (earliest === Infinity) return;
    const at = Math.max(Math.ceil(earliest / NODE_EVICTION_PERIOD_MS) * NODE_EVICTION_PERIOD_MS, now);
    if (this.#pass !== undefined && this.#engine.isPending(this.#pass.task)) {
      if (this.#pass.at <= at) return;
      this.#engine.cancel(this.#pass.task);
    }
    this.#pass = { task: this.#engine.scheduleAt(this.#passTask, at, {}), at };
  }

  // ---- disruption ----

  /** ComputeZoneState. */
  #zoneState(conditions: readonly (DeepReadonly<NodeCondition> | undefined)[]): ZoneState {
    const ready = conditions.filter((c) => c?.status === 'True').length;
    const notReady = conditions.length - ready;
    if (ready === 0 && notReady > 0) return 'FullDisruption';
    if (notReady > 2 && notReady / (notReady + ready) >= this.#options.unhealthyZoneThreshold) return 'PartialDisruption';
    return 'Normal';
  }

  /** handleDisruption: eviction rates by zone health; everything not Ready stops all tainting. */
  #handleDisruption(zoneConditions: Map<string, (DeepReadonly<NodeCondition> | undefined)[]>, nodes: readonly NodeView[]): void {
    const newStates = new Map<string, ZoneState>();
    let allFully = true;
    for (const zone of [...zoneConditions.keys()].sort()) {
      const state = this.#zoneState(zoneConditions.get(zone)!);
      if (state !== 'FullDisruption') allFully = false;
      newStates.set(zone, state);
      if (!this.#zoneStates.has(zone)) this.#zoneStates.set(zone, 'Initial');
    }
    let allWereFully = true;
    for (const [zone, state] of [...this.#zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.#zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWereFully = false;
        break;
      }
    }
    if (allFully && allWereFully) return;
    if (allFully) {
      this.#engine.log.append('node-lifecycle-controller.disruption', { mode: 'enter', reason: 'all Nodes are not Ready: no tainting, taints removed' });
      for (const node of nodes) this.#markNodeAsReachable(node);
      for (const zone of this.#zoneStates.keys()) {
        this.#swapLimiter(zone, 0);
        this.#zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWereFully) {
      this.#engine.log.append('node-lifecycle-controller.disruption', { mode: 'exit', reason: 'some Nodes are Ready again' });
      const now = this.#engine.now;
      for (const node of nodes) {
        const health = this.#health.get(node.metadata!.name!);
        if (health !== undefined) this.#health.set(node.metadata!.name!, { ...health, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of [...this.#zoneStates.keys()]) {
        this.#setZoneLimiter(zone, zoneConditions.get(zone)?.length ?? 0, newStates.get(zone)!);
        this.#zoneStates.set(zone, newStates.get(zone)!);
      }
      return;
    }
    for (const [zone, state] of [...this.#zoneStates]) {
      const next = newStates.get(zone)!;
      if (state === next) continue;
      this.#engine.log.append('node-lifecycle-controller.zone-state', { zone, from: state, to: next });
      this.#setZoneLimiter(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.#zoneStates.set(zone, next);
    }
  }

  #setZoneLimiter(zone: string, size: number, state: ZoneState): void {
    if (state === 'Normal' || state === 'FullDisruption') this.#swapLimiter(zone, this.#options.nodeEvictionRate);
    else if (state === 'PartialDisruption') this.#swapLimiter(zone, size > this.#options.largeClusterSizeThreshold ? this.#options.secondaryNodeEvictionRate : 0);
  }

  /** SwapLimiter: a new bucket at `qps` (never accepting at 0), drained when the old one was empty. */
  #swapLimiter(zone: string, qps: number): void {
    const tainter = this.#tainters.get(zone);
    if (tainter === undefined || tainter.limiter.qps === qps) return;
    const now = this.#engine.now;
    if (qps <= 0) {
      tainter.limiter = new TokenBucket(0, 0, now);
      return;
    }
    const next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
    if (!tainter.limiter.tryAccept(now)) next.tryAccept(now);
    tainter.limiter = next;
  }

  // ---- NoSchedule taints (TaintNodesByCondition) ----

  /** doNoScheduleTaintingPass: the node's condition taints follow its conditions. */
  #doNoScheduleTaintingPass(name: string): void {
    const node = this.#store.tryGet('Node', undefined, name);
    if (node === undefined) return;
    const wanted: Taint[] = [];
    for (const condition of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[condition.type]?.[condition.status];
      if (key !== undefined) wanted.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable === true) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    const existing = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const toAdd = wanted.filter((w) => !existing.some((t) => t.key === w.key && (t.value ?? '') === (w.value ?? '')));
    const toRemove = existing.filter((t) => !wanted.some((w) => w.key === t.key && (t.value ?? '') === (w.value ?? '')));
    if (toAdd.length === 0 && toRemove.length === 0) return;
    const time = toRFC3339(this.#engine.now);
    const taints = swapTaints(node.spec?.taints, toAdd.map((t) => ({ ...t, timeAdded: time })), toRemove);
    if (taints === undefined) return;
    this.#engine.log.append('node-lifecycle-controller.condition-taints', {
      node: name,
      added: toAdd.map((t) => `${t.key}:NoSchedule`),
      removed: toRemove.map((t) => `${t.key}:NoSchedule`),
      reason: 'taints follow the node conditions',
    });
    this.#writeTaints(node, taints);
  }
}
