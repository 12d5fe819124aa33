// A key named `__proto__` (or `constructor`) is a valid ConfigMap data key. Plain assignment on a
// `{}` would take `__proto__` as the prototype and drop it, and `in` / `obj[key]` see Object's
// members: the store's copies, patches, apply's merge and snapshots must treat them as data.
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, deepCopy, threeWayMerge } from '../src/index.ts';
import { apiCluster } from './fixtures/api-cluster.ts';

const data = (json: string) => JSON.parse(json) as Record<string, string>;
const configMap = (json: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keys', namespace: 'default' }, data: data(json) });

describe('a data key named __proto__', () => {
  it('survives deepCopy as an own key of an ordinary object', () => {
    const copy = deepCopy(configMap('{"__proto__":"x","b":"y"}'));
    expect(JSON.stringify(copy.data)).toBe('{"__proto__":"x","b":"y"}');
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
  });

  it('is added, replaced and removed by merge, strategic merge and JSON patches', () => {
    const target = configMap('{"a":"1"}');
    expect(JSON.stringify(applyMergePatch(target, { data: data('{"__proto__":"m"}') }).data)).toBe('{"a":"1","__proto__":"m"}');
    expect(JSON.stringify(applyStrategicMergePatch(target, { data: data('{"__proto__":"s","constructor":"c"}') }).data)).toBe('{"a":"1","__proto__":"s","constructor":"c"}');
    const added = applyJsonPatch(target, [{ op: 'add', path: '/data/__proto__', value: 'j' }]);
    expect(JSON.stringify(added.data)).toBe('{"a":"1","__proto__":"j"}');
    expect(JSON.stringify(applyJsonPatch(added, [{ op: 'test', path: '/data/__proto__', value: 'j' }, { op: 'remove', path: '/data/__proto__' }]).data)).toBe('{"a":"1"}');
    // Object's own members are not keys of the map.
    expect(() => applyJsonPatch(target, [{ op: 'replace', path: '/data/constructor', value: 'x' }])).toThrow('replace operation does not apply: doc is missing key: /data/constructor: missing value');
    expect(() => applyJsonPatch(target, [{ op: 'remove', path: '/data/toString' }])).toThrow('remove operation does not apply: doc is missing path: "/data/toString": missing value');
  });

  it('is kept, changed and deleted by apply\'s three-way merge', () => {
    const live = configMap('{"__proto__":"x","constructor":"live"}');
    expect(JSON.stringify(threeWayMerge({}, configMap('{"__proto__":"y"}'), live).data)).toBe('{"constructor":"live","__proto__":"y"}');
    expect(JSON.stringify(threeWayMerge(configMap('{"__proto__":"x"}'), configMap('{}'), live).data)).toBe('{"constructor":"live"}');
  });

  it('is stored, patched and carried through a snapshot and restore', () => {
    const { engine, store } = apiCluster();
    store.create(configMap('{"__proto__":"x"}'));
    store.patch('ConfigMap', 'default', 'keys', { data: data('{"__proto__":"y","constructor":"z"}') }, 'merge');
    expect(JSON.stringify(store.get('ConfigMap', 'default', 'keys').data)).toBe('{"__proto__":"y","constructor":"z"}');
    const restored = apiCluster();
    restored.engine.restore(JSON.parse(JSON.stringify(engine.snapshot())));
    expect(JSON.stringify(restored.store.get('ConfigMap', 'default', 'keys').data)).toBe('{"__proto__":"y","constructor":"z"}');
  });
});
