// `kubectl rollout restart` sets the template annotation kubectl.kubernetes.io/restartedAt: a new
// template, so a new ReplicaSet and a rolling update of every pod, with the same image.

import { describe, expect, it } from 'vitest';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

describe('rollout restart', () => {
  it('replaces every pod through a new ReplicaSet', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web'));
    c.engine.runFor(20_000);
    const before = new Set(c.activePods({ app: 'web' }).map((p) => p.metadata!.name));
    c.editDeployment('web', (d) => {
      d.spec!.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:20Z' };
    });
    c.engine.runFor(60_000);
    const pods = c.activePods({ app: 'web' });
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => before.has(p.metadata!.name))).toEqual([]);
    expect(pods.every((p) => p.metadata!.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2025-01-01T00:00:20Z')).toBe(true);
    expect(c.replicaSets('web').map((rs) => rs.spec!.replicas)).toEqual([0, 3]);
    expect(c.deployment('web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
  });
});
