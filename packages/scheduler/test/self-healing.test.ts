// Self-healing after a node dies (reference §6, "Pods on a dead node"): the node controller marks
// the silent node Unknown after the 50 s grace period and taints it NoExecute; the taint-eviction
// controller deletes its pods when their 300 s toleration runs out; the ReplicaSet no longer counts
// them and creates replacements, which the scheduler puts on healthy nodes. The deleted pods stay
// Terminating while no kubelet can confirm, and go when the node returns.

import { describe, expect, it } from 'vitest';
import { fromRFC3339 } from '@dockyard/runtime';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

describe('a dead node\'s pods come back elsewhere', () => {
  it('runs replacements on the healthy nodes 50 s + 300 s after the node went silent', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web', { replicas: 3 }));
    c.engine.runFor(30_000);
    const lost = c.store.podsOnNode('node-2').map((p) => p.metadata!.name!);
    expect(lost).toHaveLength(1);
    c.cluster.stopNode('node-2');

    // 50 s grace from the last lease renewal (30 s), noticed at the next 5 s look.
    c.engine.runFor(55_000);
    expect(c.store.get('Node', undefined, 'node-2').status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('Unknown');
    expect(c.deployment('web').status).toMatchObject({ readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1 });
    c.engine.runFor(5000);
    const tainted = fromRFC3339(c.store.get('Node', undefined, 'node-2').spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded!);
    expect(tainted).toBe(90_000);

    // Nothing is replaced before the toleration runs out...
    c.engine.runUntil(tainted + 300_000 - 1);
    expect(c.pods({ app: 'web' })).toHaveLength(3);
    // ...then the pod is deleted and replaced at once, and runs on another node 2 s later.
    c.engine.runUntil(tainted + 300_000);
    const pods = c.pods({ app: 'web' });
    expect(pods).toHaveLength(4);
    const replacement = pods.find((p) => !lost.includes(p.metadata!.name!) && p.metadata!.creationTimestamp === '2025-01-01T00:06:30Z')!;
    expect(replacement).toBeDefined();
    expect(replacement.spec!.nodeName).not.toBe('node-2');
    c.engine.runFor(2000);
    expect(c.store.get('Pod', 'default', replacement.metadata!.name!).status!.phase).toBe('Running');
    expect(c.deployment('web').status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });

    // The lost pod stays Terminating: no kubelet can confirm it stopped.
    c.engine.runFor(600_000);
    const ghost = c.store.get('Pod', 'default', lost[0]!);
    expect(ghost.metadata!.deletionTimestamp).toBe('2025-01-01T00:07:00Z');
    expect(c.events('Pod', lost[0]!)).toEqual(['NodeNotReady Node is not ready', `TaintManagerEviction Marking for deletion Pod default/${lost[0]}`]);
    expect(c.events('ReplicaSet', c.replicaSets('web')[0]!.metadata!.name!).at(-1)).toBe(`SuccessfulCreate Created pod: ${replacement.metadata!.name}`);

    // The node returns: its kubelet finishes the deletion.
    c.cluster.startNode('node-2');
    c.engine.runFor(5000);
    expect(c.store.tryGet('Pod', 'default', lost[0]!)).toBeUndefined();
    expect(c.activePods({ app: 'web' })).toHaveLength(3);
  });

  it('removes the Terminating pods of a dead node once its Node is deleted (pod GC, 40 s quarantine)', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web', { replicas: 3 }));
    c.engine.runFor(30_000);
    const [lost] = c.store.podsOnNode('node-2').map((p) => p.metadata!.name!);
    c.cluster.stopNode('node-2');
    c.engine.runFor(400_000);
    expect(c.store.get('Pod', 'default', lost!).metadata!.deletionTimestamp).toBeDefined();
    // `kubectl delete node node-2` at 430 s: pod GC notices at its 440 s look and waits 40 s.
    c.store.delete('Node', undefined, 'node-2');
    c.engine.runUntil(479_999);
    expect(c.store.tryGet('Pod', 'default', lost!)).toBeDefined();
    c.engine.runUntil(480_000);
    expect(c.store.tryGet('Pod', 'default', lost!)).toBeUndefined();
    const record = c.engine.log.records().find((r) => r.type === 'pod-garbage-collector-controller.delete')!;
    expect(record).toMatchObject({ pod: lost, node: 'node-2', reason: 'the node no longer exists' });
    expect(c.activePods({ app: 'web' })).toHaveLength(3);
  });
});
