// A network partition with real kubelets (reference §6): the node's machine and containers run on,
// but its kubelet cannot reach the API server, so the node controller sees the Lease expire, marks
// it NotReady after the 50 s grace period and taints it; 300 s later the pods are evicted and their
// replacements run on the other nodes while the old containers still run behind the partition
// (split brain). Healed, the kubelet posts status again, sees its pods deleted and stops them.

import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodeStatus } from '../../cli/src/kubectl/printers/node.ts';
import { kubeletCluster, nginxOnEveryNode } from './support/kubelet-cluster.ts';

describe('a partitioned node', () => {
  it('goes NotReady after 50 s, has its pods replaced elsewhere at 390 s while its containers run on, and stops them when healed', () => {
    const c = nginxOnEveryNode();
    const [lost] = c.store.podsOnNode('node-2').map((p) => p.metadata!.name!);
    const uid = c.pod(lost!).metadata!.uid!;
    const node2 = c.cluster.node('node-2')!;
    const oldId = node2.kubelet.containerId(uid, 'nginx', false)!;
    c.cluster.partitionNode('node-2');
    expect(node2.kubelet.isUp).toBe(true);
    expect(node2.kubelet.isCutOff).toBe(true);

    // The last Lease renewal was at 30 s: the node controller gives up on it at its 85 s look.
    c.engine.runUntil(84_999);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('Ready');
    c.engine.runUntil(85_000);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('NotReady');
    expect(c.store.get('Node', undefined, 'node-2').status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(c.store.get('Lease', 'kube-node-lease', 'node-2').spec!.renewTime).toBe('2025-01-01T00:00:30.000000Z');

    // Evicted when the 300 s toleration of the 90 s taint runs out; the replacement runs elsewhere.
    c.engine.runUntil(389_999);
    expect(c.pods({ app: 'web' })).toHaveLength(3);
    c.engine.runUntil(395_000);
    const pods = c.pods({ app: 'web' });
    expect(pods).toHaveLength(4);
    expect(c.row(lost!).status).toBe('Terminating');
    const replacement = pods.find((p) => p.metadata!.creationTimestamp === '2025-01-01T00:06:30Z')!;
    expect(replacement.spec!.nodeName).not.toBe('node-2');
    expect(c.row(replacement.metadata!.name!)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(c.store.get('Deployment', 'default', 'web').status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
    // Split brain: the old container still runs on node-2, which never heard of the eviction.
    expect(node2.runtime.get(oldId)!.state.status).toBe('running');
    expect(c.events('Pod', lost!).filter((e) => e.startsWith('Killing'))).toEqual([]);
    // metrics-server cannot scrape it either.
    expect(node2.kubelet.scrape(c.engine.now).pods).toEqual([]);

    // Healed: Ready again, and the kubelet stops the evicted pod's container gracefully.
    c.cluster.healNode('node-2');
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('Ready');
    expect(c.events('Node', 'node-2')).toContain('NodeReady Node node-2 status is now: NodeReady');
    expect(c.events('Node', 'node-2').some((e) => e.startsWith('Rebooted'))).toBe(false);
    c.engine.runFor(5000);
    expect(c.events('Pod', lost!)).toContain('Killing Stopping container nginx');
    expect(c.store.tryGet('Pod', 'default', lost!)).toBeUndefined();
    expect(node2.runtime.get(oldId)).toBeUndefined();
    expect(c.pods({ app: 'web' })).toHaveLength(3);
    expect(c.store.get('Node', undefined, 'node-2').spec!.taints ?? []).toEqual([]);
  });

  it('drops connections between the partitioned node (host and pods) and the other nodes, and not within it', () => {
    const c = nginxOnEveryNode();
    const fabric = c.cluster.fabric;
    const node1 = c.cluster.node('node-1')!;
    const node2 = c.cluster.node('node-2')!;
    const podIp = c.store.podsOnNode('node-2')[0]!.status!.podIP!;
    // nginx listens on 80; nothing listens on the nodes' port 9 (refused while connected).
    expect(typeof fabric.connect(node1.host.netns, podIp, 80)).toBe('object');
    expect(fabric.connect(node2.host.netns, node1.host.ip, 9)).toBe('refused');

    c.cluster.partitionNode('node-2');
    expect(fabric.connect(node1.host.netns, podIp, 80)).toBe('timeout');
    expect(fabric.connect(node2.host.netns, node1.host.ip, 9)).toBe('timeout');
    expect(fabric.connect(node1.host.netns, node2.host.ip, 9)).toBe('timeout');
    expect(typeof fabric.connect(node2.host.netns, podIp, 80)).toBe('object');
    const node3PodIp = c.store.podsOnNode('node-3')[0]!.status!.podIP!;
    expect(typeof fabric.connect(node1.host.netns, node3PodIp, 80)).toBe('object');

    c.cluster.healNode('node-2');
    expect(typeof fabric.connect(node1.host.netns, podIp, 80)).toBe('object');
  });

  it('is in the kubelet snapshot: a restored cut-off node runs on byte for byte and heals the same way', () => {
    const a = nginxOnEveryNode();
    a.cluster.partitionNode('node-2');
    a.engine.runUntil(100_000);
    const snapshot = JSON.parse(JSON.stringify(a.engine.snapshot()));
    a.engine.runUntil(400_000);
    a.cluster.healNode('node-2');
    a.engine.runFor(5000);
    const b = kubeletCluster();
    b.engine.restore(snapshot);
    expect(b.cluster.node('node-2')!.kubelet.isCutOff).toBe(true);
    b.engine.runUntil(400_000);
    b.cluster.healNode('node-2');
    b.engine.runFor(5000);
    expect(b.engine.log.toJSONL()).toBe(a.engine.log.toJSONL());
    expect(b.pods({ app: 'web' })).toHaveLength(3);
  });

  it('registers at the heal when the machine rebooted behind the partition', () => {
    const c = nginxOnEveryNode();
    c.cluster.partitionNode('node-2');
    c.cluster.nodeDown('node-2');
    c.engine.runFor(10_000);
    c.cluster.nodeUp('node-2');
    c.engine.runFor(90_000);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('NotReady');
    expect(c.events('Node', 'node-2').some((e) => e.startsWith('Rebooted'))).toBe(false);
    c.cluster.healNode('node-2');
    c.engine.runFor(5000);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('Ready');
    expect(c.events('Node', 'node-2').some((e) => /^Rebooted Node node-2 has been rebooted, boot id: [0-9a-f-]{36}$/.test(e))).toBe(true);
    expect(c.store.podsOnNode('node-2').map((p) => c.row(p.metadata!.name!))).toEqual([{ ready: '1/1', status: 'Running', restarts: expect.stringMatching(/^1 /) }]);
  });

  it('refuses an unknown node', () => {
    const c = kubeletCluster();
    expect(() => c.cluster.partitionNode('node-9')).toThrow('node "node-9" not found (nodes: node-1, node-2, node-3)');
    expect(() => c.cluster.healNode('node-9')).toThrow('node "node-9" not found (nodes: node-1, node-2, node-3)');
  });
});
