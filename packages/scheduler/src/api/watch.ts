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
