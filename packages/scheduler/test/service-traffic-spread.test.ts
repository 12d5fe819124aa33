// kube-proxy's iptables rules spread new connections to a Service evenly over its ready
// endpoints (the statistic-match probabilities 1/3, 1/2, then the rest), with real pods: three
// agnhost serve-hostname replicas answer with their pod names, and connections leaving a node for
// the ClusterIP are counted by who answered. Seeded: the same seed gives the same sequence.
import type { HttpResponse } from '@dockyard/runtime';
import { describe, expect, test } from 'vitest';
import { kubeletCluster } from './support/kubelet-cluster.ts';

const REQUESTS = 600;

function hostnamesCluster(seed: number) {
  const c = kubeletCluster({ seed });
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hostnames', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'hostnames' } },
      template: {
        metadata: { labels: { app: 'hostnames' } },
        spec: { containers: [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', args: ['serve-hostname'], ports: [{ containerPort: 9376 }] }] },
      },
    },
  });
  c.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'hostnames', namespace: 'default' }, spec: { selector: { app: 'hostnames' }, ports: [{ port: 80, targetPort: 9376 }] } });
  c.runUntil(() => c.store.get('Deployment', 'default', 'hostnames').status?.readyReplicas === 3);
  c.engine.runFor(2000);
  const ip = c.store.get('Service', 'default', 'hostnames').spec!.clusterIP!;
  /** Who answered each of `n` new connections from `node` to the Service. */
  const hits = (n: number, node = 'node-1') =>
    Array.from({ length: n }, () => {
      const response = c.cluster.upstream(ip, 80, { method: 'GET', path: '/', headers: {}, body: '', remoteIp: '' }, node);
      return (response as HttpResponse).body;
    });
  return { ...c, ip, hits };
}

describe('traffic spread across a Service’s endpoints', () => {
  test('600 connections: each of three pods gets about a third (binomial, within 4.3 standard deviations)', () => {
    const { hits, pods } = hostnamesCluster(1);
    const names = pods({ app: 'hostnames' }).map((p) => p.metadata!.name!).sort();
    const counts = new Map<string, number>();
    for (const body of hits(REQUESTS)) counts.set(body, (counts.get(body) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(names);
    // n·p = 200, σ = √(600·⅓·⅔) ≈ 11.5.
    for (const count of counts.values()) expect(Math.abs(count - REQUESTS / 3)).toBeLessThan(50);
  });

  test('the same from every node; each connection is in the event log with its node, rule and endpoint', () => {
    const { hits, engine, ip } = hostnamesCluster(2);
    const from = engine.log.size;
    for (const node of ['node-1', 'node-2', 'node-3']) expect(new Set(hits(60, node)).size).toBe(3);
    const routes = engine.log.records(from).filter((r) => r.type === 'kube-proxy.route');
    expect(routes).toHaveLength(180);
    expect(routes[0]).toMatchObject({ node: 'node-1', client: '172.18.0.2', destination: `${ip}:80`, service: 'default/hostnames', verdict: 'dnat' });
    expect(String(routes[0]!['rule'])).toMatch(/^-A KUBE-SVC-[A-Z2-7]{16} -m comment --comment "default\/hostnames -> 10\.244\.\d\.\d+:9376" (-m statistic --mode random --probability 0\.(3333333333|5000000000) )?-j KUBE-SEP-[A-Z2-7]{16}$/);
  });

  test('seeded: the same seed picks the same endpoints in the same order; another seed differs', () => {
    const a = hostnamesCluster(7).hits(40);
    const b = hostnamesCluster(7).hits(40);
    const c = hostnamesCluster(8).hits(40);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});
