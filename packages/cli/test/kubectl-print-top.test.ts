// `kubectl top node` / `kubectl top pod` against the stock client reading the same metrics
// (metrics.k8s.io/v1beta1 NodeMetrics / PodMetrics) from the fake API server: millicores rounded
// up, MiB rounded down, node percentages, sorting (ties as Go's sort.Sort leaves them),
// --containers, --sum, -A, --no-headers, and the trailing padding kubectl's top lines carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import type { NodeMetrics, PodMetrics, TopSortBy } from '../src/kubectl/printers/top.ts';
import { METRICS_API_NOT_AVAILABLE, NODE_METRICS_NOT_AVAILABLE, printTopNodes, printTopPods } from '../src/kubectl/printers/top.ts';
import { noResourcesFound } from '../src/kubectl/printers/table.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const STAMP = '2025-01-01T00:59:30Z';

function node(name: string, cpu: string, memory: string, allocCpu: string, allocMemory: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: '2025-01-01T00:00:00Z' },
    status: { capacity: { cpu, memory, pods: '110' }, allocatable: { cpu: allocCpu, memory: allocMemory, pods: '110' } },
  };
}

function nodeMetrics(name: string, cpu: string, memory: string): NodeMetrics {
  return { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'NodeMetrics', metadata: { name }, timestamp: STAMP, window: '20.05s', usage: { cpu, memory } };
}

function podMetrics(namespace: string, name: string, containers: [string, string, string][]): PodMetrics {
  return {
    apiVersion: 'metrics.k8s.io/v1beta1',
    kind: 'PodMetrics',
    metadata: { name, namespace },
    timestamp: STAMP,
    window: '15.2s',
    containers: containers.map(([c, cpu, memory]) => ({ name: c, usage: { cpu, memory } })),
  };
}

const NODES = [
  node('worker-1', '4', '8135668Ki', '3800m', '7508Mi'),
  node('control-plane', '2', '4026532Ki', '1930m', '3456Mi'),
  node('worker-2', '4', '8135668Ki', '3800m', '7508Mi'),
];
const NODE_METRICS = [
  nodeMetrics('worker-1', '287654321n', '1832964Ki'),
  nodeMetrics('control-plane', '153000001n', '987654Ki'),
];
const POD_METRICS = [
  podMetrics('default', 'web-7d4b9c8f5-abcde', [['app', '1234567n', '52428800'], ['istio-proxy', '3000000n', '30Mi']]),
  podMetrics('default', 'db-0', [['postgres', '12000000n', '123456Ki']]),
  podMetrics('default', 'api-5c9f', [['api', '1000000n', '1048575']]),
  podMetrics('default', 'api-6d0a', [['api', '1000000n', '2Mi']]),
  podMetrics('kube-system', 'coredns-abc', [['coredns', '2500000n', '14Mi']]),
];

describe.skipIf(!kubectlInstalled)('kubectl top matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer([...NODES, ...NODE_METRICS, ...POD_METRICS] as KubeObject[], () => 3_600_000);
  });
  afterAll(async () => {
    await server.close();
  });

  const nodeCases: string[][] = [[], ['--show-capacity'], ['--sort-by=cpu'], ['--sort-by=memory'], ['--no-headers']];
  for (const flags of nodeCases) {
    it(`top node ${flags.join(' ')}`, async () => {
      const real = await runKubectl(server, ['top', 'node', ...flags]);
      const sortBy = (flags.find((f) => f.startsWith('--sort-by='))?.slice(10) ?? '') as TopSortBy;
      const ours = printTopNodes(NODE_METRICS, NODES, {
        sortBy,
        noHeaders: flags.includes('--no-headers'),
        showCapacity: flags.includes('--show-capacity'),
      });
      expect({ stdout: ours, stderr: '' }).toEqual({ stdout: real.stdout, stderr: real.stderr });
    });
  }

  const podCases: string[][] = [
    [],
    ['-A'],
    ['--containers'],
    ['--sum'],
    ['-A', '--containers', '--sum'],
    ['-A', '--sum', '--no-headers'],
    ['--sort-by=cpu'],
    ['--sort-by=memory', '-A'],
    ['--containers', '--sort-by=memory'],
  ];
  for (const flags of podCases) {
    it(`top pod ${flags.join(' ')}`, async () => {
      const real = await runKubectl(server, ['top', 'pod', ...flags]);
      const allNamespaces = flags.includes('-A');
      const sortBy = (flags.find((f) => f.startsWith('--sort-by='))?.slice(10) ?? '') as TopSortBy;
      const ours = printTopPods(
        POD_METRICS.filter((m) => allNamespaces || m.metadata?.namespace === 'default'),
        {
          sortBy,
          allNamespaces,
          containers: flags.includes('--containers'),
          sum: flags.includes('--sum'),
          noHeaders: flags.includes('--no-headers'),
        },
      );
      expect({ stdout: ours, stderr: '' }).toEqual({ stdout: real.stdout, stderr: real.stderr });
    });
  }
});

describe.skipIf(!kubectlInstalled)('kubectl top without metrics matches the stock kubectl client', () => {
  it('a cluster without the metrics API', async () => {
    const server = await startFakeApiServer(NODES as KubeObject[], () => 3_600_000);
    try {
      for (const kind of ['node', 'pod']) {
        const real = await runKubectl(server, ['top', kind]);
        expect({ stdout: '', stderr: METRICS_API_NOT_AVAILABLE, status: 1 }).toEqual(real);
      }
    } finally {
      await server.close();
    }
  });

  it('no node metrics yet, and no pods (nor their metrics) in the namespace', async () => {
    const server = await startFakeApiServer([...NODES, POD_METRICS[4]!] as KubeObject[], () => 3_600_000);
    try {
      expect(await runKubectl(server, ['top', 'node'])).toEqual({ stdout: printTopNodes([], NODES), stderr: NODE_METRICS_NOT_AVAILABLE, status: 1 });
      expect(await runKubectl(server, ['top', 'pod'])).toEqual({ stdout: printTopPods([]), stderr: noResourcesFound('default'), status: 0 });
    } finally {
      await server.close();
    }
  });
});
