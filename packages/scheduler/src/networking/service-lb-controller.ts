// LoadBalancer Services get an external address a moment after they are created, as MetalLB does
// on a kind cluster (or a cloud's controller would, more slowly): until then `kubectl get svc`
// shows EXTERNAL-IP `<pending>`. Addresses come from a pool on the nodes' Docker network
// (kind's MetalLB guide uses 172.18.255.200-172.18.255.250); the lowest free address is taken,
// or the one asked for with `spec.loadBalancerIP` / the `metallb.universe.tf/loadBalancerIPs`
// annotation. In layer 2 mode one node answers for each address: MetalLB orders the nodes by
// sha256("<node>#<ip>") and the first announces it. Events are MetalLB's (IPAllocated,
// nodeAssigned, AllocationFailed). What is taken is read from Service status, so snapshots carry
// only the assignments still to come (engine tasks).

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import { sha256 } from '@noble/hashes/sha2.js';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, type Stored } from '../api/kinds.ts';
import type { EventSink } from '../events/event-recorder.ts';
import { ipToNumber, numberToIp } from './ip.ts';
import { objectKeyOf, splitNamespacedKey } from '../controllers/work-queue.ts';

export const DEFAULT_LB_POOL = { first: '172.18.255.200', last: '172.18.255.250' } as const;
/** How long after a Service appears its address is assigned. */
export const DEFAULT_LB_ASSIGN_DELAY_MS = 2000;
const REQUEST_ANNOTATION = 'metallb.universe.tf/loadBalancerIPs';

export interface ServiceLbControllerOptions {
  events: EventSink;
  pool?: { first: string; last: string };
  assignDelayMs?: number;
}

export class ServiceLbController implements EngineComponent {
  readonly name = 'service-lb-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventSink;
  readonly #pool: { first: number; last: number };
  readonly #delay: number;
  readonly #assign: TaskKind<{ key: string }>;
  #scheduled = new Set<string>();

  constructor(engine: Engine, store: ApiStore, options: ServiceLbControllerOptions) {
    this.#engine = engine;
    this.#store = store;
    this.#events = options.events;
    const pool = options.pool ?? DEFAULT_LB_POOL;
    this.#pool = { first: ipToNumber(pool.first), last: ipToNumber(pool.last) };
    this.#delay = options.assignDelayMs ?? DEFAULT_LB_ASSIGN_DELAY_MS;
    this.#assign = engine.defineTask<{ key: string }>('service-lb-controller.assign', ({ key }) => {
      this.#scheduled.delete(key);
      this.#reconcile(key);
    });
    store.watch('Service', {}, ({ type, object }) => {
      const key = objectKeyOf(object.metadata!.namespace, object.metadata!.name!);
      if (type === 'DELETED' || this.#scheduled.has(key)) return;
      const wants = object.spec?.type === 'LoadBalancer';
      const has = (object.status?.loadBalancer?.ingress ?? []).length > 0;
      if (wants !== has) {
        this.#scheduled.add(key);
        engine.schedule(this.#assign, wants ? this.#delay : 0, { key });
      }
    });
    engine.register(this);
  }

  /** The node that answers ARP for a LoadBalancer address (MetalLB layer 2 election). */
  announcingNode(ip: string): string | undefined {
    const nodes = this.#store
      .list('Node')
      .items.filter((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'False' && n.spec?.unschedulable !== true)
      .map((n) => n.metadata!.name!);
    const rank = (node: string) => [...sha256(new TextEncoder().encode(`${node}#${ip}`))].map((b) => b.toString(16).padStart(2, '0')).join('');
    return nodes.sort((a, b) => (rank(a) < rank(b) ? -1 : 1))[0];
  }

  /** The Service whose address this is, if any. */
  serviceForAddress(ip: string): Stored<'Service'> | undefined {
    return this.#store.list('Service').items.find((s) => (s.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip));
  }

  #reconcile(key: string): void {
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.#store.tryGet('Service', namespace, name);
    if (service === undefined) return;
    const has = service.status?.loadBalancer?.ingress ?? [];
    if (service.spec?.type !== 'LoadBalancer') {
      if (has.length > 0) {
        const next = deepCopy(service);
        next.status = { ...next.status, loadBalancer: {} };
        this.#store.updateStatus(next);
      }
      return;
    }
    if (has.length > 0) return;
    const requested = service.metadata?.annotations?.[REQUEST_ANNOTATION] ?? service.spec.loadBalancerIP;
    const ip = this.#pick(requested);
    if (ip === undefined) {
      this.#events.event(service, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": ${requested === undefined ? 'no available IPs' : `["${requested}"] is not allowed in config`}`);
      return;
    }
    const next = deepCopy(service);
    next.status = { ...next.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    this.#store.updateStatus(next);
    this.#events.event(service, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`);
    const node = this.announcingNode(ip);
    if (node !== undefined) this.#events.event(service, 'Normal', 'nodeAssigned', `announcing from node "${node}" with protocol "layer2"`);
    this.#engine.log.append('service-lb.assign', { service: key, ip, node: node ?? null });
  }

  #pick(requested: string | undefined): string | undefined {
    const taken = new Set(this.#store.list('Service').items.flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip)));
    if (requested !== undefined && requested !== '') {
      const n = ipToNumber(requested);
      return n >= this.#pool.first && n <= this.#pool.last && !taken.has(requested) ? requested : undefined;
    }
    for (let n = this.#pool.first; n <= this.#pool.last; n++) if (!taken.has(numberToIp(n))) return numberToIp(n);
    return undefined;
  }

  snapshot(): { scheduled: string[] } {
    return { scheduled: [...this.#scheduled].sort() };
  }

  restore(state: unknown): void {
    this.#scheduled = new Set((state as { scheduled: string[] }).scheduled);
  }
}
