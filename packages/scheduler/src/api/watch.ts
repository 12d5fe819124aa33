// Watches: the stream of ADDED / MODIFIED / DELETED events that controllers, `kubectl get -w` and
// the visualizer follow. A watch on a selector sees an object enter it as ADDED and leave it as
// DELETED, as the API server's watch cache filters transitions.
//
// Delivery is synchronous and in commit order: when a write commits, its event goes to every
// matching watcher before the write returns; a handler that writes to the store queues its own
// events behind the one being delivered, so every watcher sees every event in resourceVersion
// order. Kubernetes informers see events a little later; here a handler that needs to act should
// schedule an engine task (a controller's work queue) and do the work there. Synchronous delivery
// keeps the order deterministic and leaves nothing in flight for a snapshot to miss.

import { resourceExpired } from './api-errors.ts';
import type { FieldSelector } from './field-selector.ts';
import type { KubeObject } from './kinds.ts';
import type { Selector } from './label-selector.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  /** The object after the change (for DELETED, its last state). */
  object: T;
  /** For MODIFIED: the version before the change (what an informer's UpdateFunc gets as `old`). */
  previous?: T;
}

export interface WatchHandle {
  stop(): void;
}

/** One committed change, as the history keeps it. */
export interface Change {
  /** The resourceVersion the change produced. */
  rv: number;
  type: WatchEventType;
  /** The storage key of the resource (`pods`, `deployments.apps`). */
  resource: string;
  object: KubeObject;
  /** The object before a MODIFIED change. */
  previous?: KubeObject;
}

export interface WatchFilter {
  namespace?: string | undefined;
  labels?: Selector | undefined;
  fields?: FieldSelector | undefined;
}

export function matchesFilter(filter: WatchFilter, object: KubeObject | undefined): boolean {
  if (object === undefined) return false;
  if (filter.namespace !== undefined && object.metadata?.namespace !== filter.namespace) return false;
  if (filter.labels !== undefined && !filter.labels.matches(object.metadata?.labels)) return false;
  if (filter.fields !== undefined && !filter.fields.matches(object)) return false;
  return true;
}

/** What a watcher with this filter sees of a change, if anything. */
export function eventFor(filter: WatchFilter, change: Change): WatchEventType | undefined {
  const now = matchesFilter(filter, change.object);
  if (change.type !== 'MODIFIED') return now ? change.type : undefined;
  const before = matchesFilter(filter, change.previous);
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

/** One watch as the hub keeps it. */
export interface Watcher {
  filter: WatchFilter;
  /** The storage key it watches, or undefined for every resource. */
  resource: string | undefined;
  handler: (event: WatchEvent) => void;
  /** How the watcher's version shows a stored object (the events.k8s.io view of Events). */
  view: ((object: KubeObject) => KubeObject) | undefined;
  stopped: boolean;
}

/** Where a new watch starts: the current objects as ADDED, or the history after a resourceVersion. */
export type WatchStart = { objects: readonly KubeObject[] } | { after: number };

/**
 * The watchers and the bounded history of changes: publishes each committed change to every
 * matching watcher, in order, queueing changes made while delivering.
 */
export class WatchHub {
  #history: Change[] = [];
  readonly #limit: number;
  readonly #watchers = new Map<string | undefined, Set<Watcher>>();
  readonly #pending: Change[] = [];
  #dispatching = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get history(): readonly Change[] {
    return this.#history;
  }

  load(history: Change[]): void {
    this.#history = history;
  }

  publish(change: Change): void {
    this.#history.push(change);
    // Trimmed in batches: shifting the whole array on every write would cost O(limit) each time.
    if (this.#history.length >= this.#limit * 1.5) this.#history.splice(0, this.#history.length - this.#limit);
    this.#pending.push(change);
    this.#drain();
  }

  /**
   * Starts a watcher: hands it its first events, then registers it. Changes made by handlers
   * meanwhile are queued and reach it afterwards, in order. `current` is the store's version.
   */
  add(watcher: Watcher, start: WatchStart, current: number): WatchHandle {
    let replay: Change[] = [];
    if ('after' in start) {
      const oldest = this.#history.length > 0 ? this.#history[0]!.rv : current + 1;
      if (start.after < oldest - 1) throw resourceExpired(`too old resource version: ${start.after} (${oldest - 1})`);
      replay = this.#history.filter((change) => change.rv > start.after);
    }
    const outer = this.#dispatching;
    this.#dispatching = true;
    try {
      if ('objects' in start) {
        for (const object of start.objects) watcher.handler({ type: 'ADDED', object: watcher.view?.(object) ?? object });
      }
      for (const change of replay) deliver(watcher, change);
      let set = this.#watchers.get(watcher.resource);
      if (set === undefined) {
        set = new Set();
        this.#watchers.set(watcher.resource, set);
      }
      set.add(watcher);
    } finally {
      this.#dispatching = outer;
    }
    this.#drain();
    return {
      stop: () => {
        watcher.stopped = true;
        this.#watchers.get(watcher.resource)?.delete(watcher);
      },
    };
  }

  #drain(): void {
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let i = 0; i < this.#pending.length; i++) {
        const change = this.#pending[i]!;
        for (const watcher of this.#watchers.get(change.resource) ?? []) deliver(watcher, change);
        for (const watcher of this.#watchers.get(undefined) ?? []) deliver(watcher, change);
      }
    } finally {
      this.#pending.length = 0;
      this.#dispatching = false;
    }
  }
}

function deliver(watcher: Watcher, change: Change): void {
  if (watcher.stopped) return;
  if (watcher.resource !== undefined && watcher.resource !== change.resource) return;
  const type = eventFor(watcher.filter, change);
  if (type === undefined) return;
  const object = watcher.view?.(change.object) ?? change.object;
  if (type === 'MODIFIED' && change.previous !== undefined) watcher.handler({ type, object, previous: watcher.view?.(change.previous) ?? change.previous });
  else watcher.handler({ type, object });
}
