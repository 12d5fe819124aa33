// Self-healing end to end with real kubelets (reference §6): a node goes down; its kubelet stops
// renewing the Lease, so the node controller marks it Unknown after the 50 s grace period and
// taints it; 300 s later the taint-eviction controller deletes its pods, the ReplicaSet creates
// replacements and the scheduler puts them on the healthy nodes, where they run. The old pods stay
// Terminating until the node is back and its kubelet finishes them.

import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodeStatus } from '../../cli/src/kubectl/printers/node.ts';
import { kubeletCluster, nginxOnEveryNode } from './support/kubelet-cluster.ts';

describe('a dead node', () => {
  it("has its pods Running on the other nodes 50 s + 300 s after it died, and cleans up when it is back", () => {
    const c = nginxOnEveryNode();
    const [lost] = c.store.podsOnNode('node-2').map((p) => p.metadata!.name!);
    expect(c.row(lost!)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    c.cluster.nodeDown('node-2');

    // The last Lease renewal was at 30 s: Unknown once 50 s have passed, at the 85 s look.
    c.engine.runUntil(84_999);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('Ready');
    c.engine.runUntil(85_000);
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('NotReady');
    expect(c.store.get('Node', undefined, 'node-2').status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    // The node controller takes the pods' Ready condition away; their container statuses stay as
    // the kubelet last posted them (kubectl still prints 1/1 Running).
    expect(c.pod(lost!).status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False');
    expect(c.row(lost!)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(c.events('Node', 'node-2')).toContain('NodeNotReady Node node-2 status is now: NodeNotReady');

    // The NoExecute taint at 90 s; the pods' 300 s toleration runs out at 390 s.
    c.engine.runUntil(389_999);
    expect(c.pods({ app: 'web' })).toHaveLength(3);
    c.engine.runUntil(395_000);
    const pods = c.pods({ app: 'web' });
    expect(pods).toHaveLength(4);
    expect(c.row(lost!).status).toBe('Terminating');
    const replacement = pods.find((p) => p.metadata!.creationTimestamp === '2025-01-01T00:06:30Z')!;
    expect(replacement.spec!.nodeName).not.toBe('node-2');
    expect(c.row(replacement.metadata!.name!)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(c.events('Pod', replacement.metadata!.name!)).toContain('Pulled Container image "nginx:1.25" already present on machine');
    expect(c.store.get('Deployment', 'default', 'web').status).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });

    // The node comes back: its kubelet boots, re-registers, and lets the API remove the old pod.
    c.cluster.nodeUp('node-2');
    c.engine.runFor(5000);
    expect(c.store.tryGet('Pod', 'default', lost!)).toBeUndefined();
    expect(nodeStatus(c.store.get('Node', undefined, 'node-2') as Node)).toBe('Ready');
    expect(c.events('Node', 'node-2')).toContain('NodeReady Node node-2 status is now: NodeReady');
    expect(c.events('Node', 'node-2').some((e) => /^Rebooted Node node-2 has been rebooted, boot id: [0-9a-f-]{36}$/.test(e))).toBe(true);
    expect(c.pods({ app: 'web' })).toHaveLength(3);
    expect(c.cluster.node('node-2')!.runtime.list().filter((x) => x.state.status === 'running')).toEqual([]);
  });

  it('restarts the pods of a node that comes back before their eviction, in new sandboxes', () => {
    const c = kubeletCluster();
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pinned', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    c.engine.runFor(10_000);
    const ip = c.pod('pinned').status!.podIP;
    c.cluster.nodeDown('node-1');
    c.engine.runFor(60_000);
    c.cluster.nodeUp('node-1');
    c.engine.runFor(5000);
    const pod = c.pod('pinned');
    expect(c.row('pinned')).toEqual({ ready: '1/1', status: 'Running', restarts: expect.stringMatching(/^1 \(\S+ ago\)$/) });
    expect(pod.status!.podIP).not.toBe(ip);
    expect(c.events('Pod', 'pinned')).toContain('SandboxChanged Pod sandbox changed, it will be killed and re-created.');
  });
});
