// `kubectl get ds`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide
// CONTAINERS IMAGES SELECTOR. [k/k printers.go `printDaemonSet`]
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { formatAge } from './age.ts';
import { formatLabels, formatLabelSelector } from './labels.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const daemonSetTablePrinter = defineTablePrinter<DaemonSet>({
  group: 'apps',
  kind: 'DaemonSet',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    AGE_COLUMN,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  cells(ds, now) {
    const status = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name,
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      formatAge(ds.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
});
