// The wires between network namespaces, across every host of a world: which address belongs to
// which namespace, who may reach whom, where a connection lands, and who answers DNS questions.
// Routing is pluggable: Docker publishes ports as forwards in a host's namespace, and later
// kube-proxy adds Service and NodePort routes and the cluster DNS adds a name server, all without
// changing the code here.

import type { HttpRequest, HttpResponse } from './http.ts';
import { isIpv4 } from './ip.ts';
import { type NetNamespace, socketKey } from './net-namespace.ts';

/** A DNS server reachable at some address: answers the addresses of a name, or undefined (NXDOMAIN). */
export interface DnsServer {
  lookup(name: string, from: NetNamespace): string[] | undefined;
}

/**
 * Rewrites a destination before delivery (a Service IP to a pod, a NodePort to a pod), refuses the
 * connection (an iptables REJECT: "connection refused" at once), drops it (a timeout), or passes.
 */
export type AddressRoute = (ip: string, port: number, from: NetNamespace) => { ip: string; port: number } | 'refused' | 'dropped' | undefined;

/** What a host does with a connection that reached one of its processes. */
export interface ConnectionTarget {
  /** The answer of the listening process, or undefined when it closes the connection without one. */
  deliver(pid: number, port: number, request: HttpRequest): HttpResponse | undefined;
  /** False while the listening process accepts no connection on the port (it hangs): the client times out. */
  accepts?(pid: number, port: number): boolean;
}

export type ConnectFailure = 'refused' | 'unreachable' | 'timeout';

export interface Connection {
  ns: NetNamespace;
  port: number;
  pid: number;
  /** The source address the server sees. */
  remoteIp: string;
}

export class Fabric {
  readonly #namespaces = new Map<string, NetNamespace>();
  readonly #hosts = new Map<string, ConnectionTarget>();
  #byIp: Map<string, NetNamespace[]> | undefined;
  readonly routes: AddressRoute[] = [];
  readonly dnsServers = new Map<string, DnsServer>();

  attachHost(name: string, target: ConnectionTarget): void {
    this.#hosts.set(name, target);
  }

  register(ns: NetNamespace): void {
    this.#namespaces.set(ns.id, ns);
    this.#byIp = undefined;
  }

  unregister(id: string): void {
    this.#namespaces.delete(id);
    this.#byIp = undefined;
  }

  /** Call after changing a registered namespace's interfaces. */
  changed(): void {
    this.#byIp = undefined;
  }

  namespace(id: string): NetNamespace | undefined {
    return this.#namespaces.get(id);
  }

  /** Addresses of `name` as `from` resolves it through its name servers and search domains. */
  resolve(from: NetNamespace, name: string): string[] | undefined {
    return this.resolveName(from, name)?.addresses;
  }

  /** The name that answered (after search domains) and its addresses. */
  resolveName(from: NetNamespace, name: string): { name: string; addresses: string[] } | undefined {
    if (isIpv4(name)) return { name, addresses: [name] };
    if (name === 'localhost') return { name, addresses: ['127.0.0.1'] };
    const bare = name.replace(/\.$/, '');
    const dots = bare.split('.').length - 1;
    const candidates = name.endsWith('.') ? [bare] : dots >= from.ndots ? [bare, ...from.search.map((s) => `${bare}.${s}`)] : [...from.search.map((s) => `${bare}.${s}`), bare];
    for (const server of from.nameservers) {
      const dns = this.dnsServers.get(server);
      if (dns === undefined) continue;
      for (const candidate of candidates) {
        const found = dns.lookup(candidate, from);
        if (found !== undefined && found.length > 0) return { name: candidate, addresses: found };
      }
      return undefined;
    }
    return undefined;
  }

  /** Opens a TCP connection from `from` to ip:port, following routes and forwards. */
  connect(from: NetNamespace, ip: string, port: number, hops = 0): Connection | ConnectFailure {
    if (hops > 8) return 'unreachable';
    for (const route of this.routes) {
      const next = route(ip, port, from);
      if (next === 'refused') return 'refused';
      if (next === 'dropped') return 'timeout';
      if (next !== undefined) {
        ip = next.ip;
        port = next.port;
        break;
      }
    }
    const target = ip.startsWith('127.') ? from : this.#reachable(from, ip);
    if (target === undefined) return 'timeout';
    const socket = target.sockets[socketKey(port)];
    if (socket === undefined) return 'refused';
    if ('forward' in socket) {
      const via = this.connect(target, socket.forward.ip, socket.forward.port, hops + 1);
      if (typeof via === 'string') return via;
      // Docker's proxy connects from the bridge gateway, which is what the container sees.
      const gateway = via.ns.interfaces.find((i) => i.gateway !== undefined)?.gateway;
      return { ...via, remoteIp: gateway ?? via.remoteIp };
    }
    if (this.#hosts.get(target.host)?.accepts?.(socket.pid, port) === false) return 'timeout';
    const source = target === from ? '127.0.0.1' : this.#sourceIp(from, target);
    return { ns: target, port, pid: socket.pid, remoteIp: source };
  }

  /** Sends one HTTP request over a new connection. */
  http(from: NetNamespace, ip: string, port: number, request: Omit<HttpRequest, 'remoteIp'>): HttpResponse | ConnectFailure | 'empty' {
    const connection = this.connect(from, ip, port);
    if (typeof connection === 'string') return connection;
    const host = this.#hosts.get(connection.ns.host);
    const response = host?.deliver(connection.pid, connection.port, { ...request, remoteIp: connection.remoteIp });
    const sent = request.method.length + request.path.length + 80 + request.body.length;
    from.txBytes += sent;
    connection.ns.rxBytes += sent;
    if (response === undefined) return 'empty';
    const received = response.body.length + 200;
    connection.ns.txBytes += received;
    from.rxBytes += received;
    return response;
  }

  #reachable(from: NetNamespace, ip: string): NetNamespace | undefined {
    for (const ns of this.#index().get(ip) ?? []) {
      if (ns === from) return ns;
      if (ns.host === from.host && (ns.kind === 'host' || from.kind === 'host')) return ns;
      if (ns.interfaces.some((i) => i.name !== 'lo' && from.interfaces.some((f) => f.network === i.network))) return ns;
    }
    return undefined;
  }

  #sourceIp(from: NetNamespace, to: NetNamespace): string {
    const shared = from.interfaces.find((f) => f.name !== 'lo' && to.interfaces.some((i) => i.network === f.network));
    return shared?.ip ?? from.interfaces.find((i) => i.name !== 'lo')?.ip ?? '127.0.0.1';
  }

  #index(): Map<string, NetNamespace[]> {
    if (this.#byIp === undefined) {
      this.#byIp = new Map();
      for (const ns of this.#namespaces.values()) {
        for (const iface of ns.interfaces) {
          if (iface.name === 'lo') continue;
          const list = this.#byIp.get(iface.ip) ?? [];
          list.push(ns);
          this.#byIp.set(iface.ip, list);
        }
      }
    }
    return this.#byIp;
  }
}
