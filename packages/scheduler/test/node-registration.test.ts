// What each kubelet writes about its node: the Node (labels, addresses, capacity, nodeInfo,
// conditions with the kubelet's reasons, images), the startup events, a Lease renewed every 10 s
// in kube-node-lease, and status posts only when something changed or 5 minutes passed.

import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { tablePrinterFor } from '../../cli/src/kubectl/printers/registry.ts';
import { kubeletCluster } from './support/kubelet-cluster.ts';

describe('node registration', () => {
  it('registers a kind-like worker with the kubelet conditions and events', () => {
    const c = kubeletCluster();
    c.engine.runFor(60_000);
    const node = c.store.get('Node', undefined, 'node-2');
    expect(node.metadata!.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-2',
      'kubernetes.io/os': 'linux',
    });
    expect(node.spec).toEqual({ podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'], providerID: 'kind://docker/kind/node-2' });
    const status = node.status!;
    expect(status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'node-2' },
    ]);
    expect(status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.33.1', containerRuntimeVersion: 'containerd://1.7.22', osImage: 'Debian GNU/Linux 12 (bookworm)', operatingSystem: 'linux', architecture: 'amd64' });
    expect(status.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(status.images!.map((i) => i.names)).toEqual([[expect.stringMatching(/^registry\.k8s\.io\/pause@sha256:/), 'registry.k8s.io/pause:3.10']]);
    expect(c.events('Node', 'node-2')).toEqual([
      'Starting Starting kubelet.',
      'NodeHasSufficientMemory Node node-2 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure Node node-2 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID Node node-2 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced Updated Node Allocatable limit across pods',
      'NodeReady Node node-2 status is now: NodeReady',
      'RegisteredNode Node node-2 event: Registered Node node-2 in Controller',
    ]);
    const table = tablePrinterFor({ group: '', kind: 'Node' }, false).toTable([node as Node], c.engine.now);
    expect(table.rows[0]!.cells).toEqual(['node-2', 'Ready', '<none>', '60s', 'v1.33.1', '172.18.0.3', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-51-generic', 'containerd://1.7.22']);
  });

  it('renews its Lease every 10 s and posts an unchanged status every 5 minutes', () => {
    const c = kubeletCluster({ nodes: 1 });
    const writes: [number, string][] = [];
    c.engine.bus.on('record', (r) => {
      if (r.type === 'api.write' && (r['resource'] === 'nodes' || r['resource'] === 'leases.coordination.k8s.io')) writes.push([r.t, String(r['resource'])]);
    });
    c.engine.runFor(620_000);
    const leases = writes.filter(([, r]) => r !== 'nodes').map(([t]) => t);
    expect(leases.slice(0, 3)).toEqual([10_000, 20_000, 30_000]);
    expect(leases).toHaveLength(62);
    expect(writes.filter(([, r]) => r === 'nodes').map(([t]) => t)).toEqual([300_000, 600_000]);
    expect(c.store.get('Lease', 'kube-node-lease', 'node-1').spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:10:20.000000Z' });
  });
});
