// The garbage collector of kube-controller-manager: it follows ownerReferences through the store.
// - Background (the default): once an owner is gone, each dependent whose owners are all gone is
//   deleted (and its own dependents after it: a Deployment takes its ReplicaSets, they take their
//   Pods); a dependent that still has a live owner only loses the dangling reference.
// - Orphan: the owner carries the `orphan` finalizer; the collector strips the owner's reference
//   from every dependent, then the finalizer, and the owner goes.
// - Foreground: the owner carries `foregroundDeletion`; the collector deletes the dependents
//   (foreground too) and drops the finalizer once none is left, so the owner goes last.
// It sees changes through a watch and does its work in engine tasks at the same instant, after
// the write that caused it, like the real collector reacting to its informers.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { ApiStore } from './api-store.ts';
import { StatusError } from './api-errors.ts';
import { deepCopy, type DeepReadonly, type KubeObject } from './kinds.ts';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

interface SavedCollector {
  pending: string[];
}

export class GarbageCollector implements EngineComponent {
  readonly name = 'garbage-collector';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #process: TaskKind<{ uid: string }>;
  /** Owner uids with a task queued, so a burst of events queues one task each. */
  #pending = new Set<string>();

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#process = engine.defineTask<{ uid: string }>('garbage-collector.process', ({ uid }) => this.#processOwner(uid));
    store.watch('*', { resourceVersion: store.resourceVersion }, ({ type, object }) => this.#observe(type, object));
    engine.register(this);
  }

  snapshot(): SavedCollector {
    return { pending: [...this.#pending] };
  }

  restore(state: unknown): void {
    const saved = state as SavedCollector;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.pending)) {
      throw new Error('garbage-collector snapshot is not an object with a pending list');
    }
    this.#pending = new Set(saved.pending);
  }

  #enqueue(uid: string): void {
    if (this.#pending.has(uid)) return;
    this.#pending.add(uid);
    this.#engine.schedule(this.#process, 0, { uid });
  }

  #observe(type: string, object: DeepReadonly<KubeObject>): void {
    const meta = object.metadata;
    const uid = meta?.uid;
    if (uid === undefined) return;
    if (type === 'DELETED') {
      if (this.#store.dependents(uid).length > 0) this.#enqueue(uid);
    } else {
      const finalizers = meta?.finalizers ?? [];
      if (meta?.deletionTimestamp !== undefined && (finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER))) {
        this.#enqueue(uid);
      }
      // A dependent created after its owner is gone.
      if (type === 'ADDED') {
        for (const ref of meta?.ownerReferences ?? []) if (this.#store.getByUid(ref.uid) === undefined) this.#enqueue(ref.uid);
      }
    }
    // A dependent gone: an owner waiting in the foreground may now go too.
    if (type === 'DELETED') {
      for (const ref of meta?.ownerReferences ?? []) {
        const owner = this.#store.getByUid(ref.uid);
        if (owner?.metadata?.finalizers?.includes(FOREGROUND_FINALIZER) === true) this.#enqueue(ref.uid);
      }
    }
  }

  #processOwner(uid: string): void {
    this.#pending.delete(uid);
    const owner = this.#store.getByUid(uid);
    const dependents = this.#store.dependents(uid);
    if (owner === undefined) {
      for (const dependent of dependents) this.#ownerGone(dependent, uid);
      return;
    }
    const finalizers = owner.metadata?.finalizers ?? [];
    if (owner.metadata?.deletionTimestamp === undefined) return;
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const dependent of dependents) this.#dropReference(dependent, uid);
      this.#removeFinalizer(owner, ORPHAN_FINALIZER);
    } else if (finalizers.includes(FOREGROUND_FINALIZER)) {
      for (const dependent of dependents) {
        if (dependent.metadata?.deletionTimestamp === undefined) this.#delete(dependent, 'Foreground');
      }
      if (this.#store.dependents(uid).length === 0) this.#removeFinalizer(owner, FOREGROUND_FINALIZER);
    }
  }

  #ownerGone(dependent: DeepReadonly<KubeObject>, ownerUid: string): void {
    const others = (dependent.metadata?.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
    if (others.some((ref) => this.#store.getByUid(ref.uid) !== undefined)) {
      this.#dropReference(dependent, ownerUid);
    } else if (dependent.metadata?.deletionTimestamp === undefined) {
      this.#delete(dependent, 'Background');
    }
  }

  #kindName(object: DeepReadonly<KubeObject>): string {
    const type = this.#store.registry.forKind(String(object.apiVersion), String(object.kind));
    return type.group === '' ? type.kind : `${type.kind}.${type.group}`;
  }

  #delete(object: DeepReadonly<KubeObject>, policy: 'Background' | 'Foreground'): void {
    const meta = object.metadata!;
    this.#engine.log.append('garbage-collector.delete', {
      kind: object.kind,
      ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }),
      name: meta.name,
      propagationPolicy: policy,
    });
    this.#tolerateGone(() => this.#store.delete(this.#kindName(object), meta.namespace, meta.name!, { propagationPolicy: policy, preconditions: { uid: meta.uid! } }));
  }

  #dropReference(object: DeepReadonly<KubeObject>, ownerUid: string): void {
    const copy = deepCopy(object);
    const refs: OwnerReference[] = (copy.metadata!.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
    if (refs.length === 0) delete copy.metadata!.ownerReferences;
    else copy.metadata!.ownerReferences = refs;
    this.#tolerateGone(() => this.#store.update(copy));
  }

  #removeFinalizer(object: DeepReadonly<KubeObject>, finalizer: string): void {
    const copy = deepCopy(object);
    const finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== finalizer);
    if (finalizers.length === 0) delete copy.metadata!.finalizers;
    else copy.metadata!.finalizers = finalizers;
    this.#tolerateGone(() => this.#store.update(copy));
  }

  /** Something else may have deleted it first; that is fine. */
  #tolerateGone(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (error instanceof StatusError && (error.reason === 'NotFound' || error.reason === 'Conflict')) return;
      throw error;
    }
  }
}
