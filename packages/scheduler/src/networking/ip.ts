// IPv4 addresses as numbers and back, and CIDR arithmetic (the runtime branch has the same for its
// networks; once it is in main, this file gives way to it).

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIpv4(text: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every((p) => Number(p) <= 255 && String(Number(p)) === p);
}

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  if (ip === undefined || !isIpv4(ip) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`invalid CIDR ${cidr}`);
  const size = 2 ** (32 - prefix);
  return { base: ipToNumber(ip) - (ipToNumber(ip) % size), prefix, size };
}

export function inCidr(ip: string, cidr: Cidr): boolean {
  const n = ipToNumber(ip);
  return n >= cidr.base && n < cidr.base + cidr.size;
}
