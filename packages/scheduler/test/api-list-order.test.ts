// kubectl lists objects in key order (namespace/name, byte order) however they came and went; the
// store keeps that order as objects are created and deleted rather than sorting on every list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiCluster, pod } from './fixtures/api-cluster.ts';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/);

describe('list order', () => {
  it('is key order after any run of creates and deletes, listed between them or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), name, fc.boolean()), { maxLength: 60 }), (ops) => {
        const { store } = apiCluster(1);
        const live = new Set<string>();
        for (const [create, podName, listNow] of ops) {
          if (create && !live.has(podName)) {
            store.create(pod(podName));
            live.add(podName);
          } else if (!create && live.has(podName)) {
            store.delete('Pod', 'default', podName);
            live.delete(podName);
          }
          if (listNow) expect(store.list('Pod').items.map((p) => p.metadata!.name)).toEqual([...live].sort());
        }
        expect(store.list('Pod').items.map((p) => p.metadata!.name)).toEqual([...live].sort());
      }),
      { numRuns: 200 },
    );
  });
});
