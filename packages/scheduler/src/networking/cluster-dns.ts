// The cluster's DNS server, as CoreDNS's kubernetes plugin answers for the `cluster.local` zone
// (kubeadm's and kind's Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure }`,
// `loadbalance`), read straight from the store:
// - `<svc>.<ns>.svc.cluster.local` A: the ClusterIP; for a headless Service the ready endpoints'
//   addresses (all of them with publishNotReadyAddresses), in an order `loadbalance` shuffles, and
//   NXDOMAIN while none is ready (the DNS spec follows kube-dns and CoreDNS there);
//   ExternalName: a CNAME to the external name;
// - `<hostname>.<svc>.<ns>.svc.cluster.local` for endpoints whose pod sets hostname+subdomain, and
//   `<a-b-c-d>.<svc>.<ns>.svc.cluster.local` for the other endpoints of a headless Service;
// - `_<port>._<proto>.<svc>.<ns>.svc.cluster.local` SRV for named ports;
// - `<a-b-c-d>.<ns>.pod.cluster.local` A (pods insecure: any well-formed name answers);
// - PTR for Service and endpoint addresses;
// - names in the zone that do not exist: NXDOMAIN, authoritative; names that exist without the
//   asked type (AAAA on an IPv4 cluster): NOERROR and no answer;
// - names outside the zone go upstream (the `forward . /etc/resolv.conf` line): an optional
//   resolver, else NXDOMAIN, not authoritative.
// [docs: kubernetes.io/docs/concepts/services-networking/dns-pod-service/; coredns kubernetes plugin]
//
// Also here: what a kubelet writes into each pod's /etc/resolv.conf (dnsPolicy, dnsConfig), and the
// lookup a libc resolver makes with its search list and ndots.

import type { SeededRandom } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly, Stored } from '../api/kinds.ts';
import { isIpv4 } from './ip.ts';
import { CLUSTER_DNS_IP } from './service-ip-allocator.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The `ttl 30` of kubeadm's Corefile. */
export const DNS_TTL = 30;

export type DnsType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'NS' | 'SOA' | 'MX' | 'TXT' | 'ANY';

export type DnsAnswer =
  | { name: string; type: 'A' | 'AAAA'; ttl: number; address: string }
  | { name: string; type: 'CNAME' | 'PTR'; ttl: number; target: string }
  | { name: string; type: 'SRV'; ttl: number; priority: number; weight: number; port: number; target: string };

export interface DnsResponse {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  /** The AA flag: CoreDNS is authoritative for the cluster zone. */
  authoritative: boolean;
  answers: DnsAnswer[];
}

/** Something that answers DNS questions (the cluster DNS, an upstream). */
export interface DnsServer {
  query(name: string, type: DnsType): DnsResponse;
}

export interface ClusterDnsOptions {
  clusterDomain?: string;
  /** For `loadbalance`'s shuffling of multi-address answers; without it answers keep endpoint order. */
  random?: SeededRandom;
  /** Names outside the cluster zone. */
  upstream?: DnsServer;
}

const nxdomain = (authoritative: boolean): DnsResponse => ({ rcode: 'NXDOMAIN', authoritative, answers: [] });
const nodata = (): DnsResponse => ({ rcode: 'NOERROR', authoritative: true, answers: [] });

export class ClusterDns implements DnsServer {
  readonly clusterDomain: string;
  readonly #store: ApiStore;
  readonly #random: SeededRandom | undefined;
  readonly #upstream: DnsServer | undefined;

  constructor(store: ApiStore, options: ClusterDnsOptions = {}) {
    this.#store = store;
    this.clusterDomain = options.clusterDomain ?? CLUSTER_DOMAIN;
    this.#random = options.random;
    this.#upstream = options.upstream;
  }

  query(rawName: string, type: DnsType): DnsResponse {
    const name = rawName.toLowerCase().replace(/\.$/, '');
    const zone = this.clusterDomain;
    if (name.endsWith('.in-addr.arpa')) return this.#ptr(name);
    if (name === zone || name === `svc.${zone}` || name === `pod.${zone}`) return nodata();
    if (name.endsWith(`.svc.${zone}`)) return this.#service(name, name.slice(0, -`.svc.${zone}`.length).split('.'), type);
    if (name.endsWith(`.pod.${zone}`)) return this.#pod(name, name.slice(0, -`.pod.${zone}`.length).split('.'), type);
    if (name.endsWith(`.${zone}`)) return nxdomain(true);
    return this.#upstream?.query(name, type) ?? nxdomain(false);
  }

  /** The A addresses of a fully qualified name (what a resolver's one query gets), or undefined. */
  addresses(name: string): string[] | undefined {
    const response = this.query(name, 'A');
    const found = response.answers.filter((a) => a.type === 'A').map((a) => (a as { address: string }).address);
    return found.length > 0 ? found : undefined;
  }

  #service(name: string, labels: string[], type: DnsType): DnsResponse {
    if (labels.length === 1) return this.#namespaceExists(labels[0]!) ? nodata() : nxdomain(true);
    if (labels.length === 4 && labels[0]!.startsWith('_') && labels[1]!.startsWith('_')) {
      return this.#srv(name, labels[0]!.slice(1), labels[1]!.slice(1), labels[2]!, labels[3]!, type);
    }
    if (labels.length === 2) {
      const [svcName, namespace] = labels as [string, string];
      const service = this.#store.tryGet('Service', namespace, svcName);
      if (service === undefined) return nxdomain(true);
      if (service.spec?.type === 'ExternalName') {
        const target = service.spec.externalName ?? '';
        return { rcode: 'NOERROR', authoritative: true, answers: type === 'A' || type === 'AAAA' || type === 'CNAME' || type === 'ANY' ? [{ name, type: 'CNAME', ttl: DNS_TTL, target }] : [] };
      }
      const addresses = isHeadless(service) ? this.#endpoints(service).map((e) => e.ip) : [service.spec!.clusterIP!];
      // A headless Service without a ready endpoint does not exist in DNS (kubernetes/dns#245).
      if (addresses.length === 0) return nxdomain(true);
      if (type !== 'A' && type !== 'ANY') return nodata();
      return { rcode: 'NOERROR', authoritative: true, answers: this.#shuffle(addresses).map((address) => ({ name, type: 'A', ttl: DNS_TTL, address })) };
    }
    if (labels.length === 3) {
      const [endpointName, svcName, namespace] = labels as [string, string, string];
      const service = this.#store.tryGet('Service', namespace, svcName);
      if (service === undefined || !isHeadless(service)) return nxdomain(true);
      const match = this.#endpoints(service).filter((e) => e.label === endpointName);
      if (match.length === 0) return nxdomain(true);
      if (type !== 'A' && type !== 'ANY') return nodata();
      return { rcode: 'NOERROR', authoritative: true, answers: match.map((e) => ({ name, type: 'A', ttl: DNS_TTL, address: e.ip })) };
    }
    return nxdomain(true);
  }

  #srv(name: string, portName: string, protocol: string, svcName: string, namespace: string, type: DnsType): DnsResponse {
    const service = this.#store.tryGet('Service', namespace, svcName);
    const port = service?.spec?.ports?.find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP').toLowerCase() === protocol);
    if (service === undefined || port === undefined) return nxdomain(true);
    if (type !== 'SRV' && type !== 'ANY') return nodata();
    const base = `${svcName}.${namespace}.svc.${this.clusterDomain}`;
    if (!isHeadless(service)) {
      return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'SRV', ttl: DNS_TTL, priority: 0, weight: 100, port: port.port, target: base }] };
    }
    const endpoints = this.#endpoints(service).filter((e) => e.ports.has(portName));
    const weight = endpoints.length === 0 ? 0 : Math.floor(100 / endpoints.length);
    return {
      rcode: 'NOERROR',
      authoritative: true,
      answers: endpoints.map((e) => ({ name, type: 'SRV', ttl: DNS_TTL, priority: 0, weight, port: e.ports.get(portName)!, target: `${e.label}.${base}` })),
    };
  }

  #pod(name: string, labels: string[], type: DnsType): DnsResponse {
    if (labels.length === 1) return this.#namespaceExists(labels[0]!) ? nodata() : nxdomain(true);
    if (labels.length !== 2) return nxdomain(true);
    const ip = labels[0]!.replace(/-/g, '.');
    if (!isIpv4(ip) || !this.#namespaceExists(labels[1]!)) return nxdomain(true);
    if (type !== 'A' && type !== 'ANY') return nodata();
    return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'A', ttl: DNS_TTL, address: ip }] };
  }

  #ptr(name: string): DnsResponse {
    const octets = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse();
    const ip = octets.join('.');
    if (octets.length !== 4 || !isIpv4(ip)) return nxdomain(true);
    const answers: DnsAnswer[] = [];
    for (const service of this.#store.list('Service').items) {
      const base = `${service.metadata!.name}.${service.metadata!.namespace}.svc.${this.clusterDomain}`;
      if (service.spec?.clusterIP === ip) answers.push({ name, type: 'PTR', ttl: DNS_TTL, target: base });
      else if (isHeadless(service)) for (const e of this.#endpoints(service)) if (e.ip === ip) answers.push({ name, type: 'PTR', ttl: DNS_TTL, target: `${e.label}.${base}` });
    }
    return answers.length === 0 ? nxdomain(true) : { rcode: 'NOERROR', authoritative: true, answers };
  }

  /** A headless Service's endpoints as DNS names them: hostname, else the dashed address. */
  #endpoints(service: Stored<'Service'>): { ip: string; label: string; ports: Map<string, number> }[] {
    const slices = this.#store.list('EndpointSlice', { namespace: service.metadata!.namespace, labelSelector: `kubernetes.io/service-name=${service.metadata!.name}` }).items;
    const all = service.spec?.publishNotReadyAddresses === true;
    const out: { ip: string; label: string; ports: Map<string, number> }[] = [];
    for (const slice of slices) {
      const ports = new Map((slice.ports ?? []).map((p) => [p.name ?? '', p.port ?? 0]));
      for (const endpoint of slice.endpoints ?? []) {
        if (!all && endpoint.conditions?.ready === false) continue;
        const ip = endpoint.addresses[0]!;
        out.push({ ip, label: endpoint.hostname ?? ip.replace(/\./g, '-'), ports });
      }
    }
    return out;
  }

  #namespaceExists(name: string): boolean {
    return this.#store.tryGet('Namespace', undefined, name) !== undefined;
  }

  #shuffle<T>(items: T[]): T[] {
    if (this.#random === undefined || items.length < 2) return items;
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.#random.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

function isHeadless(service: DeepReadonly<Stored<'Service'>>): boolean {
  return service.spec?.clusterIP === 'None';
}

// ---- a pod's resolver configuration ----

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** A kind node's /etc/resolv.conf: the Docker network's gateway answers, no search list. */
export const DEFAULT_NODE_RESOLV_CONF: ResolvConf = { nameservers: ['172.18.0.1'], searches: [], options: ['ndots:0'] };

export interface PodDnsOptions {
  clusterDomain?: string;
  clusterDns?: string;
  /** The node's own resolv.conf (dnsPolicy Default, and the host search domains appended to ClusterFirst). */
  node?: ResolvConf;
}

/**
 * What the kubelet hands the runtime for a pod's /etc/resolv.conf (pkg/kubelet/network/dns
 * GetPodDNS): ClusterFirst gives `search <ns>.svc.<domain> svc.<domain> <domain>` plus the
 * node's search domains, the cluster DNS address and `ndots:5`; Default the node's file;
 * ClusterFirst with hostNetwork falls back to Default; None only dnsConfig; dnsConfig's
 * nameservers, searches and options are then merged in (options by name).
 */
export function podResolvConf(pod: DeepReadonly<Pod>, options: PodDnsOptions = {}): ResolvConf {
  const domain = options.clusterDomain ?? CLUSTER_DOMAIN;
  const node = options.node ?? DEFAULT_NODE_RESOLV_CONF;
  const namespace = pod.metadata?.namespace ?? 'default';
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork === true) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    conf = {
      nameservers: [options.clusterDns ?? CLUSTER_DNS_IP],
      searches: [`${namespace}.svc.${domain}`, `svc.${domain}`, domain, ...node.searches],
      options: ['ndots:5'],
    };
  } else if (policy === 'Default') conf = { nameservers: [...node.nameservers], searches: [...node.searches], options: [...node.options] };
  else conf = { nameservers: [], searches: [], options: [] };
  const extra = pod.spec?.dnsConfig;
  if (extra !== undefined) {
    conf.nameservers = [...new Set([...conf.nameservers, ...(extra.nameservers ?? [])])].slice(0, 3);
    conf.searches = [...new Set([...conf.searches, ...(extra.searches ?? [])])].slice(0, 32);
    const merged = new Map(conf.options.map((o) => [o.split(':')[0]!, o]));
    for (const option of extra.options ?? []) merged.set(option.name ?? '', option.value === undefined ? (option.name ?? '') : `${option.name}:${option.value}`);
    conf.options = [...merged.values()];
  }
  return conf;
}

/** The file as containerd writes it: search, nameservers, options. */
export function renderResolvConf(conf: ResolvConf): string {
  let out = '';
  if (conf.searches.length > 0) out += `search ${conf.searches.join(' ')}\n`;
  for (const server of conf.nameservers) out += `nameserver ${server}\n`;
  if (conf.options.length > 0) out += `options ${conf.options.join(' ')}\n`;
  return out;
}

export function ndotsOf(conf: ResolvConf): number {
  const option = conf.options.find((o) => o.startsWith('ndots:'));
  return option === undefined ? 1 : Number(option.slice(6));
}

/**
 * What a libc resolver does for getaddrinfo: names with at least `ndots` dots are tried as they
 * are first, shorter ones through the search list first; a trailing dot means no search. The
 * first name with addresses wins.
 */
export function resolveName(server: DnsServer, conf: ResolvConf, name: string): { name: string; addresses: string[] } | undefined {
  if (isIpv4(name)) return { name, addresses: [name] };
  const bare = name.replace(/\.$/, '');
  const searched = conf.searches.map((s) => `${bare}.${s}`);
  const dots = bare.split('.').length - 1;
  const candidates = name.endsWith('.') ? [bare] : dots >= ndotsOf(conf) ? [bare, ...searched] : [...searched, bare];
  for (const candidate of candidates) {
    const response = server.query(candidate, 'A');
    const addresses = response.answers.filter((a) => a.type === 'A').map((a) => (a as { address: string }).address);
    if (addresses.length > 0) return { name: candidate, addresses };
  }
  return undefined;
}
