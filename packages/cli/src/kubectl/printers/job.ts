// `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR.
// COMPLETIONS is `succeeded/completions` (`0/1 of 3` for a parallel job without completions);
// DURATION runs from startTime to completionTime, or to now while running.
// [k/k printers.go `printJob`, `hasJobCondition`]
import type { Job, JobCondition } from 'kubernetes-types/batch/v1';
import { humanDuration } from '@dockyard/runtime';
import { formatAge, timeOf } from './age.ts';
import { formatLabelSelector } from './labels.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

/** The Job's STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobTablePrinter = defineTablePrinter<Job>({
  group: 'batch',
  kind: 'Job',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Status' },
    { name: 'Completions' },
    { name: 'Duration' },
    AGE_COLUMN,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  cells(job, now) {
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions !== undefined && job.spec.completions !== null) {
      completions = `${succeeded}/${job.spec.completions}`;
    } else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const started = timeOf(job.status?.startTime);
    const completed = timeOf(job.status?.completionTime);
    let duration = '';
    if (started !== undefined) duration = humanDuration((completed ?? now) - started);
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name,
      jobStatus(job),
      completions,
      duration,
      formatAge(job.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
});

function hasCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const condition = conditions?.find((c) => c.type === type);
  return condition?.status === 'True';
}
