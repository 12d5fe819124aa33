// The StorageClass a kind cluster comes with (kind pkg/build/nodeimage/const_storage.go): `standard`,
// the default class, provisioned by rancher.io/local-path, WaitForFirstConsumer, reclaim Delete.
// A PVC without storageClassName gets it from the API server's DefaultStorageClass admission.

import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ApiStore } from '../api/api-store.ts';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

export const STANDARD_STORAGE_CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
  provisioner: LOCAL_PATH_PROVISIONER,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

export function installDefaultStorageClass(store: ApiStore): void {
  if (store.tryGet('StorageClass', undefined, 'standard') === undefined) store.create(STANDARD_STORAGE_CLASS);
}
