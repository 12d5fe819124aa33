// A ReplicaSet keeps spec.replicas active pods: it creates them from its template (generateName
// `<rs>-` + 5 characters, a controller ownerReference, `SuccessfulCreate` events), adopts matching
// orphans, releases pods that stop matching, replaces finished ones, creates at most burstReplicas
// a sync, and reports replicas / fullyLabeledReplicas / readyReplicas / availableReplicas
// (minReadySeconds) / observedGeneration.

import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { deepCopy } from '../src/index.ts';
import { controllerCluster } from './support/controller-cluster.ts';

function replicaSet(replicas: number, extra: Partial<NonNullable<ReplicaSet['spec']>> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      ...extra,
    },
  };
}

describe('ReplicaSet controller', () => {
  it('creates the pods from its template, owned by it, with SuccessfulCreate events', () => {
    const c = controllerCluster();
    const rs = c.store.create(replicaSet(3));
    c.engine.runFor(0);
    const pods = c.pods({ app: 'web' });
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata!.generateName).toBe('web-');
      expect(pod.metadata!.labels).toEqual({ app: 'web', tier: 'front' });
      expect(pod.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect([...c.events('ReplicaSet', 'web')].sort()).toEqual(pods.map((p) => `SuccessfulCreate Created pod: ${p.metadata!.name}`).sort());
    const event = c.store.list('Event').items.find((e) => e.reason === 'SuccessfulCreate')!;
    expect(event).toMatchObject({ type: 'Normal', source: { component: 'replicaset-controller' }, count: 1, involvedObject: { kind: 'ReplicaSet', name: 'web', apiVersion: 'apps/v1' } });
  });

  it('reports ready and available replicas as the pods come up', () => {
    const c = controllerCluster();
    c.store.create(replicaSet(3));
    c.engine.runFor(0);
    expect(c.store.get('ReplicaSet', 'default', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    c.engine.runFor(2000);
    expect(c.store.get('ReplicaSet', 'default', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('counts a pod available only once minReadySeconds have passed since it became ready', () => {
    const c = controllerCluster();
    c.store.create(replicaSet(2, { minReadySeconds: 10 }));
    // Bound at 0, running at 1 s, ready at 2 s: available strictly after 12 s, when the controller
    // looks again (minReadySeconds after the sync that saw them all ready).
    c.engine.runUntil(12_000);
    expect(c.store.get('ReplicaSet', 'default', 'web').status).toMatchObject({ readyReplicas: 2 });
    expect(c.store.get('ReplicaSet', 'default', 'web').status?.availableReplicas).toBeUndefined();
    c.engine.runUntil(12_001);
    expect(c.store.get('ReplicaSet', 'default', 'web').status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('adopts a matching orphan instead of creating a pod', () => {
    const c = controllerCluster();
    const orphan = c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'x', image: 'nginx:1.25' }] } });
    const rs = c.store.create(replicaSet(2));
    c.engine.runFor(0);
    expect(c.pods({ app: 'web' })).toHaveLength(2);
    expect(c.store.get('Pod', 'default', 'stray').metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(c.store.get('ReplicaSet', 'default', 'web').status?.fullyLabeledReplicas).toBe(1);
    expect(orphan.metadata!.ownerReferences).toBeUndefined();
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const c = controllerCluster();
    c.store.create(replicaSet(2));
    c.engine.runFor(3000);
    const [victim] = c.pods({ app: 'web' });
    const relabelled = deepCopy(victim!);
    relabelled.metadata!.labels = { app: 'debug' };
    c.store.update(relabelled);
    c.engine.runFor(0);
    expect(c.store.get('Pod', 'default', victim!.metadata!.name!).metadata!.ownerReferences).toBeUndefined();
    expect(c.pods({ app: 'web' })).toHaveLength(2);
  });

  it('replaces a pod that failed', () => {
    const c = controllerCluster();
    c.store.create(replicaSet(2));
    c.engine.runFor(3000);
    const [failing] = c.pods({ app: 'web' });
    // restartPolicy Always: the fake kubelet restarts it in place; a Never pod would end Failed.
    const failed = deepCopy(failing!);
    failed.status!.phase = 'Failed';
    c.store.updateStatus(failed);
    c.engine.runFor(0);
    expect(c.activePods({ app: 'web' })).toHaveLength(2);
    expect(c.store.get('ReplicaSet', 'default', 'web').status?.replicas).toBe(2);
  });

  it('creates at most burstReplicas pods a sync', () => {
    const c = controllerCluster({ manager: { replicaSet: { burstReplicas: 2 } } });
    c.store.create(replicaSet(5));
    c.engine.runFor(0);
    const batches = c.engine.log.records().filter((r) => r.type === 'replicaset-controller.create-pods').map((r) => r.creating);
    expect(batches).toEqual([2, 2, 1]);
    expect(c.pods({ app: 'web' })).toHaveLength(5);
  });
});
