// `kubectl describe` for StatefulSets, DaemonSets and CronJobs. [kubectl pkg/describe/describe.go
// `describeStatefulSet`, `describeVolumeClaimTemplates`, `describeDaemonSet`, `describeCronJob`,
// `describeJobTemplate`, `printActiveJobs`]
import type { CronJob } from 'kubernetes-types/batch/v1';
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { formatLabels, selectorString } from '../labels.ts';
import { printBoolPointer } from '../cronjob.ts';
import { storageClassOf } from '../persistentvolume.ts';
import { canonical, describePodTemplate } from './containers.ts';
import { describeEvents } from './events.ts';
import { intOrString, podStatusCounts } from './workloads.ts';
import { formatRFC1123Z, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

/** `pods`: the pods of its namespace (those it controls are counted by owner uid). */
export function describeStatefulSet(sts: StatefulSet, pods: readonly Pod[], events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = sts.spec;
    w.write(LEVEL_0, `Name:\t${sts.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${sts.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(sts.metadata?.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', sts.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', sts.metadata?.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ''}\n`);
    const rolling = spec?.updateStrategy?.rollingUpdate;
    if (rolling?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${rolling.partition}\n`);
      if (rolling.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(rolling.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(sts, pods)}\n`);
    describePodTemplate(spec?.template, w);
    const claims = spec?.volumeClaimTemplates ?? [];
    if (claims.length === 0) {
      w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'Volume Claims:\n');
      for (const pvc of claims) {
        w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        w.write(LEVEL_1, `StorageClass:\t${storageClassOf(pvc)}\n`);
        printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const capacity = pvc.spec?.resources?.requests?.['storage'];
        w.write(LEVEL_1, `Capacity:\t${capacity === undefined ? '<default>' : canonical(capacity)}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

export function describeDaemonSet(ds: DaemonSet, pods: readonly Pod[], events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const status = ds.status;
    w.write(LEVEL_0, `Name:\t${ds.metadata?.name ?? ''}\n`);
    // (The 1.32 client printed no Namespace line for DaemonSets; 1.33 does.)
    w.write(LEVEL_0, `Namespace:\t${ds.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ds, pods)}\n`);
    describePodTemplate(ds.spec?.template, w);
    if (events !== undefined) describeEvents(events, w, now);
  });
}

export function describeCronJob(cronJob: CronJob, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = cronJob.spec;
    w.write(LEVEL_0, `Name:\t${cronJob.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cronJob.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cronJob.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cronJob.metadata?.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPointer(spec?.suspend)}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${spec?.successfulJobsHistoryLimit ?? '<unset>'}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${spec?.failedJobsHistoryLimit ?? '<unset>'}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec?.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
    const job = spec?.jobTemplate?.spec;
    w.write(LEVEL_0, `Selector:\t${job?.selector ? selectorString(job.selector) : '<unset>'}\n`);
    w.write(LEVEL_0, `Parallelism:\t${job?.parallelism ?? '<unset>'}\n`);
    w.write(LEVEL_0, `Completions:\t${job?.completions ?? '<unset>'}\n`);
    if (job?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`);
    describePodTemplate(job?.template, w);
    const last = cronJob.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? formatRFC1123Z(last) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active = cronJob.status?.active ?? [];
    if (active.length === 0) w.writeLine('<none>');
    else w.writeLine(active.map((ref) => ref.name ?? '').join(', '));
    if (events !== undefined) describeEvents(events, w, now);
  });
}
