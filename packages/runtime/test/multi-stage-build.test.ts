// Multi-stage builds: only the target stage's layers ship; --target, COPY --from a stage name, an
// index or an image; cycles and unknown targets refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../src/index.ts';
import { buildImage, diskContext, EXAMPLES, memoryContext, newWorld } from './support/images.ts';

const dir = join(EXAMPLES, 'multi-stage');

describe('the tutorial\'s multi-stage build', () => {
  const world = newWorld();
  const multi = buildImage(world, readFileSync(join(dir, 'Dockerfile'), 'utf8'), diskContext(dir), { tags: ['my-app:multi'] });
  const single = buildImage(world, readFileSync(join(dir, 'Dockerfile.single-stage'), 'utf8'), diskContext(dir), { tags: ['my-app:single'] });

  it('builds, with the production stage\'s config', () => {
    expect(multi.outcome.error).toBeUndefined();
    expect(multi.image!.config.User).toBe('node');
    expect(multi.image!.config.Cmd).toEqual(['node', 'dist/server.js']);
    const files = multi.image!.layers.flatMap((l) => [...l.tree.walk('/')].map((e) => e.path));
    expect(files).toContain('/app/dist/server.js');
    expect(files).toContain('/app/node_modules/express/package.json');
    expect(files.some((f) => f.startsWith('/app/src'))).toBe(false);
    expect(files.some((f) => f.startsWith('/root/.npm'))).toBe(false);
  });

  it('is measurably smaller than its single-stage twin', () => {
    expect(single.outcome.error).toBeUndefined();
    const saved = imageSize(single.image!) - imageSize(multi.image!);
    // The twin also ships src/, the lockfile and npm's download cache in /root/.npm.
    expect(saved).toBeGreaterThan(5_000_000);
    expect(saved / imageSize(single.image!)).toBeGreaterThan(0.03);
  });

  it('shares the builder stage\'s identical steps with the twin through the cache', () => {
    expect(single.ran).toEqual([]);
    expect(single.cached).toEqual(['[2/6] WORKDIR /app', '[3/6] COPY package.json package-lock.json ./', '[4/6] RUN npm ci', '[5/6] COPY . .', '[6/6] RUN npm run build']);
  });

  it('labels steps with their stage and counts only filesystem steps', () => {
    const names = multi.outcome.progress.vertices.map((v) => v.name);
    expect(names).toContain('[builder 4/6] RUN npm ci');
    expect(names).toContain('[production 3/5] COPY --from=builder /app/dist ./dist');
  });
});

describe('stages', () => {
  const dockerfile = [
    'FROM alpine:3.19 AS base',
    'RUN echo base > /base',
    'FROM base AS test',
    'RUN echo test > /test',
    'FROM busybox:1.36 AS final',
    'COPY --from=0 /base /from-index',
    'COPY --from=base /base /from-name',
    'COPY --from=alpine:3.19 /etc/alpine-release /alpine-release',
  ].join('\n');

  it('--target builds a stage and only what it needs', () => {
    const world = newWorld();
    const built = buildImage(world, dockerfile, memoryContext({}), { target: 'base' });
    expect(built.ran).toEqual(['[base 2/2] RUN echo base > /base']);
    expect(built.outcome.progress.vertices.some((v) => v.name.includes('test'))).toBe(false);
  });

  it('COPY --from takes a stage index, a stage name or an image; unused stages are skipped', () => {
    const world = newWorld();
    const built = buildImage(world, dockerfile, memoryContext({}));
    expect(built.outcome.error).toBeUndefined();
    const top = built.image!.layers.slice(-3).map((l) => [...l.tree.walk('/')].filter((e) => e.stat.kind === 'file').map((e) => e.path));
    expect(top).toEqual([['/from-index'], ['/from-name'], ['/alpine-release']]);
    expect(built.outcome.progress.vertices.some((v) => v.name.startsWith('[test'))).toBe(false);
  });

  it('an unknown target and a cyclic --from fail with BuildKit\'s messages', () => {
    const world = newWorld();
    expect(buildImage(world, dockerfile, memoryContext({}), { target: 'nope' }).outcome.error!.message).toBe('target stage "nope" could not be found');
    const cyclic = 'FROM alpine:3.19 AS a\nCOPY --from=b /x /x\nFROM alpine:3.19 AS b\nCOPY --from=a /y /y\n';
    const error = buildImage(world, cyclic, memoryContext({})).outcome.error!;
    expect(error.message).toMatch(/^circular dependency detected on stage: (a|b)$/);
    expect(world.host.store.images()).toHaveLength(0);
  });
});
