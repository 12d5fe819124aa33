// `kubectl get secrets`: NAME TYPE DATA AGE. [k/k printers.go `printSecret`]
import type { Secret } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const secretTablePrinter = defineTablePrinter<Secret>({
  group: '',
  kind: 'Secret',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Type' }, { name: 'Data' }, AGE_COLUMN],
  cells: (secret, now) => [
    secret.metadata?.name,
    secret.type ?? 'Opaque',
    Object.keys(secret.data ?? {}).length,
    formatAge(secret.metadata?.creationTimestamp, now),
  ],
});
