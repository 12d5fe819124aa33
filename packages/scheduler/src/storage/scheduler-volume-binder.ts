// The API side of kube-scheduler's VolumeBinding plugin, for the kube-scheduler component to call:
// a VolumeLister over the store for the plugins, PreBind (write the chosen node on each unbound
// WaitForFirstConsumer claim so its provisioner can act), and whether the pod's claims are all
// bound (the binding waits until then, as PreBind does up to its 600 s bind timeout).
// Also what the kubelet needs to mount a claim: the bound volume's path and node.

import type { PersistentVolume, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, type DeepReadonly } from '../api/kinds.ts';
import { SELECTED_NODE_ANNOTATION } from '../kube-scheduler/volume-binding.ts';
import { podClaims, type VolumeLister } from '../kube-scheduler/volume-lister.ts';

export function storeVolumeLister(store: ApiStore): VolumeLister {
  return {
    claim: (namespace, name) => store.tryGet('PersistentVolumeClaim', namespace, name) as never,
    volume: (name) => store.tryGet('PersistentVolume', undefined, name) as never,
    storageClass: (name) => store.tryGet('StorageClass', undefined, name) as never,
    availableVolumes: () => store.list('PersistentVolume').items.filter((pv) => pv.status?.phase === 'Available') as never,
  };
}

/** PreBind: marks the pod's unbound WaitForFirstConsumer claims with the chosen node. */
export function preBindVolumes(store: ApiStore, pod: DeepReadonly<Pod>, nodeName: string): void {
  const namespace = pod.metadata?.namespace ?? 'default';
  for (const name of podClaims(pod as Pod)) {
    const pvc = store.tryGet('PersistentVolumeClaim', namespace, name);
    if (pvc === undefined || (pvc.spec?.volumeName ?? '') !== '') continue;
    const cls = store.tryGet('StorageClass', undefined, pvc.spec?.storageClassName ?? '');
    if (cls?.volumeBindingMode !== 'WaitForFirstConsumer' || pvc.metadata?.annotations?.[SELECTED_NODE_ANNOTATION] !== undefined) continue;
    const next = deepCopy(pvc);
    next.metadata!.annotations = { ...next.metadata!.annotations, [SELECTED_NODE_ANNOTATION]: nodeName };
    store.update(next);
  }
}

/** Whether every claim of the pod is bound (the pod can be bound to its node). */
export function claimsBound(store: ApiStore, pod: DeepReadonly<Pod>): boolean {
  const namespace = pod.metadata?.namespace ?? 'default';
  return podClaims(pod as Pod).every((name) => store.tryGet('PersistentVolumeClaim', namespace, name)?.status?.phase === 'Bound');
}

export type ClaimMount = { ok: true; volume: string; node: string | undefined; hostPath: string; readOnly: boolean } | { ok: false; message: string };

/**
 * What the kubelet mounts for a persistentVolumeClaim volume: the bound PersistentVolume's
 * directory on the node (hostPath and local volumes; other kinds get the kubelet's per-pod path).
 * The data lives there, so a new pod of the same claim on that node finds it again.
 */
export function claimMount(store: ApiStore, pod: DeepReadonly<Pod>, volume: DeepReadonly<Volume>): ClaimMount | undefined {
  const claim = volume.persistentVolumeClaim;
  if (claim === undefined) return undefined;
  const namespace = pod.metadata?.namespace ?? 'default';
  const pvc = store.tryGet('PersistentVolumeClaim', namespace, claim.claimName);
  if (pvc === undefined) return { ok: false, message: `persistentvolumeclaim "${claim.claimName}" not found` };
  const pvName = pvc.spec?.volumeName;
  const pv = pvName === undefined || pvName === '' ? undefined : (store.tryGet('PersistentVolume', undefined, pvName) as PersistentVolume | undefined);
  if (pv === undefined || pvc.status?.phase !== 'Bound') return { ok: false, message: `persistentvolumeclaim "${claim.claimName}" is not bound` };
  const node = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.find((e) => e.key === 'kubernetes.io/hostname')?.values?.[0];
  const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path ?? `/var/lib/kubelet/pods/${pod.metadata?.uid}/volumes/kubernetes.io~csi/${pv.metadata!.name}/mount`;
  return { ok: true, volume: pv.metadata!.name!, node, hostPath: path, readOnly: claim.readOnly === true || (pv.spec?.accessModes ?? []).every((m) => m === 'ReadOnlyMany') };
}
