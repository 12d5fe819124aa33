// What a kubelet remembers of each pod it runs, as plain JSON (snapshots carry it): the pod's
// sandbox and address, and for each container its latest runtime instance, the instance before
// (kept for `kubectl logs --previous` until the next restart replaces it), the restart count, the
// last termination, the reason the last sync left (CrashLoopBackOff, ErrImagePull, ...), probe
// results, and faults injected into it. The runtime holds the instances' own state.

import type { FailingEndpoint } from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import type { ProbeState, ProbeType } from './probes.ts';

/** Init containers run to completion in order; sidecars are init containers with restartPolicy Always. */
export type ContainerKind = 'init' | 'sidecar' | 'regular';

export interface Termination {
  exitCode: number;
  reason: string;
  message?: string;
  /** RFC 3339, as the API shows them (a StartError's startedAt is the zero Unix time). */
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

export interface ContainerRecord {
  name: string;
  kind: ContainerKind;
  /** Runtime id of the latest instance. */
  id?: string;
  /** Runtime id of the instance before it (`logs --previous`). */
  previousId?: string;
  /** `docker.io/library/nginx:1.25` and `docker.io/library/nginx@sha256:…` of the latest instance. */
  image?: string;
  imageID?: string;
  /** Starts before the latest instance: the restartCount the API shows. */
  restartCount: number;
  /** The instance before the latest, as lastState shows it. */
  last?: Termination;
  /** Why the container waits, as the last sync left it (the kubelet's reason cache). */
  waiting?: { reason: string; message?: string };
  /** The latest instance never ran: runc refused it (StartError). */
  startError?: { message: string; at: number };
  /** The startup probe passed (or there is none) while the instance runs. */
  started: boolean;
  ready: boolean;
  probes: Partial<Record<ProbeType, ProbeState>>;
  /** The instance whose restart the crash-loop back-off let through (it may wait for a pull). */
  restartOf?: string;
  /** A probe asked for this instance to be killed and restarted. */
  killedBy?: ProbeType;
  /** The memory-leak fault, in bytes per second: applies to every new instance. */
  leak?: number;
  /** The break-readiness fault's endpoint: every new instance stops answering it too. */
  failing?: FailingEndpoint;
}

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  /** Runtime id of the pause container. */
  sandbox?: string;
  sandboxAttempt: number;
  podIP?: string;
  /** When the kubelet first took the pod on (status.startTime). */
  startTime: number;
  containers: ContainerRecord[];
  /** Volumes are set up on the host. */
  volumesReady: boolean;
  /** The volume manager's retry back-off after a failed mount (500 ms doubling to 2m2s). */
  mountRetryMs?: number;
  /** Being stopped: since when, with how much grace. */
  terminating?: { since: number; graceMs: number };
  /** Succeeded or Failed: nothing runs any more. */
  terminal?: 'Succeeded' | 'Failed';
  /** Node-pressure eviction: the status reason and message. */
  evicted?: { message: string };
  /** Wants a status refresh one PLEG relist (1 s) after this sync's actions. */
  dirty?: boolean;
}

export function containerKind(container: DeepReadonly<Container>, init: boolean): ContainerKind {
  if (!init) return 'regular';
  return container.restartPolicy === 'Always' ? 'sidecar' : 'init';
}

/** A fresh record for a pod the kubelet takes on. */
export function newPodRecord(pod: DeepReadonly<Pod>, now: number): PodRecord {
  const containers: ContainerRecord[] = [];
  for (const c of pod.spec?.initContainers ?? []) containers.push({ name: c.name, kind: containerKind(c, true), restartCount: 0, started: false, ready: false, probes: {} });
  for (const c of pod.spec?.containers ?? []) containers.push({ name: c.name, kind: 'regular', restartCount: 0, started: false, ready: false, probes: {} });
  return {
    uid: pod.metadata!.uid!,
    namespace: pod.metadata!.namespace!,
    name: pod.metadata!.name!,
    sandboxAttempt: 0,
    startTime: now,
    containers,
    volumesReady: false,
  };
}

/** The spec of a recorded container. */
export function specOf(pod: DeepReadonly<Pod>, record: ContainerRecord): DeepReadonly<Container> | undefined {
  const list = record.kind === 'regular' ? pod.spec?.containers : pod.spec?.initContainers;
  return list?.find((c) => c.name === record.name);
}

/** `spec.containers{app}` / `spec.initContainers{init}`: where events about a container point. */
export function fieldPathOf(record: ContainerRecord): string {
  return `${record.kind === 'regular' ? 'spec.containers' : 'spec.initContainers'}{${record.name}}`;
}
