// What controllers ask of a Pod, as k/k's `pkg/api/v1/pod/util.go` (IsPodReady, IsPodAvailable,
// UpdatePodCondition) and `pkg/controller/controller_utils.go` (IsPodActive, IsPodTerminating)
// answer it, plus the ownerReference helpers of apimachinery's `metav1` (GetControllerOf,
// NewControllerRef).

import { fromRFC3339, toRFC3339 } from '@dockyard/runtime';
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { deepCopy, type DeepReadonly, type KubeObject, type Mutable, type Stored } from '../api/kinds.ts';

export type PodView = Stored<'Pod'>;

/** Not finished and not being deleted: what a ReplicaSet or Job counts (IsPodActive). */
export function isPodActive(pod: PodView): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** Being deleted but not finished (IsPodTerminating): the `terminating` count of a Job. */
export function isPodTerminating(pod: PodView): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp !== undefined;
}

export function podCondition(status: DeepReadonly<PodStatus> | undefined, type: string): DeepReadonly<PodCondition> | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** The Ready condition is True. */
export function isPodReady(pod: PodView): boolean {
  return podCondition(pod.status, 'Ready')?.status === 'True';
}

/** When the pod last became Ready (virtual ms, whole seconds as stored), or undefined when not ready. */
export function podReadyTime(pod: PodView): number | undefined {
  const ready = podCondition(pod.status, 'Ready');
  if (ready?.status !== 'True' || ready.lastTransitionTime === undefined) return undefined;
  return fromRFC3339(ready.lastTransitionTime);
}

/**
 * Ready for longer than minReadySeconds (IsPodAvailable): the ready transition plus
 * minReadySeconds must lie strictly before `now`.
 */
export function isPodAvailable(pod: PodView, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podCondition(pod.status, 'Ready')?.lastTransitionTime;
  return since !== undefined && fromRFC3339(since) + minReadySeconds * 1000 < now;
}

/** The highest restartCount of its containers (maxContainerRestarts). */
export function maxContainerRestarts(pod: PodView): number {
  let max = 0;
  for (const status of pod.status?.containerStatuses ?? []) max = Math.max(max, status.restartCount);
  return max;
}

/**
 * Sets a pod condition the way UpdatePodCondition does: lastTransitionTime moves only when the
 * status changes; returns whether anything changed.
 */
export function updatePodCondition(status: Mutable<PodStatus>, condition: PodCondition, now: number): boolean {
  const conditions = (status.conditions ??= []);
  const at = conditions.findIndex((c) => c.type === condition.type);
  const next: PodCondition = { lastProbeTime: null as unknown as string, ...condition, lastTransitionTime: toRFC3339(now) };
  if (at < 0) {
    conditions.push(next);
    return true;
  }
  const old = conditions[at]!;
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime!;
  const same =
    old.status === next.status &&
    old.reason === next.reason &&
    old.message === next.message &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  conditions[at] = next;
  return !same;
}

/** The ownerReference with `controller: true`, if any (metav1.GetControllerOf). */
export function controllerOf(object: DeepReadonly<KubeObject>): DeepReadonly<OwnerReference> | undefined {
  return object.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** A controller ownerReference to `owner` (metav1.NewControllerRef): blocks the owner's foreground deletion. */
export function newControllerRef(owner: DeepReadonly<KubeObject>): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The pod a controller's template makes, before the store names it (GetPodFromTemplate). */
export function podFromTemplate(
  template: DeepReadonly<{ metadata?: KubeObject['metadata']; spec?: Pod['spec'] }>,
  owner: DeepReadonly<KubeObject>,
  generateName?: string,
): Pod {
  const meta = template.metadata ?? {};
  const pod: Mutable<Pod> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: generateName ?? `${owner.metadata!.name!}-`,
      namespace: owner.metadata!.namespace!,
      ownerReferences: [newControllerRef(owner)],
    },
    spec: deepCopy(template.spec) as Mutable<Pod['spec']>,
  };
  if (meta.labels !== undefined) pod.metadata!.labels = { ...meta.labels };
  if (meta.annotations !== undefined) pod.metadata!.annotations = { ...meta.annotations };
  if (meta.finalizers !== undefined) pod.metadata!.finalizers = [...meta.finalizers];
  return pod as Pod;
}
