// The pod status a kubelet posts (k/k pkg/kubelet/kubelet_pods.go `generateAPIPodStatus`,
// `convertToAPIContainerStatuses`, `getPhase`; pkg/kubelet/status/generate.go):
// - containerStatuses (and initContainerStatuses) from the runtime's instances: running, or
//   terminated (Completed exit 0, Error, OOMKilled 137, StartError 128 as containerd reports
//   them), or waiting with the reason the last sync left (ContainerCreating, PodInitializing,
//   CrashLoopBackOff, ErrImagePull, ...); lastState is the instance before; restartCount, ready,
//   started, image and imageID as containerd names them, containerID `containerd://<id>`;
// - phase: Pending while initializing or any container waits for its first start, Running while
//   one runs (or all stopped but will restart), Succeeded/Failed by restartPolicy once none will;
// - conditions in the kubelet's order: PodReadyToStartContainers, Initialized, Ready,
//   ContainersReady, then the ones others own (PodScheduled, DisruptionTarget), with
//   lastTransitionTime kept while the status holds;
// - hostIP(s), podIP(s), startTime, qosClass.
// Pure: the same inputs give the same status, so an unchanged pod writes nothing.

import { toRFC3339 } from '@dockyard/runtime';
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { podQos } from './pod-cgroups.ts';
import type { ContainerRecord, PodRecord, Termination } from './pod-record.ts';
import { specOf } from './pod-record.ts';

/** A runtime instance as the status needs it. */
export interface InstanceView {
  running: boolean;
  startedAt?: number;
  finishedAt?: number;
  exitCode: number;
  oomKilled: boolean;
}

export interface StatusInput {
  pod: DeepReadonly<Pod>;
  record: PodRecord;
  hostIP: string;
  instance(id: string): InstanceView | undefined;
  /** The sandbox runs with its network set up. */
  sandboxReady: boolean;
  now: number;
}

/** A zero time.Time as the API prints it: what containerd gives a container that never started. */
export const ZERO_TIME = '1970-01-01T00:00:00Z';

/** How an instance ended, as containerd's CRI words it. */
export function terminationOf(record: ContainerRecord, id: string, instance: InstanceView | undefined): Termination | undefined {
  if (record.startError !== undefined && id === record.id) {
    return { exitCode: 128, reason: 'StartError', message: record.startError.message, startedAt: ZERO_TIME, finishedAt: toRFC3339(record.startError.at), containerID: `containerd://${id}` };
  }
  if (instance === undefined || instance.running || instance.finishedAt === undefined) return undefined;
  const reason = instance.oomKilled ? 'OOMKilled' : instance.exitCode === 0 ? 'Completed' : 'Error';
  return {
    exitCode: instance.exitCode,
    reason,
    startedAt: instance.startedAt === undefined ? ZERO_TIME : toRFC3339(instance.startedAt),
    finishedAt: toRFC3339(instance.finishedAt),
    containerID: `containerd://${id}`,
  };
}

function terminatedState(t: Termination): ContainerState {
  return { terminated: { containerID: t.containerID, exitCode: t.exitCode, finishedAt: t.finishedAt, ...(t.message === undefined ? {} : { message: t.message }), reason: t.reason, startedAt: t.startedAt } };
}

function containerStatus(input: StatusInput, record: ContainerRecord, defaultWaiting: string): ContainerStatus {
  const spec = specOf(input.pod, record);
  const instance = record.id === undefined ? undefined : input.instance(record.id);
  const lastState: ContainerState = record.last === undefined ? {} : terminatedState(record.last);
  let state: ContainerState;
  let last = lastState;
  const ended = record.id === undefined ? undefined : terminationOf(record, record.id, instance);
  if (instance?.running === true) {
    state = { running: { startedAt: toRFC3339(instance.startedAt ?? input.now) } };
  } else if (ended !== undefined) {
    if (record.waiting !== undefined) {
      state = { waiting: { reason: record.waiting.reason, ...(record.waiting.message === undefined ? {} : { message: record.waiting.message }) } };
      last = terminatedState(ended);
    } else {
      state = terminatedState(ended);
    }
  } else {
    const waiting = record.waiting ?? { reason: defaultWaiting };
    state = { waiting: { reason: waiting.reason, ...(waiting.message === undefined ? {} : { message: waiting.message }) } };
  }
  const status: ContainerStatus = {
    name: record.name,
    image: record.image ?? spec?.image ?? '',
    imageID: record.imageID ?? '',
    ...(record.id === undefined ? {} : { containerID: `containerd://${record.id}` }),
    // A finished init container counts as ready (kubelet_pods.go).
    ready: record.kind === 'init' ? state.terminated?.exitCode === 0 : instance?.running === true && record.ready,
    started: instance?.running === true && record.started,
    restartCount: record.restartCount,
    state,
    lastState: last,
  };
  const resources = spec?.resources;
  if (resources !== undefined && (resources.requests !== undefined || resources.limits !== undefined)) {
    // InPlacePodVerticalScaling (beta, on in v1.33) reports what the container was given.
    if (resources.requests !== undefined) status.allocatedResources = { ...resources.requests };
    status.resources = {
      ...(resources.limits === undefined ? {} : { limits: { ...resources.limits } }),
      ...(resources.requests === undefined ? {} : { requests: { ...resources.requests } }),
    };
  }
  const mounts = spec?.volumeMounts ?? [];
  if (mounts.length > 0) {
    status.volumeMounts = mounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  }
  return status;
}

/** What getPhase decides from the regular containers' statuses. */
export function podPhase(pod: DeepReadonly<Pod>, statuses: readonly ContainerStatus[], initializing: boolean, initFailed: boolean): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (initFailed && policy === 'Never') return 'Failed';
  if (initializing) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running !== undefined) running++;
    else if (s.state?.terminated !== undefined) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, ok: boolean, previous: DeepReadonly<PodStatus> | undefined, now: number, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous?.conditions?.find((c) => c.type === type);
  const transition = old !== undefined && old.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : toRFC3339(now);
  return { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: transition, ...(reason === undefined ? {} : { reason }), ...(message === undefined ? {} : { message }) };
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** The status to post for the pod now. */
export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, record, now } = input;
  const previous = pod.status;
  const hasInit = record.containers.some((c) => c.kind !== 'regular');
  const initStatuses: ContainerStatus[] = [];
  const statuses: ContainerStatus[] = [];
  let initializing = false;
  let initFailed = false;
  const pendingInit: string[] = [];
  for (const c of record.containers) {
    if (c.kind === 'regular') {
      statuses.push(containerStatus(input, c, hasInit ? 'PodInitializing' : 'ContainerCreating'));
      continue;
    }
    const s = containerStatus(input, c, 'PodInitializing');
    initStatuses.push(s);
    const done = c.kind === 'sidecar' ? s.started === true : s.state?.terminated?.exitCode === 0;
    if (!done) {
      pendingInit.push(c.name);
      initializing = true;
      const failed = s.state?.terminated !== undefined ? s.state.terminated.exitCode !== 0 : s.lastState?.terminated !== undefined && s.lastState.terminated.exitCode !== 0;
      if (c.kind === 'init' && failed) initFailed = true;
    }
  }
  // A pod that finished once stays finished; a node-pressure eviction fails it.
  let phase = record.evicted !== undefined ? 'Failed' : (record.terminal ?? podPhase(pod, statuses, initializing, initFailed));
  if (record.terminal === undefined && (phase === 'Succeeded' || phase === 'Failed') && previous?.phase !== undefined && previous.phase !== phase && (previous.phase === 'Succeeded' || previous.phase === 'Failed')) {
    phase = previous.phase;
  }
  const completed = phase === 'Succeeded';
  const unready = [...record.containers.filter((c) => c.kind === 'sidecar'), ...record.containers.filter((c) => c.kind === 'regular')]
    .filter((c) => {
      const s = (c.kind === 'regular' ? statuses : initStatuses).find((x) => x.name === c.name);
      return s?.ready !== true;
    })
    .map((c) => c.name);
  const containersReady = unready.length === 0 && !completed && phase !== 'Failed';
  const notReadyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const gates = pod.spec?.readinessGates ?? [];
  const missingGates = gates.filter((g) => previous?.conditions?.find((c) => c.type === g.conditionType)?.status !== 'True');
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', input.sandboxReady, previous, now),
    initializing
      ? condition('Initialized', false, previous, now, 'ContainersNotInitialized', `containers with incomplete status: [${pendingInit.join(' ')}]`)
      : condition('Initialized', true, previous, now, completed && hasInit ? 'PodCompleted' : undefined),
    containersReady && missingGates.length > 0
      ? condition('Ready', false, previous, now, 'ReadinessGatesNotReady', `corresponding condition of pod readiness gate ${JSON.stringify(missingGates[0]!.conditionType)} does not exist.`)
      : condition('Ready', containersReady, previous, now, containersReady ? undefined : notReadyReason, containersReady ? undefined : notReadyMessage),
    condition('ContainersReady', containersReady, previous, now, containersReady ? undefined : notReadyReason, containersReady ? undefined : notReadyMessage),
  ];
  for (const other of previous?.conditions ?? []) if (!KUBELET_CONDITIONS.has(other.type)) conditions.push({ ...(other as PodCondition) });
  if (record.evicted !== undefined && !conditions.some((c) => c.type === 'DisruptionTarget')) {
    conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: toRFC3339(now), reason: 'TerminationByKubelet', message: record.evicted.message });
  }
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(record.podIP === undefined ? {} : { podIP: record.podIP, podIPs: [{ ip: record.podIP }] }),
    startTime: toRFC3339(record.startTime),
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: podQos(pod),
    ...(record.evicted === undefined ? {} : { reason: 'Evicted', message: record.evicted.message }),
  };
  if (previous?.nominatedNodeName !== undefined) status.nominatedNodeName = previous.nominatedNodeName;
  return status;
}
