// kube-proxy's iptables mode as data: from the Services and EndpointSlices, the nat and filter
// rules one node's kube-proxy writes with iptables-restore, and the chains a packet walks.
// Rules, chain names and comments follow k/k pkg/proxy/iptables/proxier.go syncProxyRules:
// - KUBE-SERVICES: per service port a `-d <clusterIP>/32 --dport <port>` rule to KUBE-SVC-<hash>,
//   LoadBalancer ingress IPs to KUBE-EXT-<hash>, and last the jump to KUBE-NODEPORTS for packets
//   addressed to the node itself (`--dst-type LOCAL`, which includes 127.0.0.1);
// - KUBE-SVC-<hash>: with n endpoints, rule i (from 0) of the first n-1 has
//   `--probability 1/(n-i)` written `%0.10f`, the last none, so each endpoint gets 1/n;
//   with sessionAffinity ClientIP, `-m recent --rcheck --seconds <timeout> --reap` rules come first;
// - KUBE-SEP-<hash>: DNAT to the endpoint (and `-m recent --set` for affinity);
// - a port with no usable endpoint is REJECTed in the filter table (connection refused).
// Chain suffixes are the first 16 base32 characters of sha256(servicePortName + protocol
// [+ endpoint]) (portProtoHash, servicePortEndpointChainName), so they match a real node's.
// Usable endpoints are the ready ones; when none is ready, serving terminating ones (v1.28+).

import { sha256 } from '@noble/hashes/sha2.js';
import type { DeepReadonly, Stored } from '../api/kinds.ts';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName: string | undefined;
  /** `namespace/name` of the Pod the slice's targetRef names (iptables never sees it; the route log names it). */
  pod?: string;
}

/** One service port as kube-proxy sees it (a ServicePortName with its settings and endpoints). */
export interface ProxiedServicePort {
  /** `ns/name` plus `:port-name` when the port is named (ServicePortName.String()). */
  name: string;
  protocol: string;
  clusterIP: string | undefined;
  port: number;
  nodePort: number | undefined;
  loadBalancerIPs: string[];
  affinityTimeoutSeconds: number | undefined;
  externalLocal: boolean;
  internalLocal: boolean;
  endpoints: ProxyEndpoint[];
  chains: { svc: string; ext: string; svl: string };
}

export type RuleTarget =
  | { kind: 'jump'; chain: string }
  | { kind: 'dnat'; ip: string; port: number }
  | { kind: 'reject' }
  | { kind: 'drop' }
  | { kind: 'mark-masq' };

export interface NatRule {
  chain: string;
  /** Matches on the destination (absent: any). */
  destination?: string;
  destinationPort?: number;
  /** Only packets addressed to one of the node's own addresses. */
  localDestination?: boolean;
  /** `! -s <cidr>`: packets not from the pod network. */
  notFromClusterCidr?: boolean;
  probability?: string;
  /** `-m recent --rcheck` on this list (affinity). */
  recentCheck?: { name: string; seconds: number };
  /** `-m recent --set` on this list. */
  recentSet?: string;
  comment?: string;
  target: RuleTarget;
  /** The line as iptables-save prints it. */
  text: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Go's base32.StdEncoding of the bytes (only the first 16 characters are ever used). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

const hashes = new Map<string, string>();

/** portProtoHash: the 16-character chain suffix of a service port (plus an endpoint for SEP chains). */
export function chainHash(...parts: string[]): string {
  const input = parts.join('');
  let hash = hashes.get(input);
  if (hash === undefined) {
    // A pure function of its input, so a bounded memo changes nothing but the cost.
    if (hashes.size > 100_000) hashes.clear();
    hash = base32(sha256(new TextEncoder().encode(input))).slice(0, 16);
    hashes.set(input, hash);
  }
  return hash;
}

/** computeProbability: 1/n with 10 decimals. */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

/** The service ports of a Service with the endpoints its slices list, as kube-proxy builds them. */
export function proxiedPorts(service: Stored<'Service'>, slices: readonly Stored<'EndpointSlice'>[]): ProxiedServicePort[] {
  const spec = service.spec;
  if (spec === undefined || spec.type === 'ExternalName') return [];
  const clusterIP = spec.clusterIP === undefined || spec.clusterIP === '' || spec.clusterIP === 'None' ? undefined : spec.clusterIP;
  if (clusterIP === undefined) return [];
  const nsName = `${service.metadata!.namespace}/${service.metadata!.name}`;
  const lbIPs = (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => ip !== undefined);
  return (spec.ports ?? []).map((port) => {
    const name = port.name === undefined || port.name === '' ? nsName : `${nsName}:${port.name}`;
    const protocol = (port.protocol ?? 'TCP').toLowerCase();
    return {
      name,
      protocol,
      clusterIP,
      port: port.port,
      nodePort: port.nodePort,
      loadBalancerIPs: spec.type === 'LoadBalancer' ? lbIPs : [],
      affinityTimeoutSeconds: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
      externalLocal: spec.externalTrafficPolicy === 'Local',
      internalLocal: spec.internalTrafficPolicy === 'Local',
      endpoints: usableEndpoints(slices, port.name ?? '', port.protocol ?? 'TCP'),
      chains: { svc: `KUBE-SVC-${chainHash(name, protocol)}`, ext: `KUBE-EXT-${chainHash(name, protocol)}`, svl: `KUBE-SVL-${chainHash(name, protocol)}` },
    };
  });
}

function usableEndpoints(slices: readonly DeepReadonly<Stored<'EndpointSlice'>>[], portName: string, protocol: string): ProxyEndpoint[] {
  const ready: ProxyEndpoint[] = [];
  const servingTerminating: ProxyEndpoint[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    const port = slice.ports?.find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (port?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses[0];
      if (ip === undefined || seen.has(`${ip}:${port.port}`)) continue;
      seen.add(`${ip}:${port.port}`);
      const ref = endpoint.targetRef;
      const entry: ProxyEndpoint = { ip, port: port.port, nodeName: endpoint.nodeName, ...(ref?.kind === 'Pod' && ref.name !== undefined ? { pod: `${ref.namespace ?? slice.metadata?.namespace}/${ref.name}` } : {}) };
      if (endpoint.conditions?.ready !== false) ready.push(entry);
      else if (endpoint.conditions?.serving === true && endpoint.conditions.terminating === true) servingTerminating.push(entry);
    }
  }
  const usable = ready.length > 0 ? ready : servingTerminating;
  // kube-proxy orders a service's endpoints by their "ip:port" string.
  return usable.sort((a, b) => {
    const x = `${a.ip}:${a.port}`;
    const y = `${b.ip}:${b.port}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function sepChain(port: ProxiedServicePort, endpoint: ProxyEndpoint): string {
  return `KUBE-SEP-${chainHash(port.name, port.protocol, `${endpoint.ip}:${endpoint.port}`)}`;
}

export interface ProxyTables {
  nat: NatRule[];
  filter: NatRule[];
  /** The nat rules of each chain, in order (what a packet walks). */
  byChain: Map<string, NatRule[]>;
  /** Chains in the order iptables-save declares them. */
  natChains: string[];
  filterChains: string[];
}

/** syncProxyRules for one node: every rule of its nat and filter tables. */
export function buildProxyTables(ports: readonly ProxiedServicePort[], node: string, clusterCidr: string): ProxyTables {
  const nat: NatRule[] = [];
  const filter: NatRule[] = [];
  const natChains = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
  const filterChains = ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-FORWARD'];
  const sorted = [...ports].sort((a, b) => (a.name + a.protocol < b.name + b.protocol ? -1 : 1));
  const nodePortRules: NatRule[] = [];
  const chainRules: NatRule[] = [];
  const q = (text: string) => `"${text}"`;
  for (const sp of sorted) {
    const proto = sp.protocol;
    const local = sp.endpoints.filter((e) => e.nodeName === node);
    const internal = sp.internalLocal ? local : sp.endpoints;
    const external = sp.externalLocal ? local : sp.endpoints;
    const hasExternal = sp.nodePort !== undefined || sp.loadBalancerIPs.length > 0;
    const clusterComment = `${sp.name} cluster IP`;
    if (internal.length > 0) {
      const target = sp.internalLocal ? sp.chains.svl : sp.chains.svc;
      nat.push({
        chain: 'KUBE-SERVICES',
        destination: sp.clusterIP!,
        destinationPort: sp.port,
        comment: clusterComment,
        target: { kind: 'jump', chain: target },
        text: `-A KUBE-SERVICES -d ${sp.clusterIP}/32 -p ${proto} -m comment --comment ${q(clusterComment)} -m ${proto} --dport ${sp.port} -j ${target}`,
      });
    } else {
      const comment = `${sp.name} has no endpoints`;
      filter.push({
        chain: 'KUBE-SERVICES',
        destination: sp.clusterIP!,
        destinationPort: sp.port,
        comment,
        target: { kind: 'reject' },
        text: `-A KUBE-SERVICES -d ${sp.clusterIP}/32 -p ${proto} -m comment --comment ${q(comment)} -m ${proto} --dport ${sp.port} -j REJECT --reject-with icmp-port-unreachable`,
      });
    }
    for (const ip of sp.loadBalancerIPs) {
      const comment = `${sp.name} loadbalancer IP`;
      if (external.length === 0 && !sp.externalLocal) {
        filter.push({
          chain: 'KUBE-EXTERNAL-SERVICES',
          destination: ip,
          destinationPort: sp.port,
          comment: `${sp.name} has no endpoints`,
          target: { kind: 'reject' },
          text: `-A KUBE-EXTERNAL-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment ${q(`${sp.name} has no endpoints`)} -m ${proto} --dport ${sp.port} -j REJECT --reject-with icmp-port-unreachable`,
        });
        continue;
      }
      nat.push({
        chain: 'KUBE-SERVICES',
        destination: ip,
        destinationPort: sp.port,
        comment,
        target: { kind: 'jump', chain: sp.chains.ext },
        text: `-A KUBE-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment ${q(comment)} -m ${proto} --dport ${sp.port} -j ${sp.chains.ext}`,
      });
    }
    if (sp.nodePort !== undefined) {
      if (external.length === 0 && !sp.externalLocal) {
        const comment = `${sp.name} has no endpoints`;
        filter.push({
          chain: 'KUBE-EXTERNAL-SERVICES',
          localDestination: true,
          destinationPort: sp.nodePort,
          comment,
          target: { kind: 'reject' },
          text: `-A KUBE-EXTERNAL-SERVICES -p ${proto} -m comment --comment ${q(comment)} -m addrtype --dst-type LOCAL -m ${proto} --dport ${sp.nodePort} -j REJECT --reject-with icmp-port-unreachable`,
        });
      } else {
        nodePortRules.push({
          chain: 'KUBE-NODEPORTS',
          destinationPort: sp.nodePort,
          comment: sp.name,
          target: { kind: 'jump', chain: sp.chains.ext },
          text: `-A KUBE-NODEPORTS -p ${proto} -m comment --comment ${q(sp.name)} -m ${proto} --dport ${sp.nodePort} -j ${sp.chains.ext}`,
        });
      }
    }
    // The per-service chains.
    const svcChainUsed = internal.length > 0 && !sp.internalLocal ? true : hasExternal && external.length > 0 && !sp.externalLocal;
    if (hasExternal && (external.length > 0 || sp.externalLocal)) {
      natChains.push(sp.chains.ext);
      const masq = `masquerade traffic for ${sp.name} external destinations`;
      if (!sp.externalLocal) {
        chainRules.push({ chain: sp.chains.ext, comment: masq, target: { kind: 'mark-masq' }, text: `-A ${sp.chains.ext} -m comment --comment ${q(masq)} -j KUBE-MARK-MASQ` });
        chainRules.push({ chain: sp.chains.ext, target: { kind: 'jump', chain: sp.chains.svc }, text: `-A ${sp.chains.ext} -j ${sp.chains.svc}` });
      } else if (external.length === 0) {
        const comment = `${sp.name} has no local endpoints`;
        chainRules.push({ chain: sp.chains.ext, comment, target: { kind: 'drop' }, text: `-A ${sp.chains.ext} -m comment --comment ${q(comment)} -j KUBE-MARK-DROP` });
      } else {
        chainRules.push({ chain: sp.chains.ext, target: { kind: 'jump', chain: sp.chains.svl }, text: `-A ${sp.chains.ext} -j ${sp.chains.svl}` });
      }
    }
    const emit = (chain: string, endpoints: readonly ProxyEndpoint[], masqueradeOffCluster: boolean) => {
      natChains.push(chain);
      if (masqueradeOffCluster) {
        chainRules.push({
          chain,
          notFromClusterCidr: true,
          destination: sp.clusterIP!,
          destinationPort: sp.port,
          comment: clusterComment,
          target: { kind: 'mark-masq' },
          text: `-A ${chain} ! -s ${clusterCidr} -d ${sp.clusterIP}/32 -p ${proto} -m comment --comment ${q(clusterComment)} -m ${proto} --dport ${sp.port} -j KUBE-MARK-MASQ`,
        });
      }
      if (sp.affinityTimeoutSeconds !== undefined) {
        for (const ep of endpoints) {
          const sep = sepChain(sp, ep);
          const comment = `${sp.name} -> ${ep.ip}:${ep.port}`;
          chainRules.push({
            chain,
            comment,
            recentCheck: { name: sep, seconds: sp.affinityTimeoutSeconds },
            target: { kind: 'jump', chain: sep },
            text: `-A ${chain} -m comment --comment ${q(comment)} -m recent --name ${sep} --mask 255.255.255.255 --rsource --rcheck --seconds ${sp.affinityTimeoutSeconds} --reap -j ${sep}`,
          });
        }
      }
      endpoints.forEach((ep, i) => {
        const sep = sepChain(sp, ep);
        const comment = `${sp.name} -> ${ep.ip}:${ep.port}`;
        const last = i === endpoints.length - 1;
        const p = last ? undefined : probability(endpoints.length - i);
        chainRules.push({
          chain,
          comment,
          ...(p === undefined ? {} : { probability: p }),
          target: { kind: 'jump', chain: sep },
          text: `-A ${chain} -m comment --comment ${q(comment)}${p === undefined ? '' : ` -m statistic --mode random --probability ${p}`} -j ${sep}`,
        });
      });
    };
    if (svcChainUsed) emit(sp.chains.svc, sp.endpoints, true);
    if ((sp.internalLocal && internal.length > 0) || (sp.externalLocal && external.length > 0)) emit(sp.chains.svl, local, false);
    const seps = new Set<string>();
    for (const ep of sp.endpoints) {
      const sep = sepChain(sp, ep);
      if (seps.has(sep)) continue;
      seps.add(sep);
      natChains.push(sep);
      chainRules.push({ chain: sep, comment: sp.name, target: { kind: 'mark-masq' }, text: `-A ${sep} -s ${ep.ip}/32 -m comment --comment ${q(sp.name)} -j KUBE-MARK-MASQ` });
      const recent = sp.affinityTimeoutSeconds === undefined ? '' : ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource`;
      chainRules.push({
        chain: sep,
        comment: sp.name,
        ...(sp.affinityTimeoutSeconds === undefined ? {} : { recentSet: sep }),
        target: { kind: 'dnat', ip: ep.ip, port: ep.port },
        text: `-A ${sep} -p ${proto} -m comment --comment ${q(sp.name)}${recent} -m ${proto} -j DNAT --to-destination ${ep.ip}:${ep.port}`,
      });
    }
  }
  const nodePortsComment = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';
  nat.push({
    chain: 'KUBE-SERVICES',
    localDestination: true,
    comment: nodePortsComment,
    target: { kind: 'jump', chain: 'KUBE-NODEPORTS' },
    text: `-A KUBE-SERVICES -m comment --comment ${q(nodePortsComment)} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`,
  });
  nat.push(...nodePortRules, ...chainRules);
  const byChain = new Map<string, NatRule[]>();
  for (const rule of nat) {
    let list = byChain.get(rule.chain);
    if (list === undefined) {
      list = [];
      byChain.set(rule.chain, list);
    }
    list.push(rule);
  }
  return { nat, filter, byChain, natChains, filterChains };
}

/** The tables as `iptables-save` prints them (the kube-proxy part). */
export function renderIptablesSave(tables: ProxyTables): string {
  const lines = ['*filter', ...tables.filterChains.map((c) => `:${c} - [0:0]`), ...tables.filter.map((r) => r.text), 'COMMIT', '*nat'];
  lines.push(...tables.natChains.map((c) => `:${c} - [0:0]`));
  lines.push(
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  );
  lines.push(...tables.nat.map((r) => r.text), 'COMMIT');
  return `${lines.join('\n')}\n`;
}
