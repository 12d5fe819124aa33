import { describe, expect, it } from 'vitest';
import { formatKubectlError } from '../src/index.ts';
import { apiCluster, deployment, pod } from './fixtures/api-cluster.ts';

/** A Deployment → ReplicaSet → 2 Pods chain, as the controllers would build it. */
function chain(store: ReturnType<typeof apiCluster>['store']) {
  const d = store.create(deployment('web'));
  const owner = (o: { apiVersion?: string; kind?: string; metadata?: { name?: string; uid?: string } }) => [
    { apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata!.name!, uid: o.metadata!.uid!, controller: true, blockOwnerDeletion: true },
  ];
  const rs = store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d4f', ownerReferences: owner(d) },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  });
  for (const name of ['web-5d4f-aaaaa', 'web-5d4f-bbbbb']) store.create({ ...pod(name, { labels: { app: 'web' }, ownerReferences: owner(rs) }) });
  return { d, rs };
}

describe('deletion and the garbage collector', () => {
  it('cascades in the background: Deployment, then its ReplicaSets, then their Pods', () => {
    const { engine, store } = apiCluster();
    const { rs } = chain(store);
    expect(store.dependents(rs.metadata!.uid!).map((p) => p.metadata?.name)).toEqual(['web-5d4f-aaaaa', 'web-5d4f-bbbbb']);
    store.delete('Deployment', 'default', 'web');
    expect(store.list('ReplicaSet').items).toHaveLength(1);
    engine.runUntilIdle();
    expect(store.list('ReplicaSet').items).toHaveLength(0);
    expect(store.list('Pod').items).toHaveLength(0);
  });

  it('orphans dependents with propagationPolicy Orphan', () => {
    const { engine, store } = apiCluster();
    chain(store);
    const deleting = store.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' });
    expect(deleting.metadata?.finalizers).toEqual(['orphan']);
    engine.runUntilIdle();
    expect(store.tryGet('Deployment', 'default', 'web')).toBeUndefined();
    const rs = store.get('ReplicaSet', 'default', 'web-5d4f');
    expect(rs.metadata?.ownerReferences).toBeUndefined();
    expect(store.list('Pod').items).toHaveLength(2);
  });

  it('deletes in the foreground: the owner waits for its dependents', () => {
    const { engine, store } = apiCluster();
    chain(store);
    const deleting = store.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(deleting.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(deleting.metadata?.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    engine.runUntilIdle();
    expect(store.list('Pod').items).toHaveLength(0);
    expect(store.list('ReplicaSet').items).toHaveLength(0);
    expect(store.tryGet('Deployment', 'default', 'web')).toBeUndefined();
  });

  it('gives a scheduled pod its grace period; the kubelet finishes the deletion', () => {
    const { engine, store } = apiCluster();
    store.create(pod('p'));
    store.bind('default', 'p', 'node-1');
    engine.runFor(10_000);
    const terminating = store.delete('Pod', 'default', 'p');
    expect(terminating.metadata?.deletionTimestamp).toBe('2025-01-01T00:00:40Z');
    expect(terminating.metadata?.deletionGracePeriodSeconds).toBe(30);
    store.finalizeDelete('default', 'p');
    expect(store.tryGet('Pod', 'default', 'p')).toBeUndefined();
    // An unscheduled pod goes at once.
    store.create(pod('q'));
    store.delete('Pod', 'default', 'q');
    expect(store.tryGet('Pod', 'default', 'q')).toBeUndefined();
  });

  it('keeps an object with finalizers until the last one is removed', () => {
    const { store } = apiCluster();
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } });
    const held = store.delete('ConfigMap', 'default', 'c');
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    store.patch('ConfigMap', 'default', 'c', { metadata: { finalizers: null } }, 'merge');
    expect(store.tryGet('ConfigMap', 'default', 'c')).toBeUndefined();
  });

  it('terminates a namespace: Terminating first, then its content, then the namespace', () => {
    const { engine, store } = apiCluster();
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    store.create(pod('p', { namespace: 'shop' }));
    store.bind('shop', 'p', 'node-1');
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } });
    const ns = store.delete('Namespace', undefined, 'shop');
    expect(ns.status?.phase).toBe('Terminating');
    let refused = '';
    try {
      store.create(pod('late', { namespace: 'shop' }));
    } catch (error) {
      refused = formatKubectlError(error);
    }
    expect(refused).toBe('Error from server (Forbidden): pods "late" is forbidden: unable to create new content in namespace shop because it is being terminated\n');
    engine.runFor(1_000);
    expect(store.list('ConfigMap', { namespace: 'shop' }).items).toEqual([]);
    expect(store.get('Pod', 'shop', 'p').metadata?.deletionTimestamp).toBeDefined();
    store.finalizeDelete('shop', 'p');
    engine.runFor(1_000);
    expect(store.tryGet('Namespace', undefined, 'shop')).toBeUndefined();
  });

  it('will not delete the built-in namespaces', () => {
    const { store } = apiCluster();
    expect(() => store.delete('Namespace', undefined, 'kube-system')).toThrow('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });
});
