// A network namespace: its interfaces and addresses, the sockets listening in it, and the DNS
// configuration its /etc/resolv.conf holds. Plain JSON, owned by the host it lives on.

export interface NetInterface {
  name: string;
  ip: string;
  prefix: number;
  mac: string;
  /** The network (segment) the interface is plugged into; namespaces talk only over a shared one. */
  network: string;
  gateway?: string;
}

/** A listening process (host pid), or a port the host forwards elsewhere (Docker's published ports). */
export type Socket = { pid: number } | { forward: { ip: string; port: number } };

export interface NetNamespace {
  id: string;
  /** The inode `readlink /proc/<pid>/ns/net` shows. */
  inode: number;
  host: string;
  /** `host` for a machine's root namespace, reachable from every container of that machine. */
  kind: 'host' | 'container';
  interfaces: NetInterface[];
  /** By `tcp/<port>`. */
  sockets: Record<string, Socket>;
  nameservers: string[];
  search: string[];
  ndots: number;
  rxBytes: number;
  txBytes: number;
}

export function newNetNamespace(id: string, inode: number, host: string, kind: NetNamespace['kind']): NetNamespace {
  return {
    id,
    inode,
    host,
    kind,
    interfaces: [{ name: 'lo', ip: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', network: `lo:${id}` }],
    sockets: {},
    nameservers: [],
    search: [],
    ndots: 1,
    rxBytes: 0,
    txBytes: 0,
  };
}

export function socketKey(port: number, protocol = 'tcp'): string {
  return `${protocol}/${port}`;
}
