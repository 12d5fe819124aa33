// A load step on a Service: CPU worth of requests arriving at it, spread evenly over its ready
// endpoints as kube-proxy's random choice spreads connections, each pod's share burning CPU in its
// first container. It stands for a load generator (the HPA walkthrough's
// `while sleep 0.01; do wget -q -O- http://php-apache; done`) without simulating every request.
// The offered load is the Service's `dockyard.io/load` annotation (a CPU quantity, `600m`), so it
// is saved with the cluster and shown by `kubectl describe service`. The shares are recomputed
// whenever the Service's EndpointSlices change, so pods added by a scale-out take their part and
// the others' drop: what makes a HorizontalPodAutoscaler settle.

import type { Engine } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy } from '../api/kinds.ts';
import { milliCPU } from '../api/quantity.ts';
import { SERVICE_NAME_LABEL } from './endpointslice-controller.ts';

export const LOAD_ANNOTATION = 'dockyard.io/load';

/** Sets the extra CPU (cores) of a pod's first running container; false when it has none running. */
export type PodCpuLoad = (namespace: string, pod: string, cores: number) => boolean;

export class ServiceLoad {
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #podLoad: PodCpuLoad;

  constructor(engine: Engine, store: ApiStore, podLoad: PodCpuLoad) {
    this.#engine = engine;
    this.#store = store;
    this.#podLoad = podLoad;
    store.watch('Service', {}, ({ type, object, previous }) => {
      const now = object.metadata?.annotations?.[LOAD_ANNOTATION];
      const before = previous?.metadata?.annotations?.[LOAD_ANNOTATION];
      if (type !== 'DELETED' && now !== before) this.#apply(object.metadata!.namespace!, object.metadata!.name!);
    });
    store.watch('EndpointSlice', {}, ({ object }) => {
      const service = object.metadata?.labels?.[SERVICE_NAME_LABEL];
      const namespace = object.metadata!.namespace!;
      if (service !== undefined && this.#store.tryGet('Service', namespace, service)?.metadata?.annotations?.[LOAD_ANNOTATION] !== undefined) this.#apply(namespace, service);
    });
  }

  /** Offers `cores` of load to a Service from now on (0 ends it). */
  set(namespace: string, service: string, cores: number): void {
    const next = deepCopy(this.#store.get('Service', namespace, service));
    const annotations = { ...next.metadata!.annotations };
    if (cores > 0) annotations[LOAD_ANNOTATION] = `${Math.round(cores * 1000)}m`;
    else delete annotations[LOAD_ANNOTATION];
    next.metadata!.annotations = annotations;
    this.#store.update(next);
  }

  #apply(namespace: string, name: string): void {
    const value = this.#store.tryGet('Service', namespace, name)?.metadata?.annotations?.[LOAD_ANNOTATION];
    const cores = value === undefined ? 0 : milliCPU(value) / 1000;
    const slices = this.#store.list('EndpointSlice', { namespace, labelSelector: `${SERVICE_NAME_LABEL}=${name}` }).items;
    const endpoints = slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.targetRef?.kind === 'Pod'));
    const ready = [...new Set(endpoints.filter((e) => e.conditions?.ready === true).map((e) => e.targetRef!.name!))].sort();
    const others = [...new Set(endpoints.map((e) => e.targetRef!.name!))].filter((pod) => !ready.includes(pod)).sort();
    const share = cores > 0 && ready.length > 0 ? cores / ready.length : 0;
    const carrying = ready.filter((pod) => this.#podLoad(namespace, pod, share) && share > 0);
    for (const pod of others) this.#podLoad(namespace, pod, 0);
    this.#engine.log.append('service.load', { service: `${namespace}/${name}`, cpu: value ?? '0', pods: carrying, perPod: `${Math.round(share * 1000)}m` });
  }
}
