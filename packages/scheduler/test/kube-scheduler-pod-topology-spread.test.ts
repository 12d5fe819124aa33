// PodTopologySpread: the DoNotSchedule skew rule with minDomains and the inclusion policies, and the
// ScheduleAnyway score including the system default constraints over a ReplicaSet's selector.

import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const app = { app: 'web' };
const spread = (c: Partial<TopologySpreadConstraint>): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey: 'kubernetes.io/hostname',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: app },
  ...c,
});
const web = (name: string, node?: string) => makePod(name, { labels: app, node });

describe('PodTopologySpread filter', () => {
  it('rejects nodes where placing the pod would exceed maxSkew over the emptiest domain', () => {
    const nodes = [makeNode('n1'), makeNode('n2'), makeNode('n3')];
    const existing = [web('a', 'n1'), web('b', 'n1'), web('c', 'n2')];
    const result = frameworkWith(nodes, 1, existing).scheduleOne(makePod('p', { labels: app, spec: { topologySpreadConstraints: [spread({})] } }));
    expect(result.status === 'Scheduled' && result.node).toBe('n3');
    expect(result.why.rejected).toEqual([
      { plugin: 'PodTopologySpread', reasons: ["node(s) didn't match pod topology spread constraints"], count: 2, nodes: ['n1', 'n2'] },
    ]);
  });

  it('rejects a node without the topology label as unresolvable', () => {
    const nodes = [makeNode('zoned', { labels: { 'topology.kubernetes.io/zone': 'a' } }), makeNode('bare')];
    const pod = makePod('p', { labels: app, spec: { topologySpreadConstraints: [spread({ topologyKey: 'topology.kubernetes.io/zone' })] } });
    const result = frameworkWith(nodes).scheduleOne(pod);
    expect(result.why.rejected[0]).toMatchObject({ reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], nodes: ['bare'] });
  });

  it('takes the global minimum as 0 while fewer than minDomains domains exist', () => {
    const zone = (name: string, z: string) => makeNode(name, { labels: { 'topology.kubernetes.io/zone': z } });
    const nodes = [zone('a1', 'a'), zone('b1', 'b')];
    const existing = [web('x', 'a1'), web('y', 'b1')];
    const constraint = spread({ topologyKey: 'topology.kubernetes.io/zone' });
    const pod = (minDomains?: number) =>
      makePod('p', { labels: app, spec: { topologySpreadConstraints: [{ ...constraint, ...(minDomains ? { minDomains } : {}) }] } });
    expect(frameworkWith(nodes, 1, existing).scheduleOne(pod()).status).toBe('Scheduled');
    expect(frameworkWith(nodes, 1, existing).scheduleOne(pod(3)).status).toBe('Unschedulable');
  });

  it('counts only nodes matching the pod\'s node selector (nodeAffinityPolicy: Honor), all with Ignore', () => {
    const nodes = [makeNode('n1', { labels: { pool: 'x' } }), makeNode('n2', { labels: { pool: 'x' } }), makeNode('other')];
    const existing = [web('a', 'n1')];
    const pod = (policy?: string) =>
      makePod('p', { labels: app, spec: { nodeSelector: { pool: 'x' }, topologySpreadConstraints: [spread(policy ? { nodeAffinityPolicy: policy } : {})] } });
    // Honor: domains n1 (1) and n2 (0): n2 only. Ignore: "other" counts too and is empty, same answer for n1 (1+1-0 > 1).
    const honor = frameworkWith(nodes, 1, existing).scheduleOne(pod());
    expect(honor.status === 'Scheduled' && honor.node).toBe('n2');
    const moreExisting = [web('a', 'n1'), web('b', 'n2')];
    // Honor: min over n1, n2 is 1 → both fit; Ignore: "other" has 0 → both rejected.
    expect(frameworkWith(nodes, 1, moreExisting).scheduleOne(pod()).status).toBe('Scheduled');
    expect(frameworkWith(nodes, 1, moreExisting).scheduleOne(pod('Ignore')).status).toBe('Unschedulable');
  });

  it('leaves nodes with untolerated taints out only with nodeTaintsPolicy: Honor', () => {
    const nodes = [makeNode('n1'), makeNode('n2'), makeNode('tainted', { taints: [{ key: 'k', effect: 'NoSchedule' }] })];
    const existing = [web('a', 'n1'), web('b', 'n2')];
    const pod = (policy?: string) => makePod('p', { labels: app, spec: { topologySpreadConstraints: [spread(policy ? { nodeTaintsPolicy: policy } : {})] } });
    expect(frameworkWith(nodes, 1, existing).scheduleOne(pod()).status).toBe('Unschedulable');
    expect(frameworkWith(nodes, 1, existing).scheduleOne(pod('Honor')).status).toBe('Scheduled');
  });
});

describe('PodTopologySpread score', () => {
  const zone = (name: string, z: string) => makeNode(name, { labels: { 'topology.kubernetes.io/zone': z } });
  const owned = (name: string, node?: string) => makePod(name, { labels: app, node, owner: { kind: 'ReplicaSet', name: 'web-1' } });

  it('spreads a ReplicaSet\'s pods by the system defaults (hostname maxSkew 3, zone maxSkew 5)', () => {
    const framework = frameworkWith([zone('n1', 'a'), zone('n2', 'a'), zone('n3', 'b')], 1, [owned('r1', 'n1'), owned('r2', 'n1')]);
    framework.cache.setWorkload('ReplicaSet', 'default', 'web-1', { matchLabels: app });
    const result = framework.scheduleOne(owned('r3'));
    const score = (node: string) => result.why.scored!.find((s) => s.node === node)!.scores['PodTopologySpread'];
    // raw = Σ count × ln(domains + 2) + (maxSkew − 1): n1 2·ln5 + 2 + 2·ln4 + 4 = 12, n2 2 + 2·ln4 + 4 = 9, n3 2 + 4 = 6
    expect(score('n1')).toEqual([12, 50, 100]);
    expect(score('n2')).toEqual([9, 75, 150]);
    expect(score('n3')).toEqual([6, 100, 200]);
    expect(result.status === 'Scheduled' && result.node).toBe('n3');
  });

  it('does not apply the defaults to pods no Service or controller selects', () => {
    const result = frameworkWith([zone('n1', 'a'), zone('n2', 'b')]).scheduleOne(makePod('lonely', { labels: app }));
    expect(result.why.scoresSkipped).toContain('PodTopologySpread');
  });

  it('scores the same whether the counts come from the shared counters or from walking the nodes', () => {
    const nodes = [zone('n1', 'a'), zone('n2', 'a'), zone('n3', 'b'), zone('n4', 'c')];
    for (const n of nodes) n.metadata!.labels!['pool'] = 'x';
    const existing = [owned('r1', 'n1'), owned('r2', 'n2'), owned('r3', 'n2'), owned('r4', 'n4')];
    const soft = [spread({ whenUnsatisfiable: 'ScheduleAnyway', topologyKey: 'topology.kubernetes.io/zone', maxSkew: 2 }), spread({ whenUnsatisfiable: 'ScheduleAnyway' })];
    const fast = frameworkWith(nodes, 1, existing).scheduleOne(makePod('p', { labels: app, spec: { topologySpreadConstraints: soft } }));
    // A node selector every node matches forces the walk (nodeAffinityPolicy: Honor).
    const slow = frameworkWith(nodes, 1, existing).scheduleOne(makePod('p', { labels: app, spec: { nodeSelector: { pool: 'x' }, topologySpreadConstraints: soft } }));
    const spreadScores = (r: typeof fast) => r.why.scored!.map((s) => [s.node, s.scores['PodTopologySpread']]);
    expect(spreadScores(slow)).toEqual(spreadScores(fast));
  });
});
