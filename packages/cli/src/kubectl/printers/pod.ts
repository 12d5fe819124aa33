// `kubectl get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS
// GATES. STATUS and RESTARTS follow printPod step by step (init containers, the first regular
// container's state winning, Completed-but-running, Terminating/Unknown).
// [k/k pkg/printers/internalversion/printers.go `printPod`, reference §1 and §8]
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { formatAge, timeOf } from './age.ts';
import { defineTablePrinter, AGE_COLUMN, NAME_COLUMN } from './table-printer.ts';

export interface PodSummary {
  /** READY: `1/2`. */
  readonly ready: string;
  /** STATUS: `Running`, `CrashLoopBackOff`, `Init:1/2`, `Terminating`, ... */
  readonly status: string;
  /** RESTARTS: `0`, `3 (42s ago)`. */
  readonly restarts: string;
}

/** The READY, STATUS and RESTARTS cells of a pod at virtual time `now`. */
export function summarizePod(pod: Pod, now: number): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: string | undefined;
  let lastRestartableInitRestart: string | undefined;

  const phase = status.phase ?? '';
  let reason = status.reason !== undefined && status.reason !== '' ? status.reason : phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const container of spec?.initContainers ?? []) {
    initContainers.set(container.name, container);
    if (isRestartable(container)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]!;
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, lastFinishedAt(container));
    const restartable = isRestartable(initContainers.get(container.name));
    if (restartable) {
      restartableInitRestarts += container.restartCount ?? 0;
      lastRestartableInitRestart = later(lastRestartableInitRestart, lastFinishedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      if (terminated.reason === undefined || terminated.reason === '') {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason !== undefined && waiting.reason !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // From the last container to the first, so the first container's state wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      lastRestart = later(lastRestart, lastFinishedAt(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason !== undefined && waiting.reason !== '') {
        reason = waiting.reason;
      } else if (terminated?.reason !== undefined && terminated.reason !== '') {
        reason = terminated.reason;
      } else if (terminated !== undefined) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${formatAge(lastRestart, now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** The pod's STATUS cell alone. */
export function podStatusReason(pod: Pod): string {
  return summarizePod(pod, 0).status;
}

export const podTablePrinter = defineTablePrinter<Pod>({
  group: '',
  kind: 'Pod',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE_COLUMN,
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  cells(pod, now) {
    const summary = summarizePod(pod, now);
    const podIP = pod.status?.podIPs?.[0]?.ip ?? '';
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = '<none>';
    if (gates.length > 0) {
      let satisfied = 0;
      for (const gate of gates) {
        const condition = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
        if (condition?.status === 'True') satisfied++;
      }
      readinessGates = `${satisfied}/${gates.length}`;
    }
    return [
      pod.metadata?.name,
      summary.ready,
      summary.status,
      summary.restarts,
      formatAge(pod.metadata?.creationTimestamp, now),
      podIP === '' ? '<none>' : podIP,
      nonEmpty(pod.spec?.nodeName),
      nonEmpty(pod.status?.nominatedNodeName),
      readinessGates,
    ];
  },
});

function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** The later of two timestamps (an unset or unreadable one never wins). */
function later(current: string | undefined, candidate: string | undefined): string | undefined {
  const candidateTime = timeOf(candidate);
  if (candidateTime === undefined) return current;
  const currentTime = timeOf(current);
  return currentTime === undefined || currentTime < candidateTime ? candidate : current;
}

function nonEmpty(text: string | undefined): string {
  return text === undefined || text === '' ? '<none>' : text;
}

function lastFinishedAt(status: ContainerStatus): string | undefined {
  return status.lastState?.terminated?.finishedAt;
}
