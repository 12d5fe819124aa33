// `kubectl get sts`: NAME READY AGE, wide CONTAINERS IMAGES. [k/k printers.go `printStatefulSet`]
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const statefulSetTablePrinter = defineTablePrinter<StatefulSet>({
  group: 'apps',
  kind: 'StatefulSet',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Ready' }, AGE_COLUMN, { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }],
  cells(sts, now) {
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [
      sts.metadata?.name,
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
      formatAge(sts.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
});
