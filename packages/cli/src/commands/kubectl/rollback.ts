// `kubectl rollout undo`'s client-side rollback. A Deployment gets back the pod template of the
// ReplicaSet of the wanted revision (default: the one before the newest), minus its
// pod-template-hash label, with that ReplicaSet's annotations, in one JSON patch; the Deployment
// controller then finds the old ReplicaSet, renumbers it and scales it up. DaemonSets and
// StatefulSets get the strategic merge patch their ControllerRevision holds.
// [kubectl pkg/polymorphichelpers/rollback.go DeploymentRollbacker, DaemonSetRollbacker,
// StatefulSetRollbacker, deploymentRevision, findHistory]

import {
  deepCopy,
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  jsonEqual,
  LAST_APPLIED_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  revisionOf,
  type Stored,
  templatePatch,
} from '@dockyard/scheduler';
import { podTemplateText } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { DryRun } from './common-flags.ts';
import type { ResourceInfo } from './resource-builder.ts';

/** Deployment annotations a rollback keeps instead of taking the ReplicaSet's. */
const KEPT_ANNOTATIONS = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** Rolls the object back; resolves to the operation kubectl prints (`rolled back`, `skipped rollback (...)`). */
export function rollback(client: Client, info: ResourceInfo, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw client.error(revisionNotFound(toRevision));
  switch (`${info.type.kind}.${info.type.group}`) {
    case 'Deployment.apps':
      return rollbackDeployment(client, info, toRevision, dryRun);
    case 'DaemonSet.apps':
    case 'StatefulSet.apps':
      return rollbackWithHistory(client, info, toRevision, dryRun);
    default:
      throw client.error(`no rollbacker has been implemented for ${JSON.stringify(info.type.group === '' ? info.type.kind : `${info.type.kind}.${info.type.group}`)}`);
  }
}

function rollbackDeployment(client: Client, info: ResourceInfo, toRevision: number, dryRun: DryRun): string {
  const name = info.name;
  const namespace = info.namespace!;
  const deployment = client.store.get('Deployment', namespace, name);
  const owned = client.store
    .list('ReplicaSet', { namespace })
    .items.filter((rs) => rs.metadata?.ownerReferences?.some((ref) => ref.controller === true && ref.uid === deployment.metadata?.uid));
  let target: Stored<'ReplicaSet'> | undefined;
  if (toRevision > 0) {
    target = owned.find((rs) => revisionOf(rs) === toRevision);
    if (target === undefined) throw client.error(revisionNotFound(toRevision));
  } else {
    const sorted = [...owned].sort((a, b) => revisionOf(b) - revisionOf(a));
    target = sorted[1];
    if (target === undefined) throw client.error(`no rollout history found for deployment ${JSON.stringify(name)}`);
  }
  if (dryRun === 'client') return podTemplateText(target.spec?.template as never);
  if (deployment.spec?.paused === true) {
    throw client.error(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
  }
  if (equalIgnoreHash(target.spec?.template, deployment.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const template = deepCopy(target.spec!.template) as { metadata?: { labels?: Record<string, string> } };
  delete template.metadata?.labels?.[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {})) if (KEPT_ANNOTATIONS.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(target.metadata?.annotations ?? {})) if (!KEPT_ANNOTATIONS.has(key)) annotations[key] = value;
  try {
    client.store.patch(
      'Deployment',
      namespace,
      name,
      [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
      'json',
      { dryRun: dryRun === 'server' },
    );
  } catch (error) {
    throw client.error(`failed restoring revision ${toRevision}: ${(error as Error).message}`);
  }
  return 'rolled back';
}

function rollbackWithHistory(client: Client, info: ResourceInfo, toRevision: number, dryRun: DryRun): string {
  const kind = `${info.type.kind}.apps`;
  const namespace = info.namespace!;
  const live = client.store.get(kind, namespace, info.name) as { metadata?: { uid?: string }; spec?: { template?: unknown } };
  const history = client.store
    .list('ControllerRevision', { namespace })
    .items.filter((r) => r.metadata?.ownerReferences?.some((ref) => ref.controller === true && ref.uid === live.metadata?.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  if (toRevision === 0 && history.length <= 1) throw client.error('no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((r) => r.revision === toRevision);
  if (target === undefined) throw client.error(revisionNotFound(toRevision));
  const data = target.data as { spec?: { template?: unknown } } | undefined;
  if (dryRun === 'client') return `will roll back to ${podTemplateText(stripPatchDirective(data?.spec?.template) as never)}`;
  if (jsonEqual(templatePatch(live.spec?.template as never), data)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  try {
    client.store.patch(kind, namespace, info.name, deepCopy(data), 'strategic', { dryRun: dryRun === 'server' });
  } catch (error) {
    throw client.error(`failed restoring revision ${toRevision}: ${(error as Error).message}`);
  }
  return 'rolled back';
}

function stripPatchDirective(template: unknown): unknown {
  if (template === null || typeof template !== 'object') return template;
  const { $patch: _directive, ...rest } = template as Record<string, unknown>;
  return rest;
}

function revisionNotFound(revision: number): string {
  return `unable to find specified revision ${revision} in history`;
}
