// The node lifecycle controller (reference §6): a kubelet that stops renewing its Lease is noticed
// at the first 5 s look more than 50 s after its last sign of life; the Node's conditions turn
// Unknown ("Kubelet stopped posting node status."), its pods Ready=False, events NodeNotReady; the
// unreachable NoSchedule taint follows the condition at once and the NoExecute taint comes at the
// next look, through the 0.1 node/s eviction rate limiter; a zone mostly or fully down is not
// tainted at all; a node back Ready loses its taints.

import { describe, expect, it } from 'vitest';
import { fromRFC3339 } from '@dockyard/runtime';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

const node = (c: ReturnType<typeof controllerCluster>, name: string) => c.store.get('Node', undefined, name);
const ready = (c: ReturnType<typeof controllerCluster>, name: string) => node(c, name).status!.conditions!.find((x) => x.type === 'Ready')!;
const taints = (c: ReturnType<typeof controllerCluster>, name: string) => (node(c, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded}`);

describe('node lifecycle', () => {
  it('registers nodes with an event', () => {
    const c = controllerCluster();
    c.engine.runFor(0);
    expect(c.events('Node', 'node-1')).toEqual(['RegisteredNode Node node-1 event: Registered Node node-1 in Controller']);
  });

  it('marks a silent node Unknown after the grace period, its pods not ready, and taints it', () => {
    const c = controllerCluster();
    c.store.create(deploymentManifest('web', { replicas: 3 }));
    c.engine.runFor(30_000);
    // The lease was renewed at 30 s; the controller saw it at its 30 s look.
    c.cluster.stopNode('node-2');
    c.engine.runUntil(80_000);
    expect(ready(c, 'node-2').status).toBe('True');
    c.engine.runUntil(85_000);
    expect(node(c, 'node-2').status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message, x.lastHeartbeatTime, x.lastTransitionTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => [type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2025-01-01T00:00:00Z', '2025-01-01T00:01:25Z']),
    );
    expect(taints(c, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule@2025-01-01T00:01:25Z']);
    const nodeEvent = c.store.list('Event').items.find((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Node')!;
    expect(nodeEvent).toMatchObject({ type: 'Normal', message: 'Node node-2 status is now: NodeNotReady', source: { component: 'node-controller' }, involvedObject: { name: 'node-2', uid: 'node-2' } });
    const pod = c.store.podsOnNode('node-2')[0]!;
    expect(pod.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: '2025-01-01T00:01:25Z' });
    expect(c.events('Pod', pod.metadata!.name!)).toContain('NodeNotReady Node is not ready');
    // The NoExecute taint waits for the next look, which sees the node Unknown.
    c.engine.runUntil(90_000);
    expect(taints(c, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule@2025-01-01T00:01:25Z', 'node.kubernetes.io/unreachable:NoExecute@2025-01-01T00:01:30Z']);
    // The other nodes are untouched.
    expect(ready(c, 'node-1').status).toBe('True');
    expect(taints(c, 'node-1')).toEqual([]);
  });

  it('takes the taints off a node that comes back', () => {
    const c = controllerCluster();
    c.engine.runFor(30_000);
    c.cluster.stopNode('node-3');
    c.engine.runFor(100_000);
    expect(taints(c, 'node-3')).toHaveLength(2);
    c.cluster.startNode('node-3');
    c.engine.runFor(0);
    expect(ready(c, 'node-3').status).toBe('True');
    // The NoSchedule taint follows the condition at once; the NoExecute one goes at the next look.
    expect(taints(c, 'node-3').map((t) => t.split('@')[0])).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
    c.engine.runFor(5000);
    expect(taints(c, 'node-3')).toEqual([]);
  });

  it('taints at most one node per 10 s in a zone (--node-eviction-rate 0.1)', () => {
    const c = controllerCluster({ nodes: 5 });
    c.engine.runFor(30_000);
    c.cluster.stopNode('node-1');
    c.cluster.stopNode('node-2');
    c.engine.runFor(120_000);
    const times = ['node-1', 'node-2'].map((n) => fromRFC3339(node(c, n).spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded!));
    expect(times).toEqual([90_000, 100_000]);
  });

  it('does not taint a small zone that is mostly down (partial disruption)', () => {
    const c = controllerCluster({ nodes: 4 });
    c.engine.runFor(30_000);
    for (const n of ['node-1', 'node-2', 'node-3']) c.cluster.stopNode(n);
    c.engine.runFor(600_000);
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(ready(c, n).status).toBe('Unknown');
      expect(taints(c, n).map((t) => t.split('@')[0])).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    expect(c.engine.log.records().filter((r) => r.type === 'node-lifecycle-controller.zone-state').map((r) => `${r.from}->${r.to}`)).toEqual(['Initial->Normal', 'Normal->PartialDisruption']);
  });

  it('stops tainting when every node is down, and removes the NoExecute taints', () => {
    const c = controllerCluster();
    c.engine.runFor(30_000);
    c.cluster.stopNode('node-1');
    c.engine.runFor(70_000);
    expect(taints(c, 'node-1').map((t) => t.split('@')[0])).toContain('node.kubernetes.io/unreachable:NoExecute');
    c.cluster.stopNode('node-2');
    c.cluster.stopNode('node-3');
    c.engine.runFor(600_000);
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(taints(c, n).map((t) => t.split('@')[0])).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    expect(c.engine.log.records().filter((r) => r.type === 'node-lifecycle-controller.disruption').map((r) => r.mode)).toEqual(['enter']);
  });

  it('gives a node that never posted status the 60 s startup grace period', () => {
    const c = controllerCluster({ nodes: 1 });
    c.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'silent' } });
    c.engine.runFor(59_000);
    expect(node(c, 'silent').status?.conditions).toBeUndefined();
    c.engine.runFor(6000);
    expect(node(c, 'silent').status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual(
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => [type, 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.']),
    );
  });
});
