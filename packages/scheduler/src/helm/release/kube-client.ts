// The part of helm's kube.Client (pkg/kube/client.go) that releases use, on the API store: build
// objects from a release manifest, create them, update a release's objects to a new manifest
// (deleting what it no longer renders unless `helm.sh/resource-policy: keep`), delete them.
//
// helm 4 applies with server-side apply, field manager "helm". Here an update is the three-way
// merge of the previous manifest, the new one and the live object: what SSA does for fields only
// helm manages, which is every field a chart sets.

import type { ApiStore } from '../../api/api-store.ts';
import { StatusError } from '../../api/api-errors.ts';
import { threeWayMerge } from '../../api/apply.ts';
import { deepCopy, type KubeObject } from '../../api/kinds.ts';
import { ManifestError, parseManifests } from '../../api/manifest.ts';
import { apiVersionOf, NoKindMatchError, type ResourceType } from '../../api/resource-registry.ts';

/** One object of a manifest, resolved against the API (helm's resource.Info). */
export interface Resource {
  object: KubeObject;
  type: ResourceType;
  /** undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
}

export interface UpdateResult {
  created: Resource[];
  updated: Resource[];
  deleted: Resource[];
}

/** A failure of a kube operation, in helm's words; `result` says what was done before it. */
export class KubeError extends Error {
  override name = 'KubeError';
  constructor(
    message: string,
    readonly result?: UpdateResult,
  ) {
    super(message);
  }
}

export const RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';
export const KEEP_POLICY = 'keep';

/** An error's message, whatever was thrown. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isNotFound = (err: unknown): boolean => err instanceof StatusError && err.reason === 'NotFound';

/** `Deployment "web" in namespace "default"` (action.resourceString). */
export const resourceString = (r: Resource): string => `${r.type.kind} ${JSON.stringify(r.name)} in namespace ${JSON.stringify(r.namespace ?? '')}`;

/** schema.GroupVersionKind's String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
const gvkString = (r: Resource): string => `${r.type.group}/${r.type.version}, Kind=${r.type.kind}`;

/** How helm 4 reports an object the API server refused to apply (server-side apply). */
const applyFailure = (r: Resource, err: StatusError): string => `server-side apply failed for object ${r.namespace ?? ''}/${r.name} ${gvkString(r)}: ${err.message}`;

/** Does the object carry `helm.sh/resource-policy: keep`? */
export function hasKeepPolicy(object: KubeObject | undefined): boolean {
  const value = object?.metadata?.annotations?.[RESOURCE_POLICY_ANNOTATION];
  return typeof value === 'string' && value.trim().toLowerCase() === KEEP_POLICY;
}

/** Same object (ResourceList's isMatchingInfo): name, namespace and group/kind, any version. */
const sameResource = (a: Resource, b: Resource): boolean =>
  a.name === b.name && a.namespace === b.namespace && a.type.kind === b.type.kind && a.type.group === b.type.group;

export class KubeClient {
  constructor(readonly store: ApiStore) {}

  /**
   * Objects of a manifest, each with its namespace defaulted to `namespace` (helm's Build). Throws
   * a KubeError for unknown kinds or unreadable YAML.
   */
  build(manifest: string, namespace: string): Resource[] {
    let objects;
    try {
      objects = parseManifests(manifest, '');
    } catch (err) {
      if (err instanceof ManifestError) throw new KubeError(err.message.replace(/; if you choose to ignore these errors, turn validation off with --validate=false$/, ''));
      throw err;
    }
    return objects.map(({ object }) => {
      const meta = (object.metadata ?? {}) as NonNullable<KubeObject['metadata']>;
      const name = typeof meta.name === 'string' ? meta.name : '';
      let type: ResourceType;
      try {
        type = this.store.registry.forKind(String(object.apiVersion), String(object.kind));
      } catch (err) {
        if (err instanceof NoKindMatchError) {
          const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
          throw new KubeError(
            `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from "": ${err.message}\nensure CRDs are installed first`,
          );
        }
        throw err;
      }
      const copy = deepCopy(object) as KubeObject;
      let ns: string | undefined;
      if (type.namespaced) {
        ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace;
        copy.metadata = { ...copy.metadata, namespace: ns };
      }
      return { object: copy, type, namespace: ns, name };
    });
  }

  /** The live object, or undefined. */
  get(resource: Resource): KubeObject | undefined {
    return this.store.tryGet(this.#kindName(resource), resource.namespace, resource.name) as KubeObject | undefined;
  }

  /** Creates every object; every failure is collected (helm tries them all), joined by newlines. */
  create(resources: readonly Resource[]): Resource[] {
    const errors: string[] = [];
    const created: Resource[] = [];
    for (const r of resources) {
      try {
        this.store.create(r.object);
        created.push(r);
      } catch (err) {
        if (!(err instanceof StatusError)) throw err;
        errors.push(applyFailure(r, err));
      }
    }
    if (errors.length > 0) throw new KubeError(errors.join('\n'), { created, updated: [], deleted: [] });
    return created;
  }

  /**
   * Moves a release's objects from `originals` (the previous manifest) to `targets`: creates the
   * new, merges the changed, then deletes what the targets no longer hold.
   */
  update(originals: readonly Resource[], targets: readonly Resource[]): UpdateResult {
    const result: UpdateResult = { created: [], updated: [], deleted: [] };
    const updateErrors: string[] = [];
    for (const target of targets) {
      const live = this.get(target);
      if (live === undefined) {
        result.created.push(target);
        try {
          this.store.create(target.object);
        } catch (err) {
          if (!(err instanceof StatusError)) throw err;
          throw new KubeError(`failed to create resource: ${applyFailure(target, err)}`, result);
        }
        continue;
      }
      const original = originals.find((o) => sameResource(o, target));
      if (original === undefined) throw new KubeError(`original object ${target.type.kind} with the name ${JSON.stringify(target.name)} not found`, result);
      try {
        const merged = threeWayMerge(original.object, { ...target.object, apiVersion: apiVersionOf(target.type) }, live) as KubeObject;
        this.store.update(merged);
      } catch (err) {
        if (!(err instanceof StatusError)) throw err;
        updateErrors.push(applyFailure(target, err));
      }
      result.updated.push(target);
    }
    if (updateErrors.length > 0) throw new KubeError(updateErrors.join(' && '), result);
    for (const original of originals) {
      if (targets.some((t) => sameResource(t, original))) continue;
      const live = this.get(original);
      if (live === undefined || hasKeepPolicy(live)) continue;
      try {
        this.store.delete(this.#kindName(original), original.namespace, original.name, { propagationPolicy: 'Background' });
        result.deleted.push(original);
      } catch (err) {
        if (isNotFound(err)) continue;
        updateErrors.push(`failed to delete resource ${original.name}: ${messageOf(err)}`);
      }
    }
    if (updateErrors.length > 0) throw new KubeError(updateErrors.join(' && '), result);
    return result;
  }

  /** Deletes each object (Background propagation); missing ones count as deleted. Returns the failures. */
  delete(resources: readonly Resource[]): { deleted: Resource[]; errors: string[] } {
    const deleted: Resource[] = [];
    const errors: string[] = [];
    for (const r of resources) {
      try {
        this.store.delete(this.#kindName(r), r.namespace, r.name, { propagationPolicy: 'Background' });
        deleted.push(r);
      } catch (err) {
        if (isNotFound(err)) deleted.push(r);
        else if (err instanceof StatusError) errors.push(err.message);
        else throw err;
      }
    }
    return { deleted, errors };
  }

  #kindName(r: Resource): string {
    return r.type.group === '' ? r.type.kind : `${r.type.kind}.${r.type.group}`;
  }
}
