// A Job whose pods fail (reference: Job pod failure back-off, k/k backoff_utils.go): the next pod
// waits 10 s after the last failure, 20 s after two, 40 s after three ... at most 6 minutes; when
// failed > backoffLimit the Job gets FailureTarget then Failed (BackoffLimitExceeded, "Job has
// reached the specified backoff limit") and a Warning event; backoffLimit 3 means 4 pods.

import { describe, expect, it } from 'vitest';
import { fromRFC3339 } from '@dockyard/runtime';
import { DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS } from '../src/index.ts';
import { remainingBackoff } from '../src/controllers/job-backoff.ts';
import { controllerCluster, jobManifest } from './support/controller-cluster.ts';

const failing = () => controllerCluster({ behaviour: () => ({ readyAfterMs: 1000, exitAfterMs: 2000, exitCode: 1 }) });

describe('Job back-off and backoffLimit', () => {
  it('waits 10 s, 20 s, 40 s after each failure, then fails after backoffLimit + 1 pods', () => {
    const c = failing();
    c.store.create(jobManifest('flaky', { backoffLimit: 3 }));
    c.engine.runFor(300_000);
    const pods = c.pods({ 'job-name': 'flaky' }).sort((a, b) => fromRFC3339(a.metadata!.creationTimestamp!) - fromRFC3339(b.metadata!.creationTimestamp!));
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.status?.phase === 'Failed')).toBe(true);
    const gaps = pods.slice(1).map((p, i) => fromRFC3339(p.metadata!.creationTimestamp!) - fromRFC3339(pods[i]!.status!.containerStatuses![0]!.state!.terminated!.finishedAt!));
    expect(gaps).toEqual([10_000, 20_000, 40_000]);
    const status = c.store.get('Job', 'default', 'flaky').status!;
    expect(status.failed).toBe(4);
    expect(status.succeeded).toBeUndefined();
    expect(status.completionTime).toBeUndefined();
    const when = pods[3]!.status!.containerStatuses![0]!.state!.terminated!.finishedAt;
    expect(status.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    // The Job hears of the last failure within a second (pod events are batched by a second).
    const failedAt = fromRFC3339(status.conditions![1]!.lastTransitionTime!);
    expect(failedAt - fromRFC3339(when!)).toBeGreaterThanOrEqual(0);
    expect(failedAt - fromRFC3339(when!)).toBeLessThanOrEqual(1000);
    const warning = c.store.list('Event').items.find((e) => e.reason === 'BackoffLimitExceeded')!;
    expect(warning).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit', source: { component: 'job-controller' } });
  });

  it('doubles from 10 s up to the 6 minute cap', () => {
    expect(DEFAULT_JOB_POD_FAILURE_BACKOFF_MS).toBe(10_000);
    expect(MAX_JOB_POD_FAILURE_BACKOFF_MS).toBe(360_000);
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((failures) => remainingBackoff({ failuresAfterLastSuccess: failures, lastFailureTime: 0 }, 0));
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 360_000, 360_000]);
    expect(remainingBackoff({ failuresAfterLastSuccess: 2, lastFailureTime: 0 }, 15_000)).toBe(5_000);
    expect(remainingBackoff({ failuresAfterLastSuccess: 2, lastFailureTime: 0 }, 25_000)).toBe(0);
  });

  it('with backoffLimit 0 fails at the first failure', () => {
    const c = failing();
    c.store.create(jobManifest('once', { backoffLimit: 0 }));
    c.engine.runFor(60_000);
    expect(c.pods({ 'job-name': 'once' })).toHaveLength(1);
    expect(c.store.get('Job', 'default', 'once').status?.conditions?.at(-1)).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded' });
  });

  it('with restartPolicy OnFailure counts container restarts, and deletes the pod when it gives up', () => {
    const c = failing();
    c.store.create(jobManifest('retry', { backoffLimit: 2, restartPolicy: 'OnFailure' }));
    c.engine.runFor(120_000);
    const status = c.store.get('Job', 'default', 'retry').status!;
    expect(status.conditions?.map((x) => `${x.type} ${x.reason}`)).toEqual(['FailureTarget BackoffLimitExceeded', 'Failed BackoffLimitExceeded']);
    // The kubelet restarted the one pod in place; giving up deletes it (its logs go with it).
    expect(c.pods({ 'job-name': 'retry' })).toHaveLength(0);
    expect(status.failed).toBe(1);
    expect(c.events('Job', 'retry').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(1);
  });

  it('fails a Job active longer than activeDeadlineSeconds', () => {
    const c = controllerCluster({ behaviour: () => ({ readyAfterMs: 1000 }) });
    c.store.create(jobManifest('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 2 }));
    c.engine.runFor(60_000);
    const status = c.store.get('Job', 'default', 'slow').status!;
    expect(status.conditions?.map((x) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(status.conditions![0]!.lastTransitionTime).toBe('2025-01-01T00:00:30Z');
    expect(status.failed).toBe(2);
    expect(c.activePods({ 'job-name': 'slow' })).toHaveLength(0);
  });
});
