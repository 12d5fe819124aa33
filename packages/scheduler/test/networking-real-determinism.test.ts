// With real kubelets, the networking side stays deterministic: the same seed and the same inputs
// (a Deployment behind a Service, connections to it, a load step the HPA follows) give a
// byte-identical event log, and a run saved to JSON and restored into a fresh cluster midway
// continues with the same log as a run that never stopped.
import { Engine } from '@dockyard/runtime';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.ts';

function build(seed: number) {
  const engine = new Engine({ seed });
  const cluster = new Cluster(engine, { nodes: 3, nodeCpu: 4, nodeMemory: '8Gi' });
  return { engine, cluster };
}

function setUp({ cluster }: ReturnType<typeof build>) {
  const store = cluster.store;
  store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', args: ['serve-hostname'], resources: { requests: { cpu: '200m' } } }] } },
    },
  });
  store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9376 }] } });
  store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  });
}

/** The inputs after setup, steps `from` to `to`. */
function steps({ engine, cluster }: ReturnType<typeof build>, from = 0, to = Infinity) {
  const actions = [
    () => engine.runFor(60_000),
    () => {
      const ip = cluster.store.get('Service', 'default', 'web').spec!.clusterIP!;
      for (let i = 0; i < 20; i++) cluster.upstream(ip, 80, { method: 'GET', path: '/', headers: {}, body: '', remoteIp: '' }, `node-${(i % 3) + 1}`);
    },
    () => cluster.loadService('default', 'web', 0.8),
    () => engine.runFor(120_000),
    () => cluster.loadService('default', 'web', 0),
    () => engine.runFor(60_000),
  ];
  for (const action of actions.slice(from, to)) action();
}

describe('networking with real kubelets is deterministic', () => {
  test('the same seed and inputs give a byte-identical log', () => {
    const a = build(5);
    setUp(a);
    steps(a);
    const b = build(5);
    setUp(b);
    steps(b);
    expect(b.engine.log.toJSONL()).toBe(a.engine.log.toJSONL());
    expect(a.engine.log.toJSONL()).toContain('"type":"hpa.rescale"');
  });

  test.each([1, 3, 4])('saved after step %i and restored into a fresh cluster, the run goes on with the same log', (split) => {
    const straight = build(9);
    setUp(straight);
    steps(straight);
    const partial = build(9);
    setUp(partial);
    steps(partial, 0, split);
    const resumed = build(9);
    resumed.engine.restore(JSON.parse(JSON.stringify(partial.engine.snapshot())));
    steps(resumed, split);
    expect(resumed.engine.log.toJSONL()).toBe(straight.engine.log.toJSONL());
  });
});
