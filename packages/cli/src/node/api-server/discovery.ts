// Discovery: what kubectl reads to learn which resources exist before it asks for any (its REST
// mapper, `kubectl api-resources`, short names, `get all`). Built from the API store's resource
// registry, so custom resources appear once their CRD is created. Served in both shapes a v1.33
// API server offers: the legacy documents (/api, /apis, /api/v1, /apis/<group>/<version>) and
// the aggregated one (apidiscovery.k8s.io/v2, one request for everything), which kubectl asks for
// first. [apiserver pkg/endpoints/discovery; KEP-3352 aggregated discovery]

import { hasScale, type ResourceRegistry, type ResourceType } from '@dockyard/scheduler';

/** The version this API server reports: Dockyard simulates Kubernetes v1.33. */
export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  emulationMajor: '1',
  emulationMinor: '33',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '32',
  gitVersion: 'v1.33.1',
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:19:08Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** The media type of the aggregated discovery document. */
export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

interface Subresource {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

/** One resource in one served version, as discovery lists it. */
export interface ServedResource {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: readonly string[];
  shortNames: readonly string[];
  categories: readonly string[];
  subresources: readonly Subresource[];
}

/** The subresources this server answers for a type (subresources.ts serves exactly these). */
function subresourcesOf(type: ResourceType): Subresource[] {
  const own = { group: type.group, version: type.version, kind: type.kind };
  const out: Subresource[] = [];
  if (type.group === '' && type.resource === 'pods') {
    out.push({ name: 'binding', group: '', version: 'v1', kind: 'Binding', verbs: ['create'] });
    out.push({ name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push({ name: 'log', ...own, verbs: ['get'] });
  }
  if (hasScale(type)) out.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS });
  if (type.hasStatus) out.push({ name: 'status', ...own, verbs: SUBRESOURCE_VERBS });
  return out;
}

/**
 * Everything discovery lists: each registry type in each version it is served in, then the
 * resources of APIs served beside the store (`extra`: metrics.k8s.io).
 */
export function servedResources(registry: ResourceRegistry, extra: readonly ServedResource[] = []): ServedResource[] {
  const out: ServedResource[] = [];
  for (const type of registry.list()) {
    for (const version of type.servedVersions) {
      out.push({
        group: type.group,
        version,
        resource: type.resource,
        singular: type.singular,
        kind: type.kind,
        namespaced: type.namespaced,
        verbs: type.kind === 'Binding' && type.group === '' ? ['create'] : ALL_VERBS,
        shortNames: type.shortNames,
        categories: type.categories,
        subresources: subresourcesOf(type),
      });
    }
  }
  return [...out, ...extra];
}

/** Groups in the order they are served (core first), each with its versions, preferred first. */
function groups(resources: readonly ServedResource[]): { name: string; versions: string[] }[] {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const versions = out.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    out.set(r.group, versions);
  }
  return [...out].map(([name, versions]) => ({ name, versions }));
}

/** `GET /api`. */
export function apiVersions(address: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }] };
}

/** `GET /apis`. */
export function apiGroupList(resources: readonly ServedResource[]): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(resources)
      .filter((g) => g.name !== '')
      .map((g) => {
        const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
        return { name: g.name, versions, preferredVersion: versions[0] };
      }),
  };
}

/** `GET /apis/<group>` (one APIGroup), or undefined when the group is not served. */
export function apiGroup(resources: readonly ServedResource[], group: string): unknown {
  const found = groups(resources).find((g) => g.name === group && group !== '');
  if (found === undefined) return undefined;
  const versions = found.versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] };
}

/** `GET /api/v1` or `/apis/<group>/<version>`, or undefined when that group version is not served. */
export function apiResourceList(resources: readonly ServedResource[], group: string, version: string): unknown {
  const listed = resources.filter((r) => r.group === group && r.version === version);
  if (listed.length === 0) return undefined;
  const out: unknown[] = [];
  for (const r of listed) {
    out.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length > 0 ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources) {
      const foreign = sub.group !== r.group || sub.version !== r.version;
      out.push({
        name: `${r.resource}/${sub.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(foreign ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources: out };
}

/**
 * The aggregated document for `/api` (`core`) or `/apis` (every other group): one request
 * instead of one per group version.
 */
export function aggregatedDiscovery(resources: readonly ServedResource[], core: boolean): unknown {
  const items = groups(resources)
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: g.name === '' ? {} : { name: g.name },
      versions: g.versions.map((version) => ({
        version,
        resources: resources
          .filter((r) => r.group === g.name && r.version === version)
          .map((r) => ({
            resource: r.resource,
            responseKind: { group: '', version: '', kind: r.kind },
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.singular,
            verbs: r.verbs,
            ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
            ...(r.categories.length > 0 ? { categories: r.categories } : {}),
            ...(r.subresources.length === 0
              ? {}
              : {
                  subresources: r.subresources.map((sub) => ({
                    subresource: sub.name,
                    responseKind: { group: sub.group === r.group ? '' : sub.group, version: sub.version === r.version ? '' : sub.version, kind: sub.kind },
                    verbs: sub.verbs,
                  })),
                }),
          })),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** Whether the Accept header asks for the aggregated discovery document. */
export function wantsAggregated(accept: string | undefined): boolean {
  return accept !== undefined && /as=APIGroupDiscoveryList/.test(accept) && /g=apidiscovery\.k8s\.io;\s*v=v2(?![a-z0-9])/.test(accept);
}
