// revisionHistoryLimit (default 10): once a rollout is complete, old ReplicaSets beyond the limit
// are deleted, lowest revision first, and only those scaled to 0 (reference §4 "Cleanup").

import { describe, expect, it } from 'vitest';
import { revisionOf } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

function rollThrough(limit: number | undefined, versions: number) {
  const c = controllerCluster();
  c.store.create(deploymentManifest('web', { image: 'nginx:1.0', ...(limit === undefined ? {} : { revisionHistoryLimit: limit }) }));
  c.engine.runFor(20_000);
  for (let i = 1; i <= versions; i++) {
    c.setImage('web', `nginx:1.${i}`);
    c.engine.runFor(30_000);
  }
  return c;
}

describe('revisionHistoryLimit', () => {
  it('keeps the newest 2 old ReplicaSets besides the current one', () => {
    const c = rollThrough(2, 5);
    expect(c.replicaSets('web').map(revisionOf)).toEqual([4, 5, 6]);
    const cleanups = c.engine.log.records().filter((r) => r.type === 'deployment-controller.cleanup').map((r) => r.revision);
    expect(cleanups).toEqual(['1', '2', '3']);
  });

  it('keeps 10 by default', () => {
    const c = rollThrough(undefined, 12);
    expect(c.replicaSets('web').map(revisionOf)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('keeps none with 0, and never deletes a ReplicaSet that still has replicas', () => {
    const c = controllerCluster({ behaviour: (pod) => ({ readyAfterMs: pod.spec?.containers[0]?.image === 'nginx:broken' ? null : 1000 }) });
    c.store.create(deploymentManifest('web', { revisionHistoryLimit: 0 }));
    c.engine.runFor(20_000);
    c.setImage('web', 'nginx:1.26');
    c.engine.runFor(30_000);
    expect(c.replicaSets('web').map(revisionOf)).toEqual([2]);
    // A stuck rollout is not complete: the old ReplicaSet keeps its pods and stays.
    c.setImage('web', 'nginx:broken');
    c.engine.runFor(30_000);
    expect(c.replicaSets('web').map((rs) => [revisionOf(rs), rs.spec!.replicas])).toEqual([
      [2, 3],
      [3, 1],
    ]);
  });
});
