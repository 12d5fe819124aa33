import { describe, expect, it } from 'vitest';
import { apiCluster, deployment, pod } from './fixtures/api-cluster.ts';

describe('server-set metadata', () => {
  it('starts with the four namespaces, each with its default ServiceAccount and root CA', () => {
    const { store } = apiCluster();
    expect(store.list('Namespace').items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(store.get('Namespace', undefined, 'default').status?.phase).toBe('Active');
    expect(store.get('Namespace', undefined, 'default').metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'default' });
    expect(store.list('ServiceAccount', { namespace: 'kube-system' }).items.map((s) => s.metadata?.name)).toEqual(['default']);
    expect(store.tryGet('ConfigMap', 'default', 'kube-root-ca.crt')?.data?.['ca.crt']).toContain('BEGIN CERTIFICATE');
  });

  it('sets uid (UUID v4), resourceVersion, generation and creationTimestamp from the virtual clock', () => {
    const { engine, store } = apiCluster();
    engine.runFor(90_000);
    const rv = Number(store.resourceVersion);
    const d = store.create(deployment('web'));
    expect(d.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d.metadata?.resourceVersion).toBe(String(rv + 1));
    expect(d.metadata?.generation).toBe(1);
    expect(d.metadata?.creationTimestamp).toBe('2025-01-01T00:01:30Z');
    expect(Object.isFrozen(d) && Object.isFrozen(d.spec)).toBe(true);
  });

  it('bumps generation on spec changes only', () => {
    const { store } = apiCluster();
    const d = store.create(deployment('web'));
    const relabelled = store.patch('Deployment', 'default', 'web', { metadata: { labels: { team: 'a' } } }, 'merge');
    expect(relabelled.metadata?.generation).toBe(1);
    const withStatus = store.updateStatus({ ...relabelled, status: { observedGeneration: 1, replicas: 3 } });
    expect(withStatus.metadata?.generation).toBe(1);
    expect(withStatus.status?.observedGeneration).toBe(1);
    const scaled = store.patch('Deployment', 'default', 'web', { spec: { replicas: 5 } }, 'merge');
    expect(scaled.metadata?.generation).toBe(2);
    expect(Number(scaled.metadata?.resourceVersion)).toBeGreaterThan(Number(d.metadata?.resourceVersion));
  });

  it('generates names from generateName with 5 characters of the safe alphabet', () => {
    const { store } = apiCluster();
    const p = store.create(pod('', { generateName: 'web-7d4b9c-' }));
    expect(p.metadata?.name).toMatch(/^web-7d4b9c-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('gives the same names and uids for the same seed', () => {
    const names = (seed: number) => {
      const { store } = apiCluster(seed);
      return [0, 1, 2].map(() => {
        const p = store.create(pod('', { generateName: 'x-' }));
        return `${p.metadata?.name} ${p.metadata?.uid}`;
      });
    };
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
  });
});
