// Where traffic enters and crosses the cluster, for `dockyard curl` and for programs in pods. The
// container runtime's network fabric carries the packets; this decides where they go:
// - from the user's machine (kind's view: the nodes are containers on the host's Docker network):
//   * a name an Ingress rule serves resolves to 127.0.0.1 (as if /etc/hosts said so), and
//     localhost:80/443 reaches ingress-nginx through kind's extraPortMappings: the request goes
//     through the ingress controller (Host header from the URL);
//   * localhost:<nodePort> reaches the first node's NodePort (what a kind port mapping or Docker
//     Desktop gives);
//   * <node address>:<nodePort> reaches that node's kube-proxy;
//   * a LoadBalancer address reaches the node MetalLB elected to announce it;
//   * anything else is not the cluster's (Docker's published ports, or nothing);
// - inside the cluster: a connection from a pod (or node) to a Service address goes through the
//   kube-proxy of the node it leaves from (`route`).
// Each external request is logged as `data-plane.request` with its way in and its outcome (the
// HTTP status, or the connection's failure), after the records of kube-proxy's and ingress-nginx's
// own decisions on its way: a request's hops are the records that precede its own.

import type { Engine } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import type { ClusterDns } from './cluster-dns.ts';
import type { ConnectFailure, HttpRequest, HttpResponse, ServerCertificate } from '@dockyard/runtime';
import type { Upstream } from './http-types.ts';
import type { IngressNginxController, IngressTrace } from './ingress-nginx-controller.ts';
import { isIpv4 } from './ip.ts';
import type { KubeProxy, ProxyVerdict } from './kube-proxy.ts';
import { NODE_PORT_RANGE } from './service-ip-allocator.ts';
import type { ServiceLbController } from './service-lb-controller.ts';

/** The address the user's machine has on kind's Docker network (its gateway). */
export const HOST_ADDRESS = '172.18.0.1';

/** What the data plane needs of the runtime fabric's network namespace (structurally its NetNamespace). */
export interface FabricNamespace {
  /** The machine (node) the namespace lives on. */
  host: string;
  interfaces: readonly { name: string; ip: string }[];
}

export interface ExternalRequest {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type ExternalResult =
  | { kind: 'response'; response: HttpResponse; entry: string; ingress?: IngressTrace; certificate?: ServerCertificate }
  | { kind: 'failure'; failure: ConnectFailure | 'unknown-host'; entry: string }
  /** Not an address the cluster answers: the caller tries the host's own (Docker) routes. */
  | { kind: 'not-cluster' };

export interface ClusterDataPlaneOptions {
  engine: Engine;
  store: ApiStore;
  proxies: readonly KubeProxy[];
  dns: ClusterDns;
  ingress?: IngressNginxController;
  loadBalancers?: ServiceLbController;
}

export class ClusterDataPlane {
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #proxies: Map<string, KubeProxy>;
  readonly #dns: ClusterDns;
  readonly #ingress: IngressNginxController | undefined;
  readonly #lb: ServiceLbController | undefined;

  constructor(options: ClusterDataPlaneOptions) {
    this.#engine = options.engine;
    this.#store = options.store;
    this.#proxies = new Map(options.proxies.map((p) => [p.nodeName, p]));
    this.#dns = options.dns;
    this.#ingress = options.ingress;
    this.#lb = options.loadBalancers;
  }

  /** What the user's machine resolves a name to, as far as the cluster is concerned. */
  resolveFromHost(host: string): string | undefined {
    if (isIpv4(host)) return host;
    if (host === 'localhost') return '127.0.0.1';
    if (this.#ingress?.servesHost(host) === true) return '127.0.0.1';
    return undefined;
  }

  /** An HTTP request from the user's machine (`dockyard curl`). */
  external(request: ExternalRequest, upstream: Upstream): ExternalResult {
    const ip = this.resolveFromHost(request.host);
    const url = `${request.scheme}://${request.host}${(request.scheme === 'http' && request.port === 80) || (request.scheme === 'https' && request.port === 443) ? '' : `:${request.port}`}${request.path}`;
    const log = (result: Exclude<ExternalResult, { kind: 'not-cluster' }>, node: string | undefined): ExternalResult => {
      const outcome = result.kind === 'response' ? { status: result.response.status } : { failure: result.failure };
      this.#engine.log.append('data-plane.request', { url, entry: result.entry, ...(node === undefined ? {} : { node }), ...outcome });
      return result;
    };
    if (ip === undefined) return { kind: 'not-cluster' };
    if (ip === '127.0.0.1' && this.#ingress !== undefined && (request.port === 80 || request.port === 443)) {
      // kind maps the host's 80/443 to the node running ingress-nginx: the first one here.
      const node = this.#nodes()[0]?.name;
      const { response, trace, certificate } = this.#ingress.handle(
        { scheme: request.scheme, host: request.headers.host ?? request.host, method: request.method, path: request.path, headers: request.headers, body: request.body, clientIp: HOST_ADDRESS },
        (to, port, sent) => upstream(to, port, sent, node),
      );
      return log(certificate === undefined ? { kind: 'response', response, entry: 'ingress', ingress: trace } : { kind: 'response', response, entry: 'ingress', ingress: trace, certificate }, node);
    }
    const nodePort = request.port >= NODE_PORT_RANGE.base && request.port < NODE_PORT_RANGE.base + NODE_PORT_RANGE.size;
    let node: string | undefined;
    let entry = '';
    if (ip === '127.0.0.1' && nodePort) {
      node = this.#nodes()[0]?.name;
      entry = 'nodeport (localhost)';
    } else {
      const byAddress = this.#nodes().find((n) => n.addresses.includes(ip));
      if (byAddress !== undefined) {
        node = byAddress.name;
        entry = 'nodeport';
      } else if (this.#lb?.serviceForAddress(ip) !== undefined) {
        node = this.#lb.announcingNode(ip);
        entry = 'loadbalancer';
      }
    }
    if (node === undefined) return { kind: 'not-cluster' };
    const proxy = this.#proxies.get(node);
    const destination = ip === '127.0.0.1' ? (this.#nodes().find((n) => n.name === node)?.addresses[0] ?? ip) : ip;
    const verdict = proxy?.route({ sourceIp: HOST_ADDRESS, destinationIp: destination, destinationPort: request.port });
    return log(this.#deliver(verdict, request, (to, port, sent) => upstream(to, port, sent, node), entry), node);
  }

  /** A new connection leaving `node` from `sourceIp`: where kube-proxy sends it (undefined: unchanged). */
  route(node: string, sourceIp: string, ip: string, port: number): ProxyVerdict | undefined {
    return this.#proxies.get(node)?.route({ sourceIp, destinationIp: ip, destinationPort: port });
  }

  /**
   * An address route for the runtime fabric (`fabric.routes.push(...)`): connections leaving a
   * node or one of its pods to a Service address go where that node's kube-proxy sends them.
   * A REJECT refuses the connection at once, a DROP lets it time out.
   */
  fabricRoute(): (ip: string, port: number, from: FabricNamespace) => { ip: string; port: number } | 'refused' | 'dropped' | undefined {
    return (ip, port, from) => {
      if (!this.#proxies.has(from.host)) return undefined;
      const source = from.interfaces.find((i) => i.name !== 'lo')?.ip ?? '127.0.0.1';
      const verdict = this.route(from.host, source, ip, port);
      if (verdict === undefined) return undefined;
      return verdict.verdict === 'dnat' ? { ip: verdict.ip, port: verdict.port } : verdict.verdict === 'drop' ? 'dropped' : 'refused';
    };
  }

  /** The fabric's DNS server for kube-dns's address (`fabric.dnsServers.set(CLUSTER_DNS_IP, ...)`). */
  fabricDnsServer(): { lookup(name: string): string[] | undefined } {
    return { lookup: (name) => this.#dns.addresses(name) };
  }

  /** The cluster DNS, for resolvers whose nameserver is kube-dns's address. */
  get dns(): ClusterDns {
    return this.#dns;
  }

  #deliver(verdict: ProxyVerdict | undefined, request: ExternalRequest, upstream: Upstream, entry: string): Exclude<ExternalResult, { kind: 'not-cluster' }> {
    if (verdict === undefined) return { kind: 'failure', failure: 'refused', entry };
    if (verdict.verdict !== 'dnat') return { kind: 'failure', failure: verdict.verdict === 'drop' ? 'timeout' : 'refused', entry };
    const sent: HttpRequest = { method: request.method, path: request.path, headers: request.headers, body: request.body, remoteIp: HOST_ADDRESS };
    const result = upstream(verdict.ip, verdict.port, sent);
    if (typeof result === 'object') return { kind: 'response', response: result, entry };
    return { kind: 'failure', failure: result === 'empty' ? 'refused' : result, entry };
  }

  #nodes(): { name: string; addresses: string[] }[] {
    return this.#store
      .list('Node')
      .items.map((n) => ({ name: n.metadata!.name!, addresses: (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
