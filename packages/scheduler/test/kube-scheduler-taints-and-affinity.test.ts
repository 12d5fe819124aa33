// TaintToleration, NodeUnschedulable, NodeAffinity and NodePorts: which nodes they let through and
// how the two scoring ones normalise.

import { describe, expect, it } from 'vitest';
import { toleratesTaint } from '../src/kube-scheduler/index.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const noSchedule = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('TaintToleration', () => {
  it('matches tolerations the way Toleration.ToleratesTaint does', () => {
    expect(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, noSchedule)).toBe(true);
    expect(toleratesTaint({ key: 'dedicated', value: 'gpu' }, noSchedule)).toBe(true); // "" operator is Equal, "" effect any
    expect(toleratesTaint({ key: 'dedicated', value: 'cpu' }, noSchedule)).toBe(false);
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, noSchedule)).toBe(true);
    expect(toleratesTaint({ operator: 'Exists' }, noSchedule)).toBe(true); // tolerates everything
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, noSchedule)).toBe(false);
  });

  it('keeps pods off NoSchedule and NoExecute taints, not PreferNoSchedule ones', () => {
    const nodes = [
      makeNode('tainted', { taints: [noSchedule] }),
      makeNode('evicting', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }),
      makeNode('preferred-not', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }),
    ];
    const result = frameworkWith(nodes).scheduleOne(makePod('p'));
    expect(result.status === 'Scheduled' && result.node).toBe('preferred-not');
    expect(result.why.rejected.map((r) => r.reasons[0])).toEqual([
      'node(s) had untolerated taint {dedicated: gpu}',
      'node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    ]);
  });

  it('scores untolerated PreferNoSchedule taints reversed: none → 100, the most → 0', () => {
    const prefer = (key: string) => ({ key, effect: 'PreferNoSchedule' });
    const nodes = [makeNode('clean'), makeNode('one', { taints: [prefer('a')] }), makeNode('two', { taints: [prefer('a'), prefer('b')] })];
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }));
    const score = (node: string) => result.why.scored!.find((s) => s.node === node)!.scores['TaintToleration'];
    expect(score('clean')).toEqual([0, 100, 300]);
    expect(score('one')).toEqual([1, 0, 0]);
    expect(score('two')).toEqual([1, 0, 0]);
  });
});

describe('NodeUnschedulable', () => {
  it('keeps pods off cordoned nodes unless they tolerate node.kubernetes.io/unschedulable', () => {
    const nodes = [makeNode('cordoned', { unschedulable: true })];
    expect(frameworkWith(nodes).scheduleOne(makePod('p')).status).toBe('Unschedulable');
    const tolerant = makePod('ds', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    const result = frameworkWith(nodes).scheduleOne(tolerant);
    expect(result.status === 'Scheduled' && result.node).toBe('cordoned');
  });
});

describe('NodeAffinity', () => {
  const nodes = [
    makeNode('small', { labels: { size: '2', zone: 'a' } }),
    makeNode('large', { labels: { size: '16', zone: 'b', ssd: 'true' } }),
    makeNode('plain'),
  ];
  const required = (...expressions: { key: string; operator: string; values?: string[] }[]) =>
    makePod('p', {
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions }] } } } },
    });
  const feasible = (pod: ReturnType<typeof makePod>) => {
    const result = frameworkWith(nodes).scheduleOne(pod);
    return result.status === 'Scheduled' ? (result.why.scored?.map((s) => s.node).sort() ?? [result.node]) : [];
  };

  it('applies In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    expect(feasible(required({ key: 'zone', operator: 'In', values: ['a', 'c'] }))).toEqual(['small']);
    expect(feasible(required({ key: 'zone', operator: 'NotIn', values: ['a'] }))).toEqual(['large', 'plain']);
    expect(feasible(required({ key: 'ssd', operator: 'Exists' }))).toEqual(['large']);
    expect(feasible(required({ key: 'ssd', operator: 'DoesNotExist' }))).toEqual(['plain', 'small']);
    expect(feasible(required({ key: 'size', operator: 'Gt', values: ['4'] }))).toEqual(['large']);
    expect(feasible(required({ key: 'size', operator: 'Lt', values: ['4'] }))).toEqual(['small']);
  });

  it('ANDs nodeSelector with the affinity terms, and a broken term matches nothing', () => {
    const both = required({ key: 'zone', operator: 'Exists' });
    both.spec!.nodeSelector = { ssd: 'true' };
    expect(feasible(both)).toEqual(['large']);
    expect(feasible(required({ key: 'size', operator: 'Gt', values: ['1', '2'] }))).toEqual([]);
  });

  it('scores the weights of matching preferred terms, normalised by the best node', () => {
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 30, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
              { weight: 60, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } },
            ],
          },
        },
      },
    });
    const result = frameworkWith(nodes).scheduleOne(pod);
    const score = (node: string) => result.why.scored!.find((s) => s.node === node)!.scores['NodeAffinity'];
    expect(score('large')).toEqual([60, 100, 200]);
    expect(score('small')).toEqual([30, 50, 100]);
    expect(score('plain')).toEqual([0, 0, 0]);
    expect(result.status === 'Scheduled' && result.node).toBe('large');
  });
});

describe('NodePorts', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string, node?: string) =>
    makePod(name, { node, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}) }] }] });

  it('rejects a node where the hostPort is taken on 0.0.0.0 or the same IP, not on another IP', () => {
    const nodes = [makeNode('a'), makeNode('b')];
    const busy = [withPort('x', 8080, undefined, 'a'), withPort('y', 9090, '10.0.0.1', 'b')];
    expect(frameworkWith(nodes, 1, busy).scheduleOne(withPort('p', 8080)).why.rejected[0]?.nodes).toEqual(['a']);
    expect(frameworkWith(nodes, 1, busy).scheduleOne(withPort('p', 9090, '10.0.0.1')).why.rejected[0]?.nodes).toEqual(['b']);
    expect(frameworkWith(nodes, 1, busy).scheduleOne(withPort('p', 9090, '10.0.0.2')).why.rejected).toEqual([]);
    expect(frameworkWith(nodes, 1, busy).scheduleOne(withPort('p', 9090)).why.rejected[0]?.nodes).toEqual(['b']);
  });

  it('is skipped for pods without host ports', () => {
    expect(frameworkWith([makeNode('a')]).scheduleOne(makePod('p')).why.skipped).toContain('NodePorts');
  });
});
