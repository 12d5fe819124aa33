// How the kubelet stops a container (k/k pkg/kubelet/kuberuntime/kuberuntime_container.go
// `killContainer`): a Normal `Killing` event (`Stopping container app`, or the probe's
// `Container app failed liveness probe, will be restarted`), the preStop hook (exec, httpGet or
// sleep) inside the grace period, then the image's stop signal (SIGTERM unless STOPSIGNAL says
// otherwise) and SIGKILL when the rest of the grace period is over. A pod's grace period is its
// deletionGracePeriodSeconds (terminationGracePeriodSeconds, 30 s by default); a liveness or
// startup probe kill may use the probe's own terminationGracePeriodSeconds; node-pressure
// evictions use 0 (reference §2, §3).

import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';

/** The shortest time left for the stop signal after a preStop hook ran long (minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_AFTER_PRESTOP_MS = 2000;

/** The grace period to stop a pod's containers with when it is deleted. */
export function podGraceMs(pod: DeepReadonly<Pod>): number {
  const seconds = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, seconds) * 1000;
}

/** The grace period of a kill a failed liveness or startup probe asks for. */
export function probeKillGraceMs(pod: DeepReadonly<Pod>, probe: DeepReadonly<Probe> | undefined): number {
  const seconds = probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, seconds) * 1000;
}

export type PreStopAction = { kind: 'none' } | { kind: 'exec'; command: string[] } | { kind: 'http'; port: number | string; path: string } | { kind: 'sleep'; ms: number };

export function preStopAction(container: DeepReadonly<Container>): PreStopAction {
  const hook = container.lifecycle?.preStop;
  if (hook === undefined) return { kind: 'none' };
  if (hook.exec !== undefined) return { kind: 'exec', command: [...(hook.exec.command ?? [])] };
  if (hook.httpGet !== undefined) return { kind: 'http', port: hook.httpGet.port, path: hook.httpGet.path ?? '/' };
  const sleep = (hook as { sleep?: { seconds: number } }).sleep;
  if (sleep !== undefined) return { kind: 'sleep', ms: sleep.seconds * 1000 };
  return { kind: 'none' };
}

/** The Killing event's message. */
export function killingMessage(container: string, cause: 'stop' | 'liveness' | 'startup'): string {
  if (cause === 'stop') return `Stopping container ${container}`;
  return `Container ${container} failed ${cause} probe, will be restarted`;
}
