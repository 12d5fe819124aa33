// helm upgrade and rollback: new revisions, superseded old ones, objects merged, created and
// deleted as the manifest changes, the values modes, and rollback copying an old revision forward.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/api/kinds.ts';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { rollback } from '../src/helm/release/rollback.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { GoInt, type GoMap } from '../src/helm/template/value.ts';
import { chartOf, createdChart, releaseWorld } from './support/helm-release.ts';

const map = (entries: Record<string, unknown>): GoMap =>
  new Map(Object.entries(entries).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof GoInt) ? map(v as Record<string, unknown>) : v])) as GoMap;

const image = (world: ReturnType<typeof releaseWorld>, name = 'my-release-mychart'): string =>
  ((world.store.get('Deployment', 'default', name) as KubeObject)['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image;

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ReleaseActionError) return err.message;
    throw err;
  }
  throw new Error('expected the action to fail');
}

describe('helm upgrade', () => {
  it('writes revision 2 with the new image and supersedes revision 1', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), map({ replicaCount: new GoInt(3, 'int64') }), { releaseName: 'my-release' });
    expect(image(world)).toBe('nginx:1.16.0');
    world.engine.runFor(60_000);
    const release = await upgrade(cfg, 'my-release', createdChart(), map({ image: { tag: '2.0' } }));
    expect(release).toMatchObject({ version: 2, info: { status: 'deployed', description: 'Upgrade complete' } });
    expect(image(world)).toBe('nginx:2.0');
    // Without --reuse-values the new values replace the old: replicaCount is back to the chart's 1.
    expect(((world.store.get('Deployment', 'default', 'my-release-mychart') as KubeObject)['spec'] as { replicas: number }).replicas).toBe(1);
    const history = cfg.releases.history('my-release');
    expect(history.map((r) => [r.version, r.info.status, r.info.description])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'deployed', 'Upgrade complete'],
    ]);
    expect(history[1]!.info.firstDeployed).toBe(history[0]!.info.firstDeployed);
    expect(history[1]!.info.lastDeployed - history[0]!.info.lastDeployed).toBe(60_000);
  });

  it('reuses, resets, or resets then reuses values as asked', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), map({ replicaCount: new GoInt(3, 'int64') }), { releaseName: 'my-release' });
    const replicas = () => ((world.store.get('Deployment', 'default', 'my-release-mychart') as KubeObject)['spec'] as { replicas: number }).replicas;
    await upgrade(cfg, 'my-release', createdChart(), map({ image: { tag: '2.0' } }), { reuseValues: true });
    expect([replicas(), image(world)]).toEqual([3, 'nginx:2.0']);
    await upgrade(cfg, 'my-release', createdChart(), map({ image: { tag: '3.0' } }), { resetThenReuseValues: true });
    expect([replicas(), image(world)]).toEqual([3, 'nginx:3.0']);
    // No values at all: the last ones are kept.
    await upgrade(cfg, 'my-release', createdChart(), new Map());
    expect([replicas(), image(world)]).toEqual([3, 'nginx:3.0']);
    await upgrade(cfg, 'my-release', createdChart(), new Map(), { resetValues: true });
    expect([replicas(), image(world)]).toEqual([1, 'nginx:1.16.0']);
  });

  it('deletes what the new chart no longer renders, except objects marked keep', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    const chart = (withExtra: boolean) =>
      chartOf({
        'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
        'templates/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {x: "1"}\n',
        ...(withExtra
          ? {
              'templates/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
              'templates/c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    helm.sh/resource-policy: keep\n',
            }
          : {}),
      });
    await install(cfg, chart(true), new Map(), { releaseName: 'app' });
    expect(['a', 'b', 'c'].map((n) => world.store.tryGet('ConfigMap', 'default', n) !== undefined)).toEqual([true, true, true]);
    await upgrade(cfg, 'app', chart(false), new Map());
    expect(['a', 'b', 'c'].map((n) => world.store.tryGet('ConfigMap', 'default', n) !== undefined)).toEqual([true, false, true]);
  });

  it('merges into the live object: fields others set stay, fields the chart drops go', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    const chart = (data: string) =>
      chartOf({ 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'templates/a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: ${data}\n` });
    await install(cfg, chart('{x: "1", y: "2"}'), new Map(), { releaseName: 'app' });
    const live = world.store.get('ConfigMap', 'default', 'a') as KubeObject;
    world.store.update({ ...live, metadata: { ...live.metadata, labels: { ...live.metadata!.labels, team: 'blue' } } });
    await upgrade(cfg, 'app', chart('{x: "10"}'), new Map());
    const after = world.store.get('ConfigMap', 'default', 'a') as KubeObject;
    expect(after['data']).toEqual({ x: '10' });
    expect(after.metadata!.labels).toEqual({ 'app.kubernetes.io/managed-by': 'Helm', team: 'blue' });
  });

  it("fails for a release that was never installed, in helm's words", async () => {
    const world = releaseWorld();
    expect(await failure(upgrade(world.cfg(), 'nosuch', createdChart(), new Map()))).toBe('"nosuch" has no deployed releases');
  });

  it('will not take over an object a new template renders if helm does not own it', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), map({ ingress: { enabled: false } }), { releaseName: 'my-release' });
    world.store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'my-release-mychart', namespace: 'default' },
      spec: { defaultBackend: { service: { name: 'x', port: { number: 80 } } } },
    });
    expect(await failure(upgrade(cfg, 'my-release', createdChart(), map({ ingress: { enabled: true } })))).toMatch(
      /^unable to continue with update: Ingress "my-release-mychart" in namespace "default" exists and cannot be imported into the current release: invalid ownership metadata; /,
    );
    expect(cfg.releases.history('my-release').map((r) => r.version)).toEqual([1]);
  });
});

describe('helm rollback', () => {
  it('makes revision 3 from revision 1: its image, "Rollback to 1", revision 2 superseded', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), map({ replicaCount: new GoInt(3, 'int64') }), { releaseName: 'my-release' });
    await upgrade(cfg, 'my-release', createdChart(), map({ image: { tag: '2.0' } }));
    const release = await rollback(cfg, 'my-release', { version: 1 });
    expect(release).toMatchObject({ version: 3, info: { status: 'deployed', description: 'Rollback to 1' } });
    expect(image(world)).toBe('nginx:1.16.0');
    expect(cfg.releases.history('my-release').map((r) => [r.version, r.info.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    expect(release.manifest).toBe(cfg.releases.get('my-release', 1).manifest);
    expect(release.config).toEqual(cfg.releases.get('my-release', 1).config);
  });

  it('goes back one revision by default, and refuses a revision that does not exist', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), new Map(), { releaseName: 'my-release' });
    await upgrade(cfg, 'my-release', createdChart(), map({ image: { tag: '2.0' } }));
    await rollback(cfg, 'my-release');
    expect(cfg.releases.last('my-release').info.description).toBe('Rollback to 1');
    expect(await failure(rollback(cfg, 'my-release', { version: 9 }))).toBe('release has no 9 version');
  });
});
