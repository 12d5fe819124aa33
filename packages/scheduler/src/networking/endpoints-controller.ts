// The endpoints controller (kube-controller-manager): one core/v1 Endpoints per Service with a
// selector, named after it, listing the selected pods: ready ones under `addresses`, the others
// under `notReadyAddresses`, each subset with the ports its pods expose (named targetPorts are
// looked up per pod, so pods that name a port differently land in different subsets).
// Terminating pods are left out. A Service without a selector keeps whatever Endpoints the user
// wrote. [k/k pkg/controller/endpoint/endpoints_controller.go syncService, RepackSubsets]
//
// Kubernetes v1.33 deprecates the v1 Endpoints API (the API server warns on reads); kube-proxy and
// DNS read EndpointSlices (endpointslice-controller.ts). `kubectl get endpoints` still lists these.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, jsonEqual, type Stored } from '../api/kinds.ts';
import { endpointHostname, HEADLESS_LABEL, LAST_CHANGE_TRIGGER_TIME, podReference, resolvedPorts, serviceEndpoints } from './service-endpoints.ts';
import { type SavedServiceSyncQueue, ServiceSyncQueue } from './service-sync-queue.ts';
import { splitNamespacedKey } from '../controllers/work-queue.ts';

/** The warning the v1.33 API server sends with every read of v1 Endpoints. */
export const ENDPOINTS_DEPRECATION_WARNING = 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

export class EndpointsController implements EngineComponent {
  readonly name = 'endpoints-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: ServiceSyncQueue;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#queue = new ServiceSyncQueue(engine, store, 'endpoints-controller', (key) => this.#sync(key));
    engine.register(this);
  }

  #sync(key: string): void {
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.#store.tryGet('Service', namespace, name);
    const existing = this.#store.tryGet('Endpoints', namespace, name);
    if (service === undefined) {
      if (existing !== undefined) this.#store.delete('Endpoints', namespace, name);
      return;
    }
    const selector = service.spec?.selector;
    if (selector === undefined || Object.keys(selector).length === 0) return;
    const subsets = this.#subsets(service);
    const labels: Record<string, string> = { ...service.metadata?.labels };
    if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    if (existing !== undefined && jsonEqual(existing.subsets ?? [], subsets) && jsonEqual(existing.metadata?.labels ?? {}, labels)) return;
    const annotations = { ...existing?.metadata?.annotations, [LAST_CHANGE_TRIGGER_TIME]: toRFC3339(this.#engine.now) };
    const endpoints: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace, ...(Object.keys(labels).length === 0 ? {} : { labels }), annotations },
      ...(subsets.length === 0 ? {} : { subsets }),
    };
    if (existing === undefined) this.#store.create(endpoints);
    else {
      const next = deepCopy(existing);
      next.metadata = { ...next.metadata, labels, annotations };
      if (subsets.length === 0) delete next.subsets;
      else next.subsets = subsets;
      this.#store.update(next);
    }
    this.#engine.log.append('endpoints.sync', {
      service: key,
      ready: subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)),
      notReady: subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)),
    });
  }

  /** Addresses grouped by the ports their pod exposes, sorted as RepackSubsets sorts them. */
  #subsets(service: Stored<'Service'>): EndpointSubset[] {
    const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
    for (const endpoint of serviceEndpoints(this.#store, service, false)) {
      const resolved = resolvedPorts(endpoint.pod, service);
      if (resolved === undefined) continue;
      // An unnamed port has no name field in a subset.
      const ports: EndpointPort[] = resolved.map(({ name, ...port }) => (name === '' ? port : { name, ...port }));
      const pod = endpoint.pod;
      const hostname = endpointHostname(pod, service.metadata!.name!);
      const address: EndpointAddress = {
        ip: endpoint.ip,
        ...(hostname === undefined ? {} : { hostname }),
        ...(pod.spec?.nodeName === undefined ? {} : { nodeName: pod.spec.nodeName }),
        targetRef: podReference(pod),
      };
      const groupKey = JSON.stringify(ports);
      let group = groups.get(groupKey);
      if (group === undefined) {
        group = { ports, ready: [], notReady: [] };
        groups.set(groupKey, group);
      }
      (endpoint.ready ? group.ready : group.notReady).push(address);
    }
    const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
    return [...groups.keys()].sort().map((k) => {
      const g = groups.get(k)!;
      return {
        ...(g.ready.length === 0 ? {} : { addresses: g.ready.sort(byIp) }),
        ...(g.notReady.length === 0 ? {} : { notReadyAddresses: g.notReady.sort(byIp) }),
        ...(g.ports.length === 0 ? {} : { ports: g.ports }),
      };
    });
  }

  snapshot(): SavedServiceSyncQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedServiceSyncQueue);
  }
}
