// How controllers create and delete their pods (k/k `pkg/controller/controller_utils.go`
// RealPodControl and slowStartBatch): every create or delete records an Event on the controller
// object, `SuccessfulCreate` / `Created pod: web-7d4b9c8f5-abcde`, `SuccessfulDelete` /
// `Deleted pod: ...`, or the Warning `FailedCreate` / `Error creating: <error>`.

import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import type { DeepReadonly, KubeObject } from '../api/kinds.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { PodView } from './pod-util.ts';

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * Runs `fn` `count` times in batches of 1, 2, 4, ... (slowStartBatch); a batch with a failure
 * ends the run. Returns how many succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error: StatusError | undefined } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: StatusError | undefined;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (caught) {
        if (!(caught instanceof StatusError)) throw caught;
        error ??= caught;
      }
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

export class PodControl {
  readonly #store: ApiStore;
  readonly #recorder: EventRecorder;

  constructor(store: ApiStore, recorder: EventRecorder) {
    this.#store = store;
    this.#recorder = recorder;
  }

  /** Creates one pod for `owner`; throws the store's error after recording FailedCreate. */
  createPod(pod: Pod, owner: DeepReadonly<KubeObject>): PodView {
    try {
      const created = this.#store.create(pod);
      this.#recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`);
      return created;
    } catch (error) {
      if (error instanceof StatusError) this.#recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${error.message}`);
      throw error;
    }
  }

  /** Deletes a pod of `owner` (graceful for a scheduled pod); a pod already gone is not an error. */
  deletePod(namespace: string, name: string, owner: DeepReadonly<KubeObject>): boolean {
    try {
      this.#store.delete('Pod', namespace, name);
    } catch (error) {
      if (error instanceof StatusError && error.reason === 'NotFound') return false;
      if (error instanceof StatusError) this.#recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${error.message}`);
      throw error;
    }
    this.#recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    return true;
  }
}
