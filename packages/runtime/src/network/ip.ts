// IPv4 addresses as numbers and back, and the subnet arithmetic IPAM needs.

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIpv4(text: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every((p) => Number(p) <= 255);
}

export function parseCidr(cidr: string): { base: number; prefix: number } | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!match || !isIpv4(match[1]!) || Number(match[2]) > 32) return undefined;
  const prefix = Number(match[2]);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToNumber(match[1]!) & mask) >>> 0, prefix };
}

export function inSubnet(ip: string, cidr: string): boolean {
  const net = parseCidr(cidr);
  if (!net) return false;
  const mask = net.prefix === 0 ? 0 : (0xffffffff << (32 - net.prefix)) >>> 0;
  return ((ipToNumber(ip) & mask) >>> 0) === net.base;
}

/** Docker's MAC for an address before Engine 26 made them random: 02:42 then the four IP bytes. */
export function macForIp(ip: string): string {
  return ['02', '42', ...ip.split('.').map((p) => Number(p).toString(16).padStart(2, '0'))].join(':');
}
