import { describe, expect, it } from 'vitest';
import { groupResource, NoKindMatchError, ResourceRegistry } from '../src/index.ts';

describe('the resource registry', () => {
  const registry = new ResourceRegistry();

  it('resolves kubectl resource arguments: plural, singular, short names, kinds, group-qualified', () => {
    const resolved = ['po', 'pods', 'pod', 'Pod', 'deploy', 'deployments.apps', 'deployments.v1.apps', 'rs', 'svc', 'ns', 'cm', 'no', 'ep', 'pvc', 'pv', 'sc', 'ing', 'hpa', 'sts', 'ds', 'cj', 'sa', 'ev', 'crd', 'netpol', 'pdb'].map((arg) =>
      groupResource(registry.resolve(arg)),
    );
    expect(resolved).toEqual([
      'pods', 'pods', 'pods', 'pods', 'deployments.apps', 'deployments.apps', 'deployments.apps', 'replicasets.apps', 'services', 'namespaces',
      'configmaps', 'nodes', 'endpoints', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io', 'ingresses.networking.k8s.io',
      'horizontalpodautoscalers.autoscaling', 'statefulsets.apps', 'daemonsets.apps', 'cronjobs.batch', 'serviceaccounts', 'events',
      'customresourcedefinitions.apiextensions.k8s.io', 'networkpolicies.networking.k8s.io', 'poddisruptionbudgets.policy',
    ]);
    expect(groupResource(registry.resolve('events.events.k8s.io'))).toBe('events.events.k8s.io');
    expect(() => registry.resolve('foo')).toThrow(`the server doesn't have a resource type "foo"`);
  });

  it('knows scope and the all category', () => {
    expect(registry.resolve('no').namespaced).toBe(false);
    expect(registry.resolve('po').namespaced).toBe(true);
    expect(registry.category('all').map((t) => t.resource).sort()).toEqual([
      'cronjobs', 'daemonsets', 'deployments', 'horizontalpodautoscalers', 'jobs', 'pods', 'replicasets', 'replicationcontrollers', 'services', 'statefulsets',
    ]);
  });

  it('maps kinds in served versions and refuses the rest', () => {
    expect(registry.forKind('autoscaling/v1', 'HorizontalPodAutoscaler').version).toBe('v2');
    expect(() => registry.forKind('batch/v1beta1', 'CronJob')).toThrow(NoKindMatchError);
    expect(() => registry.forKind('monitoring.coreos.com/v1', 'PrometheusRule')).toThrow('no matches for kind "PrometheusRule" in version "monitoring.coreos.com/v1"');
  });

  it('lists resources as kubectl api-resources orders them', () => {
    const list = registry.list().map((t) => groupResource(t));
    expect(list.slice(0, 3)).toEqual(['bindings', 'configmaps', 'endpoints']);
    expect(list.indexOf('pods')).toBeLessThan(list.indexOf('deployments.apps'));
  });
});
