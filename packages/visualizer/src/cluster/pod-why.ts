// A pod's "why", from the past the ClusterHistory kept: every scheduling attempt (the
// kube-scheduler's why record: each filter plugin's verdict with the nodes it stopped, each
// feasible node's scores, the choice), its containers' state history as the kubelet posted it
// (with the CrashLoopBackOff waiting messages that carry the back-off timer), and its
// containers' memory at each metrics-server scrape against their limits.

import type { World } from '@dockyard/cli';
import { fromRFC3339 } from '@dockyard/runtime';
import { bytesOf, type WhyRecord } from '@dockyard/scheduler';
import type { ContainerChange, ClusterHistory, UsageSample } from '../history/cluster-history.ts';

export interface SchedulingAttempt {
  readonly t: number;
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
}

/** The "why" of a pod that exists now; undefined otherwise. */
export function podWhy(world: World, history: ClusterHistory, namespace: string, name: string): PodWhy | undefined {
  const pod = world.cluster.store.tryGet('Pod', namespace, name);
  if (pod === undefined) return undefined;
  const key = `${namespace}/${name}`;
  const uid = pod.metadata?.uid;
  const created = pod.metadata?.creationTimestamp === undefined ? 0 : fromRFC3339(pod.metadata.creationTimestamp);
  const attempts = history.decisions(key).map((r) => ({ t: r.t, status: String(r['status'] ?? ''), why: r['why'] as WhyRecord | undefined }));
  const usage = history.usage(key);
  const memory = (pod.spec?.containers ?? []).map((c) => {
    const limit = c.resources?.limits?.['memory'];
    return { container: c.name, limit: limit === undefined ? undefined : bytesOf(limit), samples: usage.filter((s) => s.container === c.name) };
  });
  return {
    namespace,
    name,
    node: pod.spec?.nodeName || undefined,
    // A pod recreated under the same name (a StatefulSet's) starts a new history at its creation
    // (creationTimestamp has whole seconds).
    attempts: attempts.filter((a) => a.t >= created),
    changes: history.changes(key).filter((c) => c.uid === uid),
    memory,
  };
}
