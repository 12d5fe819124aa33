// What `up` does once images exist (docker/compose pkg/compose/create.go, convergence.go,
// start.go): create the project's networks and volumes, bring each service's containers to the
// file's configuration in dependency order (create what is missing, recreate what changed — the
// config-hash and image labels say so —, leave the rest `Running`, scale up and down), then start
// them in dependency order, each service waiting first for its dependencies' conditions.

import {
  COMPOSE_LABELS,
  type ComposeDependency,
  type ComposeProject,
  type ComposeService,
  composeContainerName,
  type DockerContainer,
  type DockerMount,
  DockerError,
  planComposeUp,
} from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { type ComposeContext, containerEvent, numberOf } from './compose-context.ts';
import { serviceConfigHash } from './container-config.ts';
import { createContainer, createServiceContainer, daemonError, removeContainer, startContainer, stateOf } from './container-lifecycle.ts';
import { all, inDependencyOrder } from './dependency-order.ts';
import type { ComposeProgress } from './progress.ts';
import { VirtualTasks } from './virtual-tasks.ts';

/** How often compose looks at a dependency's state while it waits (a 500 ms ticker). */
export const DEPENDENCY_POLL_MS = 500;

/** `up --wait`'s condition for services nobody waits on to complete: healthy, or running without a health check. */
const RUNNING_OR_HEALTHY = 'running_or_healthy';

export interface ConvergeOptions {
  /** `diverged` (default), `force` (--force-recreate) or `never` (--no-recreate). */
  recreate: 'diverged' | 'force' | 'never';
  /** Replicas per service (`--scale`), over the file's. */
  scale: Record<string, number>;
  /** Stop timeout in seconds for containers being replaced (`-t`). */
  timeout?: number;
  /** `-V`: new anonymous volumes instead of the old containers'. */
  renewAnonVolumes?: boolean;
}

export function replicasOf(service: ComposeService, scale: Record<string, number>): number {
  return scale[service.name] ?? service.replicas;
}

/** Networks and volumes the services use, created when missing (`Network x  Created`). */
export function ensureResources(ctx: ComposeContext, project: ComposeProject, services: ComposeService[], progress: ComposeProgress): void {
  const plan = planComposeUp(project, { services: services.map((s) => s.name) });
  const { docker } = ctx;
  for (const network of plan.networks) {
    const existing = docker.network(network.name);
    if (network.external) {
      if (existing === undefined) throw new CommandError(`network ${network.name} declared as external, but could not be found`, 1);
      continue;
    }
    if (existing !== undefined && existing.name === network.name) {
      if (existing.labels[COMPOSE_LABELS.network] !== network.key) {
        ctx.warn(`a network with name ${network.name} exists but was not created by compose.\nSet \`external: true\` to use an existing network`);
      }
      continue;
    }
    const event = `Network ${network.name}`;
    progress.working(event, 'Creating');
    const spec = project.networks[network.key]!;
    const model = (project.model.networks as Record<string, { ipam?: { config?: { subnet?: string; gateway?: string }[] } }> | undefined)?.[network.key];
    const pool = model?.ipam?.config?.[0];
    try {
      docker.createNetwork(network.name, {
        ...(network.driver !== undefined ? { driver: network.driver } : {}),
        ...(pool?.subnet ? { subnet: pool.subnet } : {}),
        ...(pool?.gateway ? { gateway: pool.gateway } : {}),
        internal: spec.internal,
        labels: network.labels,
      });
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      progress.error(event, 'Error');
      throw new CommandError(`failed to create network ${network.name}: Error response from daemon: ${error.message}`, 1);
    }
    progress.done(event, 'Created');
  }
  for (const volume of plan.volumes) {
    const existing = docker.volumes().find((v) => v.name === volume.name);
    if (volume.external) {
      if (existing === undefined) throw new CommandError(`external volume "${volume.name}" not found`, 1);
      continue;
    }
    if (existing !== undefined) {
      if (existing.labels[COMPOSE_LABELS.volume] !== volume.key) {
        ctx.warn(`volume "${volume.name}" already exists but was not created by Docker Compose. Use \`external: true\` to use an existing volume`);
      }
      continue;
    }
    const event = `Volume ${JSON.stringify(volume.name)}`;
    progress.working(event, 'Creating');
    docker.createVolume(volume.name, volume.labels);
    progress.done(event, 'Created');
  }
}

/** The create phase of `up` for the services (already in start order). */
export async function convergeServices(ctx: ComposeContext, project: ComposeProject, services: ComposeService[], progress: ComposeProgress, options: ConvergeOptions): Promise<void> {
  const tasks = new VirtualTasks(ctx.session);
  tasks.onTick = () => progress.tick();
  await inDependencyOrder(tasks, services, (service) => ensureService(ctx, tasks, project, service, progress, options));
}

function mustRecreate(ctx: ComposeContext, service: ComposeService, c: DockerContainer, policy: ConvergeOptions['recreate']): boolean {
  if (policy === 'never') return false;
  if (policy === 'force') return true;
  const imageId = ctx.world.images.host.resolve(service.image)?.id;
  return c.config.Labels[COMPOSE_LABELS.configHash] !== serviceConfigHash(service) || (imageId !== undefined && c.config.Labels[COMPOSE_LABELS.image] !== imageId);
}

async function ensureService(ctx: ComposeContext, tasks: VirtualTasks, project: ComposeProject, service: ComposeService, progress: ComposeProgress, options: ConvergeOptions): Promise<void> {
  const expected = replicasOf(service, options.scale);
  let containers = ctx.containers(project.name, { services: [service.name] }).sort((a, b) => numberOf(a) - numberOf(b));
  const image = ctx.world.images.host.resolve(service.image);
  if (image === undefined) throw new CommandError(`Error response from daemon: No such image: ${service.image}`, 1);
  const jobs: (() => Promise<void>)[] = [];

  if (containers.length > expected) {
    // Scaling down removes outdated containers first, then the highest numbers.
    const doomed = [...containers]
      .sort((a, b) => Number(mustRecreate(ctx, service, b, options.recreate)) - Number(mustRecreate(ctx, service, a, options.recreate)) || numberOf(b) - numberOf(a))
      .slice(0, containers.length - expected);
    for (const c of doomed) jobs.push(() => removeContainer(ctx, tasks, c, progress, { ...(options.timeout !== undefined ? { timeout: options.timeout } : {}) }));
    containers = containers.filter((c) => !doomed.includes(c));
  }

  for (const c of containers) {
    if (mustRecreate(ctx, service, c, options.recreate)) {
      jobs.push(() => recreateContainer(ctx, tasks, project, service, c, image.id, progress, options));
      continue;
    }
    const state = stateOf(ctx, c);
    if (state === 'running') progress.done(containerEvent(c), 'Running');
    else if (state === 'exited') progress.done(containerEvent(c), 'Created');
  }

  let next = Math.max(0, ...containers.map(numberOf)) + 1;
  for (let i = containers.length; i < expected; i++) {
    const number = next++;
    jobs.push(async () => {
      createContainer(ctx, project, service, { name: composeContainerName(project, service, number), number, imageId: image.id }, progress);
    });
  }
  await all(tasks, jobs);
}

/** Stops and removes the old container, then creates its successor under the same name and number. */
async function recreateContainer(
  ctx: ComposeContext,
  tasks: VirtualTasks,
  project: ComposeProject,
  service: ComposeService,
  old: DockerContainer,
  imageId: string,
  progress: ComposeProgress,
  options: ConvergeOptions,
): Promise<void> {
  const event = containerEvent(old);
  progress.working(event, 'Recreate');
  const inherited: DockerMount[] = options.renewAnonVolumes
    ? []
    : old.hostConfig.Mounts.filter((m) => m.type === 'volume' && ctx.world.runtime.volumes.get(m.source)?.anonymous === true).map((m) => ({ ...m }));
  const { docker } = ctx;
  try {
    docker.stop(old.id, options.timeout);
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw daemonError(error);
  }
  await tasks.until(() => docker.find(old.id) === undefined || (ctx.world.runtime.get(old.id)?.state.status !== 'running' && !docker.find(old.id)!.restarting));
  if (docker.find(old.id) !== undefined) docker.remove(old.id, { force: true });
  const mine = new Set(service.volumes.map((v) => v.target));
  try {
    createServiceContainer(ctx, project, service, { name: old.name, number: numberOf(old), imageId, inheritedMounts: inherited.filter((m) => !mine.has(m.target)) });
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    progress.error(event, `Error response from daemon: ${error.message}`);
    throw daemonError(error);
  }
  progress.done(event, 'Recreated');
}

export interface StartOptions {
  /** `--wait`: after starting, wait for every service to be running or healthy. */
  wait?: boolean;
  /** `--wait-timeout` in ms. */
  waitTimeoutMs?: number;
  scale: Record<string, number>;
}

/** The start phase: in dependency order, wait for the dependencies' conditions, then start. */
export async function startServices(ctx: ComposeContext, project: ComposeProject, services: ComposeService[], progress: ComposeProgress, options: StartOptions): Promise<void> {
  const tasks = new VirtualTasks(ctx.session);
  tasks.onTick = () => progress.tick();
  const selected = new Set(services.map((s) => s.name));
  await inDependencyOrder(tasks, services, async (service) => {
    if (replicasOf(service, options.scale) === 0) return;
    await waitDependencies(ctx, tasks, project, service.name, service.dependsOn, selected, progress, options.scale);
    const containers = ctx.containers(project.name, { services: [service.name] }).sort((a, b) => numberOf(a) - numberOf(b));
    if (containers.length === 0) throw new CommandError(`service ${JSON.stringify(service.name)} has no container to start`, 1);
    for (const c of containers) {
      if (stateOf(ctx, c) === 'running') continue;
      await startContainer(ctx, tasks, c, progress);
    }
  });
  if (!options.wait) return;

  const waitTasks = new VirtualTasks(ctx.session);
  waitTasks.onTick = () => progress.tick();
  const everything: ComposeDependency[] = services.map((s) => ({
    service: s.name,
    // A one-shot service others wait to complete is waited for the same way, or --wait never ends.
    condition: services.some((o) => o.dependsOn.some((d) => d.service === s.name && d.condition === 'service_completed_successfully'))
      ? 'service_completed_successfully'
      : (RUNNING_OR_HEALTHY as ComposeDependency['condition']),
    required: true,
    restart: false,
  }));
  let finished = false;
  waitTasks.go(async () => {
    try {
      await waitDependencies(ctx, waitTasks, project, project.name, everything, selected, progress, options.scale);
    } finally {
      finished = true;
    }
  });
  const timeout = options.waitTimeoutMs ?? 0;
  if (timeout > 0) {
    const deadline = ctx.world.engine.now + timeout;
    waitTasks.go(async () => {
      await waitTasks.until(() => finished || waitTasks.now >= deadline, { wakeAt: deadline });
      if (!finished) throw new CommandError(`application not healthy after ${formatWaitTimeout(timeout)}`, 1);
    });
  }
  await waitTasks.wait();
}

/** Go's time.Duration String for whole seconds (`1m0s`, `30s`). */
function formatWaitTimeout(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}

type Check = { state: 'waiting' } | { state: 'done'; text: 'Healthy' | 'Exited' } | { state: 'failed'; message: string; optional: string; completed?: boolean };

/**
 * compose's waitDependencies: `Waiting` on each container of a dependency that has a condition
 * beyond `service_started`, then every 500 ms a look at its state: `Healthy` (or `Exited` for
 * `service_completed_successfully`) ends the wait; an exited or unhealthy dependency fails it
 * (an optional one is skipped with a warning).
 */
export async function waitDependencies(
  ctx: ComposeContext,
  tasks: VirtualTasks,
  project: ComposeProject,
  dependant: string,
  dependencies: ComposeDependency[],
  selected: Set<string>,
  progress: ComposeProgress,
  scale: Record<string, number> = {},
): Promise<void> {
  const pending: { dependency: ComposeDependency; containers: DockerContainer[] }[] = [];
  for (const dependency of dependencies) {
    if (dependency.condition === 'service_started') continue;
    const service = project.services[dependency.service];
    // A dependency left out (--no-deps) or scaled to zero is not waited for.
    if (service === undefined || !selected.has(dependency.service) || replicasOf(service, scale) === 0) continue;
    const containers = ctx.containers(project.name, { services: [dependency.service] }).sort((a, b) => numberOf(a) - numberOf(b));
    for (const c of containers) progress.working(containerEvent(c), 'Waiting');
    if (containers.length === 0) {
      if (dependency.required) throw new CommandError(`${dependant} is missing dependency ${dependency.service}`, 1);
      ctx.warn(`${dependant} is missing dependency ${dependency.service}`);
      continue;
    }
    pending.push({ dependency, containers });
  }
  while (pending.length > 0) {
    await tasks.until(() => true, { every: DEPENDENCY_POLL_MS });
    for (const entry of [...pending]) {
      const result = check(ctx, entry.dependency, entry.containers);
      if (result.state === 'waiting') continue;
      pending.splice(pending.indexOf(entry), 1);
      if (result.state === 'done') {
        for (const c of entry.containers) progress.done(containerEvent(c), result.text);
        continue;
      }
      if (!entry.dependency.required) {
        for (const c of entry.containers) progress.event({ id: containerEvent(c), status: 'warning', statusText: `Skipped: ${result.optional}` });
        ctx.warn(result.completed ? result.optional : `${result.optional}: ${result.message}`);
        continue;
      }
      for (const c of entry.containers) {
        if (result.completed) progress.error(containerEvent(c), result.message);
        else progress.error(containerEvent(c), 'Error');
      }
      throw new CommandError(result.completed ? result.message : `dependency failed to start: ${result.message}`, 1);
    }
  }
}

function check(ctx: ComposeContext, dependency: ComposeDependency, containers: DockerContainer[]): Check {
  const name = JSON.stringify(dependency.service);
  const condition = dependency.condition as string;
  if (condition === 'service_completed_successfully') {
    for (const c of containers) {
      const current = ctx.docker.find(c.id);
      const rc = ctx.world.runtime.get(c.id);
      if (current !== undefined && !current.restarting && rc?.state.status === 'exited') {
        const code = rc.state.exitCode ?? 0;
        if (code === 0) return { state: 'done', text: 'Exited' };
        const suffix = `${name} didn't complete successfully: exit ${code}`;
        return { state: 'failed', message: `service ${suffix}`, optional: `optional dependency ${suffix}`, completed: true };
      }
    }
    return { state: 'waiting' };
  }
  const fallbackRunning = condition === RUNNING_OR_HEALTHY;
  const optional = fallbackRunning ? `optional dependency ${name} is not running or is unhealthy` : `optional dependency ${name} failed to start`;
  for (const c of containers) {
    const current = ctx.docker.find(c.id);
    const rc = ctx.world.runtime.get(c.id);
    if (current === undefined || rc === undefined) return { state: 'failed', message: `Error response from daemon: No such container: ${c.id}`, optional };
    if (!current.restarting && rc.state.status === 'exited') return { state: 'failed', message: `container ${c.name} exited (${rc.state.exitCode ?? 0})`, optional };
    if (current.health === undefined) {
      if (fallbackRunning) return rc.state.status === 'running' ? { state: 'done', text: 'Healthy' } : { state: 'waiting' };
      return { state: 'failed', message: `container ${c.name} has no healthcheck configured`, optional };
    }
    if (current.health.Status === 'unhealthy') return { state: 'failed', message: `container ${c.name} is unhealthy`, optional };
    if (current.health.Status === 'starting') return { state: 'waiting' };
  }
  return { state: 'done', text: 'Healthy' };
}
