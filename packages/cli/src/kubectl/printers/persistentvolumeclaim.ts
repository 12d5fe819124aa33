// `kubectl get pvc`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
// VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. CAPACITY and ACCESS MODES stay empty until the
// claim is bound to a volume. [k/k printers.go `printPersistentVolumeClaim`]
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { accessModesString, storageClassOf } from './persistentvolume.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const persistentVolumeClaimTablePrinter = defineTablePrinter<PersistentVolumeClaim>({
  group: '',
  kind: 'PersistentVolumeClaim',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    AGE_COLUMN,
    { name: 'VolumeMode', priority: 1 },
  ],
  cells(pvc, now) {
    const volumeName = pvc.spec?.volumeName ?? '';
    const bound = volumeName !== '';
    return [
      pvc.metadata?.name,
      pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      volumeName,
      bound ? (pvc.status?.capacity?.['storage'] ?? '0') : '',
      bound ? accessModesString(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      formatAge(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
});
