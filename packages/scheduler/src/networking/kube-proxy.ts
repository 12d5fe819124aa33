// kube-proxy on one node, in iptables mode: it watches Services, EndpointSlices and its Node,
// rewrites the node's rules (iptables-proxier.ts) at most once per --iptables-min-sync-period
// (1 s), and answers what the kernel would do with a packet: `route` walks the nat table as
// netfilter does, drawing the statistic matches from the engine's seeded random in rule order,
// keeping the `recent` lists of ClientIP affinity, and falling back to the filter table's REJECT
// for a port without endpoints. Every routed packet is logged as `kube-proxy.route` with the
// node, the rule that picked the endpoint, the endpoint and the Pod its EndpointSlice names, so
// each request can be traced.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { buildProxyTables, type NatRule, type ProxiedServicePort, proxiedPorts, type ProxyTables, renderIptablesSave } from './iptables-proxier.ts';
import { inCidr, parseCidr } from './ip.ts';

/** kind's default pod subnet (kubeadm's podSubnet there). */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** --iptables-min-sync-period. */
export const MIN_SYNC_PERIOD_MS = 1000;

export interface ProxyPacket {
  sourceIp: string;
  destinationIp: string;
  destinationPort: number;
}

type Decision =
  | { verdict: 'dnat'; ip: string; port: number; service: string; rule: string }
  | { verdict: 'reject' | 'drop'; service: string; rule: string };

/** The decision and every rule the packet matched on its way, in order. */
export type ProxyVerdict = Decision & { rules: string[] };

export interface KubeProxyOptions {
  nodeName: string;
  clusterCidr?: string;
}

interface SavedKubeProxy {
  ports: ProxiedServicePort[];
  localAddresses: string[];
  lastSync: number;
  syncAt: number | undefined;
  recent: [list: string, entries: [client: string, at: number][]][];
}

export class KubeProxy implements EngineComponent {
  readonly name: string;
  readonly nodeName: string;
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #clusterCidr: string;
  readonly #podNetwork: ReturnType<typeof parseCidr>;
  readonly #sync: TaskKind<Record<string, never>>;
  #ports: ProxiedServicePort[] = [];
  #tables: ProxyTables;
  #localAddresses: string[] = ['127.0.0.1'];
  #lastSync = -Infinity;
  #syncAt: number | undefined;
  /** The xt_recent lists: per SEP chain, when each client was last seen. */
  #recent = new Map<string, Map<string, number>>();

  constructor(engine: Engine, store: ApiStore, options: KubeProxyOptions) {
    this.nodeName = options.nodeName;
    this.name = `kube-proxy/${options.nodeName}`;
    this.#engine = engine;
    this.#store = store;
    this.#clusterCidr = options.clusterCidr ?? DEFAULT_CLUSTER_CIDR;
    this.#podNetwork = parseCidr(this.#clusterCidr);
    this.#tables = buildProxyTables([], this.nodeName, this.#clusterCidr);
    this.#sync = engine.defineTask(`${this.name}.sync`, () => {
      this.#syncAt = undefined;
      this.syncProxyRules();
    });
    const wake = () => this.#requestSync();
    store.watch('Service', {}, wake);
    store.watch('EndpointSlice', {}, wake);
    store.watch('Node', { fieldSelector: `metadata.name=${this.nodeName}` }, wake);
    engine.register(this);
  }

  /** The rules as kube-proxy last wrote them. */
  get tables(): ProxyTables {
    return this.#tables;
  }

  /** What `iptables-save` would show of kube-proxy's chains on this node. */
  iptablesSave(): string {
    return renderIptablesSave(this.#tables);
  }

  /** Rewrites the rules from the store now (what the sync task does). */
  syncProxyRules(): void {
    const services = this.#store.list('Service').items;
    const slices = this.#store.list('EndpointSlice').items;
    const byService = new Map<string, (typeof slices)[number][]>();
    for (const slice of slices) {
      const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
      if (service === undefined) continue;
      const key = `${slice.metadata!.namespace}/${service}`;
      byService.set(key, [...(byService.get(key) ?? []), slice]);
    }
    this.#ports = services.flatMap((svc) => proxiedPorts(svc, byService.get(`${svc.metadata!.namespace}/${svc.metadata!.name}`) ?? []));
    const node = this.#store.tryGet('Node', undefined, this.nodeName);
    this.#localAddresses = ['127.0.0.1', ...(node?.status?.addresses ?? []).filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address)];
    this.#tables = buildProxyTables(this.#ports, this.nodeName, this.#clusterCidr);
    this.#lastSync = this.#engine.now;
    this.#engine.log.append('kube-proxy.sync', { node: this.nodeName, servicePorts: this.#ports.length, rules: this.#tables.nat.length + this.#tables.filter.length });
  }

  #requestSync(): void {
    if (this.#syncAt !== undefined) return;
    const at = Math.max(this.#engine.now, this.#lastSync + MIN_SYNC_PERIOD_MS);
    this.#syncAt = at;
    this.#engine.scheduleAt(this.#sync, at, {});
  }

  /**
   * What this node's netfilter does with a new connection: a DNAT to an endpoint, a REJECT or
   * DROP, or undefined when no kube-proxy rule applies (the packet goes on as addressed).
   */
  route(packet: ProxyPacket): ProxyVerdict | undefined {
    const matched: string[] = [];
    const result = this.#walk('KUBE-SERVICES', packet, matched, 0);
    let verdict: ProxyVerdict | undefined;
    if (result !== undefined) verdict = { ...result, rules: matched };
    else {
      const reject = this.#tables.filter.find((rule) => this.#matches(rule, packet));
      if (reject !== undefined) verdict = { verdict: 'reject', service: serviceOfComment(reject.comment), rule: reject.text, rules: [reject.text] };
    }
    if (verdict !== undefined) {
      this.#engine.log.append('kube-proxy.route', {
        node: this.nodeName,
        client: packet.sourceIp,
        destination: `${packet.destinationIp}:${packet.destinationPort}`,
        service: verdict.service,
        verdict: verdict.verdict,
        rule: verdict.rule,
        ...(verdict.verdict === 'dnat' ? { endpoint: `${verdict.ip}:${verdict.port}`, ...this.#podOf(verdict) } : {}),
      });
    }
    return verdict;
  }

  /** The Pod behind a DNAT's endpoint, as the Service's EndpointSlices name it. */
  #podOf(verdict: { service: string; ip: string; port: number }): { pod?: string } {
    const pod = this.#ports.find((p) => p.name === verdict.service)?.endpoints.find((e) => e.ip === verdict.ip && e.port === verdict.port)?.pod;
    return pod === undefined ? {} : { pod };
  }

  #walk(chain: string, packet: ProxyPacket, matched: string[], depth: number): Decision | undefined {
    if (depth > 8) return undefined;
    let picked: NatRule | undefined;
    for (const rule of this.#tables.byChain.get(chain) ?? []) {
      if (!this.#matches(rule, packet)) continue;
      matched.push(rule.text);
      const target = rule.target;
      if (target.kind === 'mark-masq') continue;
      if (target.kind === 'drop') return { verdict: 'drop', service: serviceOfComment(rule.comment), rule: rule.text };
      if (target.kind === 'reject') return { verdict: 'reject', service: serviceOfComment(rule.comment), rule: rule.text };
      if (target.kind === 'dnat') {
        if (rule.recentSet !== undefined) this.#recentList(rule.recentSet).set(packet.sourceIp, this.#engine.now);
        return { verdict: 'dnat', ip: target.ip, port: target.port, service: serviceOfComment(rule.comment), rule: '' };
      }
      if (target.chain.startsWith('KUBE-SEP-')) picked = rule;
      const result = this.#walk(target.chain, packet, matched, depth + 1);
      if (result !== undefined) return result.verdict === 'dnat' && picked !== undefined ? { ...result, rule: picked.text } : result;
    }
    return undefined;
  }

  #matches(rule: NatRule, packet: ProxyPacket): boolean {
    if (rule.destination !== undefined && rule.destination !== packet.destinationIp) return false;
    if (rule.destinationPort !== undefined && rule.destinationPort !== packet.destinationPort) return false;
    if (rule.localDestination === true && !this.#localAddresses.includes(packet.destinationIp)) return false;
    if (rule.notFromClusterCidr === true && inCidr(packet.sourceIp, this.#podNetwork)) return false;
    if (rule.recentCheck !== undefined) {
      const seen = this.#recentList(rule.recentCheck.name).get(packet.sourceIp);
      if (seen === undefined || this.#engine.now - seen > rule.recentCheck.seconds * 1000) return false;
    }
    // The statistic match is drawn only when the rule is reached, as netfilter evaluates it.
    if (rule.probability !== undefined && !(this.#engine.random.float() < Number(rule.probability))) return false;
    return true;
  }

  #recentList(name: string): Map<string, number> {
    let list = this.#recent.get(name);
    if (list === undefined) {
      list = new Map();
      this.#recent.set(name, list);
    }
    return list;
  }

  snapshot(): SavedKubeProxy {
    return {
      ports: this.#ports,
      localAddresses: this.#localAddresses,
      lastSync: Number.isFinite(this.#lastSync) ? this.#lastSync : -1,
      syncAt: this.#syncAt,
      recent: [...this.#recent.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, list]) => [name, [...list.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))]),
    };
  }

  restore(state: unknown): void {
    const saved = state as SavedKubeProxy;
    this.#ports = saved.ports;
    this.#localAddresses = saved.localAddresses;
    this.#lastSync = saved.lastSync < 0 ? -Infinity : saved.lastSync;
    this.#syncAt = saved.syncAt;
    this.#recent = new Map(saved.recent.map(([name, entries]) => [name, new Map(entries)]));
    this.#tables = buildProxyTables(this.#ports, this.nodeName, this.#clusterCidr);
  }
}

/** `ns/svc:port` from a rule comment (`ns/svc:port cluster IP`, `ns/svc -> ip:port`, ...). */
function serviceOfComment(comment: string | undefined): string {
  return (comment ?? '').split(' ')[0] ?? '';
}
