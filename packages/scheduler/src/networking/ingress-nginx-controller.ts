// ingress-nginx as kind installs it (`deploy/static/provider/kind`): the IngressClass `nginx`
// (controller `k8s.io/ingress-nginx`), reachable from the host on localhost:80/443 through kind's
// port mappings, and publishing `localhost` as every Ingress's address
// (`--publish-status-address=localhost`; status is written on a 60 s cycle, so ADDRESS is empty for
// up to a minute after an Ingress appears). It handles Ingresses whose ingressClassName (or the
// old `kubernetes.io/ingress.class` annotation) is `nginx`, records a `Sync` event for each
// (`Scheduled for sync`), and serves requests:
// - the server and location as nginx picks them (ingress-routing.ts), rewrite-target applied;
// - a host listed under `tls` gets a 308 redirect from http to https (ssl-redirect, default on);
//   its certificate comes from the named Secret (which must hold tls.crt and tls.key, as a
//   `kubernetes.io/tls` Secret does); a missing or unusable Secret is logged, https gets the
//   controller's "Kubernetes Ingress Controller Fake Certificate" and http is not redirected;
// - the backend Service's ready endpoints are taken round robin (load-balance: round_robin), a
//   failing one retried on the next (proxy_next_upstream, 3 tries); no endpoints, or no such
//   Service: 503; all tries refused: 502; timed out: 504; no matching rule: the default backend's
//   404. Pages and headers are nginx's.
// Every request is logged as `ingress.request` (host, path, Ingress and location, backend, endpoint
// and its Pod, status).

import type { Engine, EngineComponent, HttpRequest, HttpResponse, ServerCertificate, TaskKind } from '@dockyard/runtime';
import { httpDate, toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import { decodeGoBase64 } from '../api/go-base64.ts';
import { deepCopy, type Stored } from '../api/kinds.ts';
import type { EventSink } from '../events/event-recorder.ts';
import { EndpointSliceController } from './endpointslice-controller.ts';
import type { Upstream } from './http-types.ts';
import { buildServers, INGRESS_CLASS_ANNOTATION, type IngressBackend, matchLocation, type NginxServer, serverFor } from './ingress-routing.ts';
import { nginxPage } from './nginx-pages.ts';

export const INGRESS_CLASS = 'nginx';
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
/** status.go updateInterval. */
export const STATUS_UPDATE_INTERVAL_MS = 60_000;
export const FAKE_CERTIFICATE_SUBJECT = 'Kubernetes Ingress Controller Fake Certificate';
/** proxy-next-upstream-tries. */
const UPSTREAM_TRIES = 3;

export interface IngressRequest {
  scheme: 'http' | 'https';
  /** The Host header (a port is ignored). */
  host: string;
  method: string;
  /** Path with query. */
  path: string;
  headers: Record<string, string>;
  body: string;
  clientIp: string;
}

export interface IngressTrace {
  server: string;
  ingress: string | undefined;
  location: string | undefined;
  backend: string | undefined;
  endpoint: string | undefined;
  /** `namespace/name` of the Pod behind the endpoint, as its EndpointSlice names it. */
  pod: string | undefined;
  uri: string;
  status: number;
  certificate: string | undefined;
}

interface SavedIngressNginx {
  roundRobin: [string, number][];
  synced: [string, number][];
  startedAt: number;
  statusAt: number | null;
}

export interface IngressNginxOptions {
  events: EventSink;
  statusAddress?: string;
}

export class IngressNginxController implements EngineComponent {
  readonly name = 'ingress-nginx-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventSink;
  readonly #statusAddress: string;
  readonly #statusTick: TaskKind<Record<string, never>>;
  #servers: NginxServer[] | undefined;
  /** Round-robin position per upstream (`ns-svc-port`). */
  #roundRobin = new Map<string, number>();
  /** The generation of each handled Ingress last synced (by uid). */
  #synced = new Map<string, number>();
  #requestIds: () => string;
  #startedAt: number;
  /** When the next status cycle that has work runs (the cycle ticks every 60 s from the start). */
  #statusAt: number | undefined;

  constructor(engine: Engine, store: ApiStore, options: IngressNginxOptions) {
    this.#engine = engine;
    this.#store = store;
    this.#events = options.events;
    this.#statusAddress = options.statusAddress ?? 'localhost';
    this.#requestIds = engine.random.strings('0123456789abcdef', 32);
    this.#startedAt = engine.now;
    this.#statusTick = engine.defineTask('ingress-nginx.status', () => {
      this.#statusAt = undefined;
      this.#syncStatus();
    });
    store.watch('Ingress', {}, ({ type, object }) => {
      this.#servers = undefined;
      const uid = object.metadata!.uid!;
      if (type === 'DELETED') {
        this.#synced.delete(uid);
        return;
      }
      // A new Ingress, or a new generation of one (not its status): the controller syncs it.
      const generation = object.metadata?.generation ?? 0;
      if (!this.handles(object)) return;
      if (this.#synced.get(uid) !== generation) {
        this.#synced.set(uid, generation);
        this.#events.event(object, 'Normal', 'Sync', 'Scheduled for sync');
      }
      if (!this.#published(object)) this.#scheduleStatus();
    });
    store.watch('IngressClass', {}, () => {
      this.#servers = undefined;
    });
    engine.register(this);
  }

  /** The IngressClass kind's ingress-nginx manifest creates. */
  static ingressClass(): Stored<'IngressClass'> {
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: INGRESS_CLASS,
        labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx' },
      },
      spec: { controller: INGRESS_CONTROLLER },
    };
  }

  /** Whether this controller serves an Ingress: class `nginx`, by field or annotation. */
  handles(ingress: Stored<'Ingress'>): boolean {
    const className = ingress.spec?.ingressClassName ?? ingress.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
    if (className === undefined) return false;
    if (ingress.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] === INGRESS_CLASS && ingress.spec?.ingressClassName === undefined) return true;
    const cls = this.#store.tryGet('IngressClass', undefined, className);
    return cls?.spec?.controller === INGRESS_CONTROLLER;
  }

  /** The nginx servers as the controller last rendered them. */
  servers(): NginxServer[] {
    this.#servers ??= buildServers(this.#store.list('Ingress').items.filter((i) => this.handles(i)));
    return this.#servers;
  }

  /** Whether a host name has a server of its own (what an /etc/hosts entry for it would be pointed at). */
  servesHost(host: string): boolean {
    return serverFor(this.servers(), host).host !== '_';
  }

  handle(request: IngressRequest, upstream: Upstream): { response: HttpResponse; trace: IngressTrace; certificate?: ServerCertificate } {
    const server = serverFor(this.servers(), request.host);
    const tls = request.scheme === 'https' ? this.#certificate(server) : undefined;
    const match = matchLocation(server, request.path);
    const location = match.location;
    const trace: IngressTrace = {
      server: server.host,
      ingress: location?.ingress,
      location: location === undefined ? undefined : `${location.kind === 'prefix' ? '' : `${location.kind === 'regex' ? '~*' : '='} `}${location.path}`,
      backend: location?.backend === undefined ? undefined : `${location.backend.namespace}/${location.backend.service}:${location.backend.port}`,
      endpoint: undefined,
      pod: undefined,
      uri: match.uri,
      status: 0,
      certificate: tls?.name,
    };
    let response: HttpResponse;
    if (location === undefined || location.backend === undefined) response = this.#page(404);
    else if (request.scheme === 'http' && this.#redirects(server) && (location.sslRedirect || location.forceSslRedirect)) {
      response = this.#page(308, [['Location', `https://${request.host.replace(/:\d+$/, '')}${request.path}`]]);
    } else response = this.#proxy(request, location.backend, match.uri, upstream, trace);
    if (request.scheme === 'https' && response.status < 400) response.headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
    trace.status = response.status;
    this.#engine.log.append('ingress.request', {
      host: request.host,
      path: request.path,
      scheme: request.scheme,
      client: request.clientIp,
      ingress: trace.ingress ?? null,
      location: trace.location ?? null,
      backend: trace.backend ?? null,
      endpoint: trace.endpoint ?? null,
      pod: trace.pod ?? null,
      uri: trace.uri,
      status: trace.status,
    });
    return tls === undefined ? { response, trace } : { response, trace, certificate: tls.presented };
  }

  #proxy(request: IngressRequest, backend: IngressBackend, uri: string, upstream: Upstream, trace: IngressTrace): HttpResponse {
    const endpoints = this.#endpoints(backend);
    if (endpoints.length === 0) {
      if (this.#store.tryGet('Service', backend.namespace, backend.service) === undefined) {
        this.#engine.log.append('ingress.log', { message: `Error obtaining Endpoints for Service "${backend.namespace}/${backend.service}": no object matching key "${backend.namespace}/${backend.service}" in local store` });
      } else this.#engine.log.append('ingress.log', { message: `Service "${backend.namespace}/${backend.service}" does not have any active Endpoint.` });
      return this.#page(503);
    }
    const key = `${backend.namespace}-${backend.service}-${backend.port}`;
    const host = request.host.replace(/:\d+$/, '');
    const proxied: HttpRequest = {
      method: request.method,
      path: uri,
      headers: {
        ...request.headers,
        host,
        'x-request-id': this.#requestIds(),
        'x-real-ip': request.clientIp,
        'x-forwarded-for': request.clientIp,
        'x-forwarded-host': host,
        'x-forwarded-port': request.scheme === 'https' ? '443' : '80',
        'x-forwarded-proto': request.scheme,
        'x-forwarded-scheme': request.scheme,
        'x-scheme': request.scheme,
      },
      body: request.body,
      remoteIp: '',
    };
    let last: 'refused' | 'timeout' = 'refused';
    for (let attempt = 0; attempt < Math.min(UPSTREAM_TRIES, endpoints.length); attempt++) {
      const position = this.#roundRobin.get(key) ?? 0;
      this.#roundRobin.set(key, position + 1);
      const endpoint = endpoints[position % endpoints.length]!;
      trace.endpoint = `${endpoint.ip}:${endpoint.port}`;
      trace.pod = endpoint.pod;
      const result = upstream(endpoint.ip, endpoint.port, proxied);
      if (typeof result === 'object') {
        const headers = result.headers.filter(([name]) => !['date', 'server', 'connection'].includes(name.toLowerCase()));
        return { status: result.status, headers: [['Date', this.#date()], ...headers, ['Connection', 'keep-alive']], body: result.body };
      }
      last = result === 'timeout' || result === 'unreachable' ? 'timeout' : 'refused';
    }
    return this.#page(last === 'timeout' ? 504 : 502);
  }

  /** The ready endpoints of a backend's Service port, in slice order. */
  #endpoints(backend: IngressBackend): { ip: string; port: number; pod: string | undefined }[] {
    const service = this.#store.tryGet('Service', backend.namespace, backend.service);
    const port = service?.spec?.ports?.find((p) => (typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port));
    if (service === undefined || port === undefined) return [];
    const out: { ip: string; port: number; pod: string | undefined }[] = [];
    for (const slice of EndpointSliceController.slicesOf(this.#store, backend.namespace, backend.service)) {
      const target = slice.ports?.find((p) => (p.name ?? '') === (port.name ?? ''))?.port;
      if (target === undefined) continue;
      for (const e of slice.endpoints ?? []) {
        const pod = e.targetRef?.kind === 'Pod' ? `${e.targetRef.namespace ?? backend.namespace}/${e.targetRef.name}` : undefined;
        if (e.conditions?.ready !== false) out.push({ ip: e.addresses[0]!, port: target, pod });
      }
    }
    return out;
  }

  /**
   * ssl-redirect applies to a TLS host that has a certificate: its Secret's, or the default one
   * when the Ingress names no Secret. A named Secret that is missing or unusable leaves the host
   * on plain http (ingress-nginx#6238), while https gets the fake certificate.
   */
  #redirects(server: NginxServer): boolean {
    if (server.tls === undefined) return false;
    if (server.tls.secret === undefined) return true;
    const [namespace, name] = server.tls.secret.split('/') as [string, string];
    const secret = this.#store.tryGet('Secret', namespace, name);
    return secret?.data?.['tls.crt'] !== undefined && secret.data['tls.key'] !== undefined;
  }

  /** The certificate served for a host: its name in the trace, and what the client sees. */
  #certificate(server: NginxServer): { name: string; presented: ServerCertificate } {
    // ssl.GetFakeSSLCert: generated at start-up, self-signed, known to no client.
    const fake = { name: FAKE_CERTIFICATE_SUBJECT, presented: { selfSigned: true } };
    const secretKey = server.tls?.secret;
    if (server.tls === undefined || secretKey === undefined) return fake;
    const [namespace, name] = secretKey.split('/') as [string, string];
    const secret = this.#store.tryGet('Secret', namespace, name);
    if (secret === undefined) {
      this.#engine.log.append('ingress.log', { message: `Error getting SSL certificate "${secretKey}": local SSL certificate ${secretKey} was not found. Using default certificate` });
      return fake;
    }
    const crt = secret.data?.['tls.crt'];
    if (crt === undefined || secret.data?.['tls.key'] === undefined) {
      this.#engine.log.append('ingress.log', { message: `Error getting SSL certificate "${secretKey}": no keypair or CA cert could be found in ${secretKey}. Using default certificate` });
      return fake;
    }
    const decoded = decodeGoBase64(crt);
    // The simulation does not parse X.509: a user's certificate is taken as `openssl req -x509` makes it.
    const pem = 'bytes' in decoded ? new TextDecoder().decode(decoded.bytes) : undefined;
    return { name: `secret ${secretKey}`, presented: pem === undefined ? { selfSigned: true } : { selfSigned: true, pem } };
  }

  #page(status: number, extra: [string, string][] = []): HttpResponse {
    const body = nginxPage(status);
    return {
      status,
      headers: [['Date', this.#date()], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive'], ...extra],
      body,
    };
  }

  #date(): string {
    return httpDate(VIRTUAL_EPOCH_MS + this.#engine.now);
  }

  #published(ingress: Stored<'Ingress'>): boolean {
    const current = ingress.status?.loadBalancer?.ingress ?? [];
    return current.length === 1 && current[0]!.hostname === this.#statusAddress;
  }

  /** Queues the next 60 s status cycle; cycles with nothing to write are skipped, so the engine can idle. */
  #scheduleStatus(): void {
    if (this.#statusAt !== undefined) return;
    const since = this.#engine.now - this.#startedAt;
    const at = this.#startedAt + (Math.floor(since / STATUS_UPDATE_INTERVAL_MS) + 1) * STATUS_UPDATE_INTERVAL_MS;
    this.#statusAt = at;
    this.#engine.scheduleAt(this.#statusTick, at, {});
  }

  /** Writes the published address into every handled Ingress that lacks it. */
  #syncStatus(): void {
    for (const ingress of this.#store.list('Ingress').items) {
      if (!this.handles(ingress) || this.#published(ingress)) continue;
      const next = deepCopy(ingress);
      next.status = { loadBalancer: { ingress: [{ hostname: this.#statusAddress }] } };
      this.#store.updateStatus(next);
      this.#engine.log.append('ingress.status', { ingress: `${ingress.metadata!.namespace}/${ingress.metadata!.name}`, address: this.#statusAddress });
    }
  }

  snapshot(): SavedIngressNginx {
    const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return { roundRobin: sorted(this.#roundRobin), synced: sorted(this.#synced), startedAt: this.#startedAt, statusAt: this.#statusAt ?? null };
  }

  restore(state: unknown): void {
    const saved = state as SavedIngressNginx;
    this.#roundRobin = new Map(saved.roundRobin);
    this.#synced = new Map(saved.synced);
    this.#startedAt = saved.startedAt;
    this.#statusAt = saved.statusAt ?? undefined;
    this.#servers = undefined;
  }
}
