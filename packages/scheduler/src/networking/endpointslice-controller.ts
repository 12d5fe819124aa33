// The EndpointSlice controller (kube-controller-manager): the discovery.k8s.io/v1 slices that
// kube-proxy and CoreDNS read. Per Service with a selector, one slice per distinct port mapping
// (pods naming a targetPort differently differ), at most 100 endpoints each, named
// `<service>-<5 random characters>`, owned by the Service (the garbage collector removes them
// with it) and labelled `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`.
// Every selected pod with an IP is listed with its conditions: `ready` (Ready and not
// terminating), `serving` (Ready), `terminating`. [k/k pkg/controller/endpointslice/reconciler.go,
// staging/src/k8s.io/endpointslice/utils.go podToEndpoint]

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, jsonEqual, type Stored } from '../api/kinds.ts';
import { endpointHostname, HEADLESS_LABEL, LAST_CHANGE_TRIGGER_TIME, podReference, resolvedPorts, serviceEndpoints } from './service-endpoints.ts';
import { type SavedServiceSyncQueue, ServiceSyncQueue } from './service-sync-queue.ts';
import { splitNamespacedKey } from '../controllers/work-queue.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** A new slice of the Service, owned by it, for the API server to name `<service>-<5 characters>`. */
function newSlice(service: Stored<'Service'>, labels: Record<string, string>, annotations: Record<string, string>, content: { endpoints: Endpoint[]; ports: EndpointPort[] }): EndpointSlice {
  const name = service.metadata!.name!;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace: service.metadata!.namespace!,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: service.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: content.endpoints,
    ports: content.ports,
  };
}

export class EndpointSliceController implements EngineComponent {
  readonly name = 'endpointslice-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: ServiceSyncQueue;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#queue = new ServiceSyncQueue(engine, store, 'endpointslice-controller', (key) => this.#sync(key));
    engine.register(this);
  }

  /** The slices a Service's controller manages, in name order. */
  static slicesOf(store: ApiStore, namespace: string, service: string): Stored<'EndpointSlice'>[] {
    return store.list('EndpointSlice', { namespace, labelSelector: `${SERVICE_NAME_LABEL}=${service},${MANAGED_BY_LABEL}=${MANAGED_BY}` }).items;
  }

  #sync(key: string): void {
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.#store.tryGet('Service', namespace, name);
    const existing = EndpointSliceController.slicesOf(this.#store, namespace, name);
    if (service === undefined || service.spec?.selector === undefined || Object.keys(service.spec.selector).length === 0) {
      // Deleted Services' slices go with them (ownerReferences); a selector removed: the controller lets go.
      if (service !== undefined) for (const slice of existing) this.#store.delete('EndpointSlice', namespace, slice.metadata!.name!);
      return;
    }
    const wanted = this.#desired(service);
    const labels: Record<string, string> = { ...service.metadata?.labels, [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
    if (service.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    const unused = [...existing];
    let changed = false;
    for (const group of wanted) {
      // Reuse a slice with the same ports (and otherwise any left over), as the reconciler does.
      let index = unused.findIndex((s) => jsonEqual(s.ports ?? [], group.ports));
      if (index < 0) index = unused.length > 0 ? 0 : -1;
      const slice = index >= 0 ? unused.splice(index, 1)[0] : undefined;
      const sameContent = slice !== undefined && jsonEqual(slice.endpoints ?? [], group.endpoints) && jsonEqual(slice.ports ?? [], group.ports) && jsonEqual(slice.metadata?.labels ?? {}, labels);
      if (sameContent) continue;
      changed = true;
      const annotations = { ...slice?.metadata?.annotations, [LAST_CHANGE_TRIGGER_TIME]: toRFC3339(this.#engine.now) };
      if (slice === undefined) {
        this.#store.create(newSlice(service, labels, annotations, group));
      } else {
        const next = deepCopy(slice);
        next.metadata = { ...next.metadata, labels, annotations };
        next.endpoints = group.endpoints;
        next.ports = group.ports;
        this.#store.update(next);
      }
    }
    // A Service that selects nothing still has one (empty) slice; surplus slices go.
    if (wanted.length === 0 && existing.length === 0) {
      changed = true;
      this.#store.create(newSlice(service, labels, { [LAST_CHANGE_TRIGGER_TIME]: toRFC3339(this.#engine.now) }, { endpoints: [], ports: [] }));
    } else if (wanted.length === 0) {
      const [keep, ...rest] = existing;
      if ((keep!.endpoints ?? []).length > 0) {
        const next = deepCopy(keep!);
        next.endpoints = [];
        next.ports = [];
        this.#store.update(next);
        changed = true;
      }
      for (const slice of rest) this.#store.delete('EndpointSlice', namespace, slice.metadata!.name!);
    } else {
      for (const slice of unused) {
        changed = true;
        this.#store.delete('EndpointSlice', namespace, slice.metadata!.name!);
      }
    }
    if (changed) {
      this.#engine.log.append('endpointslice.sync', {
        service: key,
        endpoints: wanted.flatMap((g) => g.endpoints.map((e) => `${e.addresses[0]}${e.conditions?.ready === true ? '' : e.conditions?.terminating === true ? ' (terminating)' : ' (not ready)'}`)),
      });
    }
  }

  /** Endpoints grouped by port mapping, 100 to a slice. */
  #desired(service: Stored<'Service'>): { ports: EndpointPort[]; endpoints: Endpoint[] }[] {
    const open = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
    const all: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
    for (const endpoint of serviceEndpoints(this.#store, service, true)) {
      const pod = endpoint.pod;
      const ports: EndpointPort[] | undefined = resolvedPorts(pod, service);
      if (ports === undefined) continue;
      const hostname = endpointHostname(pod, service.metadata!.name!);
      const nodeName = pod.spec?.nodeName;
      const zone = nodeName === undefined ? undefined : this.#store.tryGet('Node', undefined, nodeName)?.metadata?.labels?.[ZONE_LABEL];
      const entry: Endpoint = {
        addresses: [endpoint.ip],
        conditions: { ready: endpoint.ready, serving: endpoint.serving, terminating: endpoint.terminating },
        ...(hostname === undefined ? {} : { hostname }),
        targetRef: podReference(pod),
        ...(nodeName === undefined ? {} : { nodeName }),
        ...(zone === undefined ? {} : { zone }),
      };
      const key = JSON.stringify(ports);
      let group = open.get(key);
      if (group === undefined || group.endpoints.length >= MAX_ENDPOINTS_PER_SLICE) {
        group = { ports, endpoints: [] };
        open.set(key, group);
        all.push(group);
      }
      group.endpoints.push(entry);
    }
    return all;
  }

  snapshot(): SavedServiceSyncQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedServiceSyncQueue);
  }
}
