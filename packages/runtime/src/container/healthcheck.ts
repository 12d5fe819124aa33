// HEALTHCHECK as the Docker daemon runs it (moby daemon/health.go, k8s-docker-facts §9):
// defaults 30 s interval, 30 s timeout, 0 s start period, 3 retries, 5 s start interval; the
// timing rule that picks the next probe's delay; failures inside the start period not counted
// while the status is still `starting`; the last 5 results kept with output cut at 4096 bytes.

import type { ImageConfig } from '../image/image.ts';
import { toRFC3339Nano } from '../sim/wall-time.ts';

/** The image's HEALTHCHECK, or a container's override (durations in nanoseconds). */
export type Healthcheck = NonNullable<ImageConfig['Healthcheck']>;

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

export interface HealthState {
  Status: HealthStatus;
  FailingStreak: number;
  Log: HealthLogEntry[];
}

const NS_PER_MS = 1_000_000;
export const HEALTH_DEFAULTS = { interval: 30_000, timeout: 30_000, startPeriod: 0, startInterval: 5_000, retries: 3 };
const MAX_LOG_ENTRIES = 5;
const MAX_OUTPUT = 4096;

export interface HealthTiming {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  startIntervalMs: number;
  retries: number;
}

export function healthTiming(check: Healthcheck): HealthTiming {
  const ms = (ns: number | undefined, fallback: number) => (ns ? Math.round(ns / NS_PER_MS) : fallback);
  return {
    intervalMs: ms(check.Interval, HEALTH_DEFAULTS.interval),
    timeoutMs: ms(check.Timeout, HEALTH_DEFAULTS.timeout),
    startPeriodMs: ms(check.StartPeriod, HEALTH_DEFAULTS.startPeriod),
    startIntervalMs: ms(check.StartInterval, HEALTH_DEFAULTS.startInterval),
    retries: check.Retries || HEALTH_DEFAULTS.retries,
  };
}

/** The command a probe runs, or undefined when the check is disabled (`NONE` or no test). */
export function probeCommand(check: Healthcheck | undefined): string[] | undefined {
  const test = check?.Test;
  if (!test || test.length === 0 || test[0] === 'NONE') return undefined;
  if (test[0] === 'CMD') return test.slice(1);
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  return undefined;
}

/** The delay before the next probe, measured from now (moby's getInterval). */
export function nextProbeDelay(timing: HealthTiming, status: HealthStatus, sinceStartMs: number): number {
  if (sinceStartMs >= timing.startPeriodMs) return timing.intervalMs;
  const remaining = timing.startPeriodMs - sinceStartMs;
  if (remaining < timing.intervalMs) return remaining;
  if (status === 'starting') return timing.startIntervalMs;
  return timing.intervalMs;
}

/** Records one probe's result; returns the new status. */
export function recordProbe(health: HealthState, timing: HealthTiming, result: { start: number; end: number; exitCode: number; output: string }, probeBeganSinceStartMs: number): HealthStatus {
  const output = result.output.length > MAX_OUTPUT ? result.output.slice(0, MAX_OUTPUT) + '...' : result.output;
  health.Log.push({ Start: toRFC3339Nano(result.start), End: toRFC3339Nano(result.end), ExitCode: result.exitCode, Output: output });
  if (health.Log.length > MAX_LOG_ENTRIES) health.Log.splice(0, health.Log.length - MAX_LOG_ENTRIES);
  if (result.exitCode === 0) {
    health.FailingStreak = 0;
    health.Status = 'healthy';
    return health.Status;
  }
  const inStartPeriod = probeBeganSinceStartMs < timing.startPeriodMs;
  if (health.Status === 'starting' && inStartPeriod) return health.Status;
  health.FailingStreak++;
  if (health.FailingStreak >= timing.retries) health.Status = 'unhealthy';
  return health.Status;
}

export function timeoutMessage(timing: HealthTiming): string {
  const s = timing.timeoutMs / 1000;
  return `Health check exceeded timeout (${Number.isInteger(s) ? `${s}s` : `${timing.timeoutMs}ms`})`;
}
