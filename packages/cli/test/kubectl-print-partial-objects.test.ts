// Printers never crash on sparse objects (a kind and a name and nothing else, or any fields of a
// full object missing): they print what kubectl prints for unset fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeObject } from '../src/kubectl/printers/describe/describe.ts';
import { printGet } from '../src/kubectl/printers/get-output.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { describeObjects } from './fixtures/kubectl-print/describe-objects.ts';

const KINDS: [string, string][] = [
  ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'Node'], ['v1', 'Namespace'], ['v1', 'ConfigMap'], ['v1', 'Secret'],
  ['v1', 'ServiceAccount'], ['v1', 'Endpoints'], ['v1', 'Event'], ['v1', 'PersistentVolume'], ['v1', 'PersistentVolumeClaim'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['autoscaling/v1', 'HorizontalPodAutoscaler'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'], ['storage.k8s.io/v1', 'StorageClass'],
  ['discovery.k8s.io/v1', 'EndpointSlice'], ['coordination.k8s.io/v1', 'Lease'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['example.com/v1', 'Widget'],
];

describe('sparse objects', () => {
  for (const [apiVersion, kind] of KINDS) {
    it(`${kind} (${apiVersion}) with only a name prints in every format and describes`, () => {
      const object = { apiVersion, kind, metadata: { name: 'bare', namespace: 'default' } } as KubeObject;
      for (const output of ['', 'wide', 'yaml', 'json', 'name', 'jsonpath={.metadata.name}', 'custom-columns=N:.metadata.name']) {
        expect(printGet([object], { output, namespace: 'default' }, 0).exitCode).toBe(0);
      }
      expect(describeObject(object, [object], 0)).toContain('bare');
    });
  }

  it('objects with any of their fields missing never crash a printer or a describer', () => {
    const full = describeObjects(0);
    fc.assert(
      fc.property(fc.constantFrom(...full), fc.infiniteStream(fc.boolean()), (object, drops) => {
        const sparse = dropFields(object, drops[Symbol.iterator]()) as KubeObject;
        const withName = { ...sparse, apiVersion: object.apiVersion, kind: object.kind, metadata: { ...sparse.metadata, name: object.metadata?.name } };
        for (const output of ['wide', 'yaml', 'json']) printGet([withName], { output }, 0);
        describeObject(withName, full, 0);
      }),
      { numRuns: 500 },
    );
  });
});

/** A copy without the fields whose coin comes up true (about one in four). */
function dropFields(value: unknown, coins: Iterator<boolean>): unknown {
  if (Array.isArray(value)) return value.map((item) => dropFields(item, coins));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (coins.next().value && coins.next().value) continue;
    out[key] = dropFields(item, coins);
  }
  return out;
}
