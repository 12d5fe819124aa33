// The scale subresource: an autoscaling/v1 Scale for Deployments, ReplicaSets, StatefulSets and
// ReplicationControllers; only spec.replicas is written back; other kinds have no /scale.
import { describe, expect, it } from 'vitest';
import { formatKubectlError } from '../src/index.ts';
import { apiCluster, deployment } from './fixtures/api-cluster.ts';

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return formatKubectlError(error);
  }
  return 'no error';
};

describe('the scale subresource', () => {
  it('reads a Deployment as a Scale and writes back only spec.replicas', () => {
    const { store } = apiCluster();
    const created = store.create(deployment('web'));
    expect(store.getScale('Deployment', 'default', 'web')).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'default', uid: created.metadata!.uid, resourceVersion: created.metadata!.resourceVersion, creationTimestamp: created.metadata!.creationTimestamp },
      spec: { replicas: 3 },
      status: { replicas: 0, selector: 'app=web' },
    });
    const scaled = store.patchScale('Deployment', 'default', 'web', { spec: { replicas: 5 }, status: { replicas: 9 } }, 'merge');
    expect([scaled.spec.replicas, scaled.status.replicas]).toEqual([5, 0]);
    expect(store.get('Deployment', 'default', 'web').spec?.replicas).toBe(5);
    expect(store.patchScale('Deployment', 'default', 'web', [{ op: 'replace', path: '/spec/replicas', value: 1 }], 'json', { dryRun: true }).spec.replicas).toBe(1);
    expect(store.get('Deployment', 'default', 'web').spec?.replicas).toBe(5);
  });

  it('gives a ReplicationController\'s map selector as a label query', () => {
    const { store } = apiCluster();
    store.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: { replicas: 1, selector: { tier: 'b', app: 'a' }, template: { metadata: { labels: { tier: 'b', app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    expect(store.getScale('ReplicationController', 'default', 'rc').status.selector).toBe('app=a,tier=b');
  });

  it('refuses a negative count, a resourceVersion that moved on, and kinds without /scale', () => {
    const { store } = apiCluster();
    store.create(deployment('web'));
    expect(thrown(() => store.patchScale('Deployment', 'default', 'web', { spec: { replicas: -1 } }, 'merge'))).toBe(
      'The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect(thrown(() => store.updateScale('Deployment', 'default', 'web', { metadata: { resourceVersion: '1' }, spec: { replicas: 2 } }))).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' } });
    expect(thrown(() => store.getScale('ConfigMap', 'default', 'settings'))).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    expect(thrown(() => store.getScale('Deployment', 'default', 'nope'))).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
