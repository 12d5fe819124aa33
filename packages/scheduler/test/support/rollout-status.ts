// What `kubectl rollout status deployment/<name>` prints for a Deployment's current state
// (kubectl `pkg/polymorphichelpers/rollout_status.go` DeploymentStatusViewer), so tests can check
// that the status fields the controller writes give kubectl's lines at every instant. The kubectl
// command itself belongs to the CLI; this copy of its rule is a test oracle.

import type { Stored } from '../../src/index.ts';

export function rolloutStatusLine(d: Stored<'Deployment'>): { line: string; done: boolean } {
  const name = d.metadata!.name!;
  const status = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { line: 'Waiting for deployment spec update to be observed...', done: false };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { line: `error: deployment "${name}" exceeded its progress deadline`, done: true };
  const replicas = d.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < replicas) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  const total = status.replicas ?? 0;
  if (total > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`, done: false };
  const available = status.availableReplicas ?? 0;
  if (available < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}
