// BuildKit's cache rules (reference §9): a step's key is its parent plus the instruction; COPY
// also the checksums of the files it copies (content and mode, not mtime); build args in scope
// count at the first RUN that sees them; a hit reuses the layer and its creation time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImage, diskContext, EXAMPLES, memoryContext, newWorld } from './support/images.ts';

const dir = join(EXAMPLES, 'dockerfile-cache');
const good = readFileSync(join(dir, 'Dockerfile'), 'utf8');
const bad = readFileSync(join(dir, 'Dockerfile.bad'), 'utf8');

function withEditedSource() {
  const context = diskContext(dir);
  const before = context.tree.readText('/src/server.js');
  context.tree.writeFile('/src/server.js', `${before}// a change\n`);
  return context;
}

describe('the tutorial\'s layer ordering', () => {
  it('good order: after a source edit only COPY . . runs again; npm ci stays cached', () => {
    const world = newWorld();
    const first = buildImage(world, good, diskContext(dir), { tags: ['my-app:1.0'] });
    expect(first.ran).toEqual(['[2/5] WORKDIR /app', '[3/5] COPY package.json package-lock.json ./', '[4/5] RUN npm ci', '[5/5] COPY . .']);
    const second = buildImage(world, good, withEditedSource(), { tags: ['my-app:1.0'] });
    expect(second.ran).toEqual(['[5/5] COPY . .']);
    expect(second.cached).toEqual(['[2/5] WORKDIR /app', '[3/5] COPY package.json package-lock.json ./', '[4/5] RUN npm ci']);
    expect(second.image!.id).not.toBe(first.image!.id);
    // The npm layer is the very same blob.
    expect(second.image!.layers[6]!.diffId).toBe(first.image!.layers[6]!.diffId);
  });

  it('bad order: the same edit re-runs COPY . . and npm ci', () => {
    const world = newWorld();
    buildImage(world, bad, diskContext(dir));
    const second = buildImage(world, bad, withEditedSource());
    expect(second.ran).toEqual(['[3/4] COPY . .', '[4/4] RUN npm ci']);
    expect(second.cached).toEqual(['[2/4] WORKDIR /app']);
  });

  it('a fully cached rebuild gives the same image ID and creation time', () => {
    const world = newWorld();
    const first = buildImage(world, good, diskContext(dir));
    world.engine.runFor(3_600_000);
    const second = buildImage(world, good, diskContext(dir));
    expect(second.ran).toEqual([]);
    expect(second.image!.id).toBe(first.image!.id);
    expect(second.image!.created).toBe(first.image!.created);
  });

  it('--no-cache runs every step again', () => {
    const world = newWorld();
    buildImage(world, good, diskContext(dir));
    expect(buildImage(world, good, diskContext(dir), { noCache: true }).ran).toHaveLength(4);
  });
});

describe('COPY checksums', () => {
  const dockerfile = 'FROM alpine:3.19\nCOPY app.sh /app/\nRUN echo built > /built\n';

  it('a change of mode misses, identical content and mode hit', () => {
    const world = newWorld();
    const context = memoryContext({ 'app.sh': 'echo hi\n' });
    buildImage(world, dockerfile, context);
    expect(buildImage(world, dockerfile, memoryContext({ 'app.sh': 'echo hi\n' })).ran).toEqual([]);
    const executable = memoryContext({ 'app.sh': 'echo hi\n' });
    executable.tree.chmod('/app.sh', 0o755);
    expect(buildImage(world, dockerfile, executable).ran).toEqual(['[2/3] COPY app.sh /app/', '[3/3] RUN echo built > /built']);
  });

  it('a file COPY does not name does not matter', () => {
    const world = newWorld();
    buildImage(world, dockerfile, memoryContext({ 'app.sh': 'echo hi\n', 'README': 'one' }));
    expect(buildImage(world, dockerfile, memoryContext({ 'app.sh': 'echo hi\n', 'README': 'two' })).ran).toEqual([]);
  });
});

describe('ARG and ENV', () => {
  const dockerfile = 'FROM alpine:3.19\nARG VERSION=1\nRUN mkdir /x\nRUN echo $VERSION > /version\n';

  it('a changed build arg misses at the first RUN after the ARG, and RUN sees the value', () => {
    const world = newWorld();
    buildImage(world, dockerfile, memoryContext({}));
    expect(buildImage(world, dockerfile, memoryContext({})).ran).toEqual([]);
    const changed = buildImage(world, dockerfile, memoryContext({}), { buildArgs: { VERSION: '2' } });
    expect(changed.ran).toEqual(['[2/3] RUN mkdir /x', '[3/3] RUN echo $VERSION > /version']);
    const top = changed.image!.layers[changed.image!.layers.length - 1]!;
    expect(top.tree.readText('/version')).toBe('2\n');
    expect(changed.image!.history.find((h) => h.created_by.includes('echo $VERSION'))!.created_by).toBe('RUN |1 VERSION=2 /bin/sh -c echo $VERSION > /version # buildkit');
  });

  it('a changed ENV misses at the next RUN and everything after it', () => {
    const world = newWorld();
    const a = 'FROM alpine:3.19\nWORKDIR /app\nENV MODE=dev\nRUN echo $MODE > mode\nRUN touch done\n';
    buildImage(world, a, memoryContext({}));
    const b = buildImage(world, a.replace('MODE=dev', 'MODE=prod'), memoryContext({}));
    expect(b.cached).toEqual(['[2/4] WORKDIR /app']);
    expect(b.ran).toEqual(['[3/4] RUN echo $MODE > mode', '[4/4] RUN touch done']);
  });

  it('changing only CMD keeps every layer cached', () => {
    const world = newWorld();
    const first = buildImage(world, good, diskContext(dir));
    const second = buildImage(world, good.replace('src/server.js', 'src/other.js'), diskContext(dir));
    expect(second.ran).toEqual([]);
    expect(second.image!.id).not.toBe(first.image!.id);
    expect(second.image!.config.Cmd).toEqual(['node', 'src/other.js']);
  });
});
