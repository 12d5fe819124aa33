// helm uninstall: objects deleted in helm's UninstallOrder, `helm.sh/resource-policy: keep` ones
// left, every revision purged (or kept, marked uninstalled, with --keep-history); helm list and
// helm test on releases.

import { describe, expect, it } from 'vitest';
import { install } from '../src/helm/release/install.ts';
import { list } from '../src/helm/release/list.ts';
import { runTests } from '../src/helm/release/release-testing.ts';
import { uninstall, UninstallError } from '../src/helm/release/uninstall.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { chartOf, createdChart, fakeControllers, releaseWorld } from './support/helm-release.ts';

describe('helm uninstall', () => {
  it('deletes the objects in uninstall order and purges the history', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), new Map([['ingress', new Map([['enabled', true]])]]), { releaseName: 'my-release' });
    await upgrade(cfg, 'my-release', createdChart(), new Map([['ingress', new Map([['enabled', true]])]]));
    const deleted: string[] = [];
    world.store.watch('*', { resourceVersion: world.store.resourceVersion }, ({ type, object }) => {
      if (type === 'DELETED' && object.kind !== 'Secret') deleted.push(`${object.kind}/${object.metadata!.name}`);
    });
    const result = await uninstall(cfg, 'my-release');
    expect(result.info).toBe('');
    expect(deleted).toEqual(['Ingress/my-release-mychart', 'Service/my-release-mychart', 'Deployment/my-release-mychart', 'ServiceAccount/my-release-mychart']);
    expect(world.store.list('Secret', { labelSelector: 'owner=helm' }).items).toEqual([]);
  });

  it('keeps objects with the keep policy and says so', async () => {
    const world = releaseWorld();
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'templates/data.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  annotations:\n    helm.sh/resource-policy: keep\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    });
    await install(world.cfg(), chart, new Map(), { releaseName: 'app' });
    const result = await uninstall(world.cfg(), 'app');
    expect(result.info).toBe('These resources were kept due to the resource policy:\n[PersistentVolumeClaim] data\n');
    expect(world.store.tryGet('PersistentVolumeClaim', 'default', 'data')).toBeDefined();
    expect(world.store.tryGet('ConfigMap', 'default', 'cm')).toBeUndefined();
  });

  it('with --keep-history marks the release uninstalled, and the name can be reused with --replace', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), new Map(), { releaseName: 'web' });
    await uninstall(cfg, 'web', { keepHistory: true });
    expect(cfg.releases.last('web').info).toMatchObject({ status: 'uninstalled', description: 'Uninstallation complete' });
    expect(list(cfg).map((r) => r.name)).toEqual([]);
    expect(list(cfg, { uninstalled: true }).map((r) => [r.name, r.info.status])).toEqual([['web', 'uninstalled']]);
    await expect(uninstall(cfg, 'web', { keepHistory: true })).rejects.toThrow(new UninstallError('the release named "web" is already deleted'));
    const again = await install(cfg, createdChart(), new Map(), { releaseName: 'web', replace: true });
    expect(again.version).toBe(2);
  });

  it("fails in helm's words for a release that does not exist", async () => {
    const world = releaseWorld();
    await expect(uninstall(world.cfg(), 'ghost')).rejects.toThrow('uninstall: Release not loaded: ghost: release: not found');
  });
});

describe('helm list', () => {
  it('shows the newest deployed or failed revision of each release, by name, in one namespace or all', async () => {
    const world = releaseWorld();
    world.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'staging' } });
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'zeta' });
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'alpha' });
    await upgrade(world.cfg(), 'alpha', createdChart(), new Map());
    await install(world.cfg('staging'), createdChart(), new Map(), { releaseName: 'beta' });
    expect(list(world.cfg()).map((r) => `${r.namespace}/${r.name}.v${r.version}`)).toEqual(['default/alpha.v2', 'default/zeta.v1']);
    expect(list(world.cfg(), { allNamespaces: true }).map((r) => `${r.namespace}/${r.name}`)).toEqual(['default/alpha', 'staging/beta', 'default/zeta']);
    expect(list(world.cfg(), { superseded: true }).map((r) => `${r.name}.v${r.version}`)).toEqual(['alpha.v1']);
    expect(list(world.cfg(), { filter: '^z' }).map((r) => r.name)).toEqual(['zeta']);
  });
});

describe('helm test', () => {
  it('runs the chart test pods and records their phases', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 4000 });
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' });
    const start = world.engine.now;
    const { release, error } = await runTests(world.cfg(), 'my-release');
    expect(error).toBeUndefined();
    const test = release.hooks.find((h) => h.events.includes('test'))!;
    expect(test.lastRun.phase).toBe('Succeeded');
    expect(test.lastRun.completedAt - test.lastRun.startedAt).toBe(4000);
    expect(world.engine.now - start).toBe(4000);
    expect(world.cfg().releases.last('my-release').hooks[0]!.lastRun.phase).toBe('Succeeded');
  });

  it('reports a failed test pod', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 1000, fails: (o) => o.kind === 'Pod' });
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' });
    const { release, error } = await runTests(world.cfg(), 'my-release');
    expect(error).toBe('resource Pod/default/my-release-mychart-test-connection not ready. status: Failed, message: pod my-release-mychart-test-connection failed');
    expect(release.hooks[0]!.lastRun.phase).toBe('Failed');
  });
});
