// `kubectl describe namespace`: status, then the namespace's ResourceQuotas and LimitRanges
// (`No resource quota.`, `No LimitRange resource.` when there are none).
// [kubectl pkg/describe/describe.go `describeNamespace`, `DescribeResourceQuotas`, `DescribeLimitRanges`]
import { goSort } from '../go-sort.ts';
import type { LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1';
import { compareStrings } from '../labels.ts';
import { canonical } from './containers.ts';
import { formatRFC1123Z, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeNamespace(namespace: Namespace, quotas: readonly ResourceQuota[], limitRanges: readonly LimitRange[]): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${namespace.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', namespace.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', namespace.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${namespace.status?.phase ?? ''}\n`);
    const conditions = namespace.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    if (quotas.length === 0) {
      w.write(LEVEL_0, 'No resource quota.\n');
    } else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const q of goSort([...quotas], (a, b) => compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? '') < 0)) {
        w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        for (const resource of Object.keys(q.status?.hard ?? {}).sort(compareStrings)) {
          w.write(LEVEL_1, `${resource}\t${canonical(q.status?.used?.[resource] ?? '0')}\t${canonical(q.status!.hard![resource]!)}\n`);
        }
      }
    }
    w.write(LEVEL_0, '\n');
    if (limitRanges.length === 0) {
      w.write(LEVEL_0, 'No LimitRange resource.\n');
    } else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const range of limitRanges) {
        for (const item of range.spec?.limits ?? []) {
          const names = new Set([
            ...Object.keys(item.max ?? {}),
            ...Object.keys(item.min ?? {}),
            ...Object.keys(item.default ?? {}),
            ...Object.keys(item.defaultRequest ?? {}),
            ...Object.keys(item.maxLimitRequestRatio ?? {}),
          ]);
          for (const name of [...names].sort(compareStrings)) {
            const value = (list: Record<string, string> | undefined): string => (list?.[name] === undefined ? '-' : canonical(list[name]!));
            w.write(LEVEL_0, ` ${item.type}\t${name}\t${value(item.min)}\t${value(item.max)}\t${value(item.defaultRequest)}\t${value(item.default)}\t${value(item.maxLimitRequestRatio)}\n`);
          }
        }
      }
    }
  });
}
