// The EndpointSlice mirroring controller (kube-controller-manager): a Service without a selector
// whose Endpoints someone wrote by hand (an external database, say) gets EndpointSlices mirrored
// from them, so kube-proxy and DNS, which read only slices, serve it too. One slice per subset,
// `ready` from `addresses` and not ready from `notReadyAddresses`, managed by
// `endpointslicemirroring-controller.k8s.io`. Endpoints labelled
// `endpointslice.kubernetes.io/skip-mirror: "true"` (the API server's own `kubernetes`) are left
// alone. [k/k pkg/controller/endpointslicemirroring]

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, jsonEqual } from '../api/kinds.ts';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './endpointslice-controller.ts';
import { objectKeyOf, splitNamespacedKey, type SavedWorkQueue, WorkQueue } from '../controllers/work-queue.ts';

export const MIRRORING_MANAGED_BY = 'endpointslicemirroring-controller.k8s.io';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

export class EndpointSliceMirroringController implements EngineComponent {
  readonly name = 'endpointslicemirroring-controller';
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;

  constructor(engine: Engine, store: ApiStore) {
    this.#store = store;
    this.#queue = new WorkQueue(engine, 'endpointslicemirroring-controller', (key) => this.#sync(key));
    const enqueue = ({ object }: { object: { metadata?: { namespace?: string; name?: string } } }) => this.#queue.add(objectKeyOf(object.metadata!.namespace, object.metadata!.name!));
    store.watch('Endpoints', {}, enqueue);
    store.watch('Service', {}, enqueue);
    engine.register(this);
  }

  #sync(key: string): void {
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.#store.tryGet('Service', namespace, name);
    const endpoints = this.#store.tryGet('Endpoints', namespace, name);
    const existing = this.#store.list('EndpointSlice', { namespace, labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${MIRRORING_MANAGED_BY}` }).items;
    const mirror =
      service !== undefined &&
      endpoints !== undefined &&
      (service.spec?.selector === undefined || Object.keys(service.spec.selector).length === 0) &&
      endpoints.metadata?.labels?.[SKIP_MIRROR_LABEL] !== 'true';
    const wanted: { endpoints: Endpoint[]; ports: EndpointPort[] }[] = [];
    if (mirror) {
      for (const subset of endpoints!.subsets ?? []) {
        const list: Endpoint[] = [];
        for (const [addresses, ready] of [[subset.addresses ?? [], true], [subset.notReadyAddresses ?? [], false]] as const) {
          for (const a of addresses) {
            list.push({
              addresses: [a.ip],
              conditions: { ready },
              ...(a.hostname === undefined ? {} : { hostname: a.hostname }),
              ...(a.nodeName === undefined ? {} : { nodeName: a.nodeName }),
              ...(a.targetRef === undefined ? {} : { targetRef: { ...a.targetRef } }),
            });
          }
        }
        wanted.push({ endpoints: list, ports: (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })) });
      }
    }
    const labels = { ...(service?.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MIRRORING_MANAGED_BY };
    const unused = [...existing];
    for (const group of wanted) {
      const slice = unused.shift();
      if (slice === undefined) {
        const created: EndpointSlice = {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace,
            labels,
            ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: endpoints!.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
          },
          addressType: 'IPv4',
          endpoints: group.endpoints,
          ports: group.ports,
        };
        this.#store.create(created);
      } else if (!jsonEqual(slice.endpoints ?? [], group.endpoints) || !jsonEqual(slice.ports ?? [], group.ports) || !jsonEqual(slice.metadata?.labels ?? {}, labels)) {
        const next = deepCopy(slice);
        next.metadata!.labels = labels;
        next.endpoints = group.endpoints;
        next.ports = group.ports;
        this.#store.update(next);
      }
    }
    for (const slice of unused) this.#store.delete('EndpointSlice', namespace, slice.metadata!.name!);
  }

  snapshot(): { queue: SavedWorkQueue } {
    return { queue: this.#queue.snapshot() };
  }

  restore(state: unknown): void {
    this.#queue.restore((state as { queue: SavedWorkQueue }).queue);
  }
}
