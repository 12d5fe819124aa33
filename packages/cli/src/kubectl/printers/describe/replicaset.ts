// `kubectl describe rs`. [kubectl pkg/describe/describe.go `describeReplicaSet`]
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { formatLabelSelector } from '../labels.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents } from './events.ts';
import { controllerOf } from './pod.ts';
import { describeReasonConditions, podStatusCounts } from './workloads.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

/** `pods`: the pods of its namespace (those it controls are counted by owner uid). */
export function describeReplicaSet(rs: ReplicaSet, pods: readonly Pod[], events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    const controlledBy = controllerOf(rs.metadata);
    if (controlledBy !== '') w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podStatusCounts(rs, pods)}\n`);
    describePodTemplate(rs.spec?.template, w);
    describeReasonConditions(rs.status?.conditions, w);
    if (events !== undefined) describeEvents(events, w, now);
  });
}
