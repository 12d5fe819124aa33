// A load step on a Service: `cores` of CPU worth of requests arriving at it, spread evenly over its
// ready endpoints as kube-proxy's random choice spreads connections, each pod's share burning CPU
// in its first container. It stands for a load generator (the HPA walkthrough's
// `while sleep 0.01; do wget -q -O- http://php-apache; done`) without simulating every request.
// The shares are recomputed whenever the Service's EndpointSlices change, so pods added by a scale
// out take their part and the others' drops: what makes a HorizontalPodAutoscaler settle.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { SERVICE_NAME_LABEL } from './endpointslice-controller.ts';
import { objectKeyOf, splitKey, SyncQueue } from './sync-queue.ts';

/** Sets the extra CPU of a pod's first running container; false when it has none running. */
export type PodCpuLoad = (namespace: string, pod: string, cores: number) => boolean;

interface ServiceLoadState {
  /** `namespace/service` → cores offered. */
  loads: Record<string, number>;
  /** `namespace/service` → the pods carrying a share, and the share. */
  shares: Record<string, { pods: string[]; cores: number }>;
  pending: string[];
}

export class ServiceLoad implements EngineComponent {
  readonly name = 'service-load';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #podLoad: PodCpuLoad;
  readonly #queue: SyncQueue;
  #state: Omit<ServiceLoadState, 'pending'> = { loads: {}, shares: {} };

  constructor(engine: Engine, store: ApiStore, podLoad: PodCpuLoad) {
    this.#engine = engine;
    this.#store = store;
    this.#podLoad = podLoad;
    this.#queue = new SyncQueue(engine, 'service-load', (key) => this.#sync(key));
    store.watch('EndpointSlice', {}, ({ object }) => {
      const service = object.metadata?.labels?.[SERVICE_NAME_LABEL];
      const key = service === undefined ? undefined : objectKeyOf(object.metadata!.namespace, service);
      if (key !== undefined && key in this.#state.loads) this.#queue.add(key);
    });
    engine.register(this);
  }

  /** Offers `cores` of load to a Service from now on (0 ends it). */
  set(namespace: string, service: string, cores: number): void {
    const key = objectKeyOf(namespace, service);
    if (cores > 0) this.#state.loads[key] = cores;
    else delete this.#state.loads[key];
    this.#sync(key);
  }

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const cores = this.#state.loads[key] ?? 0;
    const slices = this.#store.list('EndpointSlice', { namespace, labelSelector: `${SERVICE_NAME_LABEL}=${name}` }).items;
    const ready = [...new Set(slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready === true && e.targetRef?.kind === 'Pod').map((e) => e.targetRef!.name!)))].sort();
    const carrying = cores > 0 ? ready.filter((pod) => this.#podLoad(namespace, pod, cores / ready.length)) : [];
    const share = carrying.length > 0 ? cores / ready.length : 0;
    for (const pod of this.#state.shares[key]?.pods ?? []) if (!carrying.includes(pod)) this.#podLoad(namespace, pod, 0);
    if (carrying.length > 0) this.#state.shares[key] = { pods: carrying, cores: share };
    else delete this.#state.shares[key];
    this.#engine.log.append('service.load', { service: key, cores, pods: carrying, perPod: Math.round(share * 1000) / 1000 });
  }

  snapshot(): ServiceLoadState {
    return { ...(JSON.parse(JSON.stringify(this.#state)) as Omit<ServiceLoadState, 'pending'>), pending: this.#queue.pending() };
  }

  restore(state: unknown): void {
    const saved = state as ServiceLoadState;
    this.#state = { loads: { ...saved.loads }, shares: JSON.parse(JSON.stringify(saved.shares)) as ServiceLoadState["shares"] };
    this.#queue.restore(saved.pending);
  }
}
