// The README's controller pattern: react to a watch by queueing an engine task, do the work there.
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../src/index.ts';
import { apiCluster } from './fixtures/api-cluster.ts';

describe('a controller built on the store', () => {
  it('sees changes through its watch and writes status with observedGeneration', () => {
    const { engine, store } = apiCluster();
    const sync = engine.defineTask<{ ns: string; name: string }>('replicaset.sync', ({ ns, name }) => {
      const rs = store.tryGet('ReplicaSet', ns, name);
      if (rs === undefined) return;
      const pods = store.dependents(rs.metadata!.uid!);
      const copy = deepCopy(rs);
      copy.status = { replicas: pods.length, observedGeneration: rs.metadata!.generation! };
      store.updateStatus(copy);
    });
    const syncs: string[] = [];
    store.watch('ReplicaSet', {}, ({ type, object }) => {
      syncs.push(`${type} ${object.metadata?.resourceVersion}`);
      engine.schedule(sync, 0, { ns: object.metadata!.namespace!, name: object.metadata!.name! });
    });
    const rs = store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
    });
    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-abcde', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid!, controller: true }] },
      spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    });
    engine.runUntilIdle();
    const synced = store.get('ReplicaSet', 'default', 'web');
    expect(synced.status).toEqual({ replicas: 1, observedGeneration: 1 });
    // Its own status write comes back as one more event, and the next sync changes nothing.
    expect(syncs).toEqual([`ADDED ${rs.metadata!.resourceVersion}`, `MODIFIED ${synced.metadata!.resourceVersion}`]);
  });
});
