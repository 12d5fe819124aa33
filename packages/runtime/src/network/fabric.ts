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
  /**
   * Namespaces by each address they hold (loopback aside), in the order their ids were first
   * registered: where hosts reuse an address (each Docker bridge's 172.17.0.2), the first one the
   * caller can reach answers. Kept up to date per namespace: with a thousand pods coming and going,
   * rebuilding it after each change cost a probe more than the probe itself.
   */
  readonly #byIp = new Map<string, NetNamespace[]>();
  readonly #indexedIps = new Map<NetNamespace, readonly string[]>();
  readonly #order = new Map<string, number>();
  #registered = 0;
  readonly routes: AddressRoute[] = [];
  readonly dnsServers = new Map<string, DnsServer>();

  attachHost(name: string, target: ConnectionTarget): void {
    this.#hosts.set(name, target);
  }

  register(ns: NetNamespace): void {
    const earlier = this.#namespaces.get(ns.id);
    if (earlier !== undefined) this.#unindex(earlier);
    else this.#order.set(ns.id, this.#registered++);
    this.#namespaces.set(ns.id, ns);
    this.#index(ns);
  }

  unregister(id: string): void {
    const ns = this.#namespaces.get(id);
    if (ns === undefined) return;
    this.#namespaces.delete(id);
    this.#order.delete(id);
    this.#unindex(ns);
  }

  /** Call after changing a registered namespace's interfaces; without one, after changing any. */
  changed(ns?: NetNamespace): void {
    const changed = ns === undefined ? [...this.#namespaces.values()] : this.#namespaces.get(ns.id) === ns ? [ns] : [];
    for (const each of changed) {
      this.#unindex(each);
      this.#index(each);
    }
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
    for (const ns of this.#byIp.get(ip) ?? []) {
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

  #index(ns: NetNamespace): void {
    const ips: string[] = [];
    const order = this.#order.get(ns.id)!;
    for (const iface of ns.interfaces) {
      if (iface.name === 'lo') continue;
      ips.push(iface.ip);
      const list = this.#byIp.get(iface.ip);
      if (list === undefined) {
        this.#byIp.set(iface.ip, [ns]);
        continue;
      }
      let at = list.length;
      while (at > 0 && this.#order.get(list[at - 1]!.id)! > order) at--;
      list.splice(at, 0, ns);
    }
    this.#indexedIps.set(ns, ips);
  }

  #unindex(ns: NetNamespace): void {
    for (const ip of this.#indexedIps.get(ns) ?? []) {
      const list = this.#byIp.get(ip)!;
      const at = list.indexOf(ns);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.#byIp.delete(ip);
    }
    this.#indexedIps.delete(ns);
  }
}
