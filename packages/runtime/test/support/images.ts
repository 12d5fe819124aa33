// Helpers for image tests: a world with registries and a docker host, build contexts from files
// in memory or from a directory on disk, and builds run to completion.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  build,
  type BuildContext,
  type BuildOutcome,
  completeBuild,
  createImageWorld,
  Engine,
  FileTree,
  type Image,
  type ImageWorld,
  readBuildContext,
} from '../../src/index.ts';

export interface TestWorld extends ImageWorld {
  engine: Engine;
}

export function newWorld(seed = 1): TestWorld {
  const engine = new Engine({ seed });
  return { engine, ...createImageWorld(engine) };
}

/** A build context from files in memory (`{ 'src/server.js': '...' }`), .dockerignore applied. */
export function memoryContext(files: Record<string, string>): BuildContext {
  const tree = new FileTree();
  for (const [path, text] of Object.entries(files)) {
    tree.mkdir(`/${path}`.replace(/\/[^/]+$/, '') || '/', { recursive: true });
    tree.writeFile(`/${path}`, text);
  }
  return readBuildContext(tree, '/');
}

/** A build context from a directory on disk, the way the CLI reads one. */
export function diskContext(dir: string): BuildContext {
  return readBuildContext(
    {
      stat: (p) => {
        try {
          const s = statSync(p);
          return { kind: s.isDirectory() ? 'dir' : 'file', mode: s.mode & 0o7777, uid: 0, gid: 0, size: s.size };
        } catch {
          return undefined;
        }
      },
      readdir: (p) => readdirSync(p).sort(),
      readFile: (p) => new Uint8Array(readFileSync(p)),
    },
    dir,
  );
}

export const EXAMPLES = join(import.meta.dirname, '../../../../examples');

export interface Built {
  outcome: BuildOutcome;
  image?: Image;
  /** Names of the steps that ran (not CACHED), e.g. `[4/5] RUN npm ci`. */
  ran: string[];
  cached: string[];
}

/** Builds, lets the build's virtual time pass, stores and tags the image. */
export function buildImage(
  world: TestWorld,
  dockerfile: string,
  context: BuildContext,
  options: { tags?: string[]; target?: string; buildArgs?: Record<string, string>; noCache?: boolean } = {},
): Built {
  const outcome = build(
    { dockerfile, context, ...options },
    { store: world.host.store, cache: world.host.cache, hub: world.registries, credentials: (h) => world.host.credentials(h), random: world.engine.random, now: world.engine.now },
  );
  world.engine.runFor(outcome.progress.now);
  const image = completeBuild(world.host.store, outcome);
  const steps = outcome.progress.vertices.filter((v) => /^\[(\S+ )?\d+\/\d+\]/.test(v.name) && !v.name.includes(' FROM '));
  return {
    outcome,
    ...(image ? { image } : {}),
    ran: steps.filter((v) => !v.cached).map((v) => v.name),
    cached: steps.filter((v) => v.cached).map((v) => v.name),
  };
}
