// How ingress-nginx turns Ingress objects into nginx servers and locations, and which location a
// request lands in (k/k-sigs ingress-nginx internal/ingress/controller/controller.go createServers
// and template.go buildLocation, with nginx's own location rules):
// - one server per host; rules without a host go to the default server `_`; Ingresses for the
//   same host merge, and for the same path the oldest Ingress wins;
// - pathType Exact is `location = /p`; Prefix `/p` is `location = /p` plus `location /p/`
//   (element-wise prefix: `/p` and `/p/x`, never `/px`), `/` is `location /`;
//   ImplementationSpecific is a plain nginx prefix (`/p` also matches `/px`);
// - nginx takes an exact match first, else the longest prefix;
// - when any Ingress of a host uses `nginx.ingress.kubernetes.io/use-regex` or `rewrite-target`,
//   every path of that host becomes a case-insensitive regex `~* "^<path>"`, tried in descending
//   path order (ingress-nginx sorts them so), first match wins;
// - `rewrite-target` is nginx's `rewrite "(?i)<path>" <target> break;`: the whole URI becomes the
//   target, with $1.. from the path's groups, and the query string kept. So with the tutorial's
//   `rewrite-target: /` every request reaches the backend as `/`.

import type { DeepReadonly, Stored } from '../api/kinds.ts';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';
export const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
export const FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

export interface IngressBackend {
  namespace: string;
  service: string;
  port: number | string;
}

export interface Location {
  /** `=`: exact, `prefix`: nginx prefix string, `regex`: `~*`. */
  kind: '=' | 'prefix' | 'regex';
  path: string;
  pathType: string;
  ingress: string;
  backend: IngressBackend | undefined;
  rewriteTarget: string | undefined;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
}

export interface TlsBinding {
  ingress: string;
  /** `namespace/name`, or undefined for the default certificate. */
  secret: string | undefined;
}

export interface NginxServer {
  host: string;
  locations: Location[];
  tls: TlsBinding | undefined;
}

export interface LocationMatch {
  server: NginxServer;
  location: Location | undefined;
  /** The URI the backend receives. */
  uri: string;
}

const ann = (ing: DeepReadonly<Stored<'Ingress'>>, key: string) => ing.metadata?.annotations?.[key];

function backendOf(namespace: string, backend: DeepReadonly<NonNullable<Stored<'Ingress'>['spec']>['defaultBackend']> | undefined): IngressBackend | undefined {
  const service = backend?.service;
  if (service === undefined) return undefined;
  return { namespace, service: service.name, port: service.port?.number ?? service.port?.name ?? 0 };
}

/** Servers for the Ingresses the controller handles, oldest Ingress first. */
export function buildServers(ingresses: readonly Stored<'Ingress'>[]): NginxServer[] {
  const sorted = [...ingresses].sort((a, b) => {
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    const ka = `${a.metadata?.namespace}/${a.metadata?.name}`;
    const kb = `${b.metadata?.namespace}/${b.metadata?.name}`;
    return ka < kb ? -1 : 1;
  });
  const servers = new Map<string, NginxServer & { regex: boolean; taken: Set<string> }>();
  const server = (host: string) => {
    let found = servers.get(host);
    if (found === undefined) {
      found = { host, locations: [], tls: undefined, regex: false, taken: new Set() };
      servers.set(host, found);
    }
    return found;
  };
  server('_');
  for (const ing of sorted) {
    const namespace = ing.metadata!.namespace!;
    const id = `${namespace}/${ing.metadata!.name}`;
    const regex = ann(ing, USE_REGEX) === 'true' || ann(ing, REWRITE_TARGET) !== undefined;
    const common = {
      ingress: id,
      rewriteTarget: ann(ing, REWRITE_TARGET),
      sslRedirect: ann(ing, SSL_REDIRECT) !== 'false',
      forceSslRedirect: ann(ing, FORCE_SSL_REDIRECT) === 'true',
    };
    for (const tls of ing.spec?.tls ?? []) {
      const secret = tls.secretName === undefined || tls.secretName === '' ? undefined : `${namespace}/${tls.secretName}`;
      for (const host of tls.hosts ?? []) {
        const s = server(host);
        s.tls ??= { ingress: id, secret };
      }
    }
    if (ing.spec?.defaultBackend !== undefined) {
      const s = server('_');
      if (!s.taken.has('/')) {
        s.taken.add('/');
        s.locations.push({ kind: 'prefix', path: '/', pathType: 'Prefix', backend: backendOf(namespace, ing.spec.defaultBackend), ...common });
      }
    }
    for (const rule of ing.spec?.rules ?? []) {
      const s = server(rule.host === undefined || rule.host === '' ? '_' : rule.host);
      if (regex) s.regex = true;
      for (const p of rule.http?.paths ?? []) {
        const path = p.path === undefined || p.path === '' ? '/' : p.path;
        const pathType = p.pathType ?? 'ImplementationSpecific';
        const key = `${pathType === 'Exact' ? '=' : ''}${path}`;
        if (s.taken.has(key)) continue;
        s.taken.add(key);
        const backend = backendOf(namespace, p.backend as never);
        if (pathType === 'Exact') s.locations.push({ kind: '=', path, pathType, backend, ...common });
        else if (pathType === 'Prefix' && path !== '/' && !path.endsWith('/')) {
          s.locations.push({ kind: '=', path, pathType, backend, ...common });
          s.locations.push({ kind: 'prefix', path: `${path}/`, pathType, backend, ...common });
        } else s.locations.push({ kind: 'prefix', path, pathType, backend, ...common });
      }
    }
  }
  const out: NginxServer[] = [];
  for (const s of [...servers.values()].sort((a, b) => (a.host < b.host ? -1 : 1))) {
    let locations = s.locations;
    if (s.regex) {
      // enforceRegex: one `~* "^<path>"` per ingress path (the Prefix split is not made).
      const seen = new Set<string>();
      locations = [];
      for (const l of s.locations) {
        const original = l.kind === 'prefix' && l.pathType === 'Prefix' && l.path.endsWith('/') && l.path !== '/' && s.locations.some((x) => x.kind === '=' && x.path === l.path.slice(0, -1)) ? l.path.slice(0, -1) : l.path;
        if (seen.has(original)) continue;
        seen.add(original);
        locations.push({ ...l, kind: 'regex', path: original });
      }
      locations.sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
    }
    out.push({ host: s.host, locations, tls: s.tls });
  }
  return out;
}

/** The server for a Host header: an exact name, then a `*.` wildcard, then the default server. */
export function serverFor(servers: readonly NginxServer[], host: string): NginxServer {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const exact = servers.find((s) => s.host === name);
  if (exact !== undefined) return exact;
  const wildcard = servers.find((s) => s.host.startsWith('*.') && name.endsWith(s.host.slice(1)) && !name.slice(0, -(s.host.length - 1)).includes('.'));
  return wildcard ?? servers.find((s) => s.host === '_')!;
}

/** nginx's choice of location for a URI, and the URI after any rewrite. */
export function matchLocation(server: NginxServer, uri: string): LocationMatch {
  const [path = '/', query] = uri.split('?', 2) as [string, string?];
  let location: Location | undefined = server.locations.find((l) => l.kind === '=' && l.path === path);
  if (location === undefined) {
    const regexes = server.locations.filter((l) => l.kind === 'regex');
    if (regexes.length > 0) location = regexes.find((l) => safeRegex(`^${l.path}`)?.test(path) === true);
    else {
      let best: Location | undefined;
      for (const l of server.locations) {
        if (l.kind === 'prefix' && path.startsWith(l.path) && (best === undefined || l.path.length > best.path.length)) best = l;
      }
      location = best;
    }
  }
  let rewritten = uri;
  if (location?.rewriteTarget !== undefined) {
    const match = safeRegex(location.path)?.exec(path);
    if (match !== null && match !== undefined) {
      const target = location.rewriteTarget.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
      rewritten = query === undefined ? target : `${target}${target.includes('?') ? '&' : '?'}${query}`;
    }
  }
  return { server, location, uri: rewritten };
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined;
  }
}
