// The images a project runs: pulled from their registries (services pulled side by side, each
// with its layers under it, docker/compose pkg/compose/pull.go) or built from their build
// sections through the image builder (BuildKit's steps on stdout, each named after its service:
// `#6 [app base 2/3] WORKDIR /app`), then `app Built` in the progress display.

import {
  build,
  completeBuild,
  type ComposeProject,
  type ComposeService,
  completePull,
  fullString,
  parseReference,
  planPull,
  readBuildContext,
  ReferenceError,
  RegistryError,
} from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { buildSteps, printBuild } from '../build-output.ts';
import { shortImageId } from '../docker-format.ts';
import type { ComposeContext } from './compose-context.ts';
import type { ComposeProgress } from './progress.ts';
import { VirtualTasks } from './virtual-tasks.ts';

/** A service that only builds (no `image:`): nothing to pull for it. */
export function buildOnly(service: ComposeService): boolean {
  return service.build !== undefined && typeof service.model.image !== 'string';
}

export function hasLocalImage(ctx: ComposeContext, service: ComposeService): boolean {
  return ctx.world.images.host.resolve(service.image) !== undefined;
}

export interface PullOptions {
  /** `always` pulls even present images (`docker compose pull`); `missing` only absent ones (`up`). */
  policy: 'always' | 'missing';
  /** A failed pull of a service that can be built is a warning, not a failure. */
  ignoreBuildable: boolean;
  quiet?: boolean;
}

/** Which services a pull would fetch; the others get compose's `Skipped - ...` line (for `docker compose pull`). */
export function servicesToPull(ctx: ComposeContext, services: ComposeService[], options: PullOptions, progress?: ComposeProgress): ComposeService[] {
  const pulling = new Map<string, string>();
  const out: ComposeService[] = [];
  for (const service of services) {
    const skip = (text: string) => progress?.event({ id: service.name, status: 'done', text });
    if (buildOnly(service)) {
      skip('Skipped - No image to be pulled');
      continue;
    }
    const policy = service.pullPolicy ?? '';
    if (policy === 'never' || policy === 'build') {
      skip('Skipped');
      continue;
    }
    const missingOnly = options.policy === 'missing' ? policy !== 'always' : policy === 'missing' || policy === 'if_not_present';
    if (missingOnly && hasLocalImage(ctx, service)) {
      if (options.policy === 'always') skip('Skipped - Image is already present locally');
      continue;
    }
    const other = pulling.get(service.image);
    if (other !== undefined) {
      skip(`Skipped - Image is already being pulled by ${other}`);
      continue;
    }
    pulling.set(service.image, service.name);
    out.push(service);
  }
  return out;
}

/** Pulls the services' images side by side on virtual time; throws the first failure. */
export async function pullServices(ctx: ComposeContext, services: ComposeService[], progress: ComposeProgress, options: PullOptions): Promise<void> {
  const tasks = new VirtualTasks(ctx.session);
  tasks.onTick = () => progress.tick();
  for (const service of services) tasks.go(() => pullService(ctx, tasks, service, progress, options));
  await tasks.wait();
}

async function pullService(ctx: ComposeContext, tasks: VirtualTasks, service: ComposeService, progress: ComposeProgress, options: PullOptions): Promise<void> {
  const { world } = ctx;
  const host = world.images.host;
  progress.event({ id: service.name, status: 'working', text: 'Pulling' });
  let plan;
  try {
    plan = planPull(world.images.registries, host.store, service.image, host.credentials(parseReference(service.image).domain));
  } catch (error) {
    if (error instanceof ReferenceError) {
      progress.event({ id: service.name, status: 'error', text: 'Error' });
      throw new CommandError(`${error.message}`, 1);
    }
    if (!(error instanceof RegistryError)) throw error;
    world.engine.log.append('image.pull-failed', { reference: service.image, reason: error.reason });
    if (service.build !== undefined && options.ignoreBuildable) {
      progress.event({ id: service.name, status: 'warning', text: 'Warning' });
      return;
    }
    progress.event({ id: service.name, status: 'error', text: 'Error' });
    throw new CommandError(`Error response from daemon: ${error.message}`, 1);
  }
  const layer = (diffId: string, status: 'working' | 'done', text: string) => {
    if (!options.quiet) progress.event({ id: shortImageId(diffId), parent: service.name, status, text });
  };
  const missing = plan.layers.filter((l) => !l.present);
  for (const l of plan.layers) layer(l.diffId, l.present ? 'done' : 'working', l.present ? 'Already exists' : 'Pulling fs layer');
  // Three layers download at a time, the rest wait their turn (dockerd's max-concurrent-downloads).
  for (const l of missing.slice(3)) layer(l.diffId, 'working', 'Waiting');
  const total = missing.reduce((n, l) => n + l.size, 0) || 1;
  for (const l of missing) {
    await tasks.sleep(Math.max(1, Math.round((plan.durationMs * l.size) / total)));
    layer(l.diffId, 'working', 'Verifying Checksum');
    layer(l.diffId, 'done', 'Download complete');
    layer(l.diffId, 'done', 'Pull complete');
  }
  const image = completePull(host.store, plan);
  world.engine.log.append('image.pulled', { reference: fullString(plan.reference), image: image.id, digest: plan.manifestDigest, durationMs: plan.durationMs });
  progress.event({ id: service.name, status: 'done', text: 'Pulled' });
}

export interface BuildOptions {
  noCache?: boolean;
  quiet?: boolean;
  /** `--build-arg` over the services' own args. */
  args?: Record<string, string>;
}

/**
 * Builds the services in order, one after the other; each ends with `<service> Built` on the
 * progress display. Throws compose's `failed to solve: ...` when a build fails.
 */
export async function buildServices(ctx: ComposeContext, project: ComposeProject, services: ComposeService[], progress: ComposeProgress, options: BuildOptions = {}): Promise<void> {
  for (const service of services) {
    const { image, steps } = await buildService(ctx, project, service, options);
    ctx.world.engine.log.append('image.built', { image, tags: [service.image, ...(service.build?.tags ?? [])], service: service.name, project: project.name, steps });
  }
  for (const service of services) progress.done(service.name, 'Built');
}

async function buildService(ctx: ComposeContext, project: ComposeProject, service: ComposeService, options: BuildOptions): Promise<{ image: string; steps: ReturnType<typeof buildSteps> }> {
  const { session, world } = ctx;
  const spec = service.build!;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec.context) || spec.context.startsWith('git@')) {
    throw new CommandError(`Dockyard cannot fetch a remote build context (${spec.context}): it works offline; clone it and build the directory`, 1);
  }
  if (session.files.stat(spec.context)?.kind !== 'dir') throw new CommandError(`unable to prepare context: path ${JSON.stringify(spec.context)} not found`, 1);
  let dockerfile: string;
  const dockerfilePath = spec.dockerfile.startsWith('/') ? spec.dockerfile : `${spec.context}/${spec.dockerfile}`;
  if (spec.dockerfileInline !== undefined) dockerfile = spec.dockerfileInline;
  else if (session.files.stat(dockerfilePath)?.kind === 'file') dockerfile = session.files.readText(dockerfilePath);
  else throw new CommandError(`failed to solve: failed to read dockerfile: open ${spec.dockerfile}: no such file or directory`, 1);
  const buildArgs: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.args)) {
    const resolved = value ?? project.environment[key];
    if (resolved !== undefined) buildArgs[key] = resolved;
  }
  Object.assign(buildArgs, options.args ?? {});
  const host = world.images.host;
  const outcome = build(
    {
      dockerfile,
      dockerfileName: spec.dockerfileInline !== undefined ? 'Dockerfile' : spec.dockerfile,
      context: readBuildContext(session.files, spec.context),
      tags: [service.image, ...spec.tags],
      ...(spec.target !== undefined ? { target: spec.target } : {}),
      buildArgs,
      noCache: options.noCache === true || spec.noCache,
    },
    { store: host.store, cache: host.cache, hub: world.images.registries, credentials: (h) => host.credentials(h), random: world.engine.random, now: world.engine.now },
  );
  await printBuild(outcome, session, options.quiet === true, { prefix: service.name, stream: 'stdout', finalError: false });
  if (outcome.error !== undefined) throw new CommandError(`failed to solve: ${outcome.error.message}`, 1);
  return { image: completeBuild(host.store, outcome)!.id, steps: buildSteps(outcome) };
}
