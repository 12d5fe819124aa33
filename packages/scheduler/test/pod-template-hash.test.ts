// pod-template-hash (reference §4): FNV-32a printed in decimal and mapped through
// SafeEncodeString, so only the characters 4 5 6 7 8 9 b c d f appear and there are at most 10;
// the collision count changes it; a name taken by a ReplicaSet with another template makes the
// controller count a collision and hash again.
// (The dump hashed is not Go's spew dump byte for byte: see pod-template-hash.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { computePodTemplateHash, safeEncodeString } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';

describe('pod-template-hash', () => {
  it('maps the decimal digits through the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('has only the safe alphabet\'s digit images and at most 10 characters, for any template and collision count', () => {
    const template = fc.record({
      metadata: fc.record({ labels: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })) }),
      spec: fc.record({ containers: fc.array(fc.record({ name: fc.string({ minLength: 1 }), image: fc.string() }), { minLength: 1, maxLength: 3 }) }),
    });
    fc.assert(
      fc.property(template, fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }), (t, collisions) => {
        const hash = computePodTemplateHash(t, collisions);
        expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
        expect(computePodTemplateHash(structuredClone(t), collisions)).toBe(hash);
      }),
    );
  });

  it('does not depend on key order, and changes with the template and the collision count', () => {
    const a = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
    const b = { spec: { containers: [{ image: 'nginx:1.25', name: 'web' }] }, metadata: { labels: { tier: 'front', app: 'web' } } };
    expect(computePodTemplateHash(b)).toBe(computePodTemplateHash(a));
    expect(computePodTemplateHash({ ...a, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } })).not.toBe(computePodTemplateHash(a));
    expect(computePodTemplateHash(a, 1)).not.toBe(computePodTemplateHash(a));
    expect(computePodTemplateHash(a, 1)).not.toBe(computePodTemplateHash(a, 2));
  });

  it('counts a collision when the name is taken by a ReplicaSet with another template, and hashes again', () => {
    // Learn the name the Deployment would use, on a cluster of its own.
    const probe = controllerCluster();
    probe.store.create(deploymentManifest('web'));
    probe.engine.runFor(0);
    const taken = probe.replicaSets('web')[0]!.metadata!.name!;

    const c = controllerCluster();
    const squatter: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: taken, namespace: 'default' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'x', image: 'busybox' }] } } },
    };
    c.store.create(squatter);
    c.store.create(deploymentManifest('web'));
    c.engine.runFor(10_000);
    expect(c.deployment('web').status?.collisionCount).toBe(1);
    const [rs] = c.replicaSets('web');
    expect(rs!.metadata!.name).not.toBe(taken);
    expect(rs!.metadata!.name).toBe(`web-${rs!.metadata!.labels!['pod-template-hash']}`);
    expect(c.activePods({ app: 'web' })).toHaveLength(3);
    expect(c.engine.log.records().filter((r) => r.type === 'deployment-controller.collision').map((r) => r.replicaset)).toEqual([taken]);
  });
});
