// `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide
// CONTAINERS IMAGES SELECTOR. [k/k printers.go `printCronJob`, `printBoolPtr`]
import type { CronJob } from 'kubernetes-types/batch/v1';
import { formatAge } from './age.ts';
import { formatLabelSelector } from './labels.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const cronJobTablePrinter = defineTablePrinter<CronJob>({
  group: 'batch',
  kind: 'CronJob',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    AGE_COLUMN,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  cells(cronJob, now) {
    const spec = cronJob.spec;
    const last = cronJob.status?.lastScheduleTime;
    const [names, images] = containerCells(spec?.jobTemplate?.spec?.template?.spec?.containers);
    return [
      cronJob.metadata?.name,
      spec?.schedule,
      spec?.timeZone ?? '<none>',
      printBoolPointer(spec?.suspend),
      cronJob.status?.active?.length ?? 0,
      last === undefined ? '<none>' : formatAge(last, now),
      formatAge(cronJob.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(spec?.jobTemplate?.spec?.selector),
    ];
  },
});

/** `True`, `False` or `<unset>`. */
export function printBoolPointer(value: boolean | undefined): string {
  if (value === undefined) return '<unset>';
  return value ? 'True' : 'False';
}
