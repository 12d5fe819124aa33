// A controller's queue of keys to sync, on the engine's timed tasks: a key waiting to be synced is
// queued once however many watch events name it, and each sync runs at a defined virtual instant.
// A small stand-in for client-go's work queue (the controllers branch brings the full one).

import type { Engine, TaskKind } from '@dockyard/runtime';
import { StatusError } from '../api/api-errors.ts';

export class SyncQueue {
  readonly #engine: Engine;
  readonly #task: TaskKind<{ key: string }>;
  readonly #queued = new Set<string>();

  /** `name` names the task type (`<name>.sync`); `sync` runs once per queued key. */
  constructor(engine: Engine, name: string, sync: (key: string) => void) {
    this.#engine = engine;
    this.#task = engine.defineTask<{ key: string }>(`${name}.sync`, ({ key }) => {
      this.#queued.delete(key);
      try {
        sync(key);
      } catch (error) {
        // A write that lost a race: try again a moment later, as a controller requeues.
        if (!(error instanceof StatusError)) throw error;
        engine.log.append(`${name}.retry`, { key, reason: error.reason, message: error.message });
        this.add(key, 5);
      }
    });
  }

  add(key: string, delayMs = 0): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#engine.schedule(this.#task, delayMs, { key });
  }

  /** Keys waiting (for snapshots: the tasks themselves are in the engine's queue). */
  pending(): string[] {
    return [...this.#queued].sort();
  }

  restore(keys: readonly string[]): void {
    this.#queued.clear();
    for (const key of keys) this.#queued.add(key);
  }
}

/** `namespace/name`, the key controllers queue. */
export function objectKeyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
