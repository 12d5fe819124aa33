// The Recreate strategy (reference §4): every old pod goes first; the new ReplicaSet is created
// and scaled to the full count only once no old pod is left, terminating ones included.

import { describe, expect, it } from 'vitest';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0, waits for its pods to be gone, then creates the new one at full size', () => {
    // Pods take 5 s to stop: the gap is visible.
    const c = controllerCluster({ stopMs: 5000 });
    c.store.create(deploymentManifest('web', { strategy: 'Recreate', replicas: 3 }));
    c.engine.runFor(20_000);
    const images = new Set<string>();
    let overlap = false;
    c.store.watch('Pod', { resourceVersion: c.store.resourceVersion }, () => {
      const present = new Set(c.pods({ app: 'web' }).map((p) => p.spec!.containers[0]!.image!));
      for (const image of present) images.add(image);
      if (present.size > 1) overlap = true;
    });
    const start = c.engine.now;
    c.setImage('web', 'nginx:1.26');
    c.engine.runFor(30_000);
    expect(overlap).toBe(false);
    const [old, current] = c.replicaSets('web').map((rs) => rs.metadata!.name);
    expect(c.events('Deployment', 'web')).toEqual([
      `ScalingReplicaSet Scaled up replica set ${old} from 0 to 3`,
      `ScalingReplicaSet Scaled down replica set ${old} from 3 to 0`,
      `ScalingReplicaSet Scaled up replica set ${current} from 0 to 3`,
    ]);
    const created = c.engine.log.records().find((r) => r.type === 'deployment-controller.new-replicaset' && r.replicaset === current)!;
    expect(created.t).toBe(start + 5000);
    expect(c.activePods({ app: 'web' }).map((p) => p.spec!.containers[0]!.image)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
  });
});
