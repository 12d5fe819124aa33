// `kubectl describe job`. [kubectl pkg/describe/describe.go `describeJob`]
import type { Job } from 'kubernetes-types/batch/v1';
import type { Event } from 'kubernetes-types/core/v1';
import { humanDuration } from '@dockyard/runtime';
import { timeOf } from '../age.ts';
import { selectorString } from '../labels.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents } from './events.ts';
import { controllerOf } from './pod.ts';
import { formatRFC1123Z, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeJob(job: Job, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = job.spec;
    const status = job.status ?? {};
    w.write(LEVEL_0, `Name:\t${job.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
    const controlledBy = controllerOf(job.metadata);
    if (controlledBy !== '') w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec?.completions ?? '<unset>'}\n`);
    if (spec?.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec?.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec?.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(status.completionTime)}\n`);
    const started = timeOf(status.startTime);
    const completed = timeOf(status.completionTime);
    if (started !== undefined && completed !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(completed - started)}\n`);
    if (spec?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const active = status.active ?? 0;
    const counts = `/ ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
    if (status.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${active} Active ${counts}\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${active} Active (${status.ready} Ready) ${counts}\n`);
    if (spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${status.completedIndexes || '<none>'}\n`);
    describePodTemplate(spec?.template, w);
    if (events !== undefined) describeEvents(events, w, now);
  });
}
