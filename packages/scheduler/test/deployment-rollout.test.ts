// What a user watches during `kubectl set image` on a 3-replica Deployment with the default
// strategy (25 % / 25 %: surge 1, unavailable 0): the ReplicaSets named `<deployment>-<hash>`
// with the pod-template-hash label, the ScalingReplicaSet events in v1.33 wording, the
// conditions, and the lines `kubectl rollout status` prints from the status at every instant.

import { describe, expect, it } from 'vitest';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';
import { rolloutStatusLine } from './support/rollout-status.ts';

function rolledOut() {
  const c = controllerCluster({ behaviour: () => ({ readyAfterMs: 2000 }) });
  c.store.create(deploymentManifest('web'));
  c.engine.runFor(30_000);
  return c;
}

describe('a rolling update as a user sees it', () => {
  it('names the ReplicaSet <deployment>-<pod-template-hash> and stamps the hash on its selector, template and pods', () => {
    const c = rolledOut();
    const [rs] = c.replicaSets('web');
    const hash = rs!.metadata!.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(rs!.metadata!.name).toBe(`web-${hash}`);
    expect(rs!.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs!.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs!.metadata!.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: c.deployment('web').metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    for (const pod of c.pods({ app: 'web' })) {
      expect(pod.metadata!.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    expect(c.deployment('web').metadata!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });

  it('prints kubectl rollout status lines from the status written at every instant', () => {
    const c = rolledOut();
    const lines: string[] = [];
    c.store.watch('*', { resourceVersion: c.store.resourceVersion }, () => {
      const line = rolloutStatusLine(c.deployment('web')).line;
      if (lines.at(-1) !== line) lines.push(line);
    });
    c.setImage('web', 'nginx:1.26');
    c.engine.runFor(60_000);
    expect(lines).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...',
      // The third new pod exists while the last old one is still counted.
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'deployment "web" successfully rolled out',
    ]);
  });

  it('scales one ReplicaSet up and the other down by maxSurge and maxUnavailable, with ScalingReplicaSet events', () => {
    const c = rolledOut();
    c.setImage('web', 'nginx:1.26');
    c.engine.runFor(60_000);
    const [old, current] = c.replicaSets('web').map((rs) => rs.metadata!.name);
    expect(c.events('Deployment', 'web')).toEqual([
      `ScalingReplicaSet Scaled up replica set ${old} from 0 to 3`,
      `ScalingReplicaSet Scaled up replica set ${current} from 0 to 1`,
      `ScalingReplicaSet Scaled down replica set ${old} from 3 to 2`,
      `ScalingReplicaSet Scaled up replica set ${current} from 1 to 2`,
      `ScalingReplicaSet Scaled down replica set ${old} from 2 to 1`,
      `ScalingReplicaSet Scaled up replica set ${current} from 2 to 3`,
      `ScalingReplicaSet Scaled down replica set ${old} from 1 to 0`,
    ]);
    const event = c.store.list('Event').items.find((e) => e.reason === 'ScalingReplicaSet')!;
    expect(event).toMatchObject({ type: 'Normal', source: { component: 'deployment-controller' }, reportingComponent: 'deployment-controller', involvedObject: { kind: 'Deployment', name: 'web' } });
  });

  it('ends with every replica updated and the conditions kubectl describe shows', () => {
    const c = rolledOut();
    c.setImage('web', 'nginx:1.26');
    c.engine.runFor(60_000);
    const [, current] = c.replicaSets('web');
    expect(c.deployment('web').status).toEqual({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: '2025-01-01T00:00:03Z',
          lastTransitionTime: '2025-01-01T00:00:03Z',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: '2025-01-01T00:00:39Z',
          lastTransitionTime: '2025-01-01T00:00:00Z',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${current!.metadata!.name}" has successfully progressed.`,
        },
      ],
    });
    expect(c.deployment('web').metadata!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    expect(c.replicaSets('web').map((rs) => [rs.spec!.replicas, rs.status])).toEqual([
      [0, { replicas: 0, observedGeneration: 4 }],
      [3, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 3 }],
    ]);
  });

  it('shows Progressing NewReplicaSetCreated before the first pod of a new Deployment exists', () => {
    const c = controllerCluster();
    const conditions: string[] = [];
    c.store.watch('Deployment', {}, ({ object }) => {
      for (const cond of object.status?.conditions ?? []) {
        const text = `${cond.type} ${cond.status} ${cond.reason}: ${cond.message}`;
        if (!conditions.includes(text)) conditions.push(text);
      }
    });
    c.store.create(deploymentManifest('web'));
    c.engine.runFor(10_000);
    const rs = c.replicaSets('web')[0]!.metadata!.name;
    expect(conditions).toEqual([
      `Progressing True NewReplicaSetCreated: Created new replica set "${rs}"`,
      'Available False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      `Progressing True ReplicaSetUpdated: ReplicaSet "${rs}" is progressing.`,
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "${rs}" has successfully progressed.`,
    ]);
  });
});
