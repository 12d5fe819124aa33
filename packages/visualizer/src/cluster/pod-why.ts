// A pod's "why", from the past the ClusterHistory kept: every scheduling attempt (the
// kube-scheduler's why record: each filter plugin's verdict with the nodes it stopped, each
// feasible node's scores, the choice), its containers' state history as the kubelet posted it
// (with the CrashLoopBackOff waiting messages that carry the back-off timer), and its
// containers' memory at each metrics-server scrape against their limits.

import type { World } from '@dockyard/cli';
import { fromRFC3339, type LogRecord } from '@dockyard/runtime';
import { bytesOf, type Stored, type WhyRecord } from '@dockyard/scheduler';
import type { ContainerChange, ClusterHistory, UsageSample } from '../history/cluster-history.ts';
import { imageEntry, imagePick } from './image-layers.ts';

/** One scheduling attempt, or a run of attempts in a row that came to the same verdict. */
export interface SchedulingAttempt {
  /** 1 for the pod's first attempt. */
  readonly number: number;
  readonly t: number;
  /** How many attempts in a row this stands for (a pod that fits nowhere is retried with back-off). */
  readonly count: number;
  /** When the last of them ran. */
  readonly lastT: number;
  /** `Scheduled` or `Unschedulable`. */
  readonly status: string;
  readonly why: WhyRecord | undefined;
}

export interface MemoryTrack {
  readonly container: string;
  /** resources.limits.memory in bytes; undefined when the container has none. */
  readonly limit: number | undefined;
  readonly samples: readonly UsageSample[];
}

export interface PodWhy {
  readonly namespace: string;
  readonly name: string;
  readonly node: string | undefined;
  readonly attempts: readonly SchedulingAttempt[];
  /** This pod's (its uid's) container state changes, oldest first. */
  readonly changes: readonly ContainerChange[];
  readonly memory: readonly MemoryTrack[];
  /** Each container's image and where the Images tab shows it (its node's copy). */
  readonly images: readonly ContainerImage[];
}

export interface ContainerImage {
  readonly container: string;
  readonly init: boolean;
  /** As the pod's spec names it. */
  readonly image: string;
  /** The Images tab's pick for the node's copy; undefined before the node has it (pulling, ErrImagePull). */
  readonly pick: string | undefined;
}

/** The "why" of a pod that exists now; undefined otherwise. */
export function podWhy(world: World, history: ClusterHistory, namespace: string, name: string): PodWhy | undefined {
  const pod = world.cluster.store.tryGet('Pod', namespace, name);
  if (pod === undefined) return undefined;
  const key = `${namespace}/${name}`;
  const uid = pod.metadata?.uid;
  // A pod recreated under the same name (a StatefulSet's) starts a new history at its creation
  // (creationTimestamp has whole seconds).
  const created = pod.metadata?.creationTimestamp === undefined ? 0 : fromRFC3339(pod.metadata.creationTimestamp);
  const attempts = groupAttempts(history.decisions(key).filter((r) => r.t >= created));
  const usage = history.usage(key);
  const memory = (pod.spec?.containers ?? []).map((c) => {
    const limit = c.resources?.limits?.['memory'];
    return { container: c.name, limit: limit === undefined ? undefined : bytesOf(limit), samples: usage.filter((s) => s.container === c.name) };
  });
  return {
    namespace,
    name,
    node: pod.spec?.nodeName || undefined,
    attempts,
    changes: history.changes(key).filter((c) => c.uid === uid),
    memory,
    images: containerImages(world, pod),
  };
}

function containerImages(world: World, pod: Stored<'Pod'>): ContainerImage[] {
  const node = pod.spec?.nodeName;
  const containers = [...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })), ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false }))];
  return containers.map(({ c, init }) => {
    const entry = node ? imageEntry(world, node, c.image ?? '') : undefined;
    return { container: c.name, init, image: c.image ?? '', pick: entry === undefined ? undefined : imagePick(entry.where, entry.reference) };
  });
}

/** What makes two attempts' verdicts the same: status, the filters' rejections, the choice. */
function verdict(status: string, why: WhyRecord | undefined): string {
  return JSON.stringify([status, why?.preFilter, why?.rejected, why?.chosen, why?.feasible]);
}

function groupAttempts(records: readonly LogRecord[]): SchedulingAttempt[] {
  const groups: (SchedulingAttempt & { key: string })[] = [];
  records.forEach((r, i) => {
    const status = String(r['status'] ?? '');
    const why = r['why'] as WhyRecord | undefined;
    const key = verdict(status, why);
    const last = groups.at(-1);
    if (last !== undefined && last.key === key) groups[groups.length - 1] = { ...last, count: last.count + 1, lastT: r.t, why };
    else groups.push({ key, number: i + 1, t: r.t, count: 1, lastT: r.t, status, why });
  });
  return groups.map(({ key: _key, ...attempt }) => attempt);
}
