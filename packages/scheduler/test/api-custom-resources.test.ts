import { describe, expect, it } from 'vitest';
import { formatKubectlError } from '../src/index.ts';
import { apiCluster } from './fixtures/api-cluster.ts';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'prometheusrules.monitoring.coreos.com' },
  spec: {
    group: 'monitoring.coreos.com',
    scope: 'Namespaced',
    names: { plural: 'prometheusrules', singular: 'prometheusrule', kind: 'PrometheusRule', shortNames: ['promrule'], categories: ['prometheus-operator'] },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};
const rule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r' }, spec: { groups: [{ name: 'g', rules: [] }] } };

describe('custom resources', () => {
  it('refuses a custom kind until its CRD exists, then stores it generically', () => {
    const { store } = apiCluster();
    let refused = '';
    try {
      store.create(rule);
    } catch (error) {
      refused = formatKubectlError(error, { name: 'r', namespace: '', source: 'rule.yaml' });
    }
    expect(refused).toContain('no matches for kind "PrometheusRule" in version "monitoring.coreos.com/v1"\nensure CRDs are installed first');
    store.create(crd);
    const created = store.create(rule);
    expect(created.metadata?.generation).toBe(1);
    expect(store.registry.resolve('promrule').resource).toBe('prometheusrules');
    expect(store.list('PrometheusRule').items.map((r) => r.metadata?.name)).toEqual(['r']);
    expect(() => store.patch('PrometheusRule', 'default', 'r', { spec: {} })).toThrow('strategic merge patch format is not supported');
  });

  it('deleting the CRD deletes its resources and the kind', () => {
    const { store } = apiCluster();
    store.create(crd);
    store.create(rule);
    store.delete('CustomResourceDefinition', undefined, 'prometheusrules.monitoring.coreos.com');
    expect(() => store.registry.resolve('promrule')).toThrow(`the server doesn't have a resource type "promrule"`);
    expect(() => store.create(rule)).toThrow(/no matches for kind "PrometheusRule"/);
  });
});

describe('served versions and views', () => {
  it('converts an autoscaling/v1 HPA to v2', () => {
    const { store } = apiCluster();
    const hpa = store.create({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(store.get('HorizontalPodAutoscaler', 'default', 'web').spec?.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    ]);
  });

  it('shows core Events through the events.k8s.io view and back', () => {
    const { store } = apiCluster();
    store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to node-1',
      type: 'Normal',
      count: 1,
    });
    const view = store.get('Event.events.k8s.io', 'default', 'web.1') as unknown as { note?: string; regarding?: { name?: string }; deprecatedCount?: number };
    expect(view).toMatchObject({ note: 'Successfully assigned default/web to node-1', regarding: { name: 'web' }, deprecatedCount: 1 });
    store.create({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.2' }, eventTime: '2025-01-01T00:00:00.000000Z', regarding: { kind: 'Pod', name: 'web' }, reason: 'Pulled', note: 'done', type: 'Normal', action: 'Pull', reportingController: 'kubelet', reportingInstance: 'node-1' });
    expect(store.get('Event', 'default', 'web.2').message).toBe('done');
  });
});

describe('collections and dry runs', () => {
  it('deletes every object a selector matches', () => {
    const { store } = apiCluster();
    for (const [name, app] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) {
      store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name!, labels: { app: app! } } });
    }
    expect(store.deleteCollection('ConfigMap', { namespace: 'default', labelSelector: 'app=web' }).map((c) => c.metadata?.name)).toEqual(['a', 'b']);
    expect(store.list('ConfigMap', { labelSelector: 'app' }).items.map((c) => c.metadata?.name)).toEqual(['c']);
  });

  it('checks a dry run fully but stores nothing', () => {
    const { store } = apiCluster();
    const before = store.resourceVersion;
    const dry = store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { dryRun: true });
    expect(dry.metadata?.name).toBe('x');
    expect(store.tryGet('ConfigMap', 'default', 'x')).toBeUndefined();
    expect(store.resourceVersion).toBe(before);
  });

  it('refuses unsupported field selectors as the server does', () => {
    const { store } = apiCluster();
    expect(() => store.list('Pod', { fieldSelector: 'spec.foo=x' })).toThrow('field label not supported: spec.foo');
  });
});
