// A controller's work queue (client-go `util/workqueue`) on the engine's timed tasks, so every
// sync runs at a defined virtual instant in a defined order:
// - `add(key)`: a key waiting to be processed is queued once, however many events name it; a key
//   added while it is being processed is queued again behind the others;
// - `addAfter(key, ms)`: the delaying queue; of several delays for one key the earliest wins;
// - `addRateLimited(key)`: the per-item exponential failure backoff of
//   `DefaultControllerRateLimiter` (5 ms doubling, capped at 1000 s), reset by `forget`.
// A sync that throws a StatusError (a write that lost a race, an object already gone) is retried
// rate-limited, as a controller returning an error from its sync handler is; other errors are
// bugs and propagate.

import type { Engine, TaskId, TaskKind } from '@dockyard/runtime';
import { StatusError } from '../api/api-errors.ts';

/** client-go `DefaultItemBasedRateLimiter`: 5 ms base delay, 1000 s cap. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;

export interface SavedWorkQueue {
  queued: string[];
  waiting: [key: string, at: number, task: TaskId][];
  failures: [key: string, count: number][];
}

export class WorkQueue {
  readonly #engine: Engine;
  readonly #name: string;
  readonly #process: TaskKind<{ key: string }>;
  readonly #wake: TaskKind<{ key: string }>;
  /** Keys with a process task scheduled. */
  #queued = new Set<string>();
  /** Keys waiting for a delayed add: when, and the task that will add them. */
  #waiting = new Map<string, { at: number; task: TaskId }>();
  #failures = new Map<string, number>();

  /** `name` prefixes the task types (`<name>.sync`, `<name>.wake`). */
  constructor(engine: Engine, name: string, sync: (key: string) => void) {
    this.#engine = engine;
    this.#name = name;
    this.#process = engine.defineTask<{ key: string }>(`${name}.sync`, ({ key }) => {
      this.#queued.delete(key);
      try {
        sync(key);
        this.#failures.delete(key);
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        engine.log.append(`${name}.retry`, { key, reason: error.reason, message: error.message });
        this.addRateLimited(key);
      }
    });
    this.#wake = engine.defineTask<{ key: string }>(`${name}.wake`, ({ key }) => {
      this.#waiting.delete(key);
      this.add(key);
    });
  }

  get name(): string {
    return this.#name;
  }

  add(key: string): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#engine.schedule(this.#process, 0, { key });
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.#engine.now + Math.ceil(delayMs);
    const waiting = this.#waiting.get(key);
    if (waiting !== undefined) {
      if (waiting.at <= at) return;
      this.#engine.cancel(waiting.task);
    }
    this.#waiting.set(key, { at, task: this.#engine.scheduleAt(this.#wake, at, { key }) });
  }

  addRateLimited(key: string): void {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** failures, MAX_DELAY_MS));
  }

  forget(key: string): void {
    this.#failures.delete(key);
  }

  snapshot(): SavedWorkQueue {
    return {
      queued: [...this.#queued],
      waiting: [...this.#waiting].map(([key, { at, task }]) => [key, at, task]),
      failures: [...this.#failures],
    };
  }

  restore(saved: SavedWorkQueue): void {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.queued) || !Array.isArray(saved.waiting) || !Array.isArray(saved.failures)) {
      throw new Error(`${this.#name} work queue snapshot is not an object with queued, waiting and failures lists`);
    }
    this.#queued = new Set(saved.queued);
    this.#waiting = new Map(saved.waiting.map(([key, at, task]) => [key, { at, task }]));
    this.#failures = new Map(saved.failures);
  }
}

/** `namespace/name`, cache.MetaNamespaceKeyFunc's key; just the name for cluster-scoped objects. */
export function objectKeyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}

/** The namespace and name of a key made by `objectKeyOf`. */
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The namespace and name of a namespaced object's key (a Service's, a claim's). */
export function splitNamespacedKey(key: string): { namespace: string; name: string } {
  const { namespace, name } = splitKey(key);
  return { namespace: namespace ?? '', name };
}
