// Pausing a Deployment (`kubectl rollout pause`): template changes wait, replica changes still
// apply, Progressing turns Unknown / DeploymentPaused; resuming reports DeploymentResumed and
// rolls out what changed meanwhile.

import { describe, expect, it } from 'vitest';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

function progressing(c: ReturnType<typeof controllerCluster>) {
  const cond = c.deployment('web').status?.conditions?.find((x) => x.type === 'Progressing');
  return `${cond?.status} ${cond?.reason}: ${cond?.message}`;
}

describe('pause and resume', () => {
  it('holds template changes while paused, scales anyway, and rolls out on resume', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web', { replicas: 3 }));
    c.engine.runFor(20_000);
    c.editDeployment('web', (d) => {
      d.spec!.paused = true;
    });
    c.engine.runFor(1000);
    expect(progressing(c)).toBe('Unknown DeploymentPaused: Deployment is paused');
    c.setImage('web', 'nginx:1.26');
    c.editDeployment('web', (d) => {
      d.spec!.replicas = 5;
    });
    c.engine.runFor(20_000);
    expect(c.replicaSets('web')).toHaveLength(1);
    expect(c.activePods({ app: 'web' }).map((p) => p.spec!.containers[0]!.image)).toEqual(Array(5).fill('nginx:1.25'));
    // Four spec changes: created, paused, image, replicas.
    expect(c.deployment('web').status).toMatchObject({ observedGeneration: 4, replicas: 5, availableReplicas: 5 });
    // No pod runs the new template: updatedReplicas is 0, which the API leaves out.
    expect(c.deployment('web').status?.updatedReplicas).toBeUndefined();

    c.editDeployment('web', (d) => {
      d.spec!.paused = false;
    });
    c.engine.runFor(0);
    expect(c.replicaSets('web')).toHaveLength(2);
    c.engine.runFor(60_000);
    expect(c.activePods({ app: 'web' }).map((p) => p.spec!.containers[0]!.image)).toEqual(Array(5).fill('nginx:1.26'));
    expect(progressing(c)).toBe(`True NewReplicaSetAvailable: ReplicaSet "${c.replicaSets('web')[1]!.metadata!.name}" has successfully progressed.`);
  });

  it('reports DeploymentResumed between pause and the next rollout', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web'));
    c.engine.runFor(20_000);
    const seen: string[] = [];
    c.store.watch('Deployment', { resourceVersion: c.store.resourceVersion }, () => {
      const line = progressing(c);
      if (seen.at(-1) !== line) seen.push(line);
    });
    c.editDeployment('web', (d) => {
      d.spec!.paused = true;
    });
    c.engine.runFor(1000);
    c.editDeployment('web', (d) => {
      d.spec!.paused = false;
    });
    c.engine.runFor(1000);
    expect(seen.slice(0, 3)).toEqual([
      `True NewReplicaSetAvailable: ReplicaSet "${c.replicaSets('web')[0]!.metadata!.name}" has successfully progressed.`,
      'Unknown DeploymentPaused: Deployment is paused',
      'Unknown DeploymentResumed: Deployment is resumed',
    ]);
  });
});
