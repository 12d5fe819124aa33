// Hooks run as helm runs them: by weight then name, each waited for on virtual time (a Job until
// Complete), old copies deleted first (before-hook-creation), hook-succeeded ones deleted after,
// a failed hook-failed one deleted, and each hook's last run recorded in the release.

import { describe, expect, it } from 'vitest';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { rollback } from '../src/helm/release/rollback.ts';
import { uninstall } from '../src/helm/release/uninstall.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { chartOf, fakeControllers, releaseWorld } from './support/helm-release.ts';

const job = (name: string, hook: string, weight: number, policy?: string) =>
  [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    `    "helm.sh/hook": ${hook}`,
    `    "helm.sh/hook-weight": "${weight}"`,
    ...(policy ? [`    "helm.sh/hook-delete-policy": ${policy}`] : []),
    'spec:',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '      - name: run',
    '        image: busybox',
    '',
  ].join('\n');

const hooksChart = () =>
  chartOf({
    'Chart.yaml': 'apiVersion: v2\nname: hooked\nversion: 1.0.0\n',
    'templates/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
    'templates/migrate.yaml': job('migrate', 'pre-install,pre-upgrade', 5, 'before-hook-creation,hook-succeeded'),
    'templates/schema.yaml': job('schema', 'pre-install', -5),
    'templates/seed.yaml': job('seed', 'pre-install', 0, 'hook-succeeded'),
    'templates/announce.yaml': job('announce', 'post-install', 0),
    'templates/farewell.yaml': job('farewell', 'pre-delete', 0, 'hook-succeeded'),
  });

/** Names of the Jobs as they are created and deleted, with the virtual second it happened. */
function recordJobs(world: ReturnType<typeof releaseWorld>): string[] {
  const events: string[] = [];
  world.store.watch('Job', { resourceVersion: world.store.resourceVersion }, ({ type, object }) => {
    if (type !== 'MODIFIED') events.push(`${world.engine.now / 1000}s ${type} ${object.metadata!.name}`);
  });
  return events;
}

describe('hooks', () => {
  it('run by weight and wait for each Job, deleting per policy', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 3000 });
    const events = recordJobs(world);
    const release = await install(world.cfg(), hooksChart(), new Map(), { releaseName: 'hooked' });
    expect(events).toEqual([
      '0s ADDED schema',
      '3s ADDED seed',
      '6s ADDED migrate',
      // pre-install done: hook-succeeded ones go, newest first; then the objects, then post-install.
      '9s DELETED migrate',
      '9s DELETED seed',
      '9s ADDED announce',
    ]);
    expect(world.store.tryGet('ConfigMap', 'default', 'app')).toBeDefined();
    const second = (t: number) => (t === 0 ? 0 : (t - VIRTUAL_EPOCH_MS) / 1000);
    const lastRuns = Object.fromEntries(release.hooks.map((h) => [h.name, [h.lastRun.phase, second(h.lastRun.startedAt), second(h.lastRun.completedAt)]]));
    expect(lastRuns).toEqual({
      schema: ['Succeeded', 0, 3],
      seed: ['Succeeded', 3, 6],
      migrate: ['Succeeded', 6, 9],
      announce: ['Succeeded', 9, 12],
      farewell: ['', 0, 0],
    });
    // Hooks without a policy get before-hook-creation, recorded with the release.
    expect(release.hooks.find((h) => h.name === 'schema')!.deletePolicies).toEqual(['before-hook-creation']);
    expect(world.cfg().releases.get('hooked', 1).hooks.find((h) => h.name === 'schema')!.lastRun.phase).toBe('Succeeded');
  });

  it('delete the old copy before creating a hook again', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 1000 });
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: again\nversion: 1.0.0\n',
      'templates/db.yaml': job('db-migrate', 'pre-install,pre-upgrade', 0),
    });
    await install(world.cfg(), chart, new Map(), { releaseName: 'again' });
    const events = recordJobs(world);
    await upgrade(world.cfg(), 'again', chart, new Map());
    // The install ended when its hook completed, at 1s.
    expect(events).toEqual(['1s DELETED db-migrate', '1s ADDED db-migrate']);
  });

  it('fail the install when a Job fails, deleting a hook-failed one and the succeeded ones', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 1000, fails: (o) => o.metadata?.name === 'breaks' });
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 1.0.0\n',
      'templates/ok.yaml': job('ok', 'pre-install', 0, 'hook-succeeded'),
      'templates/breaks.yaml': job('breaks', 'pre-install', 1, 'hook-failed'),
      'templates/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
    });
    const events = recordJobs(world);
    let message = '';
    try {
      await install(world.cfg(), chart, new Map(), { releaseName: 'broken' });
    } catch (err) {
      message = (err as ReleaseActionError).message;
    }
    expect(message).toBe('failed pre-install: resource Job/default/breaks not ready. status: Failed, message: Job Failed. failed: 1/1');
    expect(events).toEqual(['0s ADDED ok', '1s ADDED breaks', '2s DELETED breaks', '2s DELETED ok']);
    expect(world.store.tryGet('ConfigMap', 'default', 'app')).toBeUndefined();
    const stored = world.cfg().releases.get('broken', 1);
    expect(stored.info).toMatchObject({ status: 'failed', description: `Release "broken" failed: ${message}` });
    // Stored in template order; run by weight.
    expect(stored.hooks.map((h) => [h.name, h.lastRun.phase])).toEqual([
      ['breaks', 'Failed'],
      ['ok', 'Succeeded'],
    ]);
  });

  it('time out after --timeout of virtual time when a Job never completes', async () => {
    const world = releaseWorld();
    const chart = chartOf({ 'Chart.yaml': 'apiVersion: v2\nname: stuck\nversion: 1.0.0\n', 'templates/wait.yaml': job('wait', 'pre-install', 0) });
    let message = '';
    try {
      await install(world.cfg(), chart, new Map(), { releaseName: 'stuck', timeoutMs: 30_000 });
    } catch (err) {
      message = (err as ReleaseActionError).message;
    }
    expect(message).toBe('failed pre-install: resource Job/default/wait not ready. status: InProgress, message: Job in progress\ncontext deadline exceeded');
    expect(world.engine.now).toBe(30_000);
  });

  it('run pre- and post-upgrade and rollback hooks around the change', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 1000 });
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: cycle\nversion: 1.0.0\n',
      'templates/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  v: {{ .Values.v | quote }}\n',
      'templates/before.yaml': job('before', 'pre-upgrade,pre-rollback', 0, 'hook-succeeded'),
      'templates/after.yaml': job('after', 'post-upgrade,post-rollback', 0, 'hook-succeeded'),
    });
    const configMap: string[] = [];
    world.store.watch('ConfigMap', { resourceVersion: world.store.resourceVersion }, ({ type, object }) => {
      if (object.metadata!.name === 'app') configMap.push(`${world.engine.now / 1000}s ${type} v=${(object as { data?: { v?: string } }).data?.v}`);
    });
    const events = recordJobs(world);
    await install(world.cfg(), chart, new Map([['v', '1']]), { releaseName: 'cycle' });
    await upgrade(world.cfg(), 'cycle', chart, new Map([['v', '2']]));
    await rollback(world.cfg(), 'cycle', { version: 1 });
    expect(events).toEqual([
      '0s ADDED before',
      '1s DELETED before',
      '1s ADDED after',
      '2s DELETED after',
      '2s ADDED before',
      '3s DELETED before',
      '3s ADDED after',
      '4s DELETED after',
    ]);
    // The object changes between the pre and the post hooks.
    expect(configMap).toEqual(['0s ADDED v=1', '1s MODIFIED v=2', '3s MODIFIED v=1']);
  });

  it('run pre-delete hooks on uninstall', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 1000 });
    await install(world.cfg(), hooksChart(), new Map(), { releaseName: 'hooked' });
    const events = recordJobs(world);
    await uninstall(world.cfg(), 'hooked');
    expect(events[0]).toMatch(/ADDED farewell$/);
    expect(events[1]).toMatch(/DELETED farewell$/);
  });
});
