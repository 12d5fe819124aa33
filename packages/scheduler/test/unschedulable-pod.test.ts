// A pod that fits no node stays Pending (reference §5): the real kubelets register 4-CPU, 8Gi
// nodes (allocatable memory 100Mi less, for the eviction threshold), and the scheduler says why
// in kubectl's words.

import { describe, expect, it } from 'vitest';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

describe('a pod that fits no node', () => {
  it('stays Pending with the FailedScheduling message', () => {
    const c = kubeletCluster();
    c.apply(podManifest('huge', { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { memory: '9Gi', cpu: '500m' } } }] }));
    c.apply(podManifest('greedy', { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '5' } } }] }));
    c.engine.runFor(60_000);
    expect(c.row('huge')).toEqual({ ready: '0/1', status: 'Pending', restarts: '0' });
    expect(c.pod('huge').status!.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:00Z',
      },
    ]);
    expect(c.events('Pod', 'greedy')).toEqual([
      'FailedScheduling 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ]);
    // Nothing ran anywhere.
    for (const name of c.cluster.nodeNames) expect(c.cluster.node(name)!.runtime.list().filter((x) => x.spec.name.includes('huge'))).toEqual([]);
  });

  it('registers nodes with the capacity and allocatable the scheduler fits against', () => {
    const c = kubeletCluster();
    const node = c.store.get('Node', undefined, 'node-1');
    expect(node.status!.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8388608Ki', pods: '110' });
    expect(node.status!.allocatable).toEqual({ cpu: '4', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8286208Ki', pods: '110' });
  });
});
