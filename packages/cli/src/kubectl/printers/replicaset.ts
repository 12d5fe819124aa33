// `kubectl get rs`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.
// [k/k printers.go `printReplicaSet`]
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { formatAge } from './age.ts';
import { formatLabelSelector } from './labels.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const replicaSetTablePrinter = defineTablePrinter<ReplicaSet>({
  group: 'apps',
  kind: 'ReplicaSet',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    AGE_COLUMN,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  cells(rs, now) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name,
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      formatAge(rs.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
});
