// `kubectl get cm`: NAME DATA AGE, DATA counting data and binaryData keys.
// [k/k printers.go `printConfigMap`]
import type { ConfigMap } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const configMapTablePrinter = defineTablePrinter<ConfigMap>({
  group: '',
  kind: 'ConfigMap',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Data' }, AGE_COLUMN],
  cells: (cm, now) => [
    cm.metadata?.name,
    Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    formatAge(cm.metadata?.creationTimestamp, now),
  ],
});
