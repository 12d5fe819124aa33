// The scheduling queue (pkg/scheduler/backend/queue, v1.33): three places a pending pod can wait.
// - activeQ: pods ready to be tried, highest priority first, then the longest waiting (PrioritySort).
// - backoffQ: pods that failed and must wait podInitialBackoffSeconds (1 s) doubling per attempt up
//   to podMaxBackoffSeconds (10 s) from their last attempt. Pods leave it in whole one-second
//   windows; within a window by priority. When activeQ is empty the head of backoffQ is tried at
//   once (SchedulerPopFromBackoffQ, beta and on in v1.33); pods that failed with an error (no
//   plugin rejected them) always serve their full backoff in a queue of their own.
// - unschedulablePods: pods no node fits. A cluster event one of the rejecting plugins cares about
//   (a node added, a pod deleted, the PersistentVolumeClaim a pod waits for created, ...) moves them
//   back - to backoffQ if still backing off, else to activeQ - and a pod left there for
//   podMaxInUnschedulablePodsDuration (5 min) is moved by the flush that runs every 30 s.
//   A count of parked pods per rejecting plugin lets an event no parked pod cares about (the many
//   PVC status updates of a busy cluster) return without walking unschedulablePods.
// Time is virtual: every method takes `now` (ms) and `nextWakeup` says when `flush` has work, so
// the owner schedules one engine task instead of ticking every second.
// Scheduling cycles run synchronously here, so no event can arrive while a pod is in flight.

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { PodHeap } from './pod-heap.ts';

/** podInitialBackoffSeconds default. */
export const POD_INITIAL_BACKOFF_MS = 1_000;
/** podMaxBackoffSeconds default. */
export const POD_MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** How often flushUnschedulablePodsLeftover runs. */
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000;
/** backoffQOrderingWindowDuration: backoffQ is flushed in whole windows of this length. */
export const BACKOFF_ORDERING_WINDOW_MS = 1_000;

export interface QueuedPodInfo {
  readonly uid: string;
  pod: Pod;
  /** When the pod entered the queue, or failed its last attempt. */
  timestamp: number;
  /** When it was first tried. */
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  /** Plugins that rejected it last time; empty after an error. */
  unschedulablePlugins: readonly string[];
  /** Has spec.schedulingGates: waits in unschedulablePods until they are removed. */
  gated: boolean;
  /** Insertion order, the last tie-break in activeQ. */
  seq: number;
}

/** The cluster changes that can make a rejected pod schedulable (framework.ClusterEvent). */
export type ClusterEvent =
  | { readonly kind: 'NodeAdd'; readonly node: Node }
  | { readonly kind: 'NodeUpdate'; readonly oldNode: Node; readonly node: Node }
  | { readonly kind: 'NodeDelete'; readonly node: Node }
  | { readonly kind: 'AssignedPodAdd'; readonly pod: Pod }
  | { readonly kind: 'AssignedPodUpdate'; readonly oldPod: Pod; readonly pod: Pod }
  | { readonly kind: 'AssignedPodDelete'; readonly pod: Pod }
  | { readonly kind: 'PersistentVolumeClaimAdd'; readonly claim: PersistentVolumeClaim }
  | { readonly kind: 'PersistentVolumeClaimUpdate'; readonly oldClaim: PersistentVolumeClaim; readonly claim: PersistentVolumeClaim }
  | { readonly kind: 'PersistentVolumeAdd'; readonly volume: PersistentVolume }
  | { readonly kind: 'PersistentVolumeUpdate'; readonly oldVolume: PersistentVolume; readonly volume: PersistentVolume }
  | { readonly kind: 'StorageClassAdd'; readonly storageClass: StorageClass }
  | { readonly kind: 'StorageClassUpdate'; readonly oldStorageClass: StorageClass; readonly storageClass: StorageClass };

type ClusterEventKind = ClusterEvent['kind'];
const PVC_EVENTS: readonly ClusterEventKind[] = ['PersistentVolumeClaimAdd', 'PersistentVolumeClaimUpdate'];

/** Which events each plugin registers (EventsToRegister), so only they wake the pods it rejected. */
export const EVENTS_BY_PLUGIN: Readonly<Record<string, readonly ClusterEvent['kind'][]>> = {
  NodeUnschedulable: ['NodeAdd', 'NodeUpdate'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeUpdate'],
  NodeAffinity: ['NodeAdd', 'NodeUpdate'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeUpdate', 'AssignedPodUpdate', 'AssignedPodDelete'],
  PodTopologySpread: ['NodeAdd', 'NodeUpdate', 'NodeDelete', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeUpdate', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  // volumerestrictions.go: a pod using the ReadWriteOncePod claim deleted, a node added, the claim
  // created or changed (it must exist for its access modes to be read).
  VolumeRestrictions: ['NodeAdd', 'AssignedPodDelete', ...PVC_EVENTS],
  // volume_binding.go: a StorageClass added or changed (allowedTopologies), a claim added or
  // updated (bound by the PV controller), a PersistentVolume added or updated, a node added or
  // relabelled (CSINode / CSIDriver / CSIStorageCapacity are not modelled).
  VolumeBinding: ['NodeAdd', 'NodeUpdate', 'StorageClassAdd', 'StorageClassUpdate', ...PVC_EVENTS, 'PersistentVolumeAdd', 'PersistentVolumeUpdate'],
};

/** EVENTS_BY_PLUGIN inverted: the plugins each event may concern. */
const PLUGINS_BY_EVENT: ReadonlyMap<ClusterEventKind, readonly string[]> = (() => {
  const out = new Map<ClusterEventKind, string[]>();
  for (const [plugin, kinds] of Object.entries(EVENTS_BY_PLUGIN)) {
    for (const kind of kinds) out.set(kind, [...(out.get(kind) ?? []), plugin]);
  }
  return out;
})();

/** Counted under this key: a parked pod that any event may wake (a plugin registering nothing). */
const ANY_EVENT = '*';

/** A queueing hint: may this event make `plugin`'s rejection of this pod go away? */
export type QueueingHint = (info: QueuedPodInfo, plugin: string, event: ClusterEvent) => boolean;

export interface SchedulingQueueOptions {
  /** Virtual time the scheduler started: the 30 s leftover flush ticks from here. */
  readonly startedAt?: number;
  readonly hint?: QueueingHint;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

function priorityOf(info: QueuedPodInfo): number {
  return info.pod.spec?.priority ?? 0;
}

/** PrioritySort's Less, with insertion order to settle equal timestamps deterministically. */
function activeLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = priorityOf(a);
  const pb = priorityOf(b);
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

function isGated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}

export class SchedulingQueue {
  readonly #active = new PodHeap<QueuedPodInfo>(activeLess);
  readonly #backoff: PodHeap<QueuedPodInfo>;
  readonly #errorBackoff: PodHeap<QueuedPodInfo>;
  readonly #unschedulable = new Map<string, QueuedPodInfo>();
  /** Parked pods per rejecting plugin (ANY_EVENT for plugins that register no events). */
  readonly #parkedBy = new Map<string, number>();
  readonly #startedAt: number;
  readonly #hint: QueueingHint;
  readonly #initialBackoff: number;
  readonly #maxBackoff: number;
  #seq = 0;

  constructor(options: SchedulingQueueOptions = {}) {
    this.#startedAt = options.startedAt ?? 0;
    this.#hint = options.hint ?? (() => true);
    this.#initialBackoff = options.podInitialBackoffMs ?? POD_INITIAL_BACKOFF_MS;
    this.#maxBackoff = options.podMaxBackoffMs ?? POD_MAX_BACKOFF_MS;
    const window = (info: QueuedPodInfo): number => this.#window(this.backoffExpiration(info));
    // lessBackoffCompletedWithPriority: window, then priority, then expiry.
    this.#backoff = new PodHeap((a, b) => {
      const wa = window(a);
      const wb = window(b);
      if (wa !== wb) return wa < wb;
      const pa = priorityOf(a);
      const pb = priorityOf(b);
      if (pa !== pb) return pa > pb;
      const ea = this.backoffExpiration(a);
      const eb = this.backoffExpiration(b);
      return ea !== eb ? ea < eb : a.seq < b.seq;
    });
    this.#errorBackoff = new PodHeap((a, b) => {
      const ea = this.backoffExpiration(a);
      const eb = this.backoffExpiration(b);
      return ea !== eb ? ea < eb : a.seq < b.seq;
    });
  }

  get size(): number {
    return this.#active.size + this.#backoff.size + this.#errorBackoff.size + this.#unschedulable.size;
  }

  /** The backoff after `attempts` failures: 1 s, 2 s, 4 s, 8 s, then 10 s. */
  backoffDuration(attempts: number): number {
    if (attempts === 0) return 0;
    let duration = this.#initialBackoff;
    for (let i = 1; i < attempts; i++) {
      if (duration > this.#maxBackoff - duration) return this.#maxBackoff;
      duration += duration;
    }
    return duration;
  }

  backoffExpiration(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info.attempts);
  }

  #window(time: number): number {
    return Math.floor(time / BACKOFF_ORDERING_WINDOW_MS) * BACKOFF_ORDERING_WINDOW_MS;
  }

  #isBackingOff(info: QueuedPodInfo, now: number): boolean {
    return this.backoffExpiration(info) > now;
  }

  /** Where a pod waits now, if it is queued. */
  where(uid: string): QueueName | undefined {
    if (this.#active.has(uid)) return 'activeQ';
    if (this.#backoff.has(uid) || this.#errorBackoff.has(uid)) return 'backoffQ';
    if (this.#unschedulable.has(uid)) return 'unschedulablePods';
    return undefined;
  }

  info(uid: string): QueuedPodInfo | undefined {
    return this.#active.get(uid) ?? this.#backoff.get(uid) ?? this.#errorBackoff.get(uid) ?? this.#unschedulable.get(uid);
  }

  /** A new pending pod (the store's watch saw a Pod without spec.nodeName). */
  add(pod: Pod, now: number): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.where(uid) !== undefined) {
      this.update(pod, now);
      return;
    }
    const info: QueuedPodInfo = {
      uid,
      pod,
      timestamp: now,
      initialAttemptTimestamp: undefined,
      attempts: 0,
      unschedulablePlugins: [],
      gated: isGated(pod),
      seq: this.#seq++,
    };
    if (info.gated) this.#park(info);
    else this.#active.push(info);
  }

  /** A pending pod changed: take the new object, and retry it if it was waiting as unschedulable. */
  update(pod: Pod, now: number): void {
    const uid = pod.metadata?.uid ?? '';
    const info = this.info(uid);
    if (info === undefined) {
      this.add(pod, now);
      return;
    }
    const old = info.pod;
    info.pod = pod;
    if (this.#active.has(uid)) this.#active.push(info);
    else if (this.#backoff.has(uid)) this.#backoff.push(info);
    else if (this.#errorBackoff.has(uid)) this.#errorBackoff.push(info);
    else if (JSON.stringify(old.spec) !== JSON.stringify(pod.spec) || JSON.stringify(old.metadata?.labels) !== JSON.stringify(pod.metadata?.labels)) {
      info.gated = isGated(pod);
      if (!info.gated) {
        this.#unpark(info);
        this.#requeue(info, now);
      }
    }
  }

  /** The pod was deleted, or bound by someone else. */
  delete(uid: string): void {
    this.#active.delete(uid);
    this.#backoff.delete(uid);
    this.#errorBackoff.delete(uid);
    const parked = this.#unschedulable.get(uid);
    if (parked !== undefined) this.#unpark(parked);
  }

  #park(info: QueuedPodInfo): void {
    const old = this.#unschedulable.get(info.uid);
    if (old !== undefined) this.#unpark(old);
    this.#unschedulable.set(info.uid, info);
    for (const key of this.#parkKeys(info)) this.#parkedBy.set(key, (this.#parkedBy.get(key) ?? 0) + 1);
  }

  #unpark(info: QueuedPodInfo): void {
    this.#unschedulable.delete(info.uid);
    for (const key of this.#parkKeys(info)) {
      const left = (this.#parkedBy.get(key) ?? 0) - 1;
      if (left > 0) this.#parkedBy.set(key, left);
      else this.#parkedBy.delete(key);
    }
  }

  /** The counters a parked pod is filed under: its rejecting plugins (empty: any event). */
  #parkKeys(info: QueuedPodInfo): readonly string[] {
    const plugins = info.unschedulablePlugins;
    return plugins.length === 0 || plugins.some((p) => EVENTS_BY_PLUGIN[p] === undefined) ? [ANY_EVENT] : plugins;
  }

  /** Whether some parked pod was rejected by a plugin that registered this event. */
  #anyoneCares(kind: ClusterEventKind): boolean {
    if (this.#parkedBy.has(ANY_EVENT)) return true;
    for (const plugin of PLUGINS_BY_EVENT.get(kind) ?? []) if (this.#parkedBy.has(plugin)) return true;
    return false;
  }

  /** The next pod to schedule, or undefined; counts the attempt. */
  pop(now: number): QueuedPodInfo | undefined {
    const info = this.#active.pop() ?? this.#backoff.pop();
    if (info === undefined) return undefined;
    info.attempts++;
    info.initialAttemptTimestamp ??= now;
    return info;
  }

  /**
   * A popped pod that did not get a node (AddUnschedulableIfNotPresent): with rejecting plugins it
   * waits in unschedulablePods; after an error (no plugins) it retries after its backoff.
   */
  addUnschedulable(info: QueuedPodInfo, unschedulablePlugins: readonly string[], now: number): QueueName {
    info.timestamp = now;
    info.unschedulablePlugins = [...unschedulablePlugins];
    info.gated = isGated(info.pod);
    if (unschedulablePlugins.length > 0 || info.gated) {
      this.#park(info);
      return 'unschedulablePods';
    }
    return this.#requeue(info, now);
  }

  #requeue(info: QueuedPodInfo, now: number): QueueName {
    if (this.#isBackingOff(info, now)) {
      (info.unschedulablePlugins.length === 0 ? this.#errorBackoff : this.#backoff).push(info);
      return 'backoffQ';
    }
    this.#active.push(info);
    return 'activeQ';
  }

  /**
   * A cluster event: pods rejected by a plugin registered for it (and whose hint agrees) move to
   * backoffQ or activeQ. Returns how many moved.
   */
  onEvent(event: ClusterEvent, now: number): number {
    if (!this.#anyoneCares(event.kind)) return 0;
    let moved = 0;
    // Deleting the visited entry while iterating a Map is safe; requeued pods go to other queues.
    for (const info of this.#unschedulable.values()) {
      if (info.gated || !this.#worthRequeuing(info, event)) continue;
      this.#unpark(info);
      this.#requeue(info, now);
      moved++;
    }
    return moved;
  }

  #worthRequeuing(info: QueuedPodInfo, event: ClusterEvent): boolean {
    if (info.unschedulablePlugins.length === 0) return true;
    for (const plugin of info.unschedulablePlugins) {
      const events = EVENTS_BY_PLUGIN[plugin];
      if (events !== undefined && !events.includes(event.kind)) continue;
      if (this.#hint(info, plugin, event)) return true;
    }
    return false;
  }

  /** Runs the periodic flushes due at `now`: finished backoff windows, and 5-minute leftovers at 30 s ticks. */
  flush(now: number): void {
    const current = this.#window(now);
    for (const heap of [this.#backoff, this.#errorBackoff]) {
      for (let head = heap.peek(); head !== undefined && this.#window(this.backoffExpiration(head)) < current; head = heap.peek()) {
        heap.pop();
        this.#active.push(head);
      }
    }
    const tick = this.#lastLeftoverTick(now);
    if (tick === undefined) return;
    for (const info of this.#unschedulable.values()) {
      if (info.gated || tick - info.timestamp <= POD_MAX_IN_UNSCHEDULABLE_PODS_MS) continue;
      this.#unpark(info);
      this.#requeue(info, now);
    }
  }

  #lastLeftoverTick(now: number): number | undefined {
    if (now < this.#startedAt + UNSCHEDULABLE_FLUSH_INTERVAL_MS) return undefined;
    return this.#startedAt + Math.floor((now - this.#startedAt) / UNSCHEDULABLE_FLUSH_INTERVAL_MS) * UNSCHEDULABLE_FLUSH_INTERVAL_MS;
  }

  /** When `flush` will next have something to move, if ever (without new events). */
  nextWakeup(): number | undefined {
    let next = Infinity;
    for (const heap of [this.#backoff, this.#errorBackoff]) {
      const head = heap.peek();
      if (head !== undefined) next = Math.min(next, this.#window(this.backoffExpiration(head)) + BACKOFF_ORDERING_WINDOW_MS);
    }
    for (const info of this.#unschedulable.values()) {
      if (info.gated) continue;
      const due = info.timestamp + POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
      const tick = this.#startedAt + (Math.floor((due - this.#startedAt) / UNSCHEDULABLE_FLUSH_INTERVAL_MS) + 1) * UNSCHEDULABLE_FLUSH_INTERVAL_MS;
      next = Math.min(next, tick);
    }
    return next === Infinity ? undefined : next;
  }

  /** Whether pop would return a pod now. */
  hasReady(): boolean {
    return this.#active.size > 0 || this.#backoff.size > 0;
  }

  /** Every queued pod by queue, each list in a stable order (for `kubectl`-style listings and tests). */
  pending(): Record<QueueName, Pod[]> {
    const sorted = (items: readonly QueuedPodInfo[]) => [...items].sort((a, b) => a.seq - b.seq).map((i) => i.pod);
    return {
      activeQ: sorted(this.#active.values()),
      backoffQ: sorted([...this.#backoff.values(), ...this.#errorBackoff.values()]),
      unschedulablePods: sorted([...this.#unschedulable.values()]),
    };
  }

  snapshot(): QueueSnapshot {
    const entries = (where: QueueName, items: Iterable<QueuedPodInfo>) => [...items].map((info) => ({ where, ...info }));
    return {
      seq: this.#seq,
      pods: [
        ...entries('activeQ', this.#active.values()),
        ...entries('backoffQ', this.#backoff.values()),
        ...entries('backoffQ', this.#errorBackoff.values()),
        ...entries('unschedulablePods', this.#unschedulable.values()),
      ].sort((a, b) => a.seq - b.seq),
    };
  }

  /** Replaces the queue's content with `snapshot()`'s output. */
  restore(snapshot: QueueSnapshot): void {
    for (const { uid } of this.snapshot().pods) this.delete(uid);
    this.#seq = snapshot.seq;
    for (const { where, ...rest } of snapshot.pods) {
      const info: QueuedPodInfo = { ...rest };
      if (where === 'activeQ') this.#active.push(info);
      else if (where === 'unschedulablePods') this.#park(info);
      else (info.unschedulablePlugins.length === 0 ? this.#errorBackoff : this.#backoff).push(info);
    }
  }
}

export interface QueueSnapshot {
  seq: number;
  pods: (QueuedPodInfo & { where: QueueName })[];
}
