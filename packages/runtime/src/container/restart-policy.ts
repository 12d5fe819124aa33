// Docker's restart policies and the delay before each restart, as moby's restartmanager decides
// them: the delay starts at 100 ms and doubles after each restart, up to one minute, and goes back
// to 100 ms when the container had run for 10 s or more. A container stopped by hand (docker stop,
// docker kill) is not restarted.

export type RestartPolicyName = 'no' | 'always' | 'on-failure' | 'unless-stopped';

export interface RestartPolicy {
  Name: RestartPolicyName | '';
  MaximumRetryCount: number;
}

export const RESTART_DELAY_INITIAL_MS = 100;
export const RESTART_DELAY_MAX_MS = 60_000;
export const RESTART_RESET_AFTER_MS = 10_000;

/** `--restart` text as docker parses it; an error message when invalid. */
export function parseRestartPolicy(text: string): RestartPolicy | string {
  const [name = '', count] = text.split(':');
  if (name === 'on-failure') {
    if (count !== undefined && !/^\d+$/.test(count)) return `invalid restart policy: maximum retry count must be an integer`;
    return { Name: 'on-failure', MaximumRetryCount: Number(count ?? 0) };
  }
  if (name === 'no' || name === 'always' || name === 'unless-stopped') {
    if (count !== undefined) return `invalid restart policy: maximum retry count can only be used with 'on-failure'`;
    return { Name: name, MaximumRetryCount: 0 };
  }
  return `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
}

export interface RestartDecision {
  restart: boolean;
  /** The manager's delay after this exit (kept even when not restarting). */
  delayMs: number;
}

/**
 * Whether to restart after an exit, and after how long. `previousDelayMs` is 0 before the first
 * restart; `restartCount` counts restarts so far (for on-failure's maximum).
 */
export function shouldRestart(policy: RestartPolicy, exitCode: number, manuallyStopped: boolean, ranForMs: number, previousDelayMs: number, restartCount: number): RestartDecision {
  let delay = ranForMs >= RESTART_RESET_AFTER_MS ? 0 : previousDelayMs;
  delay = delay === 0 ? RESTART_DELAY_INITIAL_MS : Math.min(delay * 2, RESTART_DELAY_MAX_MS);
  if (manuallyStopped) return { restart: false, delayMs: delay };
  switch (policy.Name) {
    case 'always':
    case 'unless-stopped':
      return { restart: true, delayMs: delay };
    case 'on-failure': {
      const underMax = policy.MaximumRetryCount === 0 || restartCount < policy.MaximumRetryCount;
      return { restart: underMax && exitCode !== 0, delayMs: delay };
    }
    default:
      return { restart: false, delayMs: delay };
  }
}
