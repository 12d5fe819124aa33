// `kubectl get hpa`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. TARGETS lists the
// first two metrics as `cpu: 45%/70%` (`<unknown>` before the first measurement) then
// `+ N more...`. autoscaling/v1 objects are read as the API server converts them: one cpu
// utilization metric. [k/k printers.go `printHorizontalPodAutoscaler`, `formatHPAMetrics`]
import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

const MAX_METRICS = 2;

/** An HPA of either version as autoscaling/v2 (spec.metrics, status.currentMetrics). */
export function asHpaV2(hpa: HorizontalPodAutoscaler | HpaV1): HorizontalPodAutoscaler {
  if (hpa.apiVersion !== 'autoscaling/v1') return hpa as HorizontalPodAutoscaler;
  const v1 = hpa as HpaV1;
  const metric: MetricSpec = {
    type: 'Resource',
    resource: {
      name: 'cpu',
      target: { type: 'Utilization', averageUtilization: v1.spec?.targetCPUUtilizationPercentage },
    },
  };
  const current = v1.status?.currentCPUUtilizationPercentage;
  return {
    ...v1,
    spec: {
      scaleTargetRef: v1.spec?.scaleTargetRef ?? { kind: '', name: '' },
      minReplicas: v1.spec?.minReplicas,
      maxReplicas: v1.spec?.maxReplicas ?? 0,
      metrics: [metric],
    },
    status: {
      ...(v1.status ?? {}),
      desiredReplicas: v1.status?.desiredReplicas ?? 0,
      currentMetrics:
        current === undefined
          ? []
          : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }],
    },
  } as HorizontalPodAutoscaler;
}

/** The TARGETS cell. */
export function formatHpaMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  if (specs === undefined || specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses?.[i]));
  const text = list.slice(0, MAX_METRICS).join(', ');
  return list.length > MAX_METRICS ? `${text} + ${list.length - MAX_METRICS} more...` : text;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  const unknown = '<unknown>';
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (target?.averageValue !== undefined) {
        return `${status?.external?.current?.averageValue ?? unknown}/${target.averageValue} (avg)`;
      }
      return `${status?.external ? (status.external.current?.value ?? '0') : unknown}/${target?.value ?? '0'}`;
    }
    case 'Pods':
      return `${status?.pods ? (status.pods.current?.averageValue ?? '0') : unknown}/${spec.pods?.target?.averageValue ?? '0'}`;
    case 'Object': {
      const target = spec.object?.target;
      if (target?.averageValue !== undefined) {
        return `${status?.object?.current?.averageValue ?? unknown}/${target.averageValue} (avg)`;
      }
      return `${status?.object ? (status.object.current?.value ?? '0') : unknown}/${target?.value ?? '0'}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const current = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = source?.name ?? '';
      if (source?.target?.averageValue !== undefined) {
        return `${name}: ${current ? (current.current?.averageValue ?? '0') : unknown}/${source.target.averageValue}`;
      }
      const now = current?.current?.averageUtilization;
      const target = source?.target?.averageUtilization;
      return `${name}: ${now !== undefined ? `${now}%` : unknown}/${target !== undefined ? `${target}%` : '<auto>'}`;
    }
    default:
      return '<unknown type>';
  }
}

export const hpaTablePrinter = defineTablePrinter<HorizontalPodAutoscaler | HpaV1>({
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Reference' },
    { name: 'Targets' },
    { name: 'MinPods' },
    { name: 'MaxPods' },
    { name: 'Replicas' },
    AGE_COLUMN,
  ],
  cells(object, now) {
    const hpa = asHpaV2(object);
    const ref = hpa.spec?.scaleTargetRef;
    return [
      hpa.metadata?.name,
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      formatAge(hpa.metadata?.creationTimestamp, now),
    ];
  },
});
