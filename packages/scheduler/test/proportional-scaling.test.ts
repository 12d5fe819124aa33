// Scaling a Deployment in the middle of a rollout shares the new replicas between its ReplicaSets
// in proportion to their sizes (deployment-sync.ts `scale`). This is the example of the
// Kubernetes documentation (Deployments, "Proportional scaling"): 10 replicas, maxSurge 3,
// maxUnavailable 2, an image that never starts; the rollout stops at 8 old + 5 new, and scaling
// to 15 makes it 11 + 7.

import { describe, expect, it } from 'vitest';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

describe('proportional scaling', () => {
  it('spreads a scale-up mid-rollout over the ReplicaSets as the documentation shows', () => {
    const c = controllerCluster({ behaviour: (pod) => ({ readyAfterMs: pod.spec?.containers[0]?.image === 'nginx:sometag' ? null : 1000 }) });
    c.store.create(deploymentManifest('nginx-deployment', { replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    c.engine.runFor(20_000);
    c.setImage('nginx-deployment', 'nginx:sometag');
    c.engine.runFor(20_000);
    const sizes = () => c.replicaSets('nginx-deployment').map((rs) => rs.spec!.replicas);
    expect(sizes()).toEqual([8, 5]);
    c.editDeployment('nginx-deployment', (d) => {
      d.spec!.replicas = 15;
    });
    c.engine.runFor(20_000);
    expect(sizes()).toEqual([11, 7]);
    // Each ReplicaSet now records the size it was scaled for.
    for (const rs of c.replicaSets('nginx-deployment')) {
      expect(rs.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '15', 'deployment.kubernetes.io/max-replicas': '18' });
    }
    const proportional = c.engine.log.records().filter((r) => r.type === 'deployment-controller.scale' && r.reason === 'proportional scaling');
    expect(proportional.map((r) => [r.from, r.to])).toEqual([
      [8, 11],
      [5, 7],
    ]);
  });

  it('scales down the larger, older ReplicaSets first', () => {
    const c = controllerCluster({ behaviour: (pod) => ({ readyAfterMs: pod.spec?.containers[0]?.image === 'nginx:sometag' ? null : 1000 }) });
    c.store.create(deploymentManifest('web', { replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    c.engine.runFor(20_000);
    c.setImage('web', 'nginx:sometag');
    c.engine.runFor(20_000);
    c.editDeployment('web', (d) => {
      d.spec!.replicas = 5;
    });
    c.engine.runFor(20_000);
    // 5 + maxSurge 3 = 8 allowed, 13 running: −5, shared from the larger (older) one: 8 → 5, 5 → 3.
    const proportional = c.engine.log.records().filter((r) => r.type === 'deployment-controller.scale' && r.reason === 'proportional scaling');
    expect(proportional.map((r) => [r.replicaset, r.from, r.to])).toEqual([
      [c.replicaSets('web')[0]!.metadata!.name, 8, 5],
      [c.replicaSets('web')[1]!.metadata!.name, 5, 3],
    ]);
    // The rollout then goes on inside the new bounds: 3 old available are enough (5 − maxUnavailable 2).
    expect(c.replicaSets('web').map((rs) => rs.spec!.replicas)).toEqual([3, 5]);
  });
});
