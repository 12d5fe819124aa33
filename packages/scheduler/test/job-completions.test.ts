// A Job runs pods until `completions` of them succeed, at most `parallelism` at a time
// (min(parallelism, completions − succeeded)), counts each finished pod once through the
// job-tracking finalizer, and ends SuccessCriteriaMet then Complete (v1.33: reason
// CompletionsReached, "Reached expected number of succeeded pods") with the event
// `Completed` / `Job completed`.

import { describe, expect, it } from 'vitest';
import { JOB_TRACKING_FINALIZER, type Stored } from '../src/index.ts';
import { controllerCluster, jobManifest } from './support/controller-cluster.ts';

/** Job pods run 5 s and exit 0. */
const succeeding = () => controllerCluster({ behaviour: () => ({ readyAfterMs: 1000, exitAfterMs: 5000, exitCode: 0 }) });

/** The most pods of the Job running at once, checked on every write. */
function watchActive(c: ReturnType<typeof controllerCluster>, job: string) {
  const seen = { max: 0 };
  c.store.watch('Pod', {}, () => {
    seen.max = Math.max(seen.max, c.activePods({ 'job-name': job }).length);
  });
  return seen;
}

describe('Job completions and parallelism', () => {
  it('runs 3 completions one at a time and completes', () => {
    const c = succeeding();
    const active = watchActive(c, 'pi');
    c.store.create(jobManifest('pi', { completions: 3, parallelism: 1 }));
    c.engine.runFor(60_000);
    const job = c.store.get('Job', 'default', 'pi');
    // Each pod: bound at once, running 1 s later, exits 5 s after that; the Job hears of it 1 s later.
    expect(job.status).toEqual({
      startTime: '2025-01-01T00:00:00Z',
      ready: 0,
      terminating: 0,
      succeeded: 3,
      uncountedTerminatedPods: {},
      completionTime: '2025-01-01T00:00:21Z',
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: '2025-01-01T00:00:21Z', lastTransitionTime: '2025-01-01T00:00:21Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: '2025-01-01T00:00:21Z', lastTransitionTime: '2025-01-01T00:00:21Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
    });
    expect(active.max).toBe(1);
    const pods = c.pods({ 'job-name': 'pi' });
    expect(pods.map((p) => p.status!.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    // Counted pods lose the tracking finalizer; finished pods stay for their logs.
    expect(pods.every((p) => p.metadata!.finalizers === undefined)).toBe(true);
    expect(pods.map((p) => p.metadata!.creationTimestamp).sort()).toEqual(['2025-01-01T00:00:00Z', '2025-01-01T00:00:07Z', '2025-01-01T00:00:14Z']);
    const names = [...pods].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1)).map((p) => p.metadata!.name);
    expect(c.events('Job', 'pi')).toEqual([...names.map((n) => `SuccessfulCreate Created pod: ${n}`), 'Completed Job completed']);
  });

  it('creates its pods with the tracking finalizer, the Job labels and generateName <job>-', () => {
    const c = succeeding();
    const job = c.store.create(jobManifest('pi', { completions: 1 }));
    c.engine.runFor(0);
    const [pod] = c.pods({ 'job-name': 'pi' }) as Stored<'Pod'>[];
    expect(pod!.metadata!.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod!.metadata!.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(pod!.metadata!.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi', 'batch.kubernetes.io/controller-uid': job.metadata!.uid });
    expect(pod!.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: job.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('keeps at most parallelism pods running, and fewer for the last completions', () => {
    const c = succeeding();
    const active = watchActive(c, 'batch');
    let lastRound = 0;
    c.store.create(jobManifest('batch', { completions: 5, parallelism: 2 }));
    c.store.watch('Job', {}, ({ object }) => {
      if ((object.status?.succeeded ?? 0) === 4) lastRound = Math.max(lastRound, object.status?.active ?? 0);
    });
    c.engine.runFor(120_000);
    expect(active.max).toBe(2);
    expect(lastRound).toBe(1);
    const status = c.store.get('Job', 'default', 'batch').status!;
    expect(status.succeeded).toBe(5);
    expect(status.conditions?.map((x) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(c.pods({ 'job-name': 'batch' })).toHaveLength(5);
  });

  it('without completions, runs parallelism pods and completes once one succeeded and the rest finished', () => {
    const c = succeeding();
    c.store.create(jobManifest('queue', { parallelism: 3 }));
    c.engine.runFor(60_000);
    const status = c.store.get('Job', 'default', 'queue').status!;
    expect(c.pods({ 'job-name': 'queue' })).toHaveLength(3);
    expect(status.succeeded).toBe(3);
    expect(status.conditions?.map((x) => `${x.type} ${x.reason}`)).toEqual(['SuccessCriteriaMet CompletionsReached', 'Complete CompletionsReached']);
  });

  it('a suspended Job runs no pods until resumed', () => {
    const c = succeeding();
    c.store.create(jobManifest('later', { completions: 1, suspend: true }));
    c.engine.runFor(10_000);
    expect(c.pods({ 'job-name': 'later' })).toHaveLength(0);
    const job = c.store.get('Job', 'default', 'later');
    expect(job.status?.conditions).toEqual([
      { type: 'Suspended', status: 'True', lastProbeTime: '2025-01-01T00:00:00Z', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'JobSuspended', message: 'Job suspended' },
    ]);
    expect(job.status?.startTime).toBeUndefined();
    const resumed = structuredClone(job) as { spec: { suspend: boolean } };
    resumed.spec.suspend = false;
    c.store.update(resumed as never);
    c.engine.runFor(30_000);
    const done = c.store.get('Job', 'default', 'later');
    expect(done.status?.conditions?.map((x) => `${x.type} ${x.status} ${x.reason}`)).toEqual([
      'Suspended False JobResumed',
      'SuccessCriteriaMet True CompletionsReached',
      'Complete True CompletionsReached',
    ]);
    expect(done.status?.startTime).toBe('2025-01-01T00:00:10Z');
    expect(c.events('Job', 'later').filter((e) => !e.startsWith('SuccessfulCreate'))).toEqual(['Suspended Job suspended', 'Resumed Job resumed', 'Completed Job completed']);
  });
});
