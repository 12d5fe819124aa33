// The parts workload describers share: `Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0
// Failed` over the pods a controller owns, the `Type Status Reason` conditions table, and the
// int-or-percent values of rolling-update settings. [kubectl pkg/describe/describe.go
// `getPodStatusForController`]
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../object.ts';
import type { DescribeWriter } from './writer.ts';
import { LEVEL_0, LEVEL_1 } from './writer.ts';

/** Counts the phases of the pods whose controller reference points at `owner` (by uid). */
export function podStatusCounts(owner: KubeObject, pods: readonly Pod[]): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of pods) {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.uid !== owner.metadata?.uid) continue;
    switch (pod.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

/** `Conditions:` with `Type Status Reason` rows (Deployment, ReplicaSet). */
export function describeReasonConditions(
  conditions: readonly { type: string; status: string; reason?: string }[] | undefined,
  w: DescribeWriter,
): void {
  if (conditions === undefined || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** intstr.IntOrString.String(). */
export function intOrString(value: number | string | undefined): string {
  return value === undefined ? '0' : String(value);
}
