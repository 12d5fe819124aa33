// A pod as the cluster map draws it: kubectl's STATUS and READY (the CLI's own `summarizePod`, so
// the text is exactly `kubectl get pods`'s) and the look that goes with it. The look never rests
// on colour alone: each kind has an icon and a word too, listed in the legend.

import { summarizePod } from '@dockyard/cli';
import type { DeepReadonly } from '@dockyard/scheduler';
import type { Pod } from 'kubernetes-types/core/v1';
import { perObject } from './per-object.ts';

/**
 * ready: Running with every container ready (the only green). unready: Running (or NotReady) with
 * a container not ready: pulsing. pending: waiting to be scheduled or to start. failed: crashing,
 * unable to pull, exited with an error, OOM-killed, lost. completed: finished with success.
 * terminating: being deleted.
 */
export type PodLook = 'ready' | 'unready' | 'pending' | 'failed' | 'completed' | 'terminating';

export interface LookInfo {
  readonly look: PodLook;
  /** What the legend says. */
  readonly label: string;
  /** A character shown on the chip, so the kind reads without colour. */
  readonly icon: string;
}

export const LEGEND: readonly LookInfo[] = [
  { look: 'ready', label: 'Running, all containers ready', icon: '✓' },
  { look: 'unready', label: 'Running, not ready', icon: '◐' },
  { look: 'pending', label: 'Pending / ContainerCreating', icon: '…' },
  { look: 'failed', label: 'CrashLoopBackOff / ImagePullBackOff / Error / OOMKilled', icon: '✕' },
  { look: 'completed', label: 'Completed', icon: '■' },
  { look: 'terminating', label: 'Terminating', icon: '⊖' },
];

const ICONS = new Map(LEGEND.map((l) => [l.look, l.icon]));

/** STATUS texts of a pod on its way up (kubectl's waiting reasons and phases). */
const STARTING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated', '']);

export interface PodChip {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name` */
  readonly key: string;
  readonly uid: string;
  /** kubectl's STATUS cell. */
  readonly status: string;
  /** kubectl's READY cell (`1/2`). */
  readonly ready: string;
  /** Total restarts (kubectl's RESTARTS without the "ago"). */
  readonly restarts: number;
  readonly look: PodLook;
  readonly icon: string;
  readonly node: string | undefined;
}

/** Which look a kubectl STATUS and READY cell give. */
export function lookOf(status: string, ready: string): PodLook {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed') return 'completed';
  if (STARTING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'pending';
  if (status === 'Running') {
    const [up, all] = ready.split('/');
    return up === all ? 'ready' : 'unready';
  }
  if (status === 'NotReady') return 'unready';
  return 'failed';
}

/** The chip of a pod, the same object while the pod is (see perObject); RESTARTS is read as a count only, so no clock is needed. */
export const podChip = perObject(derivePodChip);

function derivePodChip(pod: DeepReadonly<Pod>): PodChip {
  const summary = summarizePod(pod as Pod, 0);
  let look = lookOf(summary.status, summary.ready);
  // kubectl still prints Running 1/1 for a pod on a node that stopped answering, but the node
  // lifecycle controller has set its Ready condition False and taken it out of its Services'
  // endpoints: it is not drawn green.
  if (look === 'ready' && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False')) look = 'unready';
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  return {
    namespace,
    name,
    key: `${namespace}/${name}`,
    uid: pod.metadata?.uid ?? '',
    status: summary.status,
    ready: summary.ready,
    restarts: Number.parseInt(summary.restarts, 10) || 0,
    look,
    icon: ICONS.get(look)!,
    node: pod.spec?.nodeName || undefined,
  };
}
