// Port publishing in compose files. The short syntax `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTO]`
// (with ranges such as `8000-8002:8000-8002`) becomes compose's long syntax, one entry per
// container port, as docker's nat.ParsePortSpec and compose-go's ParsePortConfig expand it.

export interface PortConfig {
  mode: string;
  host_ip?: string;
  target: number;
  /** A port or a port range, as text (compose keeps it a string). */
  published?: string;
  protocol: string;
  name?: string;
  app_protocol?: string;
}

export class PortSpecError extends Error {}

function parseRange(text: string, what: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new PortSpecError(`invalid ${what}: ${text}`);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > 65535 || end > 65535 || end < start) throw new PortSpecError(`invalid ${what}: ${text}`);
  return [start, end];
}

/** Expands one short-syntax port (a string or a bare number). */
export function parsePortSpec(spec: string | number): PortConfig[] {
  const text = String(spec);
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new PortSpecError(`invalid proto: ${protocol}`);
  }
  let hostIp = '';
  let hostPort = '';
  let containerPort: string;
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (bracketed) {
    hostIp = bracketed[1]!;
    const parts = bracketed[2]!.split(':');
    if (parts.length !== 2) throw new PortSpecError(`invalid port specification: ${JSON.stringify(text)}`);
    [hostPort, containerPort] = parts as [string, string];
  } else {
    const parts = rest.split(':');
    if (parts.length === 1) containerPort = parts[0]!;
    else if (parts.length === 2) [hostPort, containerPort] = parts as [string, string];
    else if (parts.length === 3) [hostIp, hostPort, containerPort] = parts as [string, string, string];
    else {
      // An unbracketed IPv6 address: everything before the last two parts.
      hostIp = parts.slice(0, -2).join(':');
      hostPort = parts[parts.length - 2]!;
      containerPort = parts[parts.length - 1]!;
    }
  }
  if (containerPort === '') throw new PortSpecError(`no port specified: ${text}<empty>`);
  const [start, end] = parseRange(containerPort, 'containerPort');
  let hostStart = 0;
  let hostEnd = 0;
  if (hostPort !== '') [hostStart, hostEnd] = parseRange(hostPort, 'hostPort');
  const count = end - start + 1;
  if (hostPort !== '' && count !== hostEnd - hostStart + 1 && count !== 1) {
    throw new PortSpecError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const out: PortConfig[] = [];
  for (let i = 0; i < count; i++) {
    let published: string | undefined;
    if (hostPort !== '') {
      // A single container port may be published on any port of a host range.
      published = count === 1 && hostEnd !== hostStart ? `${hostStart}-${hostEnd}` : String(hostStart + i);
    }
    const port: PortConfig = { mode: 'ingress', target: start + i, protocol };
    if (hostIp !== '') port.host_ip = hostIp;
    if (published !== undefined) port.published = published;
    out.push(port);
  }
  // compose sorts the expanded ports by their "<port>/<proto>" text.
  return out.sort((a, b) => (`${a.target}/${a.protocol}` < `${b.target}/${b.protocol}` ? -1 : 1));
}

/** The key under which merged files replace a port: `{ip, target, published, protocol}`. */
export function portKey(port: PortConfig): string {
  return `${port.host_ip ?? ''}:${port.published ?? ''}:${port.target}/${port.protocol}`;
}
