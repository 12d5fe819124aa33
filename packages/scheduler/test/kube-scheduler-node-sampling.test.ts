// percentageOfNodesToScore (adaptive 50 − nodes/125, at least 5% and 100 nodes), the round-robin
// start index, the zone-interleaved walking order and the reservoir-sampled tie-break.

import { SeededRandom } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind, SchedulerCache, SchedulingFramework } from '../src/kube-scheduler/index.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

describe('percentageOfNodesToScore', () => {
  it('checks every node below 100 nodes and adapts above', () => {
    expect(numFeasibleNodesToFind(0, 3)).toBe(3);
    expect(numFeasibleNodesToFind(0, 99)).toBe(99);
    expect(numFeasibleNodesToFind(0, 100)).toBe(100); // 50% of 100 = 50, raised to 100
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420); // 50 − 8 = 42%
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500); // 50 − 40 = 10%
    expect(numFeasibleNodesToFind(0, 6000)).toBe(300); // 50 − 48 = 2% → floor of 5%
    expect(numFeasibleNodesToFind(0, 1500)).toBe(570); // 50 − 12 = 38%
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300); // configured
    expect(numFeasibleNodesToFind(1, 1000)).toBe(100);
  });

  it('stops filtering once enough feasible nodes are found and starts the next cycle where it stopped', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => makeNode(`n${String(i).padStart(4, '0')}`));
    const framework = frameworkWith(nodes);
    const first = framework.scheduleOne(makePod('a'));
    expect(first.status === 'Scheduled' && [first.evaluatedNodes, first.feasibleNodes]).toEqual([420, 420]);
    expect(framework.nextStartNodeIndex).toBe(420);
    framework.scheduleOne(makePod('b'));
    expect(framework.nextStartNodeIndex).toBe(840);
    framework.scheduleOne(makePod('c'));
    expect(framework.nextStartNodeIndex).toBe(260); // (840 + 420) mod 1000
  });
});

describe('walking order', () => {
  it('interleaves zones, in the order they appeared, nodes in the order they were added', () => {
    const cache = new SchedulerCache();
    const add = (name: string, zone?: string) => cache.addNode(makeNode(name, zone ? { labels: { 'topology.kubernetes.io/zone': zone } } : {}));
    add('a1', 'a');
    add('a2', 'a');
    add('b1', 'b');
    add('a3', 'a');
    add('c1', 'c');
    add('b2', 'b');
    add('none');
    const names = Array.from(cache.order(), (slot) => cache.entries[slot]!.name);
    expect(names).toEqual(['a1', 'b1', 'c1', 'none', 'a2', 'b2', 'a3']);
    cache.removeNode('b1');
    expect(Array.from(cache.order(), (slot) => cache.entries[slot]!.name)).toEqual(['a1', 'b2', 'c1', 'none', 'a2', 'a3']);
  });
});

describe('tie-break', () => {
  const identical = () => Array.from({ length: 8 }, (_, i) => makeNode(`n${i}`));

  it('draws from the seeded random: the same seed gives the same node, other seeds may not', () => {
    const pick = (seed: number) => {
      const r = frameworkWith(identical(), seed).scheduleOne(makePod('p', { cpu: '100m' }));
      return r.status === 'Scheduled' ? r.node : '';
    };
    expect(pick(5)).toBe(pick(5));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(pick)).size).toBeGreaterThan(1);
  });

  it('only chooses among the nodes sharing the best total, and records them', () => {
    const nodes = [...identical(), makeNode('busy', {})];
    for (let seed = 1; seed <= 20; seed++) {
      const framework = frameworkWith(nodes, seed, [makePod('x', { node: 'busy', cpu: '2' })]);
      const r = framework.scheduleOne(makePod('p', { cpu: '100m' }));
      expect(r.status === 'Scheduled' && r.node).not.toBe('busy');
      expect(r.why.ties?.count).toBe(8);
      expect(r.why.ties?.nodes).toContain(r.status === 'Scheduled' ? r.node : '');
    }
  });

  it('takes the single feasible node without drawing', () => {
    const random = new SeededRandom(3);
    const before = random.getState();
    const cache = new SchedulerCache();
    cache.addNode(makeNode('only'));
    const r = new SchedulingFramework(cache, { random }).scheduleOne(makePod('p'));
    expect(r.why.note).toBe('only one feasible node: taken without scoring');
    expect(random.getState()).toEqual(before);
  });
});
