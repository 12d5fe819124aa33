// The Job controller's pod failure back-off (k/k `pkg/controller/job/backoff_utils.go`): a Job
// whose pods fail waits before it creates the next one, 10 s after the first failure since the
// last success, doubling with each further failure, at most 6 minutes
// (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff), measured from when the last failed pod
// finished. A success resets the count.

import { fromRFC3339 } from '@dockyard/runtime';
import type { PodView } from './pod-util.ts';

export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 360_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Virtual ms, when the last counted failure finished. */
  lastFailureTime?: number;
}

/**
 * When a pod finished (getFinishedTime): its containers' latest finishedAt when all have
 * terminated, else when its Ready condition turned False, else its deletion time minus the grace
 * period, else its creation.
 */
export function podFinishedTime(pod: PodView): number {
  const statuses = pod.status?.containerStatuses ?? [];
  if (statuses.length > 0 && statuses.every((s) => s.state?.terminated?.finishedAt !== undefined)) {
    return Math.max(...statuses.map((s) => fromRFC3339(s.state!.terminated!.finishedAt!)));
  }
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime !== undefined) return fromRFC3339(ready.lastTransitionTime);
  if (pod.metadata?.deletionTimestamp !== undefined) {
    return fromRFC3339(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  }
  return fromRFC3339(pod.metadata?.creationTimestamp ?? '');
}

function byFinishedTime(pods: readonly PodView[]): PodView[] {
  return [...pods].sort((a, b) => podFinishedTime(a) - podFinishedTime(b));
}

/** newBackoffRecord: the stored record updated with pods that finished since it was saved. */
export function nextBackoffRecord(old: BackoffRecord | undefined, newSucceeded: readonly PodView[], newFailed: readonly PodView[]): BackoffRecord {
  const record: BackoffRecord = { failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0 };
  if (old?.lastFailureTime !== undefined) record.lastFailureTime = old.lastFailureTime;
  const succeeded = byFinishedTime(newSucceeded);
  const failed = byFinishedTime(newFailed);
  if (succeeded.length === 0) {
    if (failed.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length, lastFailureTime: podFinishedTime(failed[failed.length - 1]!) };
  }
  const next: BackoffRecord = { failuresAfterLastSuccess: 0 };
  const lastSuccess = podFinishedTime(succeeded[succeeded.length - 1]!);
  for (let i = failed.length - 1; i >= 0; i--) {
    const time = podFinishedTime(failed[i]!);
    if (time <= lastSuccess) break;
    next.lastFailureTime ??= time;
    next.failuresAfterLastSuccess++;
  }
  return next;
}

/** getRemainingTime: ms to wait before the next pod, 0 when none. */
export function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_JOB_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_JOB_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
