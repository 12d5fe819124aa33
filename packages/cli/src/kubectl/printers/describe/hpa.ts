// `kubectl describe hpa` (autoscaling/v2 view): `resource cpu on pods  (as a percentage of
// request):  45% (225m) / 70%`. [kubectl pkg/describe/describe.go
// `describeHorizontalPodAutoscalerV2`, `printDirectionBehavior`]
import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import type { Event } from 'kubernetes-types/core/v1';
import { asHpaV2 } from '../hpa.ts';
import { describeEvents } from './events.ts';
import type { DescribeWriter } from './writer.ts';
import { formatRFC1123Z, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeHorizontalPodAutoscaler(object: HorizontalPodAutoscaler | HpaV1, events: readonly Event[] | undefined, now: number): string {
  const hpa = asHpaV2(object);
  return tabbedString((w) => {
    const spec = hpa.spec;
    const status = hpa.status;
    w.write(LEVEL_0, `Name:\t${hpa.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata?.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec?.scaleTargetRef?.kind ?? ''}/${spec?.scaleTargetRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec?.metrics ?? []).forEach((metric, i) => {
      const current = status?.currentMetrics?.[i];
      const unknown = '<unknown>';
      switch (metric.type) {
        case 'Resource':
        case 'ContainerResource': {
          const source = metric.type === 'Resource' ? metric.resource : metric.containerResource;
          const now = metric.type === 'Resource' ? current?.resource : current?.containerResource;
          const of = metric.type === 'ContainerResource' ? ` of container "${metric.containerResource?.container ?? ''}"` : '';
          w.write(LEVEL_1, `resource ${source?.name ?? ''}${of} on pods`);
          if (source?.target?.averageValue !== undefined) {
            w.write(LEVEL_0, `:\t${now ? (now.current?.averageValue ?? '0') : unknown} / ${source.target.averageValue}\n`);
          } else {
            const value = now?.current?.averageUtilization !== undefined ? `${now.current.averageUtilization}% (${now.current.averageValue ?? '0'})` : unknown;
            const target = source?.target?.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
            w.write(LEVEL_1, `(as a percentage of request):\t${value} / ${target}\n`);
          }
          break;
        }
        case 'Pods':
          w.write(LEVEL_1, `"${metric.pods?.metric?.name ?? ''}" on pods:\t${current?.pods ? (current.pods.current?.averageValue ?? '0') : unknown} / ${metric.pods?.target?.averageValue ?? '0'}\n`);
          break;
        case 'Object': {
          const o = metric.object;
          w.write(LEVEL_1, `"${o?.metric?.name ?? ''}" on ${o?.describedObject?.kind ?? ''}/${o?.describedObject?.name ?? ''} `);
          if (o?.target?.type === 'AverageValue') {
            w.write(LEVEL_0, `(target average value):\t${current?.object ? (current.object.current?.averageValue ?? '0') : unknown} / ${o.target.averageValue ?? '0'}\n`);
          } else {
            w.write(LEVEL_0, `(target value):\t${current?.object ? (current.object.current?.value ?? '0') : unknown} / ${o?.target?.value ?? '0'}\n`);
          }
          break;
        }
        case 'External': {
          const e = metric.external;
          if (e?.target?.averageValue !== undefined) {
            w.write(LEVEL_1, `"${e.metric?.name ?? ''}" (target average value):\t${current?.external?.current?.averageValue ?? unknown} / ${e.target.averageValue}\n`);
          } else {
            w.write(LEVEL_1, `"${e?.metric?.name ?? ''}" (target value):\t${current?.external ? (current.external.current?.value ?? '0') : unknown} / ${e?.target?.value ?? '0'}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type "${metric.type}">\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec?.minReplicas ?? '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec?.maxReplicas ?? 0}\n`);
    if (spec?.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec?.scaleTargetRef?.kind ?? ''} pods:\t`);
    w.write(LEVEL_0, `${status?.currentReplicas ?? 0} current / ${status?.desiredReplicas ?? 0} desired\n`);
    const conditions = status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

function printDirectionBehavior(w: DescribeWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (rules === undefined) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies?.length ?? 0) > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies!) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}
