import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, threeWayMerge } from '../src/index.ts';

const podSpec = {
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 443 }], volumeMounts: [{ name: 'a', mountPath: '/a' }] },
      { name: 'log', image: 'busybox' },
    ],
    volumes: [{ name: 'a', emptyDir: {} }],
  },
  metadata: { finalizers: ['x'] },
};

describe('strategic merge patch', () => {
  it('merges ports by containerPort and mounts by mountPath', () => {
    const patched = applyStrategicMergePatch(podSpec, {
      spec: { containers: [{ name: 'web', ports: [{ containerPort: 443, name: 'https' }], volumeMounts: [{ name: 'b', mountPath: '/b' }] }] },
    });
    expect(patched.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443, name: 'https' }]);
    expect(patched.spec.containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/a', '/b']);
    expect(patched.spec.containers[1]).toEqual({ name: 'log', image: 'busybox' });
  });

  it('honours $patch: delete and replace, null, $deleteFromPrimitiveList and merged finalizers', () => {
    const patched = applyStrategicMergePatch(podSpec, {
      spec: { containers: [{ name: 'log', $patch: 'delete' }], volumes: [{ name: 'c', emptyDir: {} }, { $patch: 'replace' }] },
      metadata: { finalizers: ['y'], '$deleteFromPrimitiveList/finalizers': ['x'] },
    });
    expect(patched.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web']);
    expect(patched.spec.volumes).toEqual([{ name: 'c', emptyDir: {} }]);
    expect(patched.metadata.finalizers).toEqual(['y']);
    expect(applyStrategicMergePatch(podSpec, { spec: { volumes: null } }).spec.volumes).toBeUndefined();
  });

  it('leaves the target untouched', () => {
    const before = JSON.stringify(podSpec);
    applyStrategicMergePatch(podSpec, { spec: { containers: [{ name: 'web', image: 'x' }] } });
    expect(JSON.stringify(podSpec)).toBe(before);
  });
});

describe('merge and JSON patches', () => {
  it('replaces lists whole in a merge patch', () => {
    expect(applyMergePatch(podSpec, { spec: { containers: [{ name: 'only' }] } }).spec.containers).toEqual([{ name: 'only' }]);
  });

  it('applies JSON patch operations in order, with tests', () => {
    const doc = applyJsonPatch({ a: [1, 2], b: { c: 1 } }, [
      { op: 'add', path: '/a/-', value: 3 },
      { op: 'move', from: '/b/c', path: '/d' },
      { op: 'test', path: '/d', value: 1 },
      { op: 'copy', from: '/a', path: '/e' },
      { op: 'remove', path: '/a/0' },
    ]);
    expect(doc).toEqual({ a: [2, 3], b: {}, d: 1, e: [1, 2, 3] });
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow('testing value /a failed: test failed');
  });

  it('merging a null-free document with itself changes nothing (property)', () => {
    const json = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null));
    fc.assert(
      fc.property(json, (doc) => {
        // null deletes in a merge patch; documents without nulls are fixed points.
        fc.pre(!JSON.stringify(doc).includes('null') && !JSON.stringify(doc).includes('__proto__'));
        expect(applyMergePatch(doc, doc)).toEqual(JSON.parse(JSON.stringify(doc)));
        expect(threeWayMerge(doc, doc, doc)).toEqual(doc);
      }),
    );
  });
});
