// A request's path through the cluster, from the engine's own log records (never from what the
// page draws): each component logs its decision as it takes it, in the order the packet meets them.
//   - `dockyard curl` into the cluster: the data plane logs `data-plane.request` (the URL, the way
//     in, the node, the outcome) last, after the records of the hops it went through, which all
//     carry the user's machine's address (HOST_ADDRESS) as their client and share its time:
//       * through ingress-nginx (an Ingress host, localhost:80/443): `ingress.request` (the
//         Ingress and location matched, the backend Service, the endpoint and its Pod, the
//         status), after an `ingress.log` line when the Service had no endpoint. ingress-nginx
//         picks the endpoint itself (round robin): no kube-proxy rule is on this path;
//       * through a NodePort or a LoadBalancer address: `kube-proxy.route` (the node, the
//         Service, DNAT, REJECT or DROP, the rule, the endpoint and its Pod);
//   - a connection from a pod or node to a Service address (`kubectl exec ... wget`, an app
//     reaching its database): a `kube-proxy.route` of its own, its client the pod's address.
// Records of other requests nested in one (the app behind an Ingress calling its database) have
// their own client address, so they are paths of their own.

import type { World } from '@dockyard/cli';
import { type LogRecord, statusText } from '@dockyard/runtime';
import { HOST_ADDRESS } from '@dockyard/scheduler';

export type HopKind = 'client' | 'ingress' | 'service' | 'kube-proxy' | 'endpoint' | 'container';

/** One hop of a path, in the order the request met them. */
export interface PathHop {
  readonly kind: HopKind;
  /** What the hop is: `Ingress default/web`, `kube-proxy on node-1: DNAT`. */
  readonly label: string;
  /** What it did with the request. */
  readonly detail: string;
  /** False on the hop where the request ended without an answer from a container (REJECT, 404, 503, ...). */
  readonly ok: boolean;
}

export interface RequestPath {
  /** The index in the event log of the record that ends it: stable along a branch of history. */
  readonly id: number;
  readonly t: number;
  /** From the user's machine (`dockyard curl`) or from inside the cluster (a pod or a node). */
  readonly from: 'outside' | 'cluster';
  /** `http://web.local/`, or `10.244.1.4 → 10.96.0.12:80`. */
  readonly title: string;
  /** `200 OK`, `connection refused`, `404 Not Found`, or `forwarded` (a connection from inside: the log holds no answer). */
  readonly outcome: string;
  /**
   * Whether it got the answer it was routed for: a container's (with any status), ingress-nginx's
   * redirect of a TLS host to https, or, from inside, the connection handed to an endpoint.
   */
  readonly ok: boolean;
  readonly hops: readonly PathHop[];
}

/** Most recent first: this many at most. */
export const RECENT_REQUESTS = 50;

interface Open {
  readonly index: number;
  readonly anchor: LogRecord;
  proxy?: LogRecord;
  ingress?: LogRecord;
  ingressIndex?: number;
  ingressLog?: LogRecord;
}

/** The most recent requests in the world's event log, newest first. */
export function recentRequests(world: World, limit = RECENT_REQUESTS): RequestPath[] {
  const records = world.engine.log.records();
  const names = new Names(world);
  const out: RequestPath[] = [];
  let open: Open | undefined;
  const close = () => {
    if (open !== undefined) out.push(externalPath(open, names));
    open = undefined;
  };
  for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
    const r = records[i]!;
    if (open !== undefined && r.t !== open.anchor.t) close();
    switch (r.type) {
      case 'data-plane.request':
        close();
        open = { index: i, anchor: r };
        break;
      case 'ingress.request':
        if (open?.anchor['entry'] === 'ingress' && open.ingress === undefined && r['client'] === HOST_ADDRESS) {
          open.ingress = r;
          open.ingressIndex = i;
        }
        break;
      case 'ingress.log':
        // Written just before the request's own record when its Service had no endpoint.
        if (open?.ingressIndex === i + 1) open.ingressLog = r;
        break;
      case 'kube-proxy.route':
        if (open !== undefined && open.anchor['entry'] !== 'ingress' && open.proxy === undefined && r['client'] === HOST_ADDRESS) open.proxy = r;
        else out.push(clusterPath(i, r, names));
        break;
    }
  }
  close();
  // A request from outside is complete only once its first hop is read: it may come after
  // connections nested in it, which are later in the log.
  return out.sort((a, b) => b.id - a.id).slice(0, limit);
}

/** The pods, nodes and containers the records name, as the world has them now. */
class Names {
  readonly #world: World;
  #byIp: Map<string, string> | undefined;

  constructor(world: World) {
    this.#world = world;
  }

  /** `pod default/client`, `node node-1`, or the address itself. */
  address(ip: string): string {
    if (this.#byIp === undefined) {
      this.#byIp = new Map();
      const { store } = this.#world.cluster;
      for (const node of store.list('Node').items) {
        for (const a of node.status?.addresses ?? []) if (a.type === 'InternalIP') this.#byIp.set(a.address, `node ${node.metadata!.name}`);
      }
      for (const pod of store.list('Pod').items) {
        const ip = pod.status?.podIP;
        // Pods on the host network share their node's address: the node names it.
        if (ip !== undefined && !pod.spec?.hostNetwork && !this.#byIp.has(ip)) this.#byIp.set(ip, `pod ${pod.metadata!.namespace}/${pod.metadata!.name}`);
      }
    }
    return this.#byIp.get(ip) ?? ip;
  }

  /**
   * The container of `namespace/name` that declares the port, or its only container. The pod's spec
   * cannot change, so the pod as it is now tells; a pod since deleted is said to be gone.
   */
  container(pod: string, port: number): string {
    const [namespace, name] = pod.split('/') as [string, string];
    const object = this.#world.cluster.store.tryGet('Pod', namespace, name);
    if (object === undefined) return `pod ${pod} (deleted since)`;
    const containers = object.spec?.containers ?? [];
    const found = containers.find((c) => c.ports?.some((p) => p.containerPort === port)) ?? (containers.length === 1 ? containers[0] : undefined);
    return found === undefined ? `pod ${pod}, the container listening on ${port}` : `container ${found.name} of pod ${pod}`;
  }
}

function answered(status: number): string {
  return `${status} ${statusText(status)}`.trim();
}

const FAILURES: Readonly<Record<string, string>> = {
  refused: 'connection refused',
  timeout: 'connection timed out',
  unreachable: 'no route to host',
  'unknown-host': 'could not resolve host',
};

function endpointHops(endpoint: string, pod: string | undefined, names: Names, answer: string, ok: boolean): PathHop[] {
  const port = Number(endpoint.split(':')[1]);
  return [
    { kind: 'endpoint', label: `endpoint ${endpoint}`, detail: pod === undefined ? 'no Pod named by its EndpointSlice' : `Pod ${pod}`, ok: true },
    { kind: 'container', label: pod === undefined ? `the process listening on ${endpoint}` : names.container(pod, port), detail: answer, ok },
  ];
}

function externalPath(open: Open, names: Names): RequestPath {
  const { anchor, proxy, ingress } = open;
  const url = String(anchor['url'] ?? '');
  const node = typeof anchor['node'] === 'string' ? anchor['node'] : undefined;
  const status = typeof anchor['status'] === 'number' ? anchor['status'] : undefined;
  const outcome = status !== undefined ? answered(status) : (FAILURES[String(anchor['failure'])] ?? String(anchor['failure'] ?? ''));
  const entry = String(anchor['entry'] ?? '');
  const hops: PathHop[] = [];
  const ways: Record<string, string> = {
    ingress: `kind maps localhost:80 and 443 to ingress-nginx${node === undefined ? '' : ` on ${node}`}`,
    'nodeport (localhost)': `kind maps the port on localhost to the NodePort on ${node ?? '?'}`,
    nodeport: `the NodePort on ${node ?? '?'}`,
    loadbalancer: `a LoadBalancer address, announced by ${node ?? '?'}`,
  };
  hops.push({ kind: 'client', label: 'your machine', detail: `${url}: ${ways[entry] ?? entry}`, ok: true });
  let reached = false;
  if (entry === 'ingress' && ingress !== undefined) {
    const backend = typeof ingress['backend'] === 'string' ? ingress['backend'] : undefined;
    const where = `host ${String(ingress['host'])}, path ${String(ingress['path'])}`;
    if (typeof ingress['ingress'] !== 'string' || backend === undefined) {
      hops.push({ kind: 'ingress', label: 'no Ingress rule', detail: `${where} matches no rule: ingress-nginx's default backend answers ${answered(Number(ingress['status']))}`, ok: false });
    } else {
      hops.push({ kind: 'ingress', label: `Ingress ${ingress['ingress']}`, detail: `${where} matched location ${String(ingress['location'])} → Service ${backend}`, ok: true });
      const endpoint = typeof ingress['endpoint'] === 'string' ? ingress['endpoint'] : undefined;
      if (endpoint === undefined && status === 308) {
        // ssl-redirect: a TLS host's http requests get ingress-nginx's redirect, not the backend.
        hops.push({ kind: 'ingress', label: 'ingress-nginx ssl-redirect', detail: `the host is listed under tls: ingress-nginx answers ${outcome} to https`, ok: true });
        reached = true;
      } else if (endpoint === undefined) {
        const why = typeof open.ingressLog?.['message'] === 'string' ? open.ingressLog['message'] : 'no ready endpoint';
        hops.push({ kind: 'service', label: `Service ${backend}`, detail: `${why} ingress-nginx answers ${outcome}`, ok: false });
      } else {
        hops.push({ kind: 'service', label: `Service ${backend}`, detail: 'ingress-nginx takes its ready endpoints round robin itself: no kube-proxy rule on this path', ok: true });
        const pod = typeof ingress['pod'] === 'string' ? ingress['pod'] : undefined;
        // 502 and 504 are ingress-nginx's own: every endpoint tried refused or timed out.
        const upstreamFailed = status === 502 || status === 504;
        hops.push(...endpointHops(endpoint, pod, names, upstreamFailed ? `did not answer: ingress-nginx answers ${outcome}` : `answered ${outcome}`, !upstreamFailed));
        reached = !upstreamFailed;
      }
    }
  } else if (proxy !== undefined) {
    reached = proxyHops(hops, proxy, names, `answered ${outcome}`, status !== undefined);
  } else if (entry !== 'ingress') {
    hops.push({ kind: 'kube-proxy', label: `kube-proxy on ${node ?? '?'}`, detail: `no rule for this address and port: ${outcome}`, ok: false });
  }
  return { id: open.index, t: anchor.t, from: 'outside', title: url, outcome, ok: reached, hops };
}

/** The Service, kube-proxy's verdict and, after a DNAT, the endpoint and container. True when it reached one. */
function proxyHops(hops: PathHop[], route: LogRecord, names: Names, answer: string, answeredOk: boolean): boolean {
  const service = String(route['service'] ?? '');
  const verdict = String(route['verdict'] ?? '');
  hops.push({ kind: 'service', label: service === '' ? 'a Service' : `Service ${service}`, detail: `destination ${String(route['destination'])}`, ok: true });
  const rule = String(route['rule'] ?? '');
  const label = `kube-proxy on ${String(route['node'])}: ${verdict.toUpperCase()}`;
  if (verdict !== 'dnat') {
    const effect = verdict === 'drop' ? 'dropped: the connection times out' : 'rejected: connection refused';
    hops.push({ kind: 'kube-proxy', label, detail: `${rule} (${effect})`, ok: false });
    return false;
  }
  hops.push({ kind: 'kube-proxy', label, detail: rule, ok: true });
  const endpoint = String(route['endpoint'] ?? '');
  hops.push(...endpointHops(endpoint, typeof route['pod'] === 'string' ? route['pod'] : undefined, names, answer, answeredOk));
  return answeredOk;
}

function clusterPath(index: number, route: LogRecord, names: Names): RequestPath {
  const client = String(route['client'] ?? '');
  const destination = String(route['destination'] ?? '');
  const hops: PathHop[] = [{ kind: 'client', label: names.address(client), detail: `${client} connects to ${destination}`, ok: true }];
  const dnat = route['verdict'] === 'dnat';
  proxyHops(hops, route, names, 'gets the connection', true);
  const outcome = dnat ? 'forwarded' : route['verdict'] === 'drop' ? 'connection timed out' : 'connection refused';
  return { id: index, t: route.t, from: 'cluster', title: `${client} → ${destination}`, outcome, ok: dnat, hops };
}
