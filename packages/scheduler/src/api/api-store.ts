// The API store: the Kubernetes API server and etcd in one. Every other component (scheduler,
// controllers, kubelets, the kubectl front end, the visualizer) reads and writes cluster state
// only through this class and its watches.
//
// What it does as the API server does:
// - server-set metadata: uid (UUID v4 from the engine's random), resourceVersion (one global
//   counter), generation (bumped on spec changes only), creationTimestamp from the virtual clock,
//   generateName suffixes;
// - decoding checks, defaulting, admission, validation (schema-validation.ts, defaults.ts,
//   admission.ts, validation.ts) with the API server's errors (api-errors.ts);
// - namespaces: the four built-in ones exist from the start, objects in a missing namespace are
//   refused, a new namespace gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap;
// - graceful deletion of Pods (deletionTimestamp, the kubelet finishes it), finalizers, and the
//   orphan / foregroundDeletion finalizers the garbage collector works from;
// - the status and scale (scale-subresource.ts) subresources, pods/binding, patches, client-side apply;
// - watches with a bounded history to resume from a resourceVersion.
// Its whole state is plain JSON (`snapshot`/`restore`).

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { AdmissionError, admitPod } from './admission.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  type FieldError,
  forbidden,
  invalid,
  methodNotAllowed,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  unprocessable,
} from './api-errors.ts';
import { type ApplyOutcome, lastApplied, LAST_APPLIED_ANNOTATION, threeWayMerge, withLastApplied } from './apply.ts';
import { convertToStorage, toEventsV1 } from './conversion.ts';
import { decodeGoBase64, encodeBase64Text } from './go-base64.ts';
import { applyDefaults } from './defaults.ts';
import { FieldSelector, parseFieldSelector, unsupportedField } from './field-selector.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type KindOf, type KubeObject, type ObjectInput, type JsonObject, type Stored } from './kinds.ts';
import { parseSelector, type Selector } from './label-selector.ts';
import { ObjectIndex, objectKey } from './object-index.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, checkPatchShape, type JsonPatchOperation, PatchError, type PatchType } from './patch.ts';
import { apiVersionOf, customResourceType, groupResource, ResourceRegistry, type ResourceType, splitApiVersion } from './resource-registry.ts';
import { hasScale, type Scale, scaleOf, scaleReplicas, subresourceNotFound } from './scale-subresource.ts';
import { checkSchema } from './schema-validation.ts';
import { validateObject } from './validation.ts';
import { type Change, type WatchEvent, type Watcher, type WatchFilter, type WatchHandle, WatchHub } from './watch.ts';

/** The namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** The alphabet of generateName suffixes (k8s.io/apimachinery `pkg/util/rand`). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** The namespace of the request (`-n`); the object's own namespace must agree with it. */
  namespace?: string;
  /** `kubectl --validate`: Strict (default) refuses unknown fields, Warn reports them, Ignore drops them. */
  fieldValidation?: FieldValidation;
  /** Run every check but store nothing (`--dry-run=server`). */
  dryRun?: boolean;
}

export interface WriteResult<T> {
  object: T;
  /** Warnings the API server sends in headers (unknown fields under Warn). */
  warnings: string[];
}

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  /** For Pods: seconds the kubelet gets to stop it (default: its terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ListOptions {
  namespace?: string | undefined;
  labelSelector?: string | Selector | undefined;
  fieldSelector?: string | FieldSelector | undefined;
}

export interface ListResult<T> {
  items: T[];
  /** The store's resourceVersion when listed: a watch from it misses nothing. */
  resourceVersion: string;
}

export interface WatchOptions extends ListOptions {
  /** Resume after this version (replaying history); empty, undefined or `0` sends the current objects first. */
  resourceVersion?: string;
}

export interface ApplyResult<T> {
  object: T;
  outcome: ApplyOutcome;
  warnings: string[];
}

/**
 * Where Services get their cluster IPs and node ports; the networking component fills this in.
 * Without one, Services are stored without addresses.
 */
export interface ServiceAllocator {
  /** Sets spec.clusterIP(s) and node ports of a new Service; throws a StatusError to refuse it. */
  allocate(service: Service): void;
  /** Fills in what an updated Service newly needs (a type change to NodePort, new ports); throws to refuse it. */
  update?(service: Service, old: DeepReadonly<Service>): void;
  /** Frees what a deleted Service held. */
  release(service: DeepReadonly<Service>): void;
}

export interface ApiStoreOptions {
  /** Changes kept for watches that resume from a resourceVersion (default 10,000). */
  historyLimit?: number;
  serviceAllocator?: ServiceAllocator;
}

interface SavedStore {
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
  history: Change[];
}

const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze((value as JsonObject)[key]);
  }
  return value;
}

/** A snapshot's value as the store keeps it: frozen values come from a store (the page's checkpoints share them), so only others are copied. */
function frozenCopy<T>(value: T): T {
  return Object.isFrozen(value) ? value : (deepFreeze(deepCopy(value)) as T);
}

/** A stored object (or a Scale) with a patch applied; a patch that cannot apply is a BadRequest. */
function patchedObject(current: JsonObject, patch: unknown, patchType: PatchType, custom: boolean): JsonObject {
  const decoded = checkPatchShape(patch, patchType);
  let patched: unknown;
  try {
    if (patchType === 'json') patched = applyJsonPatch(current, decoded as JsonPatchOperation[]);
    else if (patchType === 'merge') patched = applyMergePatch(current, decoded);
    else if (custom) throw methodNotAllowed('strategic merge patch format is not supported');
    else patched = applyStrategicMergePatch(current, decoded);
  } catch (error) {
    // A JSON patch that decoded but does not apply is a 422 (the library's words are not sent).
    if (error instanceof PatchError) throw patchType === 'json' ? unprocessable() : badRequest(error.message);
    throw error;
  }
  if (!isObj(patched)) throw badRequest('the patch did not result in an object');
  return patched;
}

/** Whether two versions agree on everything but metadata and status: what a generation counts changes of. */
function sameSpec(a: JsonObject, b: JsonObject): boolean {
  const skip = (key: string) => key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!skip(key) && !jsonEqual(a[key], b[key])) return false;
  return true;
}

export class ApiStore implements EngineComponent {
  readonly name = 'api-store';
  readonly registry = new ResourceRegistry();
  readonly #engine: Engine;
  readonly #tables = new Map<string, ObjectIndex>();
  readonly #byUid = new Map<string, { table: ObjectIndex; key: string }>();
  readonly #byOwner = new Map<string, Set<string>>();
  #rv = 0;
  readonly #hub: WatchHub;
  readonly #suffix: () => string;
  #serviceAllocator: ServiceAllocator | undefined;

  constructor(engine: Engine, options: ApiStoreOptions = {}) {
    this.#engine = engine;
    this.#hub = new WatchHub(options.historyLimit ?? 10_000);
    this.#serviceAllocator = options.serviceAllocator;
    this.#suffix = engine.random.strings(NAME_SUFFIX_ALPHABET, 5);
    engine.register(this);
    for (const name of INITIAL_NAMESPACES) this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** Plugs in the networking component's address allocator. */
  setServiceAllocator(allocator: ServiceAllocator | undefined): void {
    this.#serviceAllocator = allocator;
  }

  /** The current resourceVersion (a decimal string, as the API returns it). */
  get resourceVersion(): string {
    return String(this.#rv);
  }

  // ---- reads ----

  /** The object, or a NotFound StatusError (`pods "x" not found`). */
  get<K extends string>(kind: K, namespace: string | undefined, name: string): Stored<K> {
    const type = this.registry.forKindName(kind);
    const found = this.#lookup(type, namespace, name);
    if (found === undefined) throw notFound(type, name);
    return this.#view(type, found) as Stored<K>;
  }

  /** The object, or undefined: what a controller's lister answers. */
  tryGet<K extends string>(kind: K, namespace: string | undefined, name: string): Stored<K> | undefined {
    const type = this.registry.forKindName(kind);
    const found = this.#lookup(type, namespace, name);
    return found === undefined ? undefined : (this.#view(type, found) as Stored<K>);
  }

  /** The object with this uid, whatever its kind. */
  getByUid(uid: string): DeepReadonly<KubeObject> | undefined {
    const entry = this.#byUid.get(uid);
    return entry === undefined ? undefined : entry.table.get(entry.key);
  }

  /** Objects of a kind, by namespace and selectors, in the API server's order (namespace, then name). */
  list<K extends string>(kind: K, options: ListOptions = {}): ListResult<Stored<K>> {
    const type = this.registry.forKindName(kind);
    const filter = this.#filter(type, options);
    const table = this.#tables.get(type.storage);
    const items = table === undefined ? [] : table.list(filter);
    return {
      items: (type.storage === groupResource(type) ? items : items.map((o) => this.#view(type, o))) as Stored<K>[],
      resourceVersion: this.resourceVersion,
    };
  }

  /** Pods bound to a node (the spec.nodeName index); `''` lists the unscheduled ones. */
  podsOnNode(nodeName: string): Stored<'Pod'>[] {
    const table = this.#tables.get('pods');
    if (table === undefined) return [];
    return table.list({ fields: new FieldSelector([{ field: 'spec.nodeName', operator: '=', value: nodeName }]) }) as Stored<'Pod'>[];
  }

  /** Objects that name `ownerUid` in their ownerReferences (the owner index), in a stable order. */
  dependents(ownerUid: string): DeepReadonly<KubeObject>[] {
    const uids = this.#byOwner.get(ownerUid);
    if (uids === undefined) return [];
    const out: { sortKey: string; object: KubeObject }[] = [];
    for (const uid of uids) {
      const entry = this.#byUid.get(uid);
      if (entry === undefined) continue;
      out.push({ sortKey: `${entry.table.type.storage}\u0000${entry.key}`, object: entry.table.get(entry.key)! });
    }
    out.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    return out.map((o) => o.object);
  }

  /** How many objects of any kind a namespace holds. */
  countInNamespace(namespace: string): number {
    let count = 0;
    for (const table of this.#tables.values()) count += table.countIn(namespace);
    return count;
  }

  /** Every namespaced resource type that holds objects (what the namespace controller empties). */
  namespacedResources(): ResourceType[] {
    return this.#sortedTables()
      .filter((t) => t.type.namespaced && t.size > 0)
      .map((t) => t.type);
  }

  // ---- writes ----

  /** POST: creates an object. Throws StatusErrors (AlreadyExists, Invalid, BadRequest, NotFound, Forbidden). */
  create<const T extends ObjectInput>(input: T, options: WriteOptions = {}): Stored<KindOf<T>> {
    return this.createWithWarnings(input, options).object;
  }

  createWithWarnings<const T extends ObjectInput>(input: T, options: WriteOptions = {}): WriteResult<Stored<KindOf<T>>> {
    const { type, object, warnings, required } = this.#decode(input as unknown as KubeObject, options);
    const meta = object.metadata as JsonObject;
    const namespace = this.#namespaceFor(type, meta, options);
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink']) {
      delete meta[field];
    }
    if (type.hasStatus && type.kind !== 'Node' && !type.custom) delete object.status;
    const generated = (meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '';
    let attempts = 0;
    for (;;) {
      if (generated) meta.name = `${meta.generateName}${this.#suffix()}`;
      const name = String(meta.name ?? '');
      if (namespace !== undefined) this.#checkNamespaceWritable(type, namespace, name);
      this.#prepareCreate(type, object);
      const errors = [...required, ...validateObject(type.kind, object)];
      if (errors.length > 0) throw invalid(type, name, errors);
      const key = objectKey(namespace, name);
      if (this.#tables.get(type.storage)?.get(key) !== undefined) {
        // The API server retries generated names a few times before giving up.
        if (generated && ++attempts < 8) continue;
        throw alreadyExists(type, name);
      }
      if (options.dryRun === true) return { object: deepFreeze(object) as Stored<KindOf<T>>, warnings };
      if (type.kind === 'Service' && type.group === '' && this.#serviceAllocator !== undefined) {
        this.#serviceAllocator.allocate(object as Service);
      }
      meta.uid = this.#uuid();
      meta.creationTimestamp = toRFC3339(this.#engine.now);
      if (type.hasGeneration) meta.generation = 1;
      if (type.kind === 'Job' && type.group === 'batch') this.#jobSelector(object);
      const stored = this.#commit(type, key, object, undefined, 'ADDED');
      this.#afterCreate(type, stored);
      return { object: this.#view(type, stored) as Stored<KindOf<T>>, warnings };
    }
  }

  /** PUT (`kubectl replace`): replaces spec and metadata; status changes are ignored for kinds with a status subresource. */
  update<const T extends ObjectInput>(input: T, options: WriteOptions = {}): Stored<KindOf<T>> {
    return this.updateWithWarnings(input, options).object;
  }

  updateWithWarnings<const T extends ObjectInput>(input: T, options: WriteOptions = {}): WriteResult<Stored<KindOf<T>>> {
    const { type, object, warnings, required } = this.#decode(input as unknown as KubeObject, options);
    const meta = object.metadata as JsonObject;
    const namespace = this.#namespaceFor(type, meta, options);
    const name = String(meta.name ?? '');
    const old = this.#lookup(type, namespace, name);
    if (old === undefined) throw notFound(type, name);
    if (type.hasStatus) {
      if (old.status === undefined) delete object.status;
      else object.status = deepCopy(old.status);
    }
    const result = this.#replace(type, old, object, required, options);
    return { object: result as Stored<KindOf<T>>, warnings };
  }

  /** PUT on /status: only status changes; spec and metadata are taken from the stored object. */
  updateStatus<const T extends ObjectInput>(input: T, options: WriteOptions = {}): Stored<KindOf<T>> {
    const source = input as unknown as KubeObject;
    const type = this.registry.forKind(String(source.apiVersion ?? ''), String(source.kind ?? ''));
    if (!type.hasStatus) throw notFound({ group: type.group, resource: `${type.resource}/status` }, String(source.metadata?.name ?? ''));
    const meta = (source.metadata ?? {}) as JsonObject;
    const namespace = this.#namespaceFor(type, { ...meta }, options);
    const name = String(meta.name ?? '');
    const old = this.#lookup(type, namespace, name);
    if (old === undefined) throw notFound(type, name);
    this.#checkResourceVersion(type, old, meta.resourceVersion);
    const next = deepCopy(old) as JsonObject;
    if (source.status === undefined) delete next.status;
    else next.status = deepCopy(source.status);
    if (jsonEqual(next, old)) return this.#view(type, old) as Stored<KindOf<T>>;
    if (options.dryRun === true) return deepFreeze(next) as Stored<KindOf<T>>;
    return this.#view(type, this.#commit(type, objectKey(namespace, name), next, old, 'MODIFIED')) as Stored<KindOf<T>>;
  }

  /** PATCH: a merge, JSON or strategic merge patch of the stored object (or of its status). */
  patch<K extends string>(
    kind: K,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType = 'strategic',
    options: WriteOptions & { subresource?: 'status' } = {},
  ): Stored<K> {
    const type = this.registry.forKindName(kind);
    const old = this.#lookup(type, namespace, name);
    if (old === undefined) throw notFound(type, name);
    const patched = patchedObject(this.#view(type, old), patch, patchType, type.custom);
    const withNamespace = { ...options, ...(namespace === undefined ? {} : { namespace }) };
    if (options.subresource === 'status') return this.updateStatus(patched as ObjectInput, withNamespace) as Stored<K>;
    return this.update(patched as ObjectInput, withNamespace) as Stored<K>;
  }

  /** GET on /scale: the autoscaling/v1 Scale of a Deployment, ReplicaSet, StatefulSet or ReplicationController. */
  getScale(kind: string, namespace: string | undefined, name: string): Scale {
    const type = this.registry.forKindName(kind);
    if (!hasScale(type)) throw subresourceNotFound();
    const old = this.#lookup(type, namespace, name);
    if (old === undefined) throw notFound(type, name);
    return scaleOf(this.#view(type, old));
  }

  /** PATCH on /scale: the patch applies to the Scale, whose spec.replicas is written back. */
  patchScale(kind: string, namespace: string | undefined, name: string, patch: unknown, patchType: PatchType, options: WriteOptions = {}): Scale {
    const patched = patchedObject(this.getScale(kind, namespace, name), patch, patchType, false);
    return this.updateScale(kind, namespace, name, patched, options);
  }

  /** PUT on /scale: a resourceVersion in the Scale is a precondition; status is ignored. */
  updateScale(kind: string, namespace: string | undefined, name: string, scale: JsonObject, options: WriteOptions = {}): Scale {
    this.getScale(kind, namespace, name);
    const replicas = scaleReplicas(scale, name);
    const resourceVersion = scale.metadata?.resourceVersion;
    const precondition = typeof resourceVersion === 'string' && resourceVersion !== '' ? { metadata: { resourceVersion } } : {};
    return scaleOf(this.patch(kind, namespace, name, { ...precondition, spec: { replicas } }, 'merge', options) as JsonObject);
  }

  /**
   * Client-side `kubectl apply` of one manifest: creates it (`created`), or three-way merges it
   * with the live object and what was applied last (`configured`, or `unchanged` when nothing
   * would change). Records the last-applied-configuration annotation.
   */
  apply<const T extends ObjectInput>(manifest: T, options: WriteOptions = {}): ApplyResult<Stored<KindOf<T>>> {
    const source = manifest as unknown as KubeObject;
    const type = this.registry.forKind(String(source.apiVersion ?? ''), String(source.kind ?? ''));
    const meta = { ...((source.metadata ?? {}) as JsonObject) };
    const namespace = this.#namespaceFor(type, meta, options);
    const modified = withLastApplied({ ...source, metadata: { ...meta, ...(namespace === undefined ? {} : { namespace }) } });
    const live = meta.name === undefined ? undefined : this.#lookup(type, namespace, String(meta.name));
    if (live === undefined) {
      const created = this.createWithWarnings(modified as ObjectInput, options);
      return { object: created.object as Stored<KindOf<T>>, outcome: 'created', warnings: created.warnings };
    }
    // Check the manifest as sent before merging (unknown fields, decoding).
    const checked = this.#decode(modified, options);
    const warnings = [...checked.warnings];
    const original = lastApplied(live);
    if (original === undefined) {
      warnings.push(
        `resource ${type.resource}/${String(meta.name)} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
      );
    }
    const current = this.#view(type, live);
    const merged = threeWayMerge(original ?? {}, checked.object, current) as JsonObject;
    if (jsonEqual(merged, current)) return { object: current as Stored<KindOf<T>>, outcome: 'unchanged', warnings };
    merged.metadata = { ...merged.metadata, resourceVersion: live.metadata?.resourceVersion };
    const updated = this.updateWithWarnings(merged as ObjectInput, { ...options, fieldValidation: 'Ignore' });
    return { object: updated.object as Stored<KindOf<T>>, outcome: 'configured', warnings };
  }

  /** pods/binding: assigns a pending Pod to a node, as the scheduler's bind does. */
  bind(namespace: string, podName: string, nodeName: string): Stored<'Pod'> {
    const type = this.registry.forKindName('Pod');
    const old = this.#lookup(type, namespace, podName) as Pod | undefined;
    if (old === undefined) throw notFound(type, podName);
    const binding = { group: '', resource: 'pods/binding' };
    if (old.metadata?.deletionTimestamp !== undefined) throw conflict(binding, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    if (old.spec?.nodeName !== undefined && old.spec.nodeName !== '') {
      throw conflict(binding, podName, `pod ${podName} is already assigned to node ${JSON.stringify(old.spec.nodeName)}`);
    }
    const next = deepCopy(old);
    next.spec!.nodeName = nodeName;
    const conditions = (next.status!.conditions ??= []);
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: toRFC3339(this.#engine.now) };
    const at = conditions.findIndex((c) => c.type === 'PodScheduled');
    if (at >= 0) conditions[at] = scheduled;
    else conditions.push(scheduled);
    return this.#commit(type, objectKey(namespace, podName), next as KubeObject, old as KubeObject, 'MODIFIED') as Stored<'Pod'>;
  }

  /**
   * DELETE. Pods on a node get a grace period (deletionTimestamp set; the kubelet finishes with
   * `finalizeDelete`); objects with finalizers wait for them; Orphan and Foreground add the
   * garbage collector's finalizers. Returns the object as it is after the call.
   */
  delete<K extends string>(kind: K, namespace: string | undefined, name: string, options: DeleteOptions = {}): Stored<K> {
    const type = this.registry.forKindName(kind);
    const old = this.#lookup(type, namespace, name);
    if (old === undefined) throw notFound(type, name);
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const meta = old.metadata as JsonObject;
    const pre = options.preconditions;
    if (pre?.uid !== undefined && pre.uid !== meta.uid) {
      throw conflict(type, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
      throw conflict(type, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
    }
    if (type.kind === 'Namespace' && type.group === '' && UNDELETABLE_NAMESPACES.has(name)) {
      throw forbidden(type, name, 'this namespace may not be deleted');
    }
    if (options.dryRun === true) return this.#view(type, old) as Stored<K>;
    const next = deepCopy(old) as JsonObject;
    const nextMeta = next.metadata as JsonObject;
    const now = toRFC3339(this.#engine.now);

    if (type.kind === 'Namespace' && type.group === '') {
      if (meta.deletionTimestamp !== undefined) return old as Stored<K>;
      nextMeta.deletionTimestamp = now;
      nextMeta.deletionGracePeriodSeconds = 0;
      next.status = { ...next.status, phase: 'Terminating' };
      return this.#commit(type, key, next, old, 'MODIFIED') as Stored<K>;
    }

    const grace = this.#gracePeriod(type, old, options.gracePeriodSeconds);
    const policy = options.propagationPolicy;
    const finalizers: string[] = [...(nextMeta.finalizers ?? [])];
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy !== undefined && policy !== 'Orphan') {
      const at = finalizers.indexOf('orphan');
      if (at >= 0) finalizers.splice(at, 1);
    }
    if (finalizers.length === 0 && grace === 0) return this.#remove(type, key, old) as Stored<K>;

    if (meta.deletionTimestamp !== undefined) {
      // Already going: a shorter grace period may still bring it forward.
      const previous = meta.deletionGracePeriodSeconds ?? 0;
      if (grace >= previous && jsonEqual(finalizers, meta.finalizers ?? [])) return this.#view(type, old) as Stored<K>;
    }
    nextMeta.deletionTimestamp = toRFC3339(this.#engine.now + grace * 1000);
    nextMeta.deletionGracePeriodSeconds = grace;
    if (finalizers.length > 0) nextMeta.finalizers = finalizers;
    return this.#view(type, this.#commit(type, key, next, old, 'MODIFIED')) as Stored<K>;
  }

  /** The kubelet's last word on a terminating Pod: delete it now (grace 0), finalizers permitting. */
  finalizeDelete(namespace: string, name: string): void {
    this.delete('Pod', namespace, name, { gracePeriodSeconds: 0 });
  }

  /** DELETE on a collection: every object matching the options, deleted with `deleteOptions`. */
  deleteCollection<K extends string>(kind: K, options: ListOptions = {}, deleteOptions: DeleteOptions = {}): Stored<K>[] {
    const type = this.registry.forKindName(kind);
    return this.list(kind, options).items.map((item) => {
      const meta = (item as KubeObject).metadata!;
      return this.delete(kind, type.namespaced ? meta.namespace : undefined, meta.name!, deleteOptions);
    });
  }

  /** The namespace controller's last step: drops the `kubernetes` finalizer of an emptied namespace. */
  finalizeNamespace(name: string): void {
    const type = this.registry.forKindName('Namespace');
    const old = this.#lookup(type, undefined, name);
    if (old === undefined || old.metadata?.deletionTimestamp === undefined) return;
    const next = deepCopy(old) as JsonObject;
    next.spec = { ...next.spec, finalizers: [] };
    if ((next.metadata.finalizers ?? []).length === 0) this.#remove(type, name, old);
    else this.#commit(type, name, next, old, 'MODIFIED');
  }

  // ---- watches ----

  /**
   * Watches a kind (or `*` for every kind), delivering events synchronously in commit order. With
   * no resourceVersion (or `0`) the current objects come first as ADDED; with one, the changes
   * after it are replayed from history (an Expired StatusError when it is too old).
   */
  watch<K extends string>(kind: K | '*', options: WatchOptions, handler: (event: WatchEvent<Stored<K>>) => void): WatchHandle {
    const type = kind === '*' ? undefined : this.registry.forKindName(kind);
    const filter = type === undefined ? this.#filter(undefined, options) : this.#filter(type, options);
    const view = type !== undefined && type.storage !== groupResource(type) ? type : undefined;
    const watcher: Watcher = {
      filter,
      resource: type?.storage,
      handler: handler as (event: WatchEvent) => void,
      view: view === undefined ? undefined : (object) => this.#view(view, object),
      stopped: false,
    };
    const from = options.resourceVersion;
    if (from === undefined || from === '' || from === '0') {
      const tables = type === undefined ? this.#sortedTables() : [this.#tables.get(type.storage)].filter((t) => t !== undefined);
      return this.#hub.add(watcher, { objects: tables.flatMap((table) => table.list(filter)) }, this.#rv);
    }
    const rv = Number(from);
    if (!Number.isSafeInteger(rv) || rv < 0) throw badRequest(`invalid resource version: ${JSON.stringify(from)}`);
    return this.#hub.add(watcher, { after: rv }, this.#rv);
  }

  // ---- snapshots ----

  snapshot(): SavedStore {
    const objects: Record<string, KubeObject[]> = {};
    for (const table of this.#sortedTables()) if (table.size > 0) objects[table.type.storage] = table.all();
    return { resourceVersion: this.#rv, objects, history: [...this.#hub.history] };
  }

  restore(state: unknown): void {
    const saved = state as SavedStore;
    if (!isObj(saved) || typeof saved.resourceVersion !== 'number' || !isObj(saved.objects) || !Array.isArray(saved.history)) {
      throw new Error('api-store snapshot is not an object with resourceVersion, objects and history');
    }
    this.#tables.clear();
    this.#byUid.clear();
    this.#byOwner.clear();
    for (const type of this.registry.list()) if (type.custom) this.registry.remove(type.group, type.resource);
    // CRDs first, so the types of their custom resources exist.
    const crds = saved.objects['customresourcedefinitions.apiextensions.k8s.io'] ?? [];
    for (const crd of crds) this.#registerCRD(crd as unknown as CustomResourceDefinition);
    for (const storage of Object.keys(saved.objects)) {
      const type = this.#typeOfStorage(storage);
      for (const object of saved.objects[storage]!) {
        const frozen = frozenCopy(object);
        this.#put(type, objectKey(type.namespaced ? frozen.metadata?.namespace : undefined, frozen.metadata!.name!), frozen, undefined);
      }
    }
    this.#hub.load(saved.history.map((change) => frozenCopy(change)));
    this.#rv = saved.resourceVersion;
  }

  // ---- internals ----

  /** Tables in storage-key order: never in creation order, which a restore does not keep. */
  #sortedTables(): ObjectIndex[] {
    return [...this.#tables.keys()].sort().map((key) => this.#tables.get(key)!);
  }

  #typeOfStorage(storage: string): ResourceType {
    const type = this.registry.list().find((t) => t.storage === storage && groupResource(t) === storage);
    if (type === undefined) throw new Error(`api-store snapshot holds unknown resource "${storage}"`);
    return type;
  }

  #lookup(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#tables.get(type.storage)?.get(objectKey(type.namespaced ? (namespace ?? 'default') : undefined, name));
  }

  /** The object as a view type shows it (events.k8s.io Events); the stored object otherwise. */
  #view(type: ResourceType, object: KubeObject): KubeObject {
    if (type.group === 'events.k8s.io') return deepFreeze(toEventsV1(object as never) as unknown as KubeObject);
    return object;
  }

  #filter(type: ResourceType | undefined, options: ListOptions): WatchFilter {
    let labels: Selector | undefined;
    let fields: FieldSelector | undefined;
    try {
      labels = typeof options.labelSelector === 'string' ? parseSelector(options.labelSelector) : options.labelSelector;
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    try {
      fields = typeof options.fieldSelector === 'string' ? parseFieldSelector(options.fieldSelector) : options.fieldSelector;
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    if (fields !== undefined && type !== undefined) {
      const unsupported = unsupportedField(type.kind, fields);
      if (unsupported !== undefined) throw badRequest(`field label not supported: ${unsupported}`);
    }
    return {
      namespace: type === undefined || type.namespaced ? options.namespace : undefined,
      labels: labels?.isEmpty() === true ? undefined : labels,
      fields: fields?.isEmpty() === true ? undefined : fields,
    };
  }

  /** Decoding: kind lookup, schema checks, conversion to the storage version; a mutable copy. */
  #decode(input: KubeObject, options: WriteOptions): { type: ResourceType; object: JsonObject; warnings: string[]; required: FieldError[] } {
    if (!isObj(input)) throw badRequest('Object cannot be handled: not a JSON object');
    const apiVersion = String(input.apiVersion ?? '');
    const kind = String(input.kind ?? '');
    if (kind === '') throw badRequest("Object 'Kind' is missing in the request body");
    const type = this.registry.forKind(apiVersion, kind);
    const warnings: string[] = [];
    let required: FieldError[] = [];
    if (!type.custom) {
      const verdict = checkSchema(apiVersion, kind, input);
      const version = splitApiVersion(apiVersion).version;
      if (verdict.decodeError !== undefined) {
        throw badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${verdict.decodeError}`);
      }
      const unknown = verdict.unknownFields.map((field) => `unknown field ${JSON.stringify(field)}`);
      const validation = options.fieldValidation ?? 'Strict';
      if (unknown.length > 0 && validation === 'Strict') {
        throw badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${unknown.join(', ')}`);
      }
      if (validation === 'Warn') warnings.push(...unknown);
      required = verdict.required;
      const bytesError = byteFieldsError(input as JsonObject);
      if (bytesError !== undefined) throw badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${bytesError}`);
    }
    const copy = deepCopy(input) as JsonObject;
    if (kind === 'Secret' && apiVersion === 'v1') mergeStringData(copy);
    if (validationDropsUnknown(options) && !type.custom) dropUnknown(copy, apiVersion, kind);
    const storage = this.#storageType(type);
    const object = convertToStorage(copy, apiVersionOf(storage));
    if (!isObj(object.metadata)) object.metadata = {};
    return { type: storage, object, warnings, required };
  }

  #storageType(type: ResourceType): ResourceType {
    if (type.storage === groupResource(type)) return type;
    return this.#typeOfStorage(type.storage);
  }

  /** The namespace an object goes in, agreeing with the request's. */
  #namespaceFor(type: ResourceType, meta: JsonObject, options: WriteOptions): string | undefined {
    if (!type.namespaced) {
      delete meta.namespace;
      return undefined;
    }
    const own = meta.namespace === '' ? undefined : (meta.namespace as string | undefined);
    if (own !== undefined && options.namespace !== undefined && own !== options.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const namespace = own ?? options.namespace ?? 'default';
    meta.namespace = namespace;
    return namespace;
  }

  #checkNamespaceWritable(type: ResourceType, namespace: string, name: string): void {
    const ns = this.#tables.get('namespaces')?.get(namespace);
    if (ns === undefined) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.metadata?.deletionTimestamp !== undefined) {
      throw forbidden(type, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  #prepareCreate(type: ResourceType, object: JsonObject): void {
    if (type.custom) return;
    applyDefaults(type.kind, object);
    if (type.kind === 'Pod' && type.group === '') {
      try {
        admitPod(object as Pod, {
          priorityClassValue: (name) => {
            const pc = this.#tables.get('priorityclasses.scheduling.k8s.io')?.get(name) as JsonObject | undefined;
            return pc === undefined ? undefined : { value: pc.value, preemptionPolicy: pc.preemptionPolicy };
          },
          serviceAccountExists: (namespace, name) => this.#tables.get('serviceaccounts')?.get(`${namespace}/${name}`) !== undefined,
          randomSuffix: () => this.#suffix(),
        });
      } catch (error) {
        if (error instanceof AdmissionError) throw forbidden(type, String(object.metadata?.name ?? ''), error.message);
        throw error;
      }
    }
    if (type.kind === 'PersistentVolumeClaim' && type.group === '' && object.spec?.storageClassName === undefined) {
      // DefaultStorageClass admission.
      const classes = this.#tables.get('storageclasses.storage.k8s.io')?.all() ?? [];
      const chosen = classes.find((sc) => sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
      if (chosen !== undefined) object.spec.storageClassName = chosen.metadata!.name;
    }
  }

  /** The Job strategy generates a selector on the Job's own uid (batch.kubernetes.io/controller-uid). */
  #jobSelector(object: JsonObject): void {
    const spec = object.spec as JsonObject;
    if (spec.manualSelector === true) return;
    const uid = object.metadata.uid as string;
    const name = object.metadata.name as string;
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    const template = (spec.template ??= {});
    const meta = (template.metadata ??= {});
    meta.labels = { ...meta.labels, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
  }

  #checkResourceVersion(type: ResourceType, old: KubeObject, requested: unknown): void {
    if (requested === undefined || requested === '' || requested === null) return;
    if (String(requested) !== old.metadata?.resourceVersion) throw conflict(type, String(old.metadata?.name ?? ''), OPTIMISTIC_LOCK_MESSAGE);
  }

  #replace(type: ResourceType, old: KubeObject, object: JsonObject, required: FieldError[], options: WriteOptions): KubeObject {
    const meta = object.metadata as JsonObject;
    const oldMeta = old.metadata as JsonObject;
    this.#checkResourceVersion(type, old, meta.resourceVersion);
    if (meta.uid !== undefined && meta.uid !== '' && meta.uid !== oldMeta.uid) {
      throw conflict(type, String(oldMeta.name), `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${oldMeta.uid}`);
    }
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'resourceVersion']) {
      if (oldMeta[field] === undefined) delete meta[field];
      else meta[field] = oldMeta[field];
    }
    if (!type.custom) applyDefaults(type.kind, object);
    if (type.kind === 'Service' && type.group === '') keepAllocatedAddresses(object, old as JsonObject);
    const errors = [...required, ...validateObject(type.kind, object, old as JsonObject)];
    if (errors.length > 0) throw invalid(type, String(meta.name ?? ''), errors);
    if (type.hasGeneration && !sameSpec(object, old as JsonObject)) meta.generation = (oldMeta.generation ?? 0) + 1;
    if (jsonEqual(object, old)) return this.#view(type, old);
    if (type.kind === 'Service' && type.group === '') this.#serviceAllocator?.update?.(object as Service, old as DeepReadonly<Service>);
    if (options.dryRun === true) return deepFreeze(object) as KubeObject;
    const key = objectKey(type.namespaced ? meta.namespace : undefined, String(meta.name));
    // The last finalizer gone from an object being deleted: it goes.
    if (meta.deletionTimestamp !== undefined && (meta.finalizers ?? []).length === 0 && (meta.deletionGracePeriodSeconds ?? 0) === 0) {
      if (!(type.kind === 'Namespace' && (object.spec?.finalizers ?? []).length > 0)) return this.#remove(type, key, old);
    }
    return this.#view(type, this.#commit(type, key, object, old, 'MODIFIED'));
  }

  #gracePeriod(type: ResourceType, object: KubeObject, requested: number | undefined): number {
    if (!(type.kind === 'Pod' && type.group === '')) return 0;
    const pod = object as Pod;
    // Pods no kubelet runs, or that have finished, go at once.
    if (pod.spec?.nodeName === undefined || pod.spec.nodeName === '') return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return Math.max(0, requested ?? pod.spec.terminationGracePeriodSeconds ?? 30);
  }

  #uuid(): string {
    const b = this.#engine.random.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    let hex = '';
    for (const byte of b) hex += byte.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Stores a new version of an object with the next resourceVersion and publishes the change. */
  #commit(type: ResourceType, key: string, object: JsonObject, previous: KubeObject | undefined, event: 'ADDED' | 'MODIFIED'): KubeObject {
    this.#rv++;
    object.metadata.resourceVersion = String(this.#rv);
    const frozen = deepFreeze(object) as KubeObject;
    this.#put(type, key, frozen, previous);
    this.#hub.publish({ rv: this.#rv, type: event, resource: type.storage, object: frozen, ...(previous === undefined ? {} : { previous }) });
    const meta = frozen.metadata!;
    this.#engine.log.append('api.write', {
      verb: event === 'ADDED' ? 'create' : 'update',
      resource: type.storage,
      ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }),
      name: meta.name,
      resourceVersion: meta.resourceVersion,
    });
    return frozen;
  }

  #remove(type: ResourceType, key: string, old: KubeObject): KubeObject {
    const table = this.#tables.get(type.storage)!;
    table.remove(key);
    const uid = old.metadata?.uid;
    if (uid !== undefined) this.#byUid.delete(uid);
    this.#unindexOwners(old);
    this.#rv++;
    // The DELETED event carries the last state, at the deletion's resourceVersion.
    const last = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: String(this.#rv) } }) as KubeObject;
    this.#hub.publish({ rv: this.#rv, type: 'DELETED', resource: type.storage, object: last });
    const meta = last.metadata!;
    this.#engine.log.append('api.write', {
      verb: 'delete',
      resource: type.storage,
      ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }),
      name: meta.name,
      resourceVersion: meta.resourceVersion,
    });
    this.#afterDelete(type, last);
    return this.#view(type, last);
  }

  #put(type: ResourceType, key: string, object: KubeObject, previous: KubeObject | undefined): void {
    let table = this.#tables.get(type.storage);
    if (table === undefined) {
      table = new ObjectIndex(type);
      this.#tables.set(type.storage, table);
    }
    if (previous !== undefined) this.#unindexOwners(previous);
    table.put(key, object);
    const uid = object.metadata?.uid;
    if (uid !== undefined) {
      this.#byUid.set(uid, { table, key });
      for (const ref of object.metadata?.ownerReferences ?? []) {
        let set = this.#byOwner.get(ref.uid);
        if (set === undefined) {
          set = new Set();
          this.#byOwner.set(ref.uid, set);
        }
        set.add(uid);
      }
    }
  }

  #unindexOwners(object: KubeObject): void {
    const uid = object.metadata?.uid;
    if (uid === undefined) return;
    for (const ref of object.metadata?.ownerReferences ?? []) {
      const set = this.#byOwner.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.#byOwner.delete(ref.uid);
    }
  }

  #afterCreate(type: ResourceType, object: KubeObject): void {
    if (type.kind === 'Namespace' && type.group === '') {
      // The serviceaccount and root-ca-cert-publisher controllers fill every new namespace.
      const namespace = object.metadata!.name!;
      this.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
      this.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
        data: { 'ca.crt': SIMULATED_ROOT_CA },
      });
    }
    if (type.kind === 'CustomResourceDefinition') this.#registerCRD(object as unknown as CustomResourceDefinition);
  }

  #afterDelete(type: ResourceType, object: KubeObject): void {
    if (type.kind === 'Service' && type.group === '') this.#serviceAllocator?.release(object as DeepReadonly<Service>);
    if (type.kind === 'CustomResourceDefinition') {
      const crd = object as unknown as CustomResourceDefinition;
      const storage = groupResource({ group: crd.spec.group, resource: crd.spec.names.plural });
      const table = this.#tables.get(storage);
      if (table !== undefined) {
        const crType = table.type;
        for (const cr of table.all()) this.#remove(crType, objectKey(cr.metadata?.namespace, cr.metadata!.name!), cr);
        this.#tables.delete(storage);
      }
      this.registry.remove(crd.spec.group, crd.spec.names.plural);
    }
  }

  #registerCRD(crd: CustomResourceDefinition): void {
    this.registry.add(customResourceType(crd));
  }

}

/** A Service update that leaves its addresses out keeps the allocated ones (the Service strategy's patchAllocatedValues). */
function keepAllocatedAddresses(service: JsonObject, old: JsonObject): void {
  const spec = service.spec as JsonObject | undefined;
  const oldSpec = old.spec as JsonObject | undefined;
  if (spec === undefined || oldSpec === undefined) return;
  if ((spec.clusterIP === undefined || spec.clusterIP === '') && oldSpec.clusterIP !== undefined) {
    spec.clusterIP = oldSpec.clusterIP;
    if (oldSpec.clusterIPs !== undefined) spec.clusterIPs = oldSpec.clusterIPs;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const port of (spec.ports ?? []) as JsonObject[]) {
      if (port.nodePort !== undefined) continue;
      const previous = ((oldSpec.ports ?? []) as JsonObject[]).find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (previous?.nodePort !== undefined) port.nodePort = previous.nodePort;
    }
  }
}

/** Secret `data` and ConfigMap `binaryData` are `[]byte`: the decoder reads them as Go's base64. */
function byteFieldsError(object: JsonObject): string | undefined {
  const field = object.kind === 'Secret' ? object.data : object.kind === 'ConfigMap' ? object.binaryData : undefined;
  if (!isObj(field)) return undefined;
  for (const key of Object.keys(field)) {
    const value = field[key];
    if (typeof value !== 'string') continue;
    const decoded = decodeGoBase64(value);
    if ('errorAt' in decoded) return `illegal base64 data at input byte ${decoded.errorAt}`;
  }
  return undefined;
}

/** v1 → internal conversion of a Secret: stringData is written into data (taking precedence) and dropped. */
function mergeStringData(secret: JsonObject): void {
  if (!isObj(secret.stringData)) return;
  const data: JsonObject = isObj(secret.data) ? secret.data : {};
  for (const [key, value] of Object.entries(secret.stringData)) data[key] = encodeBase64Text(String(value));
  secret.data = data;
  delete secret.stringData;
}

function validationDropsUnknown(options: WriteOptions): boolean {
  return options.fieldValidation === 'Ignore' || options.fieldValidation === 'Warn';
}

/** Under Ignore/Warn the API server silently drops unknown fields as it decodes. */
function dropUnknown(object: JsonObject, apiVersion: string, kind: string): void {
  const verdict = checkSchema(apiVersion, kind, object);
  for (const field of verdict.unknownFields) {
    const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.');
    let node: JsonObject | undefined = object;
    for (const part of parts.slice(0, -1)) node = isObj(node) || Array.isArray(node) ? (node as JsonObject)[part] : undefined;
    if (isObj(node)) delete node[parts[parts.length - 1]!];
  }
}

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A stand-in certificate: the simulated cluster has no TLS, but pods expect the file. */
const SIMULATED_ROOT_CA = '-----BEGIN CERTIFICATE-----\nZG9ja3lhcmQgc2ltdWxhdGVkIGNsdXN0ZXIgQ0E=\n-----END CERTIFICATE-----\n';
