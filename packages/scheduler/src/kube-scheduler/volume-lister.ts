// What the volume plugins read besides the cache: claims, volumes and classes as the API store
// holds them. The kube-scheduler component implements it over the store (`store.tryGet`).

import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';

export interface VolumeLister {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  storageClass(name: string): StorageClass | undefined;
  /** Unbound PersistentVolumes (phase Available), for static binding. */
  availableVolumes(): readonly PersistentVolume[];
}

/** The names of the claims a pod's volumes use (ephemeral volumes name `<pod>-<volume>`). */
export function podClaims(pod: { metadata?: { name?: string }; spec?: { volumes?: readonly { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[] } }): string[] {
  const out: string[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim !== undefined) out.push(volume.persistentVolumeClaim.claimName);
    else if (volume.ephemeral !== undefined) out.push(`${pod.metadata?.name}-${volume.name}`);
  }
  return out;
}
