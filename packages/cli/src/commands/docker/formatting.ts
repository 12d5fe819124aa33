// How docker prints ports, sizes and times in its tables.

import { type ContainerSummary, dockerHumanDuration, goFormatG, toRFC3339 } from '@dockyard/runtime';

/** docker's DisplayablePorts: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`, `80/tcp`, ranges grouped. */
export function displayPorts(ports: ContainerSummary['ports']): string {
  const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || byBytes(a.ip ?? '', b.ip ?? '') || (a.publicPort ?? 0) - (b.publicPort ?? 0) || byBytes(a.type, b.type));
  const hostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  const groups: { ip: string; type: string; ranges: { first: number; last: number }[] }[] = [];
  const mappings: string[] = [];
  for (const port of sorted) {
    if (port.ip !== undefined && port.publicPort !== port.privatePort) {
      mappings.push(`${hostPort(port.ip, String(port.publicPort))}->${port.privatePort}/${port.type}`);
      continue;
    }
    const ip = port.ip ?? '';
    let group = groups.find((g) => g.ip === ip && g.type === port.type);
    if (group === undefined) groups.push((group = { ip, type: port.type, ranges: [] }));
    const last = group.ranges[group.ranges.length - 1];
    if (last && last.last + 1 === port.privatePort) last.last = port.privatePort;
    else group.ranges.push({ first: port.privatePort, last: port.privatePort });
  }
  const result = groups.flatMap(({ ip, type, ranges }) =>
    ranges.map(({ first, last }) => {
      const range = first === last ? `${first}` : `${first}-${last}`;
      return ip ? `${hostPort(ip, range)}->${range}/${type}` : `${range}/${type}`;
    }),
  );
  return [...result, ...mappings].join(', ');
}

/** Labels as docker's formatters join them: `k=v`, sorted, comma-separated (Go's map order otherwise). */
export function joinLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');
}

/** docker's Ellipsis: cut to `max` characters with `…`. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

export function ago(ms: number): string {
  return `${dockerHumanDuration(ms)} ago`;
}

/** go-units BytesSize: binary units with 4 significant digits (`7.078MiB`, `7.667GiB`). */
export function bytesSize(bytes: number): string {
  return customSize(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']);
}

/** go-units HumanSizeWithPrecision(n, 3): decimal units (`1.05kB`, `0B`); precision 4 is its HumanSize (`191.7MB`). */
export function humanSize(bytes: number, precision = 3): string {
  return customSize(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], precision);
}

/**
 * Go's time.Time.String() in UTC: `2025-01-01 00:05:00 +0000 UTC`, `2025-01-01 00:05:00.25 +0000 UTC`.
 * The API gives image and container times in whole Unix seconds: pass those through unixSeconds.
 */
export function goTimeString(now: number): string {
  const fraction = (((now % 1000) + 1000) % 1000) / 1000;
  return toRFC3339(now).replace('T', ' ').replace('Z', `${fraction ? String(fraction).slice(1) : ''} +0000 UTC`);
}

/** A time cut to the whole second it falls in, as time.Unix(seconds, 0) sees it. */
export function unixSeconds(now: number): number {
  return Math.floor(now / 1000) * 1000;
}

function customSize(size: number, base: number, units: string[], precision = 4): string {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return `${goFormatG(size, precision)}${units[i]}`;
}
