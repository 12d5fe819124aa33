// kube-scheduler as one component over plain data: the cache, the queue and the framework, fed
// by the API store's watches and driven one cycle at a time (pkg/scheduler/eventhandlers.go and
// schedule_one.go). It never talks to the store itself: `scheduleNext` returns what to write
// (the binding, the Event, the PodScheduled condition) and the owner reports back whether the
// binding went through.
//
// Watch routing, as the real event handlers do it:
//   Pod without spec.nodeName, for this scheduler  → queue (add / update / delete)
//   Pod with spec.nodeName                         → cache (add / update / remove), then a cluster
//                                                    event that may wake unschedulable pods
//   Pod that finished (Succeeded / Failed)         → leaves the cache (the scheduler's informer
//                                                    filters them out)
//   Node                                           → cache, then a cluster event
//   PersistentVolumeClaim / PersistentVolume /     → a cluster event (added or updated) that wakes
//   StorageClass                                     pods the volume plugins rejected
//   Service / ReplicaSet / StatefulSet / RC        → cache selectors (default topology spreading)

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { truncateEventMessage } from './fit-error.ts';
import { type FrameworkOptions, type ScheduleResult, SchedulingFramework } from './framework.ts';
import { Cycle } from './plugin.ts';
import { type CacheSnapshot, restoreCache, SchedulerCache, type WorkloadKind } from './scheduler-cache.ts';
import { type ClusterEvent, type QueuedPodInfo, type QueueSnapshot, SchedulingQueue } from './scheduling-queue.ts';
import { podClaims } from './volume-lister.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A Kubernetes Event the owner should record on the pod (source: default-scheduler). */
export interface SchedulerEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: 'Scheduled' | 'FailedScheduling';
  readonly action: 'Binding' | 'Scheduling';
  readonly message: string;
}

export interface CycleOutcome {
  readonly pod: Pod;
  readonly result: ScheduleResult;
  /** Scheduled: bind the pod to this node (pods/binding), then report bindingSucceeded/Failed. */
  readonly bindTo?: string;
  readonly event: SchedulerEvent;
  /** Unschedulable: the PodScheduled condition to set on the pod's status. */
  readonly condition?: { readonly type: 'PodScheduled'; readonly status: 'False'; readonly reason: 'Unschedulable'; readonly message: string };
}

export interface KubeSchedulerOptions extends FrameworkOptions {
  /** Virtual time the scheduler starts (the queue's periodic flushes count from here). */
  readonly startedAt?: number;
  readonly schedulerName?: string;
}

function isAssigned(pod: Pod | undefined): boolean {
  return pod?.spec?.nodeName !== undefined && pod.spec.nodeName !== '';
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export class KubeScheduler {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly framework: SchedulingFramework;
  readonly schedulerName: string;
  readonly #options: KubeSchedulerOptions;
  /** Popped pods whose binding is not confirmed yet. */
  readonly #inFlight = new Map<string, QueuedPodInfo>();

  constructor(options: KubeSchedulerOptions, cache = new SchedulerCache()) {
    this.#options = options;
    this.cache = cache;
    this.schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.framework = new SchedulingFramework(cache, options);
    this.queue = new SchedulingQueue({
      startedAt: options.startedAt ?? 0,
      hint: (info, plugin, event) => this.#hint(info.pod, plugin, event),
    });
  }

  #responsibleFor(pod: Pod): boolean {
    return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  // ---- watch events ----

  onPod(type: WatchEventType, pod: Pod, now: number, oldPod?: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (type === 'DELETED') {
      this.queue.delete(uid);
      if (this.cache.pod(uid) !== undefined) {
        this.cache.removePod(uid);
        this.queue.onEvent({ kind: 'AssignedPodDelete', pod }, now);
      }
      return;
    }
    if (isAssigned(pod)) {
      this.queue.delete(uid);
      this.#inFlight.delete(uid);
      const known = this.cache.pod(uid);
      if (isFinished(pod)) {
        if (known !== undefined) {
          this.cache.removePod(uid);
          this.queue.onEvent({ kind: 'AssignedPodDelete', pod }, now);
        }
        return;
      }
      this.cache.addPod(pod);
      if (known === undefined || known.assumed) this.queue.onEvent({ kind: 'AssignedPodAdd', pod }, now);
      else this.queue.onEvent({ kind: 'AssignedPodUpdate', oldPod: oldPod ?? known.pod, pod }, now);
      return;
    }
    if (!this.#responsibleFor(pod) || pod.metadata?.deletionTimestamp !== undefined || this.#inFlight.has(uid)) return;
    if (type === 'ADDED') this.queue.add(pod, now);
    else this.queue.update(pod, now);
  }

  onNode(type: WatchEventType, node: Node, now: number, oldNode?: Node): void {
    const name = node.metadata?.name ?? '';
    if (type === 'DELETED') {
      this.cache.removeNode(name);
      this.queue.onEvent({ kind: 'NodeDelete', node }, now);
      return;
    }
    const old = this.cache.nodeEntry(name)?.node ?? oldNode;
    this.cache.addNode(node);
    this.queue.onEvent(old === undefined ? { kind: 'NodeAdd', node } : { kind: 'NodeUpdate', oldNode: old, node }, now);
  }

  /** A claim added or changed may let the pods that use it in (deletions wake nobody). */
  onPersistentVolumeClaim(type: WatchEventType, claim: PersistentVolumeClaim, now: number, oldClaim?: PersistentVolumeClaim): void {
    if (type === 'DELETED') return;
    this.queue.onEvent(type === 'ADDED' || oldClaim === undefined ? { kind: 'PersistentVolumeClaimAdd', claim } : { kind: 'PersistentVolumeClaimUpdate', oldClaim, claim }, now);
  }

  onPersistentVolume(type: WatchEventType, volume: PersistentVolume, now: number, oldVolume?: PersistentVolume): void {
    if (type === 'DELETED') return;
    this.queue.onEvent(type === 'ADDED' || oldVolume === undefined ? { kind: 'PersistentVolumeAdd', volume } : { kind: 'PersistentVolumeUpdate', oldVolume, volume }, now);
  }

  onStorageClass(type: WatchEventType, storageClass: StorageClass, now: number, oldStorageClass?: StorageClass): void {
    if (type === 'DELETED') return;
    this.queue.onEvent(
      type === 'ADDED' || oldStorageClass === undefined ? { kind: 'StorageClassAdd', storageClass } : { kind: 'StorageClassUpdate', oldStorageClass, storageClass },
      now,
    );
  }

  /** Services (spec.selector), ReplicationControllers, ReplicaSets and StatefulSets (spec.selector). */
  onWorkload(kind: WorkloadKind, type: WatchEventType, namespace: string, name: string, selector: unknown): void {
    if (type === 'DELETED') this.cache.removeWorkload(kind, namespace, name);
    else this.cache.setWorkload(kind, namespace, name, selector as Parameters<SchedulerCache['setWorkload']>[3]);
  }

  onNamespace(type: WatchEventType, name: string, labels: Readonly<Record<string, string>> | undefined): void {
    if (type === 'DELETED') this.cache.removeNamespace(name);
    else this.cache.setNamespace(name, labels);
  }

  /**
   * A queueing hint: would the rejecting plugin accept the node this event is about? A claim event
   * concerns only the pods that use that claim (isSchedulableAfterPersistentVolumeClaimChange); a
   * StorageClass update only when its allowedTopologies changed (volumeBindingMode is immutable).
   */
  #hint(pod: Pod, plugin: string, event: ClusterEvent): boolean {
    if (event.kind === 'PersistentVolumeClaimAdd' || event.kind === 'PersistentVolumeClaimUpdate') {
      const claim = event.claim.metadata;
      return (pod.metadata?.namespace ?? 'default') === (claim?.namespace ?? 'default') && podClaims(pod).includes(claim?.name ?? '');
    }
    if (event.kind === 'StorageClassUpdate') return JSON.stringify(event.oldStorageClass.allowedTopologies) !== JSON.stringify(event.storageClass.allowedTopologies);
    if (event.kind !== 'NodeAdd' && event.kind !== 'NodeUpdate') return true;
    const slot = this.cache.slotOf(event.node.metadata?.name ?? '');
    const filter = this.framework.filterPlugins.find((p) => p.name === plugin);
    if (slot === undefined || filter === undefined) return true;
    const cycle = new Cycle(pod, this.cache);
    const outcome = filter.preFilter(cycle);
    if (outcome === 'skip' || outcome === 'passes') return true;
    if (typeof outcome === 'object') {
      if (!('nodeNames' in outcome)) return false;
      if (!outcome.nodeNames.has(event.node.metadata?.name ?? '')) return false;
    }
    return filter.filter(cycle, slot) === null;
  }

  // ---- running ----

  /** Work the queue has at `now`: run `flush` first, then whether `scheduleNext` has a pod. */
  hasWork(now: number): boolean {
    this.queue.flush(now);
    return this.queue.hasReady();
  }

  /** When the queue next needs `hasWork`/`flush` without new events (schedule an engine task then). */
  nextWakeup(): number | undefined {
    return this.queue.nextWakeup();
  }

  /**
   * One scheduling cycle: pops a pod, finds it a node and assumes it there, or files it as
   * unschedulable. Undefined when no pod is ready.
   */
  scheduleNext(now: number): CycleOutcome | undefined {
    this.queue.flush(now);
    const info = this.queue.pop(now);
    if (info === undefined) return undefined;
    const pod = info.pod;
    const result = this.framework.scheduleOne(pod);
    if (result.status === 'Scheduled') {
      this.cache.assumePod(pod, result.node);
      this.#inFlight.set(info.uid, info);
      return {
        pod,
        result,
        bindTo: result.node,
        event: { type: 'Normal', reason: 'Scheduled', action: 'Binding', message: scheduledMessage(pod, result.node) },
      };
    }
    this.queue.addUnschedulable(info, result.unschedulablePlugins, now);
    const message = truncateEventMessage(result.message);
    return {
      pod,
      result,
      event: { type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', message },
      condition: { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message },
    };
  }

  /** The store accepted the binding: the watch will confirm the assumed pod. */
  bindingSucceeded(uid: string): void {
    this.#inFlight.delete(uid);
  }

  /** The binding failed: the assumed pod is forgotten and retried after its backoff. */
  bindingFailed(uid: string, now: number): void {
    const info = this.#inFlight.get(uid);
    this.#inFlight.delete(uid);
    this.cache.forgetPod(uid);
    if (info !== undefined) this.queue.addUnschedulable(info, [], now);
  }

  snapshot(): KubeSchedulerSnapshot {
    return {
      cache: this.cache.snapshot(),
      queue: this.queue.snapshot(),
      nextStartNodeIndex: this.framework.nextStartNodeIndex,
      inFlight: [...this.#inFlight.values()],
    };
  }

  static restore(options: KubeSchedulerOptions, snapshot: KubeSchedulerSnapshot): KubeScheduler {
    const scheduler = new KubeScheduler(options, restoreCache(snapshot.cache));
    scheduler.queue.restore(snapshot.queue);
    scheduler.framework.nextStartNodeIndex = snapshot.nextStartNodeIndex;
    for (const info of snapshot.inFlight) scheduler.#inFlight.set(info.uid, { ...info });
    return scheduler;
  }
}

export interface KubeSchedulerSnapshot {
  cache: CacheSnapshot;
  queue: QueueSnapshot;
  nextStartNodeIndex: number;
  inFlight: QueuedPodInfo[];
}

/** The "Scheduled" event message (schedule_one.go). */
export function scheduledMessage(pod: Pod, node: string): string {
  return `Successfully assigned ${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''} to ${node}`;
}
