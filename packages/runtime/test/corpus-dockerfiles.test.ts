// Every Dockerfile of the corpus (real ones nobody here wrote) parses; building it gets as far as
// the real builder would with the corpus's files: their COPY sources are not in the corpus, so a
// build stops at the first COPY from the context with BuildKit's `"/x": not found`, and a feature
// Dockyard does not simulate is named with its line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';
import { sharedPath } from './support/shared-files.ts';

const corpus = sharedPath('corpus');

function dockerfiles(): string[] {
  const out = readdirSync(join(corpus, 'dockerfiles')).map((f) => join(corpus, 'dockerfiles', f));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^Dockerfile/.test(name)) out.push(path);
    }
  };
  walk(join(corpus, 'compose'));
  return out.sort();
}

const files = dockerfiles();

describe('corpus Dockerfiles', () => {
  it('are there', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [f.slice(corpus.length + 1), f]))('%s parses and builds as far as its files allow', (_name, path) => {
    const source = readFileSync(path, 'utf8');
    const dockerfile = parseDockerfile(source);
    expect(dockerfile.stages.length).toBeGreaterThan(0);
    const world = newWorld();
    const built = buildImage(world, source, memoryContext({}), { tags: ['corpus:test'] });
    const error = built.outcome.error;
    if (error === undefined) {
      expect(built.image).toBeDefined();
      return;
    }
    expect(error.message).toMatch(/^failed to compute cache key: failed to calculate checksum of ref moby::[a-z0-9]{25}: "\/[^"]*": not found$|is not supported by Dockyard's builder/);
    expect(error.line).toBeGreaterThan(0);
    // Nothing half-built is tagged.
    expect(world.host.store.resolve('corpus:test')).toBeUndefined();
  });
});
