// `kubectl rollout undo` as kubectl does it, on the client (kubectl `pkg/polymorphichelpers/rollback.go`
// DeploymentRollbacker): the ReplicaSet of the wanted revision (default: the one before the
// current) gives its pod template, minus pod-template-hash, to the Deployment through a JSON patch
// that also restores its annotations. The controller does the rest. A test oracle: the kubectl
// command belongs to the CLI.

import { type ApiStore, equalIgnoreHash, revisionOf } from '../../src/index.ts';

const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export function rolloutUndo(store: ApiStore, name: string, toRevision = 0, namespace = 'default'): string {
  const d = store.get('Deployment', namespace, name);
  if (d.spec?.paused === true) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/" + name + "' and try again");
  const rsList = store.list('ReplicaSet', { namespace }).items.filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata!.uid));
  let revision = toRevision;
  if (revision === 0) {
    // LastRevision: the highest revision below the current (highest) one.
    const revisions = rsList.map(revisionOf).sort((a, b) => b - a);
    revision = revisions[1] ?? 0;
    if (revision === 0) throw new Error('no rollout history found for deployment "' + name + '"');
  }
  const rs = rsList.find((r) => revisionOf(r) === revision);
  if (rs === undefined) throw new Error(`unable to find specified revision ${revision} in history`);
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) return `deployment.apps/${name} skipped rollback (current template already matches revision ${revision})`;
  const template = JSON.parse(JSON.stringify(rs.spec!.template));
  delete template.metadata.labels['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (SKIPPED.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!SKIPPED.has(k)) annotations[k] = v;
  store.patch('Deployment', namespace, name, [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ], 'json');
  return `deployment.apps/${name} rolled back`;
}
