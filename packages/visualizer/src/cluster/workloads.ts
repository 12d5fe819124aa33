// The objects a user creates, listed beside the map so hovering one lights up its pods: workloads
// with kubectl's READY (ready/desired), Services with their ready endpoints, Ingresses, claims and
// configuration. The cluster's own objects (kube-system, kube-public, kube-node-lease, and the
// kube-root-ca.crt ConfigMap every namespace gets) are left out.

import type { World } from '@dockyard/cli';
import { type DeepReadonly, type KubeObject, SERVICE_NAME_LABEL } from '@dockyard/scheduler';
import { byNaturalName } from './cluster-map.ts';
import { selectionOf } from './relationships.ts';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'Ingress', 'PersistentVolumeClaim', 'ConfigMap', 'Secret'] as const;

export interface WorkloadItem {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `deployment/web` */
  readonly selection: string;
  /** kubectl's count cell when it has one: `3/4` (ready/desired), a Service's ready endpoints. */
  readonly count: string;
  /**
   * All there: every desired replica ready (never while ready < desired), a Service with ready
   * endpoints, a claim Bound, a Job complete; false when short; undefined when it has no such notion.
   */
  readonly healthy: boolean | undefined;
}

function item(kind: string, object: DeepReadonly<KubeObject>, count = '', healthy: boolean | undefined = undefined): WorkloadItem {
  const name = object.metadata?.name ?? '';
  return { kind, namespace: object.metadata?.namespace ?? '', name, selection: selectionOf(kind, name), count, healthy };
}

function replicas(kind: string, object: DeepReadonly<KubeObject>, ready: number | undefined, desired: number | undefined): WorkloadItem {
  const r = ready ?? 0;
  const d = desired ?? 0;
  return item(kind, object, `${r}/${d}`, r >= d && d > 0 ? true : d === 0 ? undefined : false);
}

export function workloads(world: World): WorkloadItem[] {
  const { store } = world.cluster;
  const items: WorkloadItem[] = [];
  const readyEndpoints = new Map<string, number>();
  for (const slice of store.list('EndpointSlice').items) {
    const service = `${slice.metadata?.namespace}/${slice.metadata?.labels?.[SERVICE_NAME_LABEL]}`;
    const ready = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
    readyEndpoints.set(service, (readyEndpoints.get(service) ?? 0) + ready);
  }
  for (const kind of KINDS) {
    for (const object of store.list(kind).items) {
      if (SYSTEM_NAMESPACES.has(object.metadata?.namespace ?? '')) continue;
      const o = object as DeepReadonly<KubeObject> & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
      const status = (o.status ?? {}) as Record<string, number | undefined>;
      const desired = (o.spec?.['replicas'] as number | undefined) ?? 1;
      switch (kind) {
        case 'Deployment':
        case 'StatefulSet':
        case 'ReplicaSet':
          items.push(replicas(kind, object, status['readyReplicas'], desired));
          break;
        case 'DaemonSet':
          items.push(replicas(kind, object, status['numberReady'], status['desiredNumberScheduled']));
          break;
        case 'Job': {
          const completions = (o.spec?.['completions'] as number | undefined) ?? 1;
          items.push(item(kind, object, `${status['succeeded'] ?? 0}/${completions}`, (status['succeeded'] ?? 0) >= completions));
          break;
        }
        case 'Service': {
          const selector = o.spec?.['selector'] as Record<string, string> | undefined;
          const ready = readyEndpoints.get(`${object.metadata?.namespace}/${object.metadata?.name}`) ?? 0;
          items.push(selector === undefined ? item(kind, object) : item(kind, object, `${ready} ready`, ready > 0));
          break;
        }
        case 'PersistentVolumeClaim': {
          const phase = String((o.status as { phase?: string } | undefined)?.phase ?? 'Pending');
          items.push(item(kind, object, phase, phase === 'Bound'));
          break;
        }
        case 'ConfigMap':
          if (object.metadata?.name !== 'kube-root-ca.crt') items.push(item(kind, object));
          break;
        default:
          items.push(item(kind, object));
      }
    }
  }
  return items.sort((a, b) => KINDS.indexOf(a.kind as never) - KINDS.indexOf(b.kind as never) || byNaturalName(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
}
