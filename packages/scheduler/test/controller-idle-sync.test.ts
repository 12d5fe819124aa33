// A sync with nothing to do changes nothing: once a Deployment has rolled out and a Job has
// finished, events that wake their controllers (an unrelated annotation, a resync) write nothing
// and leave every object as it was, the very same frozen object.

import { describe, expect, it } from 'vitest';
import { deepCopy } from '../src/index.ts';
import { controllerCluster, deploymentManifest, jobManifest } from './support/controller-cluster.ts';

describe('idle syncs', () => {
  it('write nothing once everything has settled', () => {
    const c = controllerCluster({ behaviour: (pod) => (pod.metadata?.labels?.['job-name'] === undefined ? {} : { exitAfterMs: 2000 }) });
    c.store.create(deploymentManifest('web'));
    c.store.create(jobManifest('once', {}));
    c.engine.runFor(30_000);
    const before = {
      deployment: c.deployment('web'),
      replicaSet: c.replicaSets('web')[0]!,
      job: c.store.get('Job', 'default', 'once'),
      pods: c.pods({ app: 'web' }),
    };
    const writes: string[] = [];
    c.store.watch('*', { resourceVersion: c.store.resourceVersion }, ({ type, object }) => writes.push(`${type} ${object.kind}/${object.metadata!.name}`));
    // Wake the ReplicaSet and Deployment controllers (a pod and the ReplicaSet change), the Job
    // controller (the Job changes) with edits none of them acts on.
    const pod = deepCopy(before.pods[0]!);
    pod.metadata!.annotations = { note: 'hello' };
    c.store.update(pod);
    const rs = deepCopy(before.replicaSet);
    rs.metadata!.annotations = { ...rs.metadata!.annotations, note: 'hello' };
    c.store.update(rs);
    const job = deepCopy(before.job);
    job.metadata!.labels = { ...job.metadata!.labels, note: 'hello' };
    c.store.update(job);
    // The edits did wake them.
    const queued = c.engine.snapshot().queue.tasks.map(([, , type]) => type);
    expect(queued).toEqual(expect.arrayContaining(['replicaset-controller.sync', 'deployment-controller.sync', 'job-controller.wake']));
    c.engine.runFor(10_000);
    // Only the three edits themselves (and the kubelets' lease renewals).
    expect(writes.filter((w) => !w.includes('Lease/'))).toEqual([
      `MODIFIED Pod/${before.pods[0]!.metadata!.name}`,
      `MODIFIED ReplicaSet/${before.replicaSet.metadata!.name}`,
      'MODIFIED Job/once',
    ]);
    expect(c.deployment('web')).toBe(before.deployment);
    expect(c.pods({ app: 'web' }).slice(1)).toEqual(before.pods.slice(1));
    for (const [i, p] of c.pods({ app: 'web' }).entries()) if (i > 0) expect(p).toBe(before.pods[i]);
  });
});
