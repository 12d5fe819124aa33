// The API server's URL space, read into a route: discovery documents, /version, OpenAPI, and the
// REST paths of every served resource —
//   /api/v1/<resource>[/<name>[/<subresource>]]                      (cluster-scoped, or all namespaces)
//   /api/v1/namespaces/<ns>/<resource>[/<name>[/<subresource>]]      (namespaced)
//   /apis/<group>/<version>/...                                      (the same for named groups)
//   /api/v1/watch/...                                                (the deprecated watch prefix)
// The namespaces resource is itself at /api/v1/namespaces/<name>[/status|/finalize].
// [apiserver pkg/endpoints/request/requestinfo.go]

import type { ResourceRegistry, ResourceType } from '@dockyard/scheduler';
import { METRICS_GROUP, METRICS_VERSION } from './metrics-api.ts';

export type Route =
  | { kind: 'version' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapi'; path: string }
  | { kind: 'healthz' }
  /** metrics.k8s.io, served beside the store (metrics-api.ts). */
  | { kind: 'metrics'; resource: string; namespace?: string; name?: string }
  | {
      kind: 'resource';
      type: ResourceType;
      /** The version of the path (objects are served in the storage version). */
      version: string;
      /** Undefined on the all-namespaces and cluster-scoped paths. */
      namespace?: string;
      name?: string;
      subresource?: string;
      /** Reached through the deprecated /watch/ prefix. */
      watchPrefix: boolean;
    }
  | { kind: 'notFound' };

/** Health endpoints kubectl and scripts probe. */
const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function parseRoute(pathname: string, registry: ResourceRegistry): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/version') return { kind: 'version' };
  if (HEALTH.has(path)) return { kind: 'healthz' };
  if (path === '/openapi/v2' || path === '/openapi/v3' || path.startsWith('/openapi/v3/')) return { kind: 'openapi', path };
  if (path === '/api') return { kind: 'api' };
  if (path === '/apis') return { kind: 'apis' };

  let parts: string[];
  try {
    parts = path.split('/').slice(1).map((p) => decodeURIComponent(p));
  } catch {
    return { kind: 'notFound' };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return { kind: 'notFound' };
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 2) return { kind: 'group', group: parts[1]! };
    if (parts.length < 3) return { kind: 'notFound' };
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { kind: 'notFound' };
  }
  if (rest.length === 0) return { kind: 'groupVersion', group, version };

  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  const served = (resource: string) => registry.list().find((t) => t.group === group && t.resource === resource && t.servedVersions.includes(version));

  let namespace: string | undefined;
  // `namespaces/<ns>/<resource>...` unless it is the Namespace object itself (or its subresources).
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (resource === undefined || extra.length > 0 || name === '' || subresource === '') return { kind: 'notFound' };
  if (group === METRICS_GROUP && version === METRICS_VERSION && subresource === undefined && !watchPrefix) {
    return { kind: 'metrics', resource, ...(namespace === undefined ? {} : { namespace }), ...(name === undefined ? {} : { name }) };
  }
  const type = served(resource);
  if (type === undefined) return { kind: 'notFound' };
  if (namespace !== undefined && !type.namespaced) return { kind: 'notFound' };
  // A namespaced object is only ever addressed inside its namespace.
  if (namespace === undefined && type.namespaced && name !== undefined) return { kind: 'notFound' };
  if (watchPrefix && subresource !== undefined) return { kind: 'notFound' };
  return {
    kind: 'resource',
    type,
    version,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
    watchPrefix,
  };
}
