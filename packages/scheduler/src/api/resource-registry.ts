// The resource registry: which kinds the API serves, under which group/version, their plural
// resource names, short names and scope — what `kubectl api-resources` prints and what kubectl's
// REST mapper resolves `get deploy`, `get deployments.apps` or `get pods,svc` through. Custom
// resources join it when their CustomResourceDefinition is created.
// Names and short names are those of a v1.33 API server's discovery documents.

import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';

export interface ResourceType {
  group: string;
  /** The version the store keeps objects in (the storage and preferred version). */
  version: string;
  /** Every version the API serves for it; objects sent in another version are converted in. */
  servedVersions: readonly string[];
  kind: string;
  /** Plural resource name: `deployments`. */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  /** `all` for kinds `kubectl get all` lists. */
  categories: readonly string[];
  /** Whether it has a /status subresource (spec and status are written separately). */
  hasStatus: boolean;
  /** Whether metadata.generation tracks spec changes. */
  hasGeneration: boolean;
  /** True for kinds served from a CustomResourceDefinition. */
  custom: boolean;
  /** The group-qualified resource whose storage this type is a view of (events.k8s.io Events → `events`). */
  storage: string;
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** `deployments.apps`, or `pods` for the core group: the key a store keeps a resource under. */
export function groupResource(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

type Entry = [
  kind: string,
  apiVersion: string,
  resource: string,
  shortNames: string,
  flags: string,
  otherVersions?: string,
];

// flags: n = namespaced, s = status subresource, g = generation, a = category "all".
const BUILT_IN: Entry[] = [
  ['Binding', 'v1', 'bindings', '', 'n'],
  ['ConfigMap', 'v1', 'configmaps', 'cm', 'n'],
  ['Endpoints', 'v1', 'endpoints', 'ep', 'n'],
  ['Event', 'v1', 'events', 'ev', 'n'],
  ['LimitRange', 'v1', 'limitranges', 'limits', 'n'],
  ['Namespace', 'v1', 'namespaces', 'ns', 's'],
  ['Node', 'v1', 'nodes', 'no', 's'],
  ['PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', 'pvc', 'ns'],
  ['PersistentVolume', 'v1', 'persistentvolumes', 'pv', 's'],
  ['Pod', 'v1', 'pods', 'po', 'nsa'],
  ['PodTemplate', 'v1', 'podtemplates', '', 'n'],
  ['ReplicationController', 'v1', 'replicationcontrollers', 'rc', 'nsga'],
  ['ResourceQuota', 'v1', 'resourcequotas', 'quota', 'ns'],
  ['Secret', 'v1', 'secrets', '', 'n'],
  ['ServiceAccount', 'v1', 'serviceaccounts', 'sa', 'n'],
  ['Service', 'v1', 'services', 'svc', 'nsa'],
  ['CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', 'crd,crds', 'sg'],
  ['ControllerRevision', 'apps/v1', 'controllerrevisions', '', 'n'],
  ['DaemonSet', 'apps/v1', 'daemonsets', 'ds', 'nsga'],
  ['Deployment', 'apps/v1', 'deployments', 'deploy', 'nsga'],
  ['ReplicaSet', 'apps/v1', 'replicasets', 'rs', 'nsga'],
  ['StatefulSet', 'apps/v1', 'statefulsets', 'sts', 'nsga'],
  ['HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', 'hpa', 'nsga', 'v1'],
  ['CronJob', 'batch/v1', 'cronjobs', 'cj', 'nsga'],
  ['Job', 'batch/v1', 'jobs', '', 'nsga'],
  ['Lease', 'coordination.k8s.io/v1', 'leases', '', 'n'],
  ['EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', '', 'n'],
  ['Event', 'events.k8s.io/v1', 'events', 'ev', 'n'],
  ['IngressClass', 'networking.k8s.io/v1', 'ingressclasses', '', ''],
  ['Ingress', 'networking.k8s.io/v1', 'ingresses', 'ing', 'nsg'],
  ['NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', 'netpol', 'ng'],
  ['PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', 'pdb', 'nsg'],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', '', ''],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', '', ''],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', '', 'n'],
  ['Role', 'rbac.authorization.k8s.io/v1', 'roles', '', 'n'],
  ['PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', 'pc', ''],
  ['StorageClass', 'storage.k8s.io/v1', 'storageclasses', 'sc', ''],
];

function builtIn([kind, apiVersion, resource, shortNames, flags, otherVersions]: Entry): ResourceType {
  const { group, version } = splitApiVersion(apiVersion);
  return {
    group,
    version,
    servedVersions: [version, ...(otherVersions === undefined ? [] : otherVersions.split(','))],
    kind,
    resource,
    singular: kind.toLowerCase(),
    shortNames: shortNames === '' ? [] : shortNames.split(','),
    namespaced: flags.includes('n'),
    categories: flags.includes('a') ? ['all'] : [],
    hasStatus: flags.includes('s'),
    hasGeneration: flags.includes('g'),
    custom: false,
    // events.k8s.io/v1 Events are a view of the core Events (the API server stores one kind).
    storage: group === 'events.k8s.io' ? 'events' : groupResource({ group, resource }),
  };
}

/** The type a CustomResourceDefinition serves: its names, scope and served versions. */
export function customResourceType(crd: CustomResourceDefinition): ResourceType {
  const served = crd.spec.versions.filter((v) => v.served).map((v) => v.name);
  const storageVersion = crd.spec.versions.find((v) => v.storage)?.name ?? served[0] ?? 'v1';
  return {
    group: crd.spec.group,
    version: storageVersion,
    servedVersions: [storageVersion, ...served.filter((v) => v !== storageVersion)],
    kind: crd.spec.names.kind,
    resource: crd.spec.names.plural,
    singular: crd.spec.names.singular ?? crd.spec.names.kind.toLowerCase(),
    shortNames: crd.spec.names.shortNames ?? [],
    namespaced: crd.spec.scope === 'Namespaced',
    categories: crd.spec.names.categories ?? [],
    hasStatus: crd.spec.versions.some((v) => v.subresources?.status !== undefined),
    hasGeneration: true,
    custom: true,
    storage: groupResource({ group: crd.spec.group, resource: crd.spec.names.plural }),
  };
}

/** kubectl's REST mapping failure for a manifest's kind (`resource mapping not found ...`). */
export class NoKindMatchError extends Error {
  constructor(
    readonly kind: string,
    readonly apiVersion: string,
  ) {
    super(`no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`);
    this.name = 'NoKindMatchError';
  }
}

/** kubectl's failure to resolve a resource argument (`get foo`). */
export class NoResourceMatchError extends Error {
  constructor(readonly resource: string) {
    super(`the server doesn't have a resource type ${JSON.stringify(resource)}`);
    this.name = 'NoResourceMatchError';
  }
}

export class ResourceRegistry {
  readonly #types: ResourceType[] = [];
  /** `group/version/Kind` of every served version → type. */
  readonly #byGVK = new Map<string, ResourceType>();

  constructor() {
    for (const entry of BUILT_IN) this.add(builtIn(entry));
  }

  /** Adds a type (a CRD's); replaces one with the same group and resource. */
  add(type: ResourceType): void {
    this.remove(type.group, type.resource);
    this.#types.push(type);
    for (const version of type.servedVersions) this.#byGVK.set(`${type.group}/${version}/${type.kind}`, type);
  }

  remove(group: string, resource: string): void {
    const index = this.#types.findIndex((t) => t.group === group && t.resource === resource);
    if (index < 0) return;
    const [type] = this.#types.splice(index, 1);
    for (const version of type!.servedVersions) this.#byGVK.delete(`${group}/${version}/${type!.kind}`);
  }

  /** The type serving `kind` in `apiVersion`, or a NoKindMatchError. */
  forKind(apiVersion: string, kind: string): ResourceType {
    const { group, version } = splitApiVersion(apiVersion);
    const type = this.#byGVK.get(`${group}/${version}/${kind}`);
    if (type === undefined) throw new NoKindMatchError(kind, apiVersion);
    return type;
  }

  /**
   * The type for a kind name the store's callers use: `Pod`, `Deployment`, or group-qualified
   * `Event.events.k8s.io` / `Widget.example.com` when a kind exists in several groups.
   */
  forKindName(name: string): ResourceType {
    const dot = name.indexOf('.');
    const kind = dot < 0 ? name : name.slice(0, dot);
    const group = dot < 0 ? undefined : name.slice(dot + 1);
    const found = this.#types.find((t) => t.kind === kind && (group === undefined || t.group === group));
    if (found === undefined) throw new NoResourceMatchError(name);
    return found;
  }

  /**
   * Resolves a kubectl resource argument as kubectl's REST mapper does: plural, singular, short
   * name or kind, case-insensitively, optionally qualified by group (`deployments.apps`) or by
   * version and group (`deployments.v1.apps`).
   */
  resolve(argument: string): ResourceType {
    const lower = argument.toLowerCase();
    const candidates: { name: string; group?: string; version?: string }[] = [{ name: lower }];
    const parts = lower.split('.');
    for (let i = 1; i < parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const rest = parts.slice(i);
      candidates.push({ name, group: rest.join('.') });
      if (rest.length > 1) candidates.push({ name, version: rest[0], group: rest.slice(1).join('.') });
    }
    for (const candidate of candidates) {
      const matches = (t: ResourceType) =>
        (candidate.group === undefined || t.group === candidate.group) &&
        (candidate.version === undefined || t.servedVersions.includes(candidate.version));
      // Plural and singular names first, then short names, then kinds (as the REST mapper does).
      const found =
        this.#types.find((t) => matches(t) && (t.resource === candidate.name || t.singular === candidate.name)) ??
        this.#types.find((t) => matches(t) && t.shortNames.includes(candidate.name)) ??
        this.#types.find((t) => matches(t) && t.kind.toLowerCase() === candidate.name);
      if (found !== undefined) return candidate.group === undefined ? this.#preferred(found) : found;
    }
    throw new NoResourceMatchError(argument);
  }

  /** Events exist in two groups; kubectl prefers the core one. */
  #preferred(type: ResourceType): ResourceType {
    return this.#types.find((t) => t.resource === type.resource && t.group === '' && t.kind === type.kind) ?? type;
  }

  /** The kinds in the `all` category (`kubectl get all`). */
  category(name: string): ResourceType[] {
    return this.#types.filter((t) => t.categories.includes(name));
  }

  /** Every type, core group first, then by group and resource name: `kubectl api-resources` order. */
  list(): ResourceType[] {
    return [...this.#types]
      .filter((t) => t.kind !== 'Binding' || t.group === '')
      .sort((a, b) => compare(a.group, b.group) || compare(a.resource, b.resource));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
