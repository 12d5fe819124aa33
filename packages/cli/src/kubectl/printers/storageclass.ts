// `kubectl get sc`: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE,
// the default class named `standard (default)`. [k/k printers.go `printStorageClass`;
// storage/util `IsDefaultAnnotation`]
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

/** Whether a StorageClass carries the (beta or GA) is-default-class annotation set to "true". */
export function isDefaultStorageClass(sc: StorageClass): boolean {
  const annotations = sc.metadata?.annotations ?? {};
  return (
    annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

export const storageClassTablePrinter = defineTablePrinter<StorageClass>({
  group: 'storage.k8s.io',
  kind: 'StorageClass',
  namespaced: false,
  columns: [
    NAME_COLUMN,
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    AGE_COLUMN,
  ],
  cells: (sc, now) => [
    isDefaultStorageClass(sc) ? `${sc.metadata?.name} (default)` : sc.metadata?.name,
    sc.provisioner,
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    formatAge(sc.metadata?.creationTimestamp, now),
  ],
});
