// InterPodAffinity: required affinity and anti-affinity of the pod, existing pods' anti-affinity,
// the first replica of a self-affine workload, and the preferred-terms score.

import type { PodAffinityTerm } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const zone = (name: string, z: string) => makeNode(name, { labels: { 'topology.kubernetes.io/zone': z } });
const term = (app: string, topologyKey = 'kubernetes.io/hostname'): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey });

describe('InterPodAffinity filter', () => {
  it('keeps replicas with required anti-affinity on different nodes', () => {
    const nodes = [makeNode('n1'), makeNode('n2'), makeNode('n3')];
    const existing = [makePod('web-1', { node: 'n1', labels: { app: 'web' } })];
    const pod = makePod('web-2', { labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } } });
    const result = frameworkWith(nodes, 1, existing).scheduleOne(pod);
    expect(result.why.rejected).toEqual([
      { plugin: 'InterPodAffinity', reasons: ["node(s) didn't match pod anti-affinity rules"], count: 1, nodes: ['n1'] },
    ]);
  });

  it('respects the anti-affinity of pods already running', () => {
    const nodes = [zone('a1', 'a'), zone('a2', 'a'), zone('b1', 'b')];
    const loner = makePod('db', {
      node: 'a1',
      labels: { app: 'db' },
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache', 'topology.kubernetes.io/zone')] } } },
    });
    const result = frameworkWith(nodes, 1, [loner]).scheduleOne(makePod('cache', { labels: { app: 'cache' } }));
    expect(result.status === 'Scheduled' && result.node).toBe('b1');
    expect(result.why.rejected[0]).toEqual({
      plugin: 'InterPodAffinity',
      reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
      count: 2,
      nodes: ['a1', 'a2'],
    });
  });

  it('places a pod next to the pods its required affinity names, and lets the first self-affine replica anywhere', () => {
    const nodes = [zone('a1', 'a'), zone('b1', 'b')];
    const affine = (name: string, node?: string) =>
      makePod(name, { node, labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'topology.kubernetes.io/zone')] } } } });
    const first = frameworkWith(nodes).scheduleOne(affine('web-1'));
    expect(first.status).toBe('Scheduled');
    const second = frameworkWith(nodes, 1, [affine('web-1', 'b1')]).scheduleOne(affine('web-2'));
    expect(second.status === 'Scheduled' && second.node).toBe('b1');
    const cache = makePod('cache', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('redis')] } } } });
    const stuck = frameworkWith(nodes).scheduleOne(cache);
    expect(stuck.status === 'Unschedulable' && stuck.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('only looks in the term\'s namespaces (its own by default, or those a namespaceSelector picks)', () => {
    const nodes = [makeNode('n1'), makeNode('n2')];
    const other = makePod('web-other', { namespace: 'other', node: 'n1', labels: { app: 'web' } });
    const anti = (extra: Partial<PodAffinityTerm>) =>
      makePod('web', { labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('web'), ...extra }] } } } });
    expect(frameworkWith(nodes, 1, [other]).scheduleOne(anti({})).why.rejected).toEqual([]);
    expect(frameworkWith(nodes, 1, [other]).scheduleOne(anti({ namespaces: ['other'] })).why.rejected[0]?.nodes).toEqual(['n1']);
    const framework = frameworkWith(nodes, 1, [other]);
    framework.cache.setNamespace('other', { team: 'x' });
    expect(framework.scheduleOne(anti({ namespaceSelector: { matchLabels: { team: 'x' } } })).why.rejected[0]?.nodes).toEqual(['n1']);
  });
});

describe('InterPodAffinity score', () => {
  it('adds preferred affinity weights and subtracts preferred anti-affinity weights per domain, normalised by the spread', () => {
    const nodes = [zone('a1', 'a'), zone('b1', 'b'), zone('c1', 'c')];
    const existing = [makePod('cache', { node: 'a1', labels: { app: 'cache' } }), makePod('noisy', { node: 'b1', labels: { app: 'noisy' } })];
    const pod = makePod('web', {
      spec: {
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 80, podAffinityTerm: term('cache', 'topology.kubernetes.io/zone') }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term('noisy', 'topology.kubernetes.io/zone') }] },
        },
      },
    });
    const result = frameworkWith(nodes, 1, existing).scheduleOne(pod);
    const score = (node: string) => result.why.scored!.find((s) => s.node === node)!.scores['InterPodAffinity'];
    expect(score('a1')).toEqual([80, 100, 200]);
    expect(score('b1')).toEqual([-20, 0, 0]);
    expect(score('c1')).toEqual([0, 20, 40]);
    expect(result.status === 'Scheduled' && result.node).toBe('a1');
  });

  it('counts existing pods\' required affinity to the newcomer with hardPodAffinityWeight 1', () => {
    const nodes = [makeNode('n1'), makeNode('n2')];
    const existing = [makePod('sidecar', { node: 'n2', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } } })];
    const result = frameworkWith(nodes, 1, existing).scheduleOne(makePod('web', { labels: { app: 'web' } }));
    expect(result.why.scored!.find((s) => s.node === 'n2')!.scores['InterPodAffinity']).toEqual([1, 100, 200]);
  });
});
