// The pull hook the container runtime and kubelets use: a pull takes the transfer's virtual time,
// ends with one `image.pull` record, survives a snapshot, and takes an imagePullSecret's credentials.
import { describe, expect, it } from 'vitest';
import { createImageWorld, Engine } from '../src/index.ts';
import { newWorld } from './support/images.ts';

describe('ImageService as the ImagePuller', () => {
  it('pulls on virtual time and logs the outcome', () => {
    const world = newWorld();
    const id = world.host.pull('nginx:1.25');
    expect(world.host.pull('nginx:1.25')).toBe(id);
    expect(world.host.pullStatus(id)).toMatchObject({ state: 'pulling', lines: expect.arrayContaining(['1.25: Pulling from library/nginx']) });
    expect(world.host.store.resolve('nginx:1.25')).toBeUndefined();
    const due = world.engine.nextTaskTime!;
    expect(due).toBeGreaterThan(1000);
    world.engine.runFor(due);
    const status = world.host.pullStatus(id)!;
    expect(status.state).toBe('done');
    expect(status.imageId).toBe(world.host.store.resolve('nginx:1.25')!.id);
    expect(status.lines.at(-1)).toBe('Status: Downloaded newer image for nginx:1.25');
    expect([...world.engine.log.records()].filter((r) => r.type === 'image.pull')).toEqual([{ t: due, type: 'image.pull', pull: id, reference: 'nginx:1.25', ok: true }]);
  });

  it('fails at once for a tag the registry does not have', () => {
    const world = newWorld();
    const id = world.host.pull('nginx:1.161');
    expect(world.host.pullStatus(id)).toMatchObject({ state: 'failed', error: 'manifest for nginx:1.161 not found: manifest unknown: manifest unknown' });
  });

  it('a pull in flight survives a snapshot and completes after restore', () => {
    const world = newWorld();
    const id = world.host.pull('redis:7-alpine');
    const snapshot = JSON.parse(JSON.stringify(world.engine.snapshot()));
    const engine = new Engine({ seed: 1 });
    const restored = createImageWorld(engine);
    engine.restore(snapshot);
    engine.runUntilIdle();
    expect(restored.host.pullStatus(id)!.state).toBe('done');
    expect(restored.host.store.resolve('redis:7-alpine')).toBeDefined();
  });

  it('uses credentials handed in (an imagePullSecret) for a private registry', () => {
    const world = newWorld();
    world.registries.create('private.example.com', { users: { user: 'pass' } });
    expect(world.host.pullStatus(world.host.pull('private.example.com/app:1'))!.error).toContain('no basic auth credentials');
  });
});
