// The kubelet's two back-offs, both client-go's `flowcontrol.Backoff` (jitter 0): an entry per key
// that starts at 10 s, doubles at each `next` and stops at 300 s.
// - Crash loops (reference §1): keyed by pod and container; the window is measured from the
//   exited container's finishedAt, and an entry whose last update is more than 600 s before the
//   new crash has expired (the kubelet's own HasExpiredFunc: 10 minutes of running without
//   problems reset it). [k/k pkg/kubelet/kubelet.go `initialCrashLoopBackOff`,
//   `MaxContainerBackOff`, `crashLoopBackOff.HasExpiredFunc`; kuberuntime_manager.go `doBackOff`]
// - Image pulls: keyed by pod UID and image; the window is measured from the last failed pull,
//   and an entry expires after 2 × the maximum (client-go's default).
//   [k/k pkg/kubelet/kubelet.go `imageBackOffPeriod`, `MaxImageBackOff`]
// The state is plain JSON so a snapshot carries it.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
/** The kubelet's crash-loop expiry: an entry untouched for 10 minutes starts over. */
export const CRASHLOOP_RESET_MS = 600_000;

export interface BackoffEntry {
  /** The current window. */
  backoffMs: number;
  /** When `next` last ran (virtual ms). */
  lastUpdate: number;
}

export type BackoffState = Record<string, BackoffEntry>;

export class Backoff {
  constructor(
    private state: BackoffState,
    /** How old an entry may be (event time minus last update) before it starts over. */
    private readonly expiresAfterMs: number,
    private readonly initialMs = INITIAL_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  /** The current window of `key`, or 0 without an entry (`Backoff.Get`). */
  get(key: string): number {
    return this.state[key]?.backoffMs ?? 0;
  }

  /** Moves `key` to its next window at `now`: 10 s for a new or expired entry, else doubled up to the cap. */
  next(key: string, eventTime: number, now: number): BackoffEntry {
    const entry = this.state[key];
    const backoffMs = entry === undefined || this.#expired(entry, eventTime) ? this.initialMs : Math.min(entry.backoffMs * 2, this.maxMs);
    const updated = { backoffMs, lastUpdate: now };
    this.state[key] = updated;
    return updated;
  }

  /** Still inside the window that started at `eventTime` (`IsInBackOffSince`). */
  inBackoffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.state[key];
    if (entry === undefined || this.#expired(entry, eventTime)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** Still inside the window that started at the last update (`IsInBackOffSinceUpdate`). */
  inBackoffSinceUpdate(key: string, now: number): boolean {
    const entry = this.state[key];
    if (entry === undefined || this.#expired(entry, now)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** Forgets every key that starts with `prefix` (a pod that is gone). */
  forget(prefix: string): void {
    for (const key of Object.keys(this.state)) if (key.startsWith(prefix)) delete this.state[key];
  }

  #expired(entry: BackoffEntry, eventTime: number): boolean {
    return eventTime - entry.lastUpdate > this.expiresAfterMs;
  }
}

/** The crash-loop back-off over `state`. */
export function crashLoopBackoff(state: BackoffState): Backoff {
  return new Backoff(state, CRASHLOOP_RESET_MS);
}

/** The image pull back-off over `state` (client-go's default expiry, 2 × the maximum). */
export function imagePullBackoff(state: BackoffState): Backoff {
  return new Backoff(state, 2 * MAX_BACKOFF_MS);
}
