// What the "why" panels need from the past, which the engine itself does not keep: the API store
// holds only each object's present, and metrics-server only its newest sample. The page registers
// one ClusterHistory on every world it builds; it listens to the engine (Pod watch events, and log
// records as they are appended) and keeps, in virtual-time order:
//   - each container's state changes (waiting with reason and message, running, terminated with
//     reason and exit code, ready, restart count), as the kubelet posts them to the Pod's status;
//   - each container's CPU and memory at every metrics-server scrape (every 15 s);
//   - each Deployment's pod counts (all, new, available) whenever one of its ReplicaSets changes;
//   - the scheduler's decision records per pod.
// It never writes to the store or the log and schedules no task, so the event log is the same with
// or without it. It is a component like any other: its snapshot is how many entries it held, and a
// restore (a rewind) drops the ones recorded after; the log and its state only grow along a branch
// of history and a checkpoint is only restored on its own branch (see TimeMachine).

import type { World } from '@dockyard/cli';
import type { EngineComponent, LogRecord } from '@dockyard/runtime';
import type { Stored, WatchEvent } from '@dockyard/scheduler';
import type { ContainerState, ContainerStatus } from 'kubernetes-types/core/v1';
import { rolloutOf } from '../cluster/rollout.ts';

export interface ContainerChange {
  readonly seq: number;
  readonly t: number;
  readonly uid: string;
  readonly container: string;
  readonly init: boolean;
  readonly state: 'waiting' | 'running' | 'terminated';
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly exitCode: number | undefined;
  readonly ready: boolean;
  readonly restartCount: number;
  /** RFC 3339 times the kubelet reported. */
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
}

/** A Deployment's pod counts after a change of one of its ReplicaSets (see cluster/rollout.ts). */
export interface RolloutSample {
  readonly seq: number;
  readonly t: number;
  /** Pods of every ReplicaSet, and of the new one. */
  readonly current: number;
  readonly updated: number;
  readonly available: number;
  readonly ceiling: number;
  readonly floor: number;
}

export interface UsageSample {
  readonly seq: number;
  readonly t: number;
  readonly container: string;
  readonly memoryBytes: number;
  readonly cpuMillicores: number;
}

interface Indexed {
  readonly seq: number;
  readonly record: LogRecord;
}

const DECISION_RECORD = 'k8s.scheduler.decision';
const SCRAPE_RECORD = 'metrics-server.scrape';

/** Keeps at most this many usage samples per pod (an hour of 15 s scrapes); the oldest go first. */
const MAX_SAMPLES_PER_POD = 240;

function signature(status: ContainerStatus): string {
  const { waiting, running, terminated } = status.state ?? {};
  const state = terminated
    ? `t:${terminated.reason}:${terminated.exitCode}:${terminated.finishedAt}`
    : running
      ? `r:${running.startedAt}`
      : `w:${waiting?.reason}:${waiting?.message}`;
  return `${state}|${status.ready}|${status.restartCount}|${status.lastState?.terminated?.finishedAt ?? ''}`;
}

export class ClusterHistory implements EngineComponent {
  readonly name = 'visualizer-history';
  readonly #world: World;
  #seq = 0;
  /** By `namespace/name`. */
  readonly #changes = new Map<string, ContainerChange[]>();
  readonly #usage = new Map<string, UsageSample[]>();
  readonly #decisions = new Map<string, Indexed[]>();
  readonly #rollouts = new Map<string, RolloutSample[]>();
  /** The last signature seen per `uid/container`. */
  #last = new Map<string, string>();

  constructor(world: World) {
    this.#world = world;
    world.engine.register(this);
    world.cluster.store.watch('Pod', {}, (event) => this.#onPod(event as WatchEvent<Stored<'Pod'>>));
    world.cluster.store.watch('ReplicaSet', {}, (event) => this.#onReplicaSet(event as WatchEvent<Stored<'ReplicaSet'>>));
    world.engine.bus.on('record', (record) => this.#onRecord(record));
  }

  /** A Deployment's pod counts over time, oldest first (`namespace/name`). */
  rollout(deployment: string): readonly RolloutSample[] {
    return this.#rollouts.get(deployment) ?? [];
  }

  /** Container state changes of a pod, oldest first. */
  changes(pod: string): readonly ContainerChange[] {
    return this.#changes.get(pod) ?? [];
  }

  /** CPU and memory samples of a pod's containers, oldest first. */
  usage(pod: string): readonly UsageSample[] {
    return this.#usage.get(pod) ?? [];
  }

  /** The scheduler's decisions about a pod (`k8s.scheduler.decision` records), oldest first. */
  decisions(pod: string): readonly LogRecord[] {
    return (this.#decisions.get(pod) ?? []).map((d) => d.record);
  }

  snapshot(): { seq: number } {
    return { seq: this.#seq };
  }

  restore(state: unknown): void {
    const seq = (state as { seq?: unknown } | null)?.seq;
    if (typeof seq !== 'number') throw new Error(`${this.name} snapshot is not an object with a seq number`);
    const keep = <T extends { seq: number }>(list: T[]) => {
      while (list.length > 0 && list.at(-1)!.seq >= seq) list.pop();
    };
    for (const map of [this.#changes, this.#usage, this.#decisions, this.#rollouts] as Map<string, { seq: number }[]>[]) {
      for (const [key, list] of map) {
        keep(list);
        if (list.length === 0) map.delete(key);
      }
    }
    this.#seq = seq;
    // What each container looked like last is what the restored pods say.
    this.#last = new Map();
    for (const pod of this.#world.cluster.store.list('Pod').items) this.#remember(pod);
  }

  #remember(pod: Stored<'Pod'>): void {
    const uid = pod.metadata?.uid ?? '';
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      this.#last.set(`${uid}/${status.name}`, signature(status as ContainerStatus));
    }
  }

  #onPod(event: WatchEvent<Stored<'Pod'>>): void {
    if (event.type === 'DELETED') return;
    const pod = event.object;
    const key = `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
    const uid = pod.metadata?.uid ?? '';
    const t = this.#world.engine.now;
    const lists: [readonly ContainerStatus[] | undefined, boolean][] = [
      [pod.status?.initContainerStatuses as ContainerStatus[] | undefined, true],
      [pod.status?.containerStatuses as ContainerStatus[] | undefined, false],
    ];
    for (const [statuses, init] of lists) {
      for (const status of statuses ?? []) {
        const id = `${uid}/${status.name}`;
        const sig = signature(status);
        if (this.#last.get(id) === sig) continue;
        const before = this.#last.get(id);
        this.#last.set(id, sig);
        // A container restarted between two posts (the kubelet restarts a first crash at once)
        // shows its end only in lastState: that termination comes first.
        const previous = status.lastState?.terminated;
        const seen = previous !== undefined && (before?.startsWith(`t:${previous.reason}:${previous.exitCode}:${previous.finishedAt}|`) || before?.endsWith(`|${previous.finishedAt}`));
        if (previous?.finishedAt && !seen && !status.state?.terminated) {
          push(this.#changes, key, this.#change(t, uid, status, init, { terminated: previous }));
        }
        push(this.#changes, key, this.#change(t, uid, status, init, status.state ?? {}));
      }
    }
  }

  #change(t: number, uid: string, status: ContainerStatus, init: boolean, state: ContainerState): ContainerChange {
    const { waiting, running, terminated } = state;
    return {
      seq: this.#seq++,
      t,
      uid,
      container: status.name,
      init,
      state: terminated ? 'terminated' : running ? 'running' : 'waiting',
      reason: terminated?.reason ?? waiting?.reason,
      message: terminated?.message ?? waiting?.message,
      exitCode: terminated?.exitCode,
      ready: terminated ? false : status.ready,
      restartCount: status.restartCount,
      startedAt: running?.startedAt ?? terminated?.startedAt,
      finishedAt: terminated?.finishedAt,
    };
  }

  #onReplicaSet(event: WatchEvent<Stored<'ReplicaSet'>>): void {
    const owner = event.object.metadata?.ownerReferences?.find((r) => r.kind === 'Deployment' && r.controller);
    const namespace = event.object.metadata?.namespace ?? 'default';
    const deployment = owner === undefined ? undefined : this.#world.cluster.store.tryGet('Deployment', namespace, owner.name);
    if (deployment === undefined) return;
    const r = rolloutOf(this.#world, deployment);
    const key = `${namespace}/${owner!.name}`;
    const last = this.#rollouts.get(key)?.at(-1);
    const t = this.#world.engine.now;
    if (last !== undefined && last.current === r.current && last.updated === r.updated && last.available === r.available && last.ceiling === r.ceiling && last.floor === r.floor) return;
    push(this.#rollouts, key, { seq: this.#seq++, t, current: r.current, updated: r.updated, available: r.available, ceiling: r.ceiling, floor: r.floor });
  }

  #onRecord(record: LogRecord): void {
    switch (record.type) {
      case SCRAPE_RECORD:
        for (const pod of this.#world.cluster.metrics.pods()) {
          const key = `${pod.namespace}/${pod.name}`;
          for (const c of pod.containers) {
            push(this.#usage, key, { seq: this.#seq++, t: record.t, container: c.name, memoryBytes: c.memoryBytes, cpuMillicores: c.cpuMillicores });
          }
          const list = this.#usage.get(key)!;
          if (list.length > MAX_SAMPLES_PER_POD * pod.containers.length) list.splice(0, pod.containers.length);
        }
        break;
      case DECISION_RECORD:
        if (typeof record['pod'] === 'string') push(this.#decisions, record['pod'], { seq: this.#seq++, record });
        break;
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
