// Which pods a ReplicaSet deletes when it has too many: Kubernetes' ActivePodsWithRanks order
// (reference §4, the 8 rules, LogarithmicScaleDown buckets and pod-deletion-cost), rule by rule on
// hand-made pods, then through the controller on a running cluster.

import { describe, expect, it } from 'vitest';
import { toRFC3339 } from '@dockyard/runtime';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepCopy, podsToDelete, type Stored } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

interface PodSpec {
  name: string;
  uid?: string;
  node?: string;
  phase?: string;
  ready?: number | false;
  created?: number;
  restarts?: number;
  cost?: string;
}

/** A pod as a ReplicaSet sees it; times in seconds of virtual time. */
function pod(p: PodSpec): Stored<'Pod'> {
  const conditions = p.ready === undefined || p.ready === false ? [{ type: 'Ready', status: 'False' }] : [{ type: 'Ready', status: 'True', lastTransitionTime: toRFC3339(p.ready * 1000) }];
  const value: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      uid: p.uid ?? p.name,
      creationTimestamp: toRFC3339((p.created ?? 0) * 1000),
      ...(p.cost === undefined ? {} : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } }),
    },
    spec: { ...(p.node === undefined ? {} : { nodeName: p.node }), containers: [{ name: 'c' }] },
    status: { phase: p.phase ?? 'Running', conditions, containerStatuses: [{ name: 'c', image: '', imageID: '', ready: p.ready !== false && p.ready !== undefined, restartCount: p.restarts ?? 0 }] },
  };
  return value as Stored<'Pod'>;
}

const NOW = 3600_000;
const first = (pods: Stored<'Pod'>[], related: Stored<'Pod'>[] = pods) => podsToDelete(pods, related, 1, NOW)[0]!.metadata!.name;

describe('scale-down ranking, rule by rule', () => {
  const base = { node: 'n1', phase: 'Running', ready: 100, created: 10 } as const;

  it('1. an unscheduled pod goes before a scheduled one', () => {
    expect(first([pod({ ...base, name: 'scheduled' }), pod({ name: 'unscheduled', phase: 'Pending' })])).toBe('unscheduled');
  });

  it('2. Pending, then Unknown, then Running', () => {
    expect(first([pod({ ...base, name: 'running' }), pod({ ...base, name: 'unknown', phase: 'Unknown' }), pod({ ...base, name: 'pending', phase: 'Pending' })])).toBe('pending');
    expect(first([pod({ ...base, name: 'running' }), pod({ ...base, name: 'unknown', phase: 'Unknown' })])).toBe('unknown');
  });

  it('3. not ready before ready', () => {
    expect(first([pod({ ...base, name: 'ready' }), pod({ ...base, name: 'not-ready', ready: false })])).toBe('not-ready');
  });

  it('4. the lower controller.kubernetes.io/pod-deletion-cost first; no annotation counts as 0', () => {
    expect(first([pod({ ...base, name: 'costly', cost: '100' }), pod({ ...base, name: 'cheap', cost: '-5' }), pod({ ...base, name: 'plain' })])).toBe('cheap');
    expect(first([pod({ ...base, name: 'costly', cost: '100' }), pod({ ...base, name: 'plain' })])).toBe('plain');
    // Cost outranks everything after it: a cheap pod that is older and ready for longer still goes first.
    expect(first([pod({ ...base, name: 'new', ready: 3500, created: 3500 }), pod({ ...base, name: 'old-cheap', cost: '-1' })])).toBe('old-cheap');
  });

  it('5. a pod on a node with more active related pods goes first', () => {
    const a = pod({ ...base, name: 'alone', node: 'n1' });
    const b = pod({ ...base, name: 'doubled', node: 'n2', ready: 50 });
    const sibling = pod({ ...base, name: 'other-rs-pod', node: 'n2' });
    // `related` holds the pods of every ReplicaSet of the same Deployment, not only this one's.
    expect(first([a, b], [a, b, sibling])).toBe('doubled');
    expect(first([a, b], [a, b])).toBe('alone');
  });

  it('6. among ready pods, the one ready for less time first, by log2 buckets of the age', () => {
    // Ready 60 s ago and 1 h ago: different buckets, the recent one goes.
    expect(first([pod({ ...base, name: 'long', ready: 0 }), pod({ ...base, name: 'recent', ready: 3540 })])).toBe('recent');
    // Ready 100 s and 99 s before now fall in one bucket (2^36 ns ≈ 68.7 s .. 137 s): the smaller uid goes.
    const x = pod({ ...base, name: 'x', uid: 'b-uid', ready: 3500 });
    const y = pod({ ...base, name: 'y', uid: 'a-uid', ready: 3501 });
    expect(first([x, y])).toBe('y');
    expect(first([pod({ ...base, name: 'x', uid: 'a-uid', ready: 3500 }), pod({ ...base, name: 'y', uid: 'b-uid', ready: 3501 })])).toBe('x');
  });

  it('7. more container restarts first', () => {
    expect(first([pod({ ...base, name: 'steady' }), pod({ ...base, name: 'crashy', restarts: 4 })])).toBe('crashy');
  });

  it('8. newer first, by log2 buckets of the age, then uid', () => {
    const notReady = { node: 'n1', phase: 'Running', ready: false } as const;
    expect(first([pod({ ...notReady, name: 'old', created: 0 }), pod({ ...notReady, name: 'new', created: 3590 })])).toBe('new');
    expect(first([pod({ ...notReady, name: 'p', uid: 'z', created: 3500 }), pod({ ...notReady, name: 'q', uid: 'a', created: 3510 })])).toBe('q');
  });

  it('deletes without ranking when all go', () => {
    const pods = [pod({ ...base, name: 'a' }), pod({ name: 'b', phase: 'Pending' })];
    expect(podsToDelete(pods, pods, 2, NOW).map((p) => p.metadata!.name)).toEqual(['a', 'b']);
  });
});

describe('scale-down through the ReplicaSet controller', () => {
  const rs = (replicas: number): ReplicaSet => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  });
  const scale = (c: ReturnType<typeof controllerCluster>, replicas: number) => {
    const current = deepCopy(c.store.get('ReplicaSet', 'default', 'web'));
    current.spec!.replicas = replicas;
    c.store.update(current);
  };

  it('deletes the not-ready pod, then the one with the lowest deletion cost, with SuccessfulDelete events', () => {
    const c = controllerCluster();
    c.store.create(rs(4));
    c.engine.runFor(10_000);
    const names = c.activePods({ app: 'web' }).map((p) => p.metadata!.name!);
    c.cluster.setPodReady('default', names[2]!, false);
    const cheap = deepCopy(c.store.get('Pod', 'default', names[1]!));
    cheap.metadata!.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '-10' };
    c.store.update(cheap);
    c.engine.runFor(1000);
    scale(c, 2);
    c.engine.runFor(5000);
    expect(c.pods({ app: 'web' }).map((p) => p.metadata!.name).sort()).toEqual([names[0], names[3]].sort());
    const events = c.events('ReplicaSet', 'web');
    expect(events.filter((e) => e.startsWith('SuccessfulDelete')).sort()).toEqual([`SuccessfulDelete Deleted pod: ${names[1]}`, `SuccessfulDelete Deleted pod: ${names[2]}`].sort());
  });

  it('takes from the node that runs two pods of the Deployment', () => {
    // Rule 5 counts the pods of every ReplicaSet owned by the same Deployment; a ReplicaSet with no
    // owner has no related pods (getReplicaSetsWithSameController), so this needs a Deployment.
    const c = controllerCluster();
    c.store.create(deploymentManifest('web', { replicas: 4 }));
    c.engine.runFor(10_000);
    const perNode = new Map<string, string[]>();
    for (const p of c.activePods({ app: 'web' })) perNode.set(p.spec!.nodeName!, [...(perNode.get(p.spec!.nodeName!) ?? []), p.metadata!.name!]);
    const doubled = [...perNode.values()].find((list) => list.length === 2)!;
    c.editDeployment('web', (d) => {
      d.spec!.replicas = 3;
    });
    c.engine.runFor(5000);
    const survivors = new Set(c.pods({ app: 'web' }).map((p) => p.metadata!.name!));
    expect(survivors.size).toBe(3);
    expect(doubled.filter((name) => survivors.has(name))).toHaveLength(1);
  });
});
