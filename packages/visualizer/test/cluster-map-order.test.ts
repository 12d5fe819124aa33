// The cluster map lists each node's pods in the natural order of their names (web-2 before
// web-10), as the page shows them, whatever order the store keeps them in and however the
// pods on a node come and go between frames.
import { DEFAULT_CONFIG, World } from '@dockyard/cli';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byNaturalName, clusterMap } from '../src/cluster/cluster-map.ts';

function podOn(world: World, name: string, node: string | undefined) {
  return world.cluster.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { ...(node === undefined ? {} : { nodeName: node }), containers: [{ name: 'c', image: 'busybox:1.36' }] },
  });
}

const names = (world: World, node: string) => clusterMap(world).nodes.find((n) => n.name === node)!.pods.map((chip) => chip.name);

describe('the cluster map', () => {
  it("lists a node's pods in natural order, kept as pods come and go", () => {
    const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
    for (const name of ['web-10', 'web-2', 'web-1']) podOn(world, name, 'node-1');
    expect(names(world, 'node-1')).toEqual(['web-1', 'web-2', 'web-10']);
    // The same pods a frame later, then one more, then one fewer.
    expect(names(world, 'node-1')).toEqual(['web-1', 'web-2', 'web-10']);
    podOn(world, 'web-3', 'node-1');
    expect(names(world, 'node-1')).toEqual(['web-1', 'web-2', 'web-3', 'web-10']);
    world.cluster.store.delete('Pod', 'default', 'web-2', { gracePeriodSeconds: 0 });
    expect(names(world, 'node-1')).toEqual(['web-1', 'web-3', 'web-10']);
    expect(clusterMap(world).podCount).toBe(3);
  });

  it('orders every node and the Unscheduled lane as a fresh sort would, frame after frame', () => {
    const pod = fc.record({ n: fc.integer({ min: 0, max: 30 }), node: fc.constantFrom('node-1', 'node-2', undefined) });
    fc.assert(
      fc.property(fc.array(fc.array(pod, { maxLength: 6 }), { minLength: 1, maxLength: 8 }), (frames) => {
        const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
        for (const frame of frames) {
          for (const { n, node } of frame) {
            const name = `web-${n}`;
            if (world.cluster.store.tryGet('Pod', 'default', name) !== undefined) world.cluster.store.delete('Pod', 'default', name, { gracePeriodSeconds: 0 });
            else podOn(world, name, node);
          }
          const model = clusterMap(world);
          for (const group of [...model.nodes.map((n) => n.pods), model.unscheduled]) {
            const keys = group.map((chip) => chip.key);
            expect(keys).toEqual([...keys].sort(byNaturalName));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
