// The objects of one resource and the indexes lists go through: by namespace, by label key and
// value, and for Pods by spec.nodeName (what the scheduler and kubelet ask for). Keys are
// `namespace/name` (or `name`), and lists come back in the byte order of those keys — the order
// etcd keeps `/registry/<resource>/<namespace>/<name>` in, and so the order the API server returns.

import { sortedPosition } from '@dockyard/runtime';
import type { FieldSelector } from './field-selector.ts';
import type { KubeObject } from './kinds.ts';
import type { Selector } from './label-selector.ts';
import type { ResourceType } from './resource-registry.ts';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addTo<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  let set = index.get(at);
  if (set === undefined) {
    set = new Set();
    index.set(at, set);
  }
  set.add(key);
}

function removeFrom<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  const set = index.get(at);
  if (set === undefined) return;
  set.delete(key);
  if (set.size === 0) index.delete(at);
}

export interface ListFilter {
  namespace?: string | undefined;
  labels?: Selector | undefined;
  fields?: FieldSelector | undefined;
}

export class ObjectIndex {
  readonly type: ResourceType;
  readonly #objects = new Map<string, KubeObject>();
  #sorted: string[] | null = null;
  readonly #byNamespace = new Map<string, Set<string>>();
  readonly #byLabel = new Map<string, Map<string, Set<string>>>();
  readonly #byNode: Map<string, Set<string>> | undefined;

  constructor(type: ResourceType) {
    this.type = type;
    this.#byNode = type.kind === 'Pod' && type.group === '' ? new Map() : undefined;
  }

  get size(): number {
    return this.#objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  /** Adds or replaces the object under `key`, keeping the indexes in step. */
  put(key: string, object: KubeObject): void {
    const old = this.#objects.get(key);
    if (old !== undefined) this.#unindex(key, old);
    else if (this.#sorted !== null) this.#sorted.splice(sortedPosition(this.#sorted, key), 0, key);
    this.#objects.set(key, object);
    this.#index(key, object);
  }

  remove(key: string): KubeObject | undefined {
    const old = this.#objects.get(key);
    if (old === undefined) return undefined;
    this.#unindex(key, old);
    this.#objects.delete(key);
    this.#sorted?.splice(sortedPosition(this.#sorted, key), 1);
    return old;
  }

  #index(key: string, object: KubeObject): void {
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined) addTo(this.#byNamespace, namespace, key);
    const labels = object.metadata?.labels;
    if (labels !== undefined) {
      for (const label in labels) {
        let values = this.#byLabel.get(label);
        if (values === undefined) {
          values = new Map();
          this.#byLabel.set(label, values);
        }
        addTo(values, labels[label]!, key);
      }
    }
    if (this.#byNode !== undefined) addTo(this.#byNode, nodeNameOf(object), key);
  }

  #unindex(key: string, object: KubeObject): void {
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined) removeFrom(this.#byNamespace, namespace, key);
    const labels = object.metadata?.labels;
    if (labels !== undefined) {
      for (const label in labels) {
        const values = this.#byLabel.get(label);
        if (values === undefined) continue;
        removeFrom(values, labels[label]!, key);
        if (values.size === 0) this.#byLabel.delete(label);
      }
    }
    if (this.#byNode !== undefined) removeFrom(this.#byNode, nodeNameOf(object), key);
  }

  /** All keys in list order; kept in order as keys come and go (a rollout of 1,000 pods adds some every frame). */
  #allKeys(): string[] {
    if (this.#sorted === null) this.#sorted = [...this.#objects.keys()].sort(byKey);
    return this.#sorted;
  }

  /** The smallest index set that holds every match, or undefined to scan everything. */
  #candidates(filter: ListFilter): ReadonlySet<string> | undefined {
    let best: ReadonlySet<string> | undefined;
    const consider = (set: ReadonlySet<string> | undefined) => {
      const found = set ?? EMPTY;
      if (best === undefined || found.size < best.size) best = found;
    };
    if (filter.namespace !== undefined) consider(this.#byNamespace.get(filter.namespace));
    const node = filter.fields?.exactValue('spec.nodeName');
    if (node !== undefined && this.#byNode !== undefined) consider(this.#byNode.get(node));
    if (filter.labels !== undefined) {
      for (const requirement of filter.labels.requirements) {
        const value = filter.labels.exactValue(requirement.key);
        if (value !== undefined) consider(this.#byLabel.get(requirement.key)?.get(value));
      }
    }
    return best;
  }

  /** The objects matching the filter, in list order. */
  list(filter: ListFilter): KubeObject[] {
    const candidates = this.#candidates(filter);
    const keys = candidates === undefined ? this.#allKeys() : [...candidates].sort(byKey);
    const out: KubeObject[] = [];
    const { namespace, labels, fields } = filter;
    for (const key of keys) {
      const object = this.#objects.get(key)!;
      if (namespace !== undefined && object.metadata?.namespace !== namespace) continue;
      if (labels !== undefined && !labels.matches(object.metadata?.labels)) continue;
      if (fields !== undefined && !fields.matches(object)) continue;
      out.push(object);
    }
    return out;
  }

  /** Every object, in list order (for snapshots). */
  all(): KubeObject[] {
    return this.#allKeys().map((key) => this.#objects.get(key)!);
  }

  /** How many objects a namespace holds. */
  countIn(namespace: string): number {
    return this.#byNamespace.get(namespace)?.size ?? 0;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function nodeNameOf(object: KubeObject): string {
  const spec = object.spec as { nodeName?: string } | undefined;
  return spec?.nodeName ?? '';
}
