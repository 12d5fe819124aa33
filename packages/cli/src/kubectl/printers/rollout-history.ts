// `kubectl rollout history deployment/<name> [--revision=N]`: the Deployment's ReplicaSets (those
// it controls) by their `deployment.kubernetes.io/revision` annotation, each revision's
// CHANGE-CAUSE (`kubernetes.io/change-cause`, `<none>` when unset) in a table laid out with
// describe's tab writer, under the name line `deployment.apps/<name> ` (kubectl's name printer
// with an empty operation). With a revision, the name line says `with revision #N` and the
// revision's Pod Template follows, as describe writes it but not aligned (its tabs stay raw).
// [kubectl pkg/polymorphichelpers/history.go `DeploymentHistoryViewer.ViewHistory`,
// pkg/cmd/rollout/rollout_history.go]
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { describePodTemplate } from './describe/containers.ts';
import { DescribeWriter, tabbedString } from './describe/writer.ts';

/** The Deployment controller's revision number on Deployments and their ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export interface RolloutHistory {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * What `kubectl rollout history deployment/<name>` prints. `replicaSets` are the namespace's
 * ReplicaSets; only those whose controller owner is the Deployment (by uid) count.
 */
export function printRolloutHistory(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
  revision = 0,
): RolloutHistory {
  const history = new Map<number, ReplicaSet>();
  const uid = deployment.metadata?.uid;
  for (const rs of replicaSets) {
    const owner = rs.metadata?.ownerReferences?.find((ref) => ref.controller === true);
    if (owner === undefined || owner.uid !== uid) continue;
    const value = rs.metadata?.annotations?.[REVISION_ANNOTATION];
    const number = value === undefined ? 0 : parseRevision(value);
    if (number === undefined) continue;
    history.set(number, rs);
  }
  const name = `deployment.apps/${deployment.metadata?.name ?? ''}`;
  if (revision > 0) {
    const rs = history.get(revision);
    if (rs === undefined) return { stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 };
    // printTemplate writes through a PrefixWriter straight into a buffer: no tab alignment.
    // The revision's change cause shows as an annotation of the template.
    let template = rs.spec?.template;
    const cause = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '';
    if (cause !== '') {
      const metadata = template?.metadata ?? {};
      template = { ...template, metadata: { ...metadata, annotations: { ...metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: cause } } };
    }
    const w = new DescribeWriter();
    describePodTemplate(template, w);
    return { stdout: `${name} with revision #${revision}\n${w.raw()}\n`, stderr: '', exitCode: 0 };
  }
  const revisions = [...history.keys()].sort((a, b) => a - b);
  const table = tabbedString((w) => {
    w.write(0, 'REVISION\tCHANGE-CAUSE\n');
    for (const r of revisions) {
      const cause = history.get(r)?.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '';
      w.write(0, `${r}\t${cause === '' ? '<none>' : cause}\n`);
    }
  });
  return { stdout: `${name} \n${table}\n`, stderr: '', exitCode: 0 };
}

/**
 * A pod template as kubectl's rollout commands print it (`rollout undo --dry-run=client`):
 * describe's Pod Template section, unaligned, its tabs raw. [polymorphichelpers printTemplate]
 */
export function podTemplateText(template: PodTemplateSpec | undefined): string {
  const w = new DescribeWriter();
  describePodTemplate(template, w);
  return w.raw();
}

/**
 * strconv.ParseInt(v, 10, 64). kubectl skips a ReplicaSet with a malformed revision and logs a
 * klog warning on stderr (`W... history.go:114] unable to get revision from replicaset ...`),
 * which this printer does not reproduce.
 */
export function parseRevision(value: string): number | undefined {
  return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}
