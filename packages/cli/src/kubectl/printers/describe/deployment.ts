// `kubectl describe deployment`: replicas line `3 desired | 3 updated | 3 total | 3 available |
// 0 unavailable`, strategy, pod template, conditions, then OldReplicaSets / NewReplicaSet as
// `web-7d4b9c8f5 (3/3 replicas created)`. The new ReplicaSet is the oldest owned one whose pod
// template equals the Deployment's (pod-template-hash aside); every other owned one is old.
// [kubectl pkg/describe/describe.go `describeDeployment`, `printReplicaSetsByLabels`;
// kubectl pkg/util/deployment `GetAllReplicaSetsInChunks`, `FindNewReplicaSet`, `EqualIgnoreHash`]
import { goSort } from '../go-sort.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { timeOf } from '../age.ts';
import { toCompactJson } from '../json.ts';
import { compareStrings, selectorString } from '../labels.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents } from './events.ts';
import { describeReasonConditions, intOrString } from './workloads.ts';
import { formatRFC1123Z, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

/**
 * The page of `kubectl describe deployment`. `replicaSets` are the ReplicaSets of its namespace
 * (those it controls are picked out by owner uid); `events` those about the Deployment.
 */
export function describeDeployment(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
  events: readonly Event[] | undefined,
  now: number,
): string {
  const { oldReplicaSets, newReplicaSet } = splitReplicaSets(deployment, replicaSets);
  return tabbedString((w) => {
    const spec = deployment.spec;
    const status = deployment.status ?? {};
    w.write(LEVEL_0, `Name:\t${deployment.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${deployment.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(deployment.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', deployment.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', deployment.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
        `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const rolling = spec?.strategy?.rollingUpdate;
    if (rolling !== undefined) {
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(rolling.maxUnavailable)} max unavailable, ${intOrString(rolling.maxSurge)} max surge\n`);
    }
    describePodTemplate(spec?.template, w);
    describeReasonConditions(status.conditions, w);
    if (oldReplicaSets.length > 0 || newReplicaSet !== undefined) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldReplicaSets)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newReplicaSet === undefined ? [] : [newReplicaSet])}\n`);
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

/** The ReplicaSets a Deployment controls, split into the new one and the old ones. */
export function splitReplicaSets(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
): { oldReplicaSets: ReplicaSet[]; newReplicaSet: ReplicaSet | undefined } {
  const owned = replicaSets.filter((rs) =>
    rs.metadata?.ownerReferences?.some((ref) => ref.controller === true && ref.uid === deployment.metadata?.uid),
  );
  // controller.ReplicaSetsByCreationTimestamp: oldest first, names breaking ties.
  const byAge = goSort([...owned], (a, b) => {
    const ta = timeOf(a.metadata?.creationTimestamp) ?? -Infinity;
    const tb = timeOf(b.metadata?.creationTimestamp) ?? -Infinity;
    return ta === tb ? compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? '') < 0 : ta < tb;
  });
  const template = templateKey(deployment.spec?.template);
  const newReplicaSet = byAge.find((rs) => templateKey(rs.spec?.template) === template);
  return { oldReplicaSets: owned.filter((rs) => rs !== newReplicaSet), newReplicaSet };
}

/** A pod template without its pod-template-hash label, as comparable text. */
function templateKey(template: PodTemplateSpec | undefined): string {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return toCompactJson({ ...template, metadata: { ...template?.metadata, labels } });
}

function replicaSetList(replicaSets: readonly ReplicaSet[]): string {
  const list = replicaSets.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ');
  return list === '' ? '<none>' : list;
}
