// Waiting on virtual time for objects to reach a state, as helm 4's waiters do: `--wait` (the
// "watcher" strategy, pkg/kube/statuswait.go) waits until every object's kstatus is Current,
// giving up on Failed ones at once, and on timeout lists what was not ready, then "context
// deadline exceeded"; without `--wait` ("hookOnly", the default) only hooks are waited for;
// `--wait=legacy` (pkg/kube/wait.go) polls helm 3's readiness rules every 2 seconds and says only
// "context deadline exceeded".
//
// Time passes through `sleep`, which runs the simulation forward (and, on a wall clock, sleeps):
// the watcher looks once a second of virtual time.

import { computeStatus, hookStatus, type ResourceStatus } from './resource-status.ts';
import type { KubeClient, Resource } from './kube-client.ts';
import { legacyReadiness } from './legacy-readiness.ts';

export type WaitStrategy = 'watcher' | 'hookOnly' | 'legacy';

/** helm's default --timeout (5m0s). */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** DefaultStatusWatcherTimeout: what a zero timeout means. */
const ZERO_TIMEOUT_MS = 30_000;

const POLL_MS = 1000;
/** The legacy waiter's poll interval (wait.PollUntilContextCancel every 2 s). */
const LEGACY_POLL_MS = 2000;

/** Lets virtual time pass; resolves false when the wait was interrupted (Ctrl-C). */
export type Sleep = (ms: number) => Promise<boolean>;

/** The user interrupted a wait: helm's context was cancelled. */
export class WaitCancelledError extends Error {
  override name = 'WaitCancelledError';
  constructor() {
    super('context canceled');
  }
}

/** A wait that ended with objects not in the wanted state. */
export class WaitError extends Error {
  override name = 'WaitError';
}

type Desired = 'Current' | 'NotFound';

export class Waiter {
  constructor(
    readonly strategy: WaitStrategy,
    private readonly kube: KubeClient,
    /** Virtual time, ms. */
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  /** --wait: every object Current (a paused Deployment is not waited for). */
  async wait(resources: readonly Resource[], timeoutMs: number, withJobs = false): Promise<void> {
    if (this.strategy === 'hookOnly') return;
    if (this.strategy === 'legacy') return this.#poll(timeoutMs, () => {
      for (const r of resources) {
        const readiness = legacyReadiness(this.kube, r, withJobs);
        if (readiness.error !== undefined) throw new WaitError(readiness.error);
        if (!readiness.ready) return false;
      }
      return true;
    });
    const watched = resources.filter((r) => !(r.type.kind === 'Deployment' && (r.object['spec'] as { paused?: boolean } | undefined)?.paused === true));
    // Jobs count as ready once started, unless --wait-for-jobs asks for them to complete.
    const status = (r: Resource): ResourceStatus => {
      const live = this.kube.get(r);
      return withJobs && r.type.kind === 'Job' && r.type.group === 'batch' ? hookStatus(live) : computeStatus(live);
    };
    await this.#until(watched, timeoutMs, 'Current', status);
  }

  /** Hooks: a Job until Complete, a Pod until Succeeded, anything else at once. */
  async watchUntilReady(resources: readonly Resource[], timeoutMs: number): Promise<void> {
    if (this.strategy !== 'legacy') return this.#until(resources, timeoutMs, 'Current', (r) => hookStatus(this.kube.get(r)));
    // helm 3's watch of each hook in turn, with its own words for a failure or a timeout.
    const deadline = this.now() + timeoutMs;
    for (const r of resources) {
      for (;;) {
        const s = hookStatus(this.kube.get(r));
        if (s.status === 'Current') break;
        if (s.status === 'Failed') {
          const reason = ((this.kube.get(r)?.['status'] as { conditions?: { type: string; reason?: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Failed')?.reason ?? '';
          throw new WaitError(r.type.kind === 'Job' ? `job ${r.name} failed: ${reason}` : `pod ${r.name} failed`);
        }
        const left = deadline - this.now();
        if (left <= 0) throw new WaitError('timed out waiting for the condition');
        if (!(await this.sleep(Math.min(POLL_MS, left)))) throw new WaitCancelledError();
      }
    }
  }

  /** Until the objects are gone (not for hookOnly, whose WaitForDelete returns at once). */
  async waitForDelete(resources: readonly Resource[], timeoutMs: number): Promise<void> {
    if (this.strategy === 'hookOnly') return;
    if (this.strategy === 'legacy') return this.#poll(timeoutMs, () => resources.every((r) => this.kube.get(r) === undefined));
    await this.#until(resources, timeoutMs, 'NotFound', (r) => computeStatus(this.kube.get(r)));
  }

  /** wait.PollUntilContextCancel: checks at once, then every 2 s, until `done` or the deadline. */
  async #poll(timeoutMs: number, done: () => boolean): Promise<void> {
    const deadline = this.now() + timeoutMs;
    while (!done()) {
      const left = deadline - this.now();
      if (left <= 0) throw new WaitError('context deadline exceeded');
      if (!(await this.sleep(Math.min(LEGACY_POLL_MS, left)))) throw new WaitCancelledError();
    }
  }

  async #until(resources: readonly Resource[], timeoutMs: number, desired: Desired, read: (r: Resource) => ResourceStatus): Promise<void> {
    const deadline = this.now() + (timeoutMs === 0 ? ZERO_TIMEOUT_MS : timeoutMs);
    let statuses = resources.map(read);
    let timedOut = false;
    // Failed is terminal when waiting for readiness: it is reported, not waited out.
    const settled = (s: ResourceStatus) => s.status === desired || (desired === 'Current' && s.status === 'Failed');
    while (!statuses.every(settled)) {
      const left = deadline - this.now();
      if (left <= 0) {
        timedOut = true;
        break;
      }
      if (!(await this.sleep(Math.min(POLL_MS, left)))) throw new WaitCancelledError();
      statuses = resources.map(read);
    }
    const errors: string[] = [];
    resources.forEach((r, i) => {
      const s = statuses[i]!;
      if (s.status === desired) return;
      const id = `${r.type.kind}/${r.namespace ?? ''}/${r.name}`;
      errors.push(
        desired === 'NotFound'
          ? `resource ${id} still exists. status: ${s.status}, message: ${s.message}`
          : `resource ${id} not ready. status: ${s.status}, message: ${s.message}`,
      );
    });
    if (timedOut) errors.push('context deadline exceeded');
    if (errors.length > 0) throw new WaitError(errors.join('\n'));
  }
}
