// `kubectl get pv`: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
// VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE (the v1.33 column set).
// [k/k printers.go `printPersistentVolume`; core/helper `GetAccessModesAsString`,
// `GetPersistentVolumeClass`]
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** `RWO,ROX,RWX,RWOP` in that fixed order, each once. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => present.has(mode))
    .map(([, text]) => text)
    .join(',');
}

/** The storage class of a PV or PVC: the beta annotation wins over spec.storageClassName. */
export function storageClassOf(object: {
  metadata?: { annotations?: Record<string, string> };
  spec?: { storageClassName?: string };
}): string {
  return object.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? object.spec?.storageClassName ?? '';
}

export const persistentVolumeTablePrinter = defineTablePrinter<PersistentVolume>({
  group: '',
  kind: 'PersistentVolume',
  namespaced: false,
  columns: [
    NAME_COLUMN,
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    AGE_COLUMN,
    { name: 'VolumeMode', priority: 1 },
  ],
  cells(pv, now) {
    const claim = pv.spec?.claimRef;
    return [
      pv.metadata?.name,
      pv.spec?.capacity?.['storage'] ?? '0',
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      claim === undefined ? '' : `${claim.namespace ?? ''}/${claim.name ?? ''}`,
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      formatAge(pv.metadata?.creationTimestamp, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
});
