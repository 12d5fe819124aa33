import { Engine } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { ApiStore, GarbageCollector, NamespaceController } from '../src/index.ts';
import { deployment, pod } from './fixtures/api-cluster.ts';

function setup() {
  const engine = new Engine({ seed: 42 });
  const store = new ApiStore(engine);
  new GarbageCollector(engine, store);
  new NamespaceController(engine, store);
  return { engine, store };
}

describe('snapshot and restore', () => {
  it('restores the same store as plain JSON, and uids, names and resourceVersions continue identically', () => {
    const original = setup();
    original.store.create(deployment('web'));
    original.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    original.store.create(pod('', { generateName: 'p-', namespace: 'shop', labels: { app: 'x' } }));
    const json = JSON.stringify(original.engine.snapshot());

    const restored = setup();
    restored.engine.restore(JSON.parse(json));
    expect(restored.store.resourceVersion).toBe(original.store.resourceVersion);
    expect(restored.store.list('Pod', { labelSelector: 'app=x' }).items).toEqual(original.store.list('Pod', { labelSelector: 'app=x' }).items);

    const next = (s: ApiStore) => {
      const p = s.create(pod('', { generateName: 'p-' }));
      return [p.metadata?.name, p.metadata?.uid, p.metadata?.resourceVersion];
    };
    expect(next(restored.store)).toEqual(next(original.store));
    expect(JSON.stringify(restored.engine.snapshot())).toBe(JSON.stringify(original.engine.snapshot()));
  });

  it('keeps custom resource types across a restore', () => {
    const original = setup();
    original.store.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    original.store.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } });
    const restored = setup();
    restored.engine.restore(JSON.parse(JSON.stringify(original.engine.snapshot())));
    expect(restored.store.registry.resolve('wd').kind).toBe('Widget');
    expect(restored.store.get('Widget', 'default', 'w').spec).toEqual({ size: 3 });
  });
});
