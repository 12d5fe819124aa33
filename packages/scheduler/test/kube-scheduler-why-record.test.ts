// The why record of a decision: every node's verdict on a small cluster, the summary plus the
// best `limit` nodes on a large one, small enough for the event log.

import { describe, expect, it } from 'vitest';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

describe('why record', () => {
  it('shows on a small cluster which filter stopped each node and every score of the others', () => {
    const nodes = [
      makeNode('tainted', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
      makeNode('tiny', { cpu: '100m' }),
      makeNode('roomy', { cpu: '8' }),
      makeNode('snug', { cpu: '2' }),
    ];
    const why = frameworkWith(nodes).scheduleOne(makePod('api', { namespace: 'shop', cpu: '500m', memory: '256Mi' })).why;
    expect(why).toEqual({
      pod: 'shop/api',
      nodes: 4,
      evaluated: 4,
      feasible: 2,
      filters: ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeResourcesFit'],
      skipped: ['NodeAffinity', 'NodePorts', 'VolumeRestrictions', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity'],
      scoresSkipped: ['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity'],
      rejected: [
        { plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {dedicated: db}'], count: 1, nodes: ['tainted'] },
        { plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'], count: 1, nodes: ['tiny'] },
      ],
      weights: { TaintToleration: 3, NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 },
      scored: [
        {
          node: 'roomy',
          total: 492,
          scores: {
            TaintToleration: [0, 100, 300],
            // cpu 7500 × 100 / 8000 = 93, memory 7936Mi × 100 / 8192Mi = 96 → (93 + 96) / 2 = 94
            NodeResourcesFit: [94, 94, 94],
            // fractions 0.0625 and 0.03125 → std 0.015625 → 98
            NodeResourcesBalancedAllocation: [98, 98, 98],
            ImageLocality: [0, 0, 0],
          },
        },
        {
          node: 'snug',
          total: 474,
          scores: {
            TaintToleration: [0, 100, 300],
            // cpu 75, memory 96 → 85
            NodeResourcesFit: [85, 85, 85],
            // fractions 0.25 and 0.03125 → std 0.109375 → 89
            NodeResourcesBalancedAllocation: [89, 89, 89],
            ImageLocality: [0, 0, 0],
          },
        },
      ],
      ties: { count: 1, nodes: ['roomy'] },
      chosen: 'roomy',
      limit: 10,
    });
  });

  it('keeps a 5,000-node decision to the summary and the best 10 nodes, saying how many there were', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => makeNode(`n${i}`, i % 2 === 0 ? { cpu: '100m' } : {}));
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { cpu: '500m' }));
    const why = result.why;
    expect(why.nodes).toBe(5000);
    expect(why.feasible).toBe(500);
    expect(why.evaluated).toBe(1000);
    expect(why.rejected[0]).toMatchObject({ plugin: 'NodeResourcesFit', count: 500 });
    expect(why.rejected[0]!.nodes).toHaveLength(10);
    expect(why.scored).toHaveLength(10);
    expect(why.ties!.count).toBe(500);
    expect(why.ties!.nodes).toHaveLength(10);
    expect(JSON.stringify(why).length).toBeLessThan(4000);
  });
});
