// `kubectl get sa`: NAME SECRETS AGE. [k/k printers.go `printServiceAccount`]
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const serviceAccountTablePrinter = defineTablePrinter<ServiceAccount>({
  group: '',
  kind: 'ServiceAccount',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Secrets' }, AGE_COLUMN],
  cells: (sa, now) => [sa.metadata?.name, sa.secrets?.length ?? 0, formatAge(sa.metadata?.creationTimestamp, now)],
});
