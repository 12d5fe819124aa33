import { describe, expect, test } from 'vitest';
import { MetricsServer, topNodes, topPods } from '../src/index.ts';
import { FakeKubeletMetrics } from './fixtures/fake-kubelet-metrics.ts';
import { networkingCluster, runningPod } from './fixtures/networking-cluster.ts';

const Mi = 1024 * 1024;

function metricsCluster() {
  const c = networkingCluster(8);
  const server = new MetricsServer(c.engine, c.store);
  const kubelets = ['node-1', 'node-2'].map((n) => new FakeKubeletMetrics(n, c.store));
  for (const k of kubelets) server.addKubelet(k);
  return { ...c, server, kubelets };
}

describe('kubectl top', () => {
  test('pods: usage rounded up to millicores, memory in whole Mi; nothing before the second scrape', () => {
    const { engine, store, server, kubelets } = metricsCluster();
    runningPod(store, 'web-1', { app: 'web' }, { node: 'node-1' });
    runningPod(store, 'web-2', { app: 'web' }, { node: 'node-2' });
    kubelets[0]!.set('default', 'web-1', 249.2, 128.6 * Mi);
    kubelets[1]!.set('default', 'web-2', 3, 40 * Mi);
    expect(topPods(server, store)).toEqual({ error: 'error: metrics not available yet' });
    engine.runFor(15_000);
    expect(topPods(server, store)).toEqual({ error: 'error: metrics not available yet' });
    engine.runFor(15_000);
    expect(topPods(server, store)).toEqual({ header: ['NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows: [['web-1', '250m', '128Mi'], ['web-2', '3m', '40Mi']] });
    expect(topPods(server, store, { sortBy: 'memory', allNamespaces: true })).toMatchObject({ header: ['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows: [['default', 'web-1', '250m', '128Mi'], ['default', 'web-2', '3m', '40Mi']] });
    expect(topPods(server, store, { containers: true, podName: 'web-2' })).toEqual({ header: ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows: [['web-2', 'app', '3m', '40Mi']] });
    expect(topPods(server, store, { namespace: 'kube-public' })).toEqual({ message: 'No resources found in kube-public namespace.' });
    expect(topPods(undefined, store)).toEqual({ error: 'error: Metrics API not available' });
    const metrics = server.podMetricsObject(server.pods('default')[0]!);
    expect(metrics).toMatchObject({ kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', window: '15s', containers: [{ name: 'app', usage: { cpu: '249200000n', memory: '131687Ki' } }] });
  });

  test('nodes: percentages of allocatable; nodes without metrics show <unknown> last', () => {
    const { engine, store, server, kubelets } = metricsCluster();
    runningPod(store, 'web-1', { app: 'web' }, { node: 'node-1' });
    kubelets[0]!.set('default', 'web-1', 850, 1024 * Mi);
    engine.runFor(30_000);
    expect(topNodes(server, store)).toEqual({
      header: ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'],
      rows: [
        ['node-1', '1000m', '25%', '1624Mi', '19%'],
        ['node-2', '150m', '3%', '600Mi', '7%'],
        ['node-3', '<unknown>', '<unknown>', '<unknown>', '<unknown>'],
      ],
    });
  });
});
