// The same seed and the same writes give a byte-identical event log, including the garbage
// collector's and namespace controller's work; a snapshot taken midway runs on to the same log.
import { describe, expect, it } from 'vitest';
import { apiCluster, deployment, pod } from './fixtures/api-cluster.ts';

function script(cluster: ReturnType<typeof apiCluster>, from = 0, to = Infinity): void {
  const { engine, store } = cluster;
  const steps: (() => void)[] = [
    () => store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
    () => {
      const d = store.create({ ...deployment('web'), metadata: { name: 'web', namespace: 'shop' } });
      for (let i = 0; i < 3; i++) {
        store.create(pod('', { generateName: 'web-', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid!, controller: true }] }));
      }
    },
    () => engine.runFor(5_000),
    () => store.delete('Deployment', 'shop', 'web'),
    () => engine.runFor(5_000),
    () => store.delete('Namespace', undefined, 'shop'),
    () => engine.runFor(5_000),
  ];
  for (const step of steps.slice(from, to)) step();
}

describe('determinism', () => {
  it('gives the same log for the same seed, and a different one for another seed', () => {
    const a = apiCluster(3);
    const b = apiCluster(3);
    script(a);
    script(b);
    expect(a.engine.log.toJSONL()).toBe(b.engine.log.toJSONL());
    expect(a.store.tryGet('Namespace', undefined, 'shop')).toBeUndefined();
    const c = apiCluster(4);
    script(c);
    expect(c.engine.log.toJSONL()).not.toBe(a.engine.log.toJSONL());
  });

  it('runs on from a snapshot to the same log', () => {
    const whole = apiCluster(5);
    script(whole);
    for (const cut of [1, 3, 4, 6]) {
      const before = apiCluster(5);
      script(before, 0, cut);
      const after = apiCluster(5);
      after.engine.restore(JSON.parse(JSON.stringify(before.engine.snapshot())));
      script(after, cut);
      expect(after.engine.log.toJSONL()).toBe(whole.engine.log.toJSONL());
    }
  });
});
