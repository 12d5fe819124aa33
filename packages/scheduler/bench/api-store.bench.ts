// Throughput of the API store at the scale the scheduler benchmark needs: 150,000 pods owned by
// 1,500 ReplicaSets in 30 namespaces and bound to 5,000 nodes, then lists through each index
// (namespace, label key/value, spec.nodeName, owner uid) and status updates.
import { Engine } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import { bench, describe } from 'vitest';
import { ApiStore, deepCopy, parseFieldSelector, parseSelector } from '../src/index.ts';

const PODS = 150_000;
const NODES = 5_000;
const NAMESPACES = 30;
const OWNERS = 1_500;

function podFor(i: number, ownerUid: string): Pod {
  const app = `app-${i % OWNERS}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${i}`,
      namespace: `ns-${(i % OWNERS) % NAMESPACES}`,
      labels: { app, tier: i % 3 === 0 ? 'db' : 'web', 'pod-template-hash': '5d4f8b9c6' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: app, uid: ownerUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: `node-${i % NODES}`,
      containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
  };
}

/** A store holding the benchmark's pods (built once per process, outside the timed runs). */
function populated(): { store: ApiStore; owners: string[] } {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  for (let n = 0; n < NAMESPACES; n++) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } });
  const owners: string[] = [];
  for (let o = 0; o < OWNERS; o++) owners.push(`00000000-0000-4000-8000-${String(o).padStart(12, '0')}`);
  for (let i = 0; i < PODS; i++) store.create(podFor(i, owners[i % OWNERS]!));
  return { store, owners };
}

let shared: ReturnType<typeof populated> | undefined;
const fixture = () => (shared ??= populated());

describe('api store, 150,000 pods', () => {
  bench(
    'create 150,000 pods (defaulting, admission, validation, indexes)',
    () => {
      shared = populated();
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );

  bench('list pods on one node (spec.nodeName index, 30 pods)', () => {
    const { store } = fixture();
    store.list('Pod', { fieldSelector: parseFieldSelector('spec.nodeName=node-1234') });
  });

  bench('list pods of one owner (owner uid index, 100 pods)', () => {
    const { store, owners } = fixture();
    store.dependents(owners[777]!);
  });

  bench('list by label selector app=app-42,tier!=db in its namespace (label index, ~67 pods)', () => {
    const { store } = fixture();
    store.list('Pod', { namespace: 'ns-12', labelSelector: parseSelector('app=app-42,tier!=db') });
  });

  bench('list one namespace (namespace index, 5,000 pods)', () => {
    const { store } = fixture();
    store.list('Pod', { namespace: 'ns-7' });
  });

  bench(
    'list all 150,000 pods',
    () => {
      const { store } = fixture();
      store.list('Pod');
    },
    { iterations: 5, time: 0 },
  );

  let relabel = 0;
  bench('update (PUT) one pod: relabel, with validation and index upkeep', () => {
    const { store } = fixture();
    const i = (relabel++ * 7919) % PODS;
    const app = `app-${i % OWNERS}`;
    const copy = deepCopy(store.get('Pod', `ns-${(i % OWNERS) % NAMESPACES}`, `${app}-${i}`));
    copy.metadata!.labels = { ...copy.metadata!.labels, tier: copy.metadata!.labels?.tier === 'db' ? 'web' : 'db' };
    store.update(copy);
  });

  let next = 0;
  bench('updateStatus of one pod (Running)', () => {
    const { store } = fixture();
    const i = next++ % PODS;
    const app = `app-${i % OWNERS}`;
    const current = store.get('Pod', `ns-${(i % OWNERS) % NAMESPACES}`, `${app}-${i}`);
    const copy = deepCopy(current);
    copy.status = { ...copy.status, phase: copy.status?.phase === 'Running' ? 'Pending' : 'Running' };
    store.updateStatus(copy);
  });
});
