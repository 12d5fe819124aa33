// Discovery: what kubectl reads to learn which resources exist before it asks for any (its REST
// mapper, `kubectl api-resources`, short names, `get all`). Built from the API store's resource
// registry, so custom resources appear once their CRD is created. Served in both shapes a v1.33
// API server offers: the legacy documents (/api, /apis, /api/v1, /apis/<group>/<version>) and
// the aggregated one (apidiscovery.k8s.io/v2, one request for everything), which kubectl asks for
// first. [apiserver pkg/endpoints/discovery; KEP-3352 aggregated discovery]

import type { ResourceRegistry, ResourceType } from '@dockyard/scheduler';

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

/** The resources with a /scale subresource (autoscaling/v1 Scale). */
export const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

interface Subresource {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

/** The subresources this server answers for a type (routes.ts serves exactly these). */
export function subresourcesOf(type: ResourceType): Subresource[] {
  const own = { group: type.group, version: type.version, kind: type.kind };
  const out: Subresource[] = [];
  if (type.group === '' && type.resource === 'pods') {
    out.push({ name: 'binding', group: '', version: 'v1', kind: 'Binding', verbs: ['create'] });
    out.push({ name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push({ name: 'log', ...own, verbs: ['get'] });
  }
  const key = type.group === '' ? type.resource : `${type.resource}.${type.group}`;
  if (SCALABLE.has(key)) out.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS });
  if (type.hasStatus) out.push({ name: 'status', ...own, verbs: SUBRESOURCE_VERBS });
  return out;
}

function verbsOf(type: ResourceType): string[] {
  return type.kind === 'Binding' && type.group === '' ? ['create'] : ALL_VERBS;
}

/** Groups in the order they are served: the core group, then the others by name. */
function groups(registry: ResourceRegistry): { name: string; versions: string[] }[] {
  const out = new Map<string, string[]>();
  for (const type of registry.list()) {
    const versions = out.get(type.group) ?? [];
    for (const version of type.servedVersions) if (!versions.includes(version)) versions.push(version);
    out.set(type.group, versions);
  }
  return [...out].map(([name, versions]) => ({ name, versions }));
}

function typesIn(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry.list().filter((t) => t.group === group && t.servedVersions.includes(version));
}

/** `GET /api`. */
export function apiVersions(address: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }] };
}

/** `GET /apis`. */
export function apiGroupList(registry: ResourceRegistry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(registry)
      .filter((g) => g.name !== '')
      .map((g) => {
        const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
        return { name: g.name, versions, preferredVersion: versions[0] };
      }),
  };
}

/** `GET /apis/<group>` (one APIGroup), or undefined when the group is not served. */
export function apiGroup(registry: ResourceRegistry, group: string): unknown {
  const found = groups(registry).find((g) => g.name === group && group !== '');
  if (found === undefined) return undefined;
  const versions = found.versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] };
}

/** `GET /api/v1` or `/apis/<group>/<version>`, or undefined when that group version is not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown {
  const types = typesIn(registry, group, version);
  if (types.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const type of types) {
    resources.push({
      name: type.resource,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: verbsOf(type),
      ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length > 0 ? { categories: type.categories } : {}),
    });
    for (const sub of subresourcesOf(type)) {
      const foreign = sub.group !== type.group || sub.version !== type.version;
      resources.push({
        name: `${type.resource}/${sub.name}`,
        singularName: '',
        namespaced: type.namespaced,
        ...(foreign ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}

/**
 * The aggregated document for `/api` (`core`) or `/apis` (every other group): one request
 * instead of one per group version.
 */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean): unknown {
  const items = groups(registry)
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: g.name === '' ? {} : { name: g.name },
      versions: g.versions.map((version) => ({
        version,
        resources: typesIn(registry, g.name, version).map((type) => ({
          resource: type.resource,
          responseKind: { group: '', version: '', kind: type.kind },
          scope: type.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: type.singular,
          verbs: verbsOf(type),
          ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
          ...(type.categories.length > 0 ? { categories: type.categories } : {}),
          ...(() => {
            const subs = subresourcesOf(type);
            if (subs.length === 0) return {};
            return {
              subresources: subs.map((sub) => ({
                subresource: sub.name,
                responseKind: { group: sub.group === type.group ? '' : sub.group, version: sub.version === type.version ? '' : sub.version, kind: sub.kind },
                verbs: sub.verbs,
              })),
            };
          })(),
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
