// `kubectl get ns`: NAME STATUS AGE. [k/k printers.go `printNamespace`]
import type { Namespace } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const namespaceTablePrinter = defineTablePrinter<Namespace>({
  group: '',
  kind: 'Namespace',
  namespaced: false,
  columns: [NAME_COLUMN, { name: 'Status' }, AGE_COLUMN],
  cells: (ns, now) => [ns.metadata?.name, ns.status?.phase ?? '', formatAge(ns.metadata?.creationTimestamp, now)],
});
