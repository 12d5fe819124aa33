// --wait on virtual time with helm 4's status watcher (kstatus: a Deployment is ready when its
// replicas are updated, ready and available), the 5m0s default timeout and its error, and
// --rollback-on-failure (--atomic) uninstalling a failed install or rolling back a failed upgrade.

import { describe, expect, it } from 'vitest';
import { computeStatus } from '../src/helm/release/resource-status.ts';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { GoInt } from '../src/helm/template/value.ts';
import { createdChart, fakeControllers, releaseWorld } from './support/helm-release.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ReleaseActionError) return err.message;
    throw err;
  }
  throw new Error('expected the action to fail');
}

describe('--wait', () => {
  it('returns once the Deployment is available', async () => {
    const world = releaseWorld();
    fakeControllers(world, { delayMs: 7000 });
    const release = await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release', waitStrategy: 'watcher' });
    expect(release.info.status).toBe('deployed');
    expect(world.engine.now).toBe(7000);
  });

  it('does not wait without it', async () => {
    const world = releaseWorld();
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' });
    expect(world.engine.now).toBe(0);
  });

  it("gives up after 5m0s of virtual time with helm's timeout error", async () => {
    const world = releaseWorld();
    const message = await failure(install(world.cfg(), createdChart(), new Map([['replicaCount', new GoInt(3, 'int64')]]), { releaseName: 'my-release', waitStrategy: 'watcher' }));
    expect(message).toBe('resource Deployment/default/my-release-mychart not ready. status: InProgress, message: replicas: 0/3\ncontext deadline exceeded');
    expect(world.engine.now).toBe(300_000);
    const stored = world.cfg().releases.get('my-release', 1);
    expect(stored.info).toMatchObject({ status: 'failed', description: `Release "my-release" failed: ${message}` });
  });

  it('stops at once for a Deployment whose progress deadline passed', async () => {
    const world = releaseWorld();
    world.engine.defineTask('test.deadline', () => undefined);
    world.store.watch('Deployment', { resourceVersion: world.store.resourceVersion }, ({ type, object }) => {
      if (type !== 'ADDED') return;
      world.store.updateStatus({
        ...object,
        status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x" has timed out progressing.' }] },
      } as never);
    });
    const message = await failure(install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release', waitStrategy: 'watcher', timeoutMs: 60_000 }));
    expect(message).toBe('resource Deployment/default/my-release-mychart not ready. status: Failed, message: Progress deadline exceeded');
    expect(world.engine.now).toBe(0);
  });
});

describe('kstatus for a Deployment', () => {
  const deployment = (status: Record<string, unknown>, replicas = 3, generation = 1) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation },
    spec: { replicas },
    status,
  });
  it.each([
    [{}, 'InProgress', 'replicas: 0/3'],
    [{ observedGeneration: 1, replicas: 3, updatedReplicas: 1 }, 'InProgress', 'Updated: 1/3'],
    [{ observedGeneration: 1, replicas: 4, updatedReplicas: 3 }, 'InProgress', 'Pending termination: 1'],
    [{ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }, 'InProgress', 'Available: 2/3'],
    [{ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 2 }, 'InProgress', 'Ready: 2/3'],
    [{ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 }, 'InProgress', 'ReplicaSet not Available'],
    [{ observedGeneration: 0 }, 'InProgress', 'Deployment generation is 1, but latest observed generation is 0'],
  ])('%j is %s: %s', (status, kind, message) => {
    expect(computeStatus(deployment(status))).toEqual({ status: kind, message });
  });
});

describe('--rollback-on-failure (--atomic)', () => {
  it('uninstalls a failed install, leaving nothing behind', async () => {
    const world = releaseWorld();
    const message = await failure(install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release', rollbackOnFailure: true, timeoutMs: 60_000 }));
    expect(message).toBe(
      'release my-release failed, and has been uninstalled due to rollback-on-failure being set: resource Deployment/default/my-release-mychart not ready. status: InProgress, message: replicas: 0/1\ncontext deadline exceeded',
    );
    expect(world.engine.now).toBe(60_000);
    expect(world.store.tryGet('Deployment', 'default', 'my-release-mychart')).toBeUndefined();
    expect(world.store.list('Secret', { labelSelector: 'owner=helm' }).items).toEqual([]);
  });

  it('rolls a failed upgrade back to the last good revision', async () => {
    const world = releaseWorld();
    // The new image never becomes available.
    fakeControllers(world, { delayMs: 1000, fails: (o) => JSON.stringify(o['spec']).includes('nginx:nope') });
    const cfg = world.cfg();
    await install(cfg, createdChart(), new Map(), { releaseName: 'bad' });
    const message = await failure(upgrade(cfg, 'bad', createdChart(), new Map([['image', new Map([['tag', 'nope']])]]), { rollbackOnFailure: true, timeoutMs: 30_000 }));
    expect(message).toMatch(/^release bad failed, and has been rolled back due to rollback-on-failure being set: resource Deployment\/default\/bad-mychart not ready\. status: InProgress, message: /);
    expect(cfg.releases.history('bad').map((r) => [r.version, r.info.status, r.info.description.split(':')[0]])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'failed', 'Upgrade "bad" failed'],
      [3, 'deployed', 'Rollback to 1'],
    ]);
    expect(JSON.stringify(world.store.get('Deployment', 'default', 'bad-mychart'))).toContain('"image":"nginx:1.16.0"');
  });
});
