// Compose does its work in goroutines: containers of independent services are created, started
// and stopped at the same time, and a service waiting for its dependency's health check polls
// every 500 ms while others go on. Here those goroutines are async jobs that only ever wait
// through this group, on virtual time: when every job is waiting, the group lets time pass to the
// next moment one of them could go on (a poll tick, a timer, or the engine's next task), then
// resumes the ready ones in the order they started waiting. Same inputs, same interleaving.

import type { Session } from '../../../session.ts';

interface Waiter {
  ready: () => boolean;
  /** Virtual time of the next check; undefined: checked whenever time moves. */
  due?: number;
  /** Poll period (compose's ticker): the check after a failed one comes this much later. */
  every?: number;
  /** A waiter checked all along that wants time to stop at this moment (a deadline). */
  wake?: number;
  resume: (ok: boolean) => void;
}

/** How far time may jump in one step while jobs wait on the engine and it has nothing scheduled. */
const IDLE_STEP_MS = 1000;

export class Cancelled extends Error {
  override name = 'Cancelled';
}

export class VirtualTasks {
  readonly #session: Session;
  #waiters: Waiter[] = [];
  /** Jobs running right now (not waiting). */
  #active = 0;
  #jobs = 0;
  #failure: { error: unknown } | undefined;
  #cancelled = false;
  #interrupted = false;
  #idle: (() => void) | undefined;
  /** Called after each step of time (progress displays redraw their clocks). */
  onTick?: () => void;

  constructor(session: Session) {
    this.#session = session;
  }

  get now(): number {
    return this.#session.world.engine.now;
  }

  /** True once a job failed or the user interrupted: jobs should stop at their next wait. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Starts a job; it runs at once up to its first wait. */
  go(job: () => Promise<void>): void {
    this.#jobs++;
    this.#active++;
    job()
      .catch((error: unknown) => {
        if (!(error instanceof Cancelled) && this.#failure === undefined) this.#failure = { error };
        this.#cancelled = true;
      })
      .finally(() => {
        this.#jobs--;
        this.#release();
      });
  }

  /**
   * Waits until `ready()` holds. With `every`, it is checked only at that period (the first time
   * `every` ms from now), as compose's tickers do; otherwise whenever something may have changed,
   * and time stops at `wakeAt` on its way (a deadline). Throws `Cancelled` when the group was
   * cancelled meanwhile.
   */
  async until(ready: () => boolean, options: { every?: number; wakeAt?: number } = {}): Promise<void> {
    if (this.#cancelled) throw new Cancelled();
    if (options.every === undefined && ready()) return;
    const ok = await new Promise<boolean>((resume) => {
      const waiter: Waiter = { ready, resume };
      if (options.every !== undefined) {
        waiter.every = options.every;
        waiter.due = this.now + options.every;
      } else if (options.wakeAt !== undefined) {
        waiter.wake = options.wakeAt;
      }
      this.#waiters.push(waiter);
      this.#release();
    });
    if (!ok) throw new Cancelled();
  }

  /** Lets `ms` of virtual time pass for this job. */
  async sleep(ms: number): Promise<void> {
    const until = this.now + ms;
    if (ms <= 0) return this.until(() => true);
    const ok = await new Promise<boolean>((resume) => {
      this.#waiters.push({ ready: () => this.now >= until, due: until, resume });
      this.#release();
    });
    if (!ok) throw new Cancelled();
  }

  /** A job waits in a loop: cancel the others (a failure elsewhere), they end at their next wait. */
  cancel(): void {
    this.#cancelled = true;
  }

  /** Drives every job to its end on virtual time; rethrows the first failure. */
  async wait(): Promise<void> {
    for (;;) {
      await this.#quiet();
      if (this.#cancelled) {
        for (const waiter of this.#waiters.splice(0)) this.#resume(waiter, false);
        if (this.#jobs > 0) continue;
      }
      if (this.#jobs === 0) break;
      const ready = this.#waiters.filter((w) => (w.due === undefined || w.due <= this.now) && w.ready());
      if (ready.length > 0) {
        this.#waiters = this.#waiters.filter((w) => !ready.includes(w));
        // One at a time, each to its next wait: what one does can change what the next sees.
        for (const waiter of ready) {
          this.#resume(waiter, true);
          await this.#quiet();
        }
        continue;
      }
      for (const waiter of this.#waiters) {
        if (waiter.every !== undefined && waiter.due! <= this.now) waiter.due = this.now + waiter.every;
      }
      const more = await this.#session.wait(this.#step());
      this.onTick?.();
      if (!more) this.#interrupted = this.#cancelled = true;
    }
    if (this.#failure !== undefined) throw this.#failure.error;
    // Ctrl-C, or a manual clock's budget of waiting used up.
    if (this.#interrupted) throw new Cancelled('interrupted');
  }

  /** Time to the next moment a waiter could become ready. */
  #step(): number {
    const now = this.now;
    const dues = this.#waiters.flatMap((w) => (w.due !== undefined ? [w.due] : w.wake !== undefined && w.wake > now ? [w.wake] : []));
    let next = dues.length > 0 ? Math.min(...dues) : Infinity;
    if (this.#waiters.some((w) => w.due === undefined)) {
      const task = this.#session.world.engine.nextTaskTime;
      next = Math.min(next, task ?? now + IDLE_STEP_MS, now + IDLE_STEP_MS);
    }
    if (next === Infinity) next = now + IDLE_STEP_MS;
    return Math.max(1, next - now);
  }

  #resume(waiter: Waiter, ok: boolean): void {
    this.#active++;
    waiter.resume(ok);
  }

  /** A job reached a wait or its end. */
  #release(): void {
    this.#active--;
    if (this.#active === 0) this.#idle?.();
  }

  /** Resolves once no job is running (all wait or are done). */
  #quiet(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = () => {
        this.#idle = undefined;
        resolve();
      };
    });
  }
}
