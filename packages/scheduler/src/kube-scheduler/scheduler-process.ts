// kube-scheduler as a process of the cluster: it watches the API store, feeds the scheduling core
// (KubeScheduler), runs scheduling cycles on engine tasks, binds through pods/binding, and records
// what it decided: a Kubernetes Event for kubectl, the pod's PodScheduled condition when nothing
// fits, and the full "why" record in the event log for describe and the visualizer.

import { type Engine, type EngineComponent, type TaskKind, toRFC3339 } from '@dockyard/runtime';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { KubeScheduler, type KubeSchedulerSnapshot, type WatchEventType } from './kube-scheduler.ts';
import type { WorkloadKind } from './scheduler-cache.ts';

const WORKLOADS: readonly WorkloadKind[] = ['Service', 'ReplicaSet', 'StatefulSet'];

export class SchedulerProcess implements EngineComponent {
  readonly name = 'kube-scheduler';
  #core: KubeScheduler;
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventRecorder;
  readonly #cycle: TaskKind<null>;
  /** The pending cycle or wake-up task, so that only one is ever queued. */
  #task: { id: number; at: number } | undefined;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#core = new KubeScheduler({ random: engine.random, startedAt: engine.now });
    this.#events = new EventRecorder(engine, store, { component: 'default-scheduler' });
    this.#cycle = engine.defineTask('kube-scheduler.cycle', () => this.#runCycles());
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
    store.watch('Pod', {}, (e) => {
      this.#core.onPod(type(e.type), e.object as Pod, engine.now, e.previous as Pod | undefined);
      this.#wake();
    });
  }

  snapshot(): unknown {
    return { core: this.#core.snapshot(), task: this.#task ?? null };
  }

  restore(state: unknown): void {
    const saved = state as { core: KubeSchedulerSnapshot; task: { id: number; at: number } | null };
    this.#core = KubeScheduler.restore({ random: this.#engine.random }, saved.core);
    this.#task = saved.task ?? undefined;
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
        try {
          this.#store.bind(namespace, name, outcome.bindTo);
          this.#core.bindingSucceeded(pod.metadata!.uid!);
          this.#events.event(pod, outcome.event.type, outcome.event.reason, outcome.event.message);
        } catch (error) {
          if (!(error instanceof StatusError)) throw error;
          this.#core.bindingFailed(pod.metadata!.uid!, now);
        }
        continue;
      }
      this.#events.event(pod, outcome.event.type, outcome.event.reason, outcome.event.message);
      this.#markUnschedulable(namespace, name, outcome.condition!.message);
    }
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
