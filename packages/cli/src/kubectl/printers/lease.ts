// `kubectl get leases`: NAME HOLDER AGE. [k/k printers.go `printLease`]
import type { Lease } from 'kubernetes-types/coordination/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const leaseTablePrinter = defineTablePrinter<Lease>({
  group: 'coordination.k8s.io',
  kind: 'Lease',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Holder' }, AGE_COLUMN],
  cells: (lease, now) => [
    lease.metadata?.name,
    lease.spec?.holderIdentity ?? '',
    formatAge(lease.metadata?.creationTimestamp, now),
  ],
});
