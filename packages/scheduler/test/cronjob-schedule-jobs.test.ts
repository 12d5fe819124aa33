// A CronJob creates a Job at each schedule time, 100 ms after it, named <cronjob>-<minutes since
// the Unix epoch>, keeps 3 successful and 1 failed Job, and follows concurrencyPolicy and suspend.

import { describe, expect, it } from 'vitest';
import type { CronJob } from 'kubernetes-types/batch/v1';
import { deepCopy } from '../src/index.ts';
import { controllerCluster } from './support/controller-cluster.ts';

/** Minutes since the Unix epoch at virtual minute m (virtual 0 is 2025-01-01T00:00:00Z). */
const minute = (m: number) => 28_928_160 + m;

function cronJob(extra: Partial<NonNullable<CronJob['spec']>> = {}, exitCode = 0, runMs = 5000): { manifest: CronJob; cluster: ReturnType<typeof controllerCluster> } {
  const cluster = controllerCluster({ behaviour: () => ({ readyAfterMs: 500, exitAfterMs: runMs, exitCode }) });
  const manifest: CronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }] } } } },
      ...extra,
    },
  };
  return { manifest, cluster };
}

const jobs = (c: ReturnType<typeof controllerCluster>) => c.store.list('Job', { namespace: 'default' }).items.map((j) => j.metadata!.name).sort();

describe('CronJob', () => {
  it('creates a Job per minute, 100 ms after the minute, and keeps the last 3 that succeeded', () => {
    const { manifest, cluster: c } = cronJob();
    c.store.create(manifest);
    c.engine.runUntil(60_099);
    expect(jobs(c)).toEqual([]);
    c.engine.runUntil(60_100);
    expect(jobs(c)).toEqual([`hello-${minute(1)}`]);
    const job = c.store.get('Job', 'default', `hello-${minute(1)}`);
    expect(job.metadata!.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:01:00Z' });
    expect(job.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: c.store.get('CronJob', 'default', 'hello').metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(c.store.get('CronJob', 'default', 'hello').status).toMatchObject({ lastScheduleTime: '2025-01-01T00:01:00Z', active: [{ kind: 'Job', name: `hello-${minute(1)}` }] });
    c.engine.runUntil(5 * 60_000 + 200);
    // Three that succeeded, and the one running.
    expect(jobs(c)).toEqual([minute(2), minute(3), minute(4), minute(5)].map((m) => `hello-${m}`));
    const status = c.store.get('CronJob', 'default', 'hello').status!;
    expect(status.lastScheduleTime).toBe('2025-01-01T00:05:00Z');
    expect(status.lastSuccessfulTime).toBe('2025-01-01T00:04:07Z');
    const events = c.events('CronJob', 'hello');
    expect(events.slice(0, 3)).toEqual([`SuccessfulCreate Created job hello-${minute(1)}`, `SawCompletedJob Saw completed job: hello-${minute(1)}, condition: Complete`, `SuccessfulCreate Created job hello-${minute(2)}`]);
    expect(events).toContain(`SuccessfulDelete Deleted job hello-${minute(1)}`);
  });

  it('keeps only the last failed Job', () => {
    const { manifest, cluster: c } = cronJob({ jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } } }, 1);
    c.store.create(manifest);
    c.engine.runUntil(3 * 60_000 + 30_000);
    expect(jobs(c)).toEqual([`hello-${minute(3)}`]);
  });

  it('with Forbid, skips a run while the previous one runs, and starts it late once that one is done', () => {
    // Without startingDeadlineSeconds a skipped run is still due (the documentation's note on Forbid).
    const { manifest, cluster: c } = cronJob({ concurrencyPolicy: 'Forbid' }, 0, 90_000);
    c.store.create(manifest);
    c.engine.runUntil(3 * 60_000 + 30_000);
    expect(jobs(c)).toEqual([`hello-${minute(1)}`, `hello-${minute(2)}`]);
    const created = c.engine.log.records().filter((r) => r.type === 'cronjob-controller.create-job').map((r) => [r.job, r.t]);
    // Job 1 runs from 1:01.1 to 2:32.1; the Job controller sees it done at once, the CronJob then.
    expect(created).toEqual([
      [`hello-${minute(1)}`, 60_100],
      [`hello-${minute(2)}`, 152_100],
    ]);
    expect(c.events('CronJob', 'hello').filter((e) => e.startsWith('JobAlreadyActive'))).toEqual([
      'JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
    ]);
  });

  it('with Replace, deletes the running Job for the new one', () => {
    const { manifest, cluster: c } = cronJob({ concurrencyPolicy: 'Replace' }, 0, 90_000);
    c.store.create(manifest);
    c.engine.runUntil(2 * 60_000 + 30_000);
    expect(jobs(c)).toEqual([`hello-${minute(2)}`]);
    expect(c.events('CronJob', 'hello')).toContain(`SuccessfulDelete Deleted job hello-${minute(1)}`);
  });

  it('creates nothing while suspended, then runs the next schedule', () => {
    const { manifest, cluster: c } = cronJob({ suspend: true });
    c.store.create(manifest);
    c.engine.runUntil(3 * 60_000 + 30_000);
    expect(jobs(c)).toEqual([]);
    const resumed = deepCopy(c.store.get('CronJob', 'default', 'hello')) as CronJob;
    resumed.spec!.suspend = false;
    resumed.spec!.startingDeadlineSeconds = 10;
    c.store.update(resumed);
    c.engine.runUntil(4 * 60_000 + 30_000);
    // The 3:00 start is more than startingDeadlineSeconds late: only 4:00 runs.
    expect(jobs(c)).toEqual([`hello-${minute(4)}`]);
  });

  it('reports an unparseable schedule', () => {
    const { manifest, cluster: c } = cronJob({ schedule: '* * *' });
    c.store.create(manifest);
    c.engine.runFor(1000);
    expect(c.events('CronJob', 'hello')).toEqual(['UnparseableSchedule unparseable schedule: "* * *" : expected exactly 5 fields, found 3: [* * *]']);
  });
});
