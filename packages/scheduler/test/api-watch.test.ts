import { Engine } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { ApiStore, type DeepReadonly, type KubeObject, type WatchEvent } from '../src/index.ts';
import { apiCluster, pod } from './fixtures/api-cluster.ts';

const summary = (e: WatchEvent<DeepReadonly<KubeObject>>) => `${e.type} ${e.object.metadata?.name} ${e.object.metadata?.resourceVersion}`;

describe('watches', () => {
  it('sends the current objects, then every change in order', () => {
    const { store } = apiCluster();
    store.create(pod('a'));
    const seen: string[] = [];
    const watch = store.watch('Pod', {}, (e) => seen.push(summary(e)));
    const b = store.create(pod('b'));
    store.patch('Pod', 'default', 'b', { metadata: { labels: { x: 'y' } } });
    store.delete('Pod', 'default', 'a');
    watch.stop();
    store.create(pod('c'));
    const rv = Number(b.metadata?.resourceVersion);
    expect(seen).toEqual([`ADDED a ${rv - 1}`, `ADDED b ${rv}`, `MODIFIED b ${rv + 1}`, `DELETED a ${rv + 2}`]);
  });

  it('shows objects entering and leaving a selector as ADDED and DELETED', () => {
    const { store } = apiCluster();
    const seen: string[] = [];
    store.watch('Pod', { labelSelector: 'app=web' }, (e) => seen.push(`${e.type} ${e.object.metadata?.name}`));
    store.create(pod('p'));
    store.patch('Pod', 'default', 'p', { metadata: { labels: { app: 'web' } } });
    store.patch('Pod', 'default', 'p', { metadata: { labels: { tier: 'fe' } } });
    store.patch('Pod', 'default', 'p', { metadata: { labels: { app: 'db' } } });
    expect(seen).toEqual(['ADDED p', 'MODIFIED p', 'DELETED p']);
  });

  it('resumes from a resourceVersion by replaying history, and refuses one that is too old', () => {
    const small = new ApiStore(new Engine({ seed: 2 }), { historyLimit: 5 });
    const from = small.resourceVersion;
    for (const name of ['a', 'b', 'c']) small.create(pod(name));
    const seen: string[] = [];
    small.watch('Pod', { resourceVersion: from }, (e) => seen.push(`${e.type} ${e.object.metadata?.name}`));
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
    for (const name of ['d', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) small.create(pod(name));
    expect(() => small.watch('Pod', { resourceVersion: from }, () => {})).toThrow(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('delivers writes made by a handler after the event being delivered, to every watcher in order', () => {
    const { store } = apiCluster();
    const first: string[] = [];
    const second: string[] = [];
    store.watch('ConfigMap', { namespace: 'default', resourceVersion: store.resourceVersion }, (e) => {
      first.push(summary(e));
      if (e.type === 'ADDED' && e.object.metadata?.name === 'a') store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    });
    store.watch('ConfigMap', { namespace: 'default', resourceVersion: store.resourceVersion }, (e) => second.push(summary(e)));
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    expect(first).toEqual(second);
    expect(first.map((s) => s.split(' ')[1])).toEqual(['a', 'b']);
  });

  it('watches every kind with *', () => {
    const { store } = apiCluster();
    const kinds: string[] = [];
    store.watch('*', { resourceVersion: store.resourceVersion }, (e) => kinds.push(String(e.object.kind)));
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
    expect(kinds).toEqual(['Namespace', 'ServiceAccount', 'ConfigMap']);
  });
});

describe('watch start', () => {
  it('delivers writes a handler makes during the first events after them, once', () => {
    const { store } = apiCluster();
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const seen: string[] = [];
    store.watch('ConfigMap', { namespace: 'default' }, (e) => {
      seen.push(`${e.type} ${e.object.metadata?.name}`);
      if (e.object.metadata?.name === 'a' && e.type === 'ADDED') store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    });
    expect(seen).toEqual(['ADDED a', 'ADDED kube-root-ca.crt', 'ADDED b']);
  });
});
