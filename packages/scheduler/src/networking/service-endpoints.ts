// What the endpoints and EndpointSlice controllers share: which pods back a Service, whether each
// is ready, and the ports the Service's ports reach on it (numbers, or a container port by name).
// [k/k pkg/controller/util/endpoint (ShouldPodBeInEndpoints, FindPort via podutil), pkg/api/v1/pod]

import type { Pod, ServicePort } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly, Stored } from '../api/kinds.ts';
import { selectorFromSet } from '../api/label-selector.ts';

export interface PodEndpoint {
  pod: Stored<'Pod'>;
  ip: string;
  ready: boolean;
  /** Ready condition true, whether or not the pod is terminating (EndpointSlice `serving`). */
  serving: boolean;
  terminating: boolean;
}

export function isPodReady(pod: DeepReadonly<Pod>): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/**
 * ShouldPodBeInEndpoints: a pod with an IP that has not finished; terminating pods only when the
 * Service publishes not-ready addresses (Endpoints) or for EndpointSlices, which keep them with
 * `terminating: true`.
 */
function includePod(pod: Stored<'Pod'>, keepTerminating: boolean): boolean {
  if (pod.status?.podIP === undefined || pod.status.podIP === '') return false;
  const phase = pod.status.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (pod.metadata?.deletionTimestamp !== undefined && !keepTerminating) return false;
  return true;
}

/** The pods a Service selects, in the store's order, with their readiness. */
export function serviceEndpoints(store: ApiStore, service: Stored<'Service'>, keepTerminating: boolean): PodEndpoint[] {
  const selector = service.spec?.selector;
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  const namespace = service.metadata!.namespace!;
  const pods = store.list('Pod', { namespace, labelSelector: selectorFromSet(selector) }).items;
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const out: PodEndpoint[] = [];
  for (const pod of pods) {
    if (!includePod(pod, keepTerminating || publishNotReady)) continue;
    const terminating = pod.metadata?.deletionTimestamp !== undefined;
    const podReady = isPodReady(pod);
    out.push({ pod, ip: pod.status!.podIP!, ready: publishNotReady || (podReady && !terminating), serving: publishNotReady || podReady, terminating });
  }
  return out;
}

/** The port a Service port reaches on a pod: targetPort as a number, or the named container port; undefined when the pod has no such name. */
function targetPortOn(pod: DeepReadonly<Pod>, port: DeepReadonly<ServicePort>): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    for (const cp of container.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return cp.containerPort;
    }
  }
  return undefined;
}

/** A Service port resolved on one pod: what an Endpoints subset or an EndpointSlice lists. */
export interface ResolvedPort {
  /** The Service port's name, '' when it has none. */
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/**
 * The Service's ports as they land on a pod, in the Service's order, skipping those the pod has
 * no named port for; undefined when the Service has ports and none of them land (the pod is then
 * not an endpoint).
 */
export function resolvedPorts(pod: DeepReadonly<Pod>, service: Stored<'Service'>): ResolvedPort[] | undefined {
  const ports: ResolvedPort[] = [];
  for (const port of service.spec?.ports ?? []) {
    const target = targetPortOn(pod, port);
    if (target === undefined) continue;
    ports.push({ name: port.name ?? '', port: target, protocol: port.protocol ?? 'TCP', ...(port.appProtocol === undefined ? {} : { appProtocol: port.appProtocol }) });
  }
  if (ports.length === 0 && (service.spec?.ports ?? []).length > 0) return undefined;
  return ports;
}

/** The `targetRef` both controllers give a pod's endpoint. */
export function podReference(pod: Stored<'Pod'>): { kind: 'Pod'; namespace: string; name: string; uid: string } {
  return { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! };
}

/** Keys (`ns/name`) of the Services in the pod's namespace whose selector matches it. */
export function servicesSelectingPod(store: ApiStore, pod: DeepReadonly<Pod>): string[] {
  const namespace = pod.metadata?.namespace;
  return store.list('Service', { namespace }).items
    .filter((svc) => {
      const selector = svc.spec?.selector;
      return selector !== undefined && Object.keys(selector).length > 0 && selectorFromSet(selector).matches(pod.metadata?.labels);
    })
    .map((svc) => `${namespace}/${svc.metadata!.name}`);
}

/**
 * The Services each pod was last seen behind, so that a pod whose labels change (or that goes)
 * also wakes the Services it left: what an informer's old object gives a real controller.
 */
export class PodServiceIndex {
  #byPod = new Map<string, string[]>();

  /** Service keys to sync for a pod event: those it matches now plus those it matched before. */
  affected(store: ApiStore, type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: DeepReadonly<Pod>): string[] {
    const uid = pod.metadata!.uid!;
    const before = this.#byPod.get(uid) ?? [];
    const now = type === 'DELETED' ? [] : servicesSelectingPod(store, pod);
    if (now.length === 0) this.#byPod.delete(uid);
    else this.#byPod.set(uid, now);
    return [...new Set([...before, ...now])].sort();
  }

  snapshot(): [string, string[]][] {
    return [...this.#byPod.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  restore(entries: readonly [string, string[]][]): void {
    this.#byPod = new Map(entries.map(([k, v]) => [k, [...v]]));
  }
}

/** `service.kubernetes.io/headless` marks the endpoints of a Service with clusterIP None. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** The annotation both controllers stamp with the time of the change that triggered the write. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** A pod's DNS hostname under a headless Service: set when its subdomain names that Service. */
export function endpointHostname(pod: DeepReadonly<Pod>, serviceName: string): string | undefined {
  const hostname = pod.spec?.hostname;
  return hostname !== undefined && hostname !== '' && pod.spec?.subdomain === serviceName ? hostname : undefined;
}
