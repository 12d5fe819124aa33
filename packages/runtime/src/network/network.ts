// A network containers attach to: a Docker bridge network or a node's pod network. It owns an
// address range and hands out addresses (lowest free first, the gateway taking the first), and
// remembers each endpoint's address and DNS aliases.

import { inSubnet, ipToNumber, macForIp, numberToIp, parseCidr } from './ip.ts';

export interface Endpoint {
  container: string;
  endpointId: string;
  ip: string;
  mac: string;
  /** Names other containers resolve to this endpoint (container name, aliases, short id). */
  aliases: string[];
}

export interface Network {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  scope: 'local';
  subnet: string;
  gateway: string;
  internal: boolean;
  /** User-defined networks resolve container names through Docker's embedded DNS. */
  embeddedDns: boolean;
  labels: Record<string, string>;
  created: number;
  endpoints: Record<string, Endpoint>;
}

/** The next free address of the network, skipping its network, gateway and broadcast addresses. */
export function allocateIp(network: Network, wanted?: string): string | undefined {
  const cidr = parseCidr(network.subnet);
  if (cidr === undefined) return undefined;
  const used = new Set(Object.values(network.endpoints).map((e) => e.ip));
  used.add(network.gateway);
  if (wanted !== undefined) return inSubnet(wanted, network.subnet) && !used.has(wanted) ? wanted : undefined;
  const size = 2 ** (32 - cidr.prefix);
  for (let i = 1; i < size - 1; i++) {
    const ip = numberToIp((cidr.base + i) >>> 0);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

export function endpointFor(network: Network, container: string, endpointId: string, aliases: string[], wantedIp?: string): Endpoint | undefined {
  const ip = allocateIp(network, wantedIp);
  if (ip === undefined) return undefined;
  return { container, endpointId, ip, mac: macForIp(ip), aliases };
}

/** Docker's default address pools: 172.17–31.0.0/16, then 192.168.0.0/20 blocks. */
export function nextSubnet(taken: readonly string[]): { subnet: string; gateway: string } | undefined {
  const candidates: string[] = [];
  for (let b = 17; b <= 31; b++) candidates.push(`172.${b}.0.0/16`);
  for (let c = 0; c < 256; c += 16) candidates.push(`192.168.${c}.0/20`);
  const base = candidates.find((cidr) => !taken.some((t) => t === cidr || inSubnet(cidr.split('/')[0]!, t)));
  if (base === undefined) return undefined;
  const gateway = numberToIp((ipToNumber(base.split('/')[0]!) + 1) >>> 0);
  return { subnet: base, gateway };
}
