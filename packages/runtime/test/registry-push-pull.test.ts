// Registries keyed by host: pulls from the catalog, pushes and pulls by tag and digest, layers
// shared between repositories, private registries, docker's failure messages, outages.
import { describe, expect, it } from 'vitest';
import { ALL_REGISTRIES, completePull, completePush, planPull, planPush, RegistryError } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

function pullError(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('pulling from the public catalog', () => {
  it('pulls nginx:1.25 with every layer, then finds it up to date', () => {
    const world = newWorld();
    const plan = planPull(world.registries, world.host.store, 'nginx:1.25');
    expect(plan.layers).toHaveLength(7);
    expect(plan.layers.every((l) => !l.present)).toBe(true);
    expect(plan.durationMs).toBeGreaterThan(1000);
    const image = completePull(world.host.store, plan);
    expect(world.host.store.resolve('nginx:1.25')).toBe(image);
    expect(world.host.store.resolve('docker.io/library/nginx:1.25')).toBe(image);
    expect(world.host.store.resolve(`nginx@${plan.manifestDigest}`)).toBe(image);
    expect(image.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(image.layers[0]!.tree.readText('/etc/os-release')).toContain('bookworm');
    const again = planPull(world.registries, world.host.store, 'nginx:1.25');
    expect(again.upToDate).toBe(true);
    expect(again.layers.every((l) => l.present)).toBe(true);
  });

  it('finds shared base layers already present (node:20-alpine after nginx:alpine)', () => {
    const world = newWorld();
    completePull(world.host.store, planPull(world.registries, world.host.store, 'nginx:alpine'));
    const node = planPull(world.registries, world.host.store, 'node:20-alpine');
    expect(node.layers[0]!.present).toBe(true);
    expect(node.layers.slice(1).every((l) => !l.present)).toBe(true);
  });

  it('refuses tags and repositories outside the catalog in Docker Hub\'s words', () => {
    const world = newWorld();
    expect(pullError(() => planPull(world.registries, world.host.store, 'nginx:1.161')).message).toBe('manifest for nginx:1.161 not found: manifest unknown: manifest unknown');
    expect(pullError(() => planPull(world.registries, world.host.store, 'nosuchuser/nosuchimage')).message).toBe(
      "pull access denied for nosuchuser/nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(pullError(() => planPull(world.registries, world.host.store, 'registry.example.com/my-app:9.9')).reason).toBe('no-such-host');
  });
});

describe('pushing', () => {
  function builtWorld() {
    const world = newWorld();
    const built = buildImage(world, 'FROM alpine:3.19\nRUN echo one > /one\n', memoryContext({}), { tags: ['my-app:1.0'] });
    world.host.store.tag(built.image!, 'registry.example.com/my-app:1.0');
    return { world, image: built.image! };
  }

  it('pushes every layer the first time, then finds them all there', () => {
    const { world, image } = builtWorld();
    const plan = planPush(world.registries, world.host.store, 'registry.example.com/my-app:1.0');
    expect(plan.layers.map((l) => l.status)).toEqual(['Pushed', 'Pushed']);
    const entry = completePush(world.registries, world.host.store, plan);
    expect(entry.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    world.host.store.tag(image, 'registry.example.com/my-app:1.1');
    const again = planPush(world.registries, world.host.store, 'registry.example.com/my-app:1.1');
    expect(again.layers.map((l) => l.status)).toEqual(['Layer already exists', 'Layer already exists']);
    expect(again.durationMs).toBeLessThan(plan.durationMs);
  });

  it('mounts layers another repository of the same host has', () => {
    const { world, image } = builtWorld();
    completePush(world.registries, world.host.store, planPush(world.registries, world.host.store, 'registry.example.com/my-app:1.0'));
    world.host.store.tag(image, 'registry.example.com/other:1.0');
    expect(planPush(world.registries, world.host.store, 'registry.example.com/other:1.0').layers.map((l) => l.status)).toEqual(['Mounted from my-app', 'Mounted from my-app']);
  });

  it('a pushed image pulls on a fresh host by tag and by digest; an unknown tag fails', () => {
    const { world, image } = builtWorld();
    const entry = completePush(world.registries, world.host.store, planPush(world.registries, world.host.store, 'registry.example.com/my-app:1.0'));
    world.host.store.remove('my-app:1.0');
    world.host.store.remove('registry.example.com/my-app:1.0');
    expect(world.host.store.images()).toHaveLength(0);
    const byTag = completePull(world.host.store, planPull(world.registries, world.host.store, 'registry.example.com/my-app:1.0'));
    expect(byTag.id).toBe(image.id);
    expect(planPull(world.registries, world.host.store, `registry.example.com/my-app@${entry.digest}`).image.id).toBe(image.id);
    expect(pullError(() => planPull(world.registries, world.host.store, 'registry.example.com/my-app:9.9')).message).toBe(
      'manifest for registry.example.com/my-app:9.9 not found: manifest unknown: manifest unknown',
    );
  });

  it('Docker Hub refuses pushes without login', () => {
    const { world, image } = builtWorld();
    world.host.store.tag(image, 'someone/my-app:1.0');
    expect(pullError(() => planPush(world.registries, world.host.store, 'someone/my-app:1.0')).message).toBe('denied: requested access to the resource is denied');
    expect(planPush(world.registries, world.host.store, 'someone/my-app:1.0', { username: 'someone', password: 'x' }).layers[1]!.status).toBe('Mounted from library/alpine');
  });
});

describe('private registries and outages', () => {
  it('a private registry needs credentials for pull and push', () => {
    const world = newWorld();
    world.registries.create('private.example.com', { users: { user: 'pass' } });
    const built = buildImage(world, 'FROM alpine:3.19\nRUN touch /x\n', memoryContext({}), { tags: ['private.example.com/app:1'] });
    expect(pullError(() => planPush(world.registries, world.host.store, 'private.example.com/app:1')).message).toBe('no basic auth credentials');
    expect(pullError(() => planPush(world.registries, world.host.store, 'private.example.com/app:1', { username: 'user', password: 'nope' })).message).toBe('unauthorized: incorrect username or password');
    completePush(world.registries, world.host.store, planPush(world.registries, world.host.store, 'private.example.com/app:1', { username: 'user', password: 'pass' }));
    const fresh = newWorld();
    fresh.engine.restore(world.engine.snapshot());
    fresh.host.store.remove('private.example.com/app:1');
    expect(pullError(() => planPull(fresh.registries, fresh.host.store, 'private.example.com/app:1')).message).toBe('Head "https://private.example.com/v2/app/manifests/1": no basic auth credentials');
    expect(planPull(fresh.registries, fresh.host.store, 'private.example.com/app:1', { username: 'user', password: 'pass' }).image.id).toBe(built.image!.id);
  });

  it('an injected outage fails pulls with a 503 until it is lifted', () => {
    const world = newWorld();
    world.registries.setOutage('docker.io', true);
    const error = pullError(() => planPull(world.registries, world.host.store, 'nginx:1.25'));
    expect(error.reason).toBe('unavailable');
    expect(error.message).toBe('Get "https://registry-1.docker.io/v2/": received unexpected HTTP status: 503 Service Unavailable');
    world.registries.setOutage('docker.io', false);
    world.registries.setOutage(ALL_REGISTRIES, true);
    expect(pullError(() => planPull(world.registries, world.host.store, 'registry.k8s.io/pause:3.10')).reason).toBe('unavailable');
    world.registries.setOutage(ALL_REGISTRIES, false);
    expect(planPull(world.registries, world.host.store, 'nginx:1.25').layers).toHaveLength(7);
  });
});
