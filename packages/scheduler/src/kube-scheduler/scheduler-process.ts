// kube-scheduler as a process of the cluster: it watches the API store, feeds the scheduling core
// (KubeScheduler), runs scheduling cycles on engine tasks, binds through pods/binding, and records
// what it decided: a Kubernetes Event for kubectl, the pod's PodScheduled condition when nothing
// fits, and the full "why" record in the event log for describe and the visualizer.

import { type Engine, type EngineComponent, type TaskKind, toRFC3339 } from '@dockyard/runtime';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { claimsBound, preBindVolumes, storeVolumeLister } from '../storage/scheduler-volume-binder.ts';
import { KubeScheduler, type KubeSchedulerSnapshot, type WatchEventType } from './kube-scheduler.ts';
import type { WorkloadKind } from './scheduler-cache.ts';

const WORKLOADS: readonly WorkloadKind[] = ['Service', 'ReplicaSet', 'StatefulSet'];
/** How often a binding that waits for its volumes checks again (the volume binder polls too). */
const VOLUME_RECHECK_MS = 1000;
/** kube-scheduler's bindTimeoutSeconds: how long a binding may wait for its volumes. */
const BIND_TIMEOUT_MS = 600_000;

/** A pod assumed on a node whose claims are still being provisioned (WaitForFirstConsumer). */
interface WaitingBind {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  since: number;
  event: { type: 'Normal' | 'Warning'; reason: string; message: string };
}

export class SchedulerProcess implements EngineComponent {
  readonly name = 'kube-scheduler';
  #core: KubeScheduler;
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventRecorder;
  readonly #cycle: TaskKind<null>;
  readonly #recheck: TaskKind<null>;
  #waiting: WaitingBind[] = [];
  /** The pending cycle or wake-up task, so that only one is ever queued. */
  #task: { id: number; at: number } | undefined;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#core = new KubeScheduler({ random: engine.random, startedAt: engine.now, volumes: storeVolumeLister(store) });
    this.#events = new EventRecorder(engine, store, { component: 'default-scheduler' });
    this.#cycle = engine.defineTask('kube-scheduler.cycle', () => this.#runCycles());
    this.#recheck = engine.defineTask('kube-scheduler.volume-recheck', () => this.#retryWaitingBinds());
    engine.register(this);
    const type = (t: string) => t as WatchEventType;
    store.watch('Node', {}, (e) => {
      this.#core.onNode(type(e.type), e.object as Node, engine.now, e.previous as Node | undefined);
      this.#wake();
    });
    store.watch('Namespace', {}, (e) => this.#core.onNamespace(type(e.type), e.object.metadata!.name!, e.object.metadata?.labels));
    for (const kind of WORKLOADS) {
      store.watch(kind, {}, (e) => {
        const object = e.object as { metadata?: { namespace?: string; name?: string }; spec?: { selector?: unknown } };
        this.#core.onWorkload(kind, type(e.type), object.metadata?.namespace ?? '', object.metadata?.name ?? '', object.spec?.selector);
      });
    }
    // The volume plugins' events: a claim, volume or class appearing wakes the pods waiting for it.
    store.watch('PersistentVolumeClaim', {}, (e) => {
      this.#core.onPersistentVolumeClaim(type(e.type), e.object as PersistentVolumeClaim, engine.now, e.previous as PersistentVolumeClaim | undefined);
      this.#wake();
    });
    store.watch('PersistentVolume', {}, (e) => {
      this.#core.onPersistentVolume(type(e.type), e.object as PersistentVolume, engine.now, e.previous as PersistentVolume | undefined);
      this.#wake();
    });
    store.watch('StorageClass', {}, (e) => {
      this.#core.onStorageClass(type(e.type), e.object as StorageClass, engine.now, e.previous as StorageClass | undefined);
      this.#wake();
    });
    store.watch('Pod', {}, (e) => {
      this.#core.onPod(type(e.type), e.object as Pod, engine.now, e.previous as Pod | undefined);
      this.#wake();
    });
  }

  snapshot(): unknown {
    return { core: this.#core.snapshot(), task: this.#task ?? null, waiting: this.#waiting.map((w) => ({ ...w })) };
  }

  restore(state: unknown): void {
    const saved = state as { core: KubeSchedulerSnapshot; task: { id: number; at: number } | null; waiting: WaitingBind[] };
    this.#core = KubeScheduler.restore({ random: this.#engine.random, volumes: storeVolumeLister(this.#store) }, saved.core);
    this.#task = saved.task ?? undefined;
    this.#waiting = saved.waiting.map((w) => ({ ...w }));
  }

  /** Makes sure a cycle runs when the queue has work now, or when it next will. */
  #wake(): void {
    const now = this.#engine.now;
    const at = this.#core.hasWork(now) ? now : this.#core.nextWakeup();
    if (at === undefined) return;
    if (this.#task !== undefined && this.#engine.isPending(this.#task.id) && this.#task.at <= at) return;
    if (this.#task !== undefined) this.#engine.cancel(this.#task.id);
    this.#task = { id: this.#engine.scheduleAt(this.#cycle, Math.max(at, now), null), at: Math.max(at, now) };
  }

  #runCycles(): void {
    this.#task = undefined;
    const now = this.#engine.now;
    for (let outcome = this.#core.scheduleNext(now); outcome !== undefined; outcome = this.#core.scheduleNext(now)) {
      const { pod, result } = outcome;
      const namespace = pod.metadata?.namespace ?? 'default';
      const name = pod.metadata?.name ?? '';
      this.#engine.log.append('k8s.scheduler.decision', { pod: `${namespace}/${name}`, status: result.status, why: result.why });
      if (outcome.bindTo !== undefined) {
        // The volume binder's PreBind: claims waiting for a first consumer are provisioned on this node first.
        preBindVolumes(this.#store, pod, outcome.bindTo);
        const waiting = { namespace, name, uid: pod.metadata!.uid!, node: outcome.bindTo, since: now, event: { ...outcome.event } };
        if (claimsBound(this.#store, pod)) this.#bind(waiting);
        else {
          this.#waiting.push(waiting);
          if (this.#waiting.length === 1) this.#engine.schedule(this.#recheck, VOLUME_RECHECK_MS, null);
        }
        continue;
      }
      this.#events.event(pod, outcome.event.type, outcome.event.reason, outcome.event.message);
      this.#markUnschedulable(namespace, name, outcome.condition!.message);
    }
    this.#wake();
  }

  #bind(w: WaitingBind): void {
    try {
      const pod = this.#store.bind(w.namespace, w.name, w.node);
      this.#core.bindingSucceeded(w.uid);
      this.#events.event(pod, w.event.type, w.event.reason, w.event.message);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      this.#core.bindingFailed(w.uid, this.#engine.now);
      this.#wake();
    }
  }

  #retryWaitingBinds(): void {
    const now = this.#engine.now;
    const still: WaitingBind[] = [];
    for (const w of this.#waiting) {
      const pod = this.#store.tryGet('Pod', w.namespace, w.name);
      if (pod === undefined || pod.metadata?.uid !== w.uid) {
        this.#core.bindingFailed(w.uid, now);
      } else if (claimsBound(this.#store, pod)) {
        this.#bind(w);
      } else if (now - w.since >= BIND_TIMEOUT_MS) {
        this.#core.bindingFailed(w.uid, now);
        this.#events.event(pod, 'Warning', 'FailedScheduling', 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded');
      } else still.push(w);
    }
    this.#waiting = still;
    if (still.length > 0) this.#engine.schedule(this.#recheck, VOLUME_RECHECK_MS, null);
    this.#wake();
  }

  /** Sets PodScheduled=False/Unschedulable on the pod's status, as the scheduler's failure handler does. */
  #markUnschedulable(namespace: string, name: string, message: string): void {
    const pod = this.#store.tryGet('Pod', namespace, name) as Pod | undefined;
    if (pod === undefined) return;
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const existing = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (existing?.status === 'False' && existing.message === message) return;
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
      lastTransitionTime: existing?.status === 'False' ? existing.lastTransitionTime : toRFC3339(this.#engine.now),
    };
    this.#store.updateStatus({ ...pod, status: { ...pod.status, phase: pod.status?.phase ?? 'Pending', conditions: [...conditions, condition] } } as never);
  }
}
