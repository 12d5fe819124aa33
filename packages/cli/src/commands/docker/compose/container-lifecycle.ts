// The container steps compose's verbs share, each shown on the progress display as compose shows
// it: create (`Creating` → `Created`), start (`Starting` → `Started`), stop (`Stopping` →
// `Stopped`), and stop-then-remove (`Removing` → `Removed`). Waiting for a container to stop
// lets virtual time pass (its stop signal, then SIGKILL after the grace period).

import { type ComposeProject, type ComposeService, type DockerContainer, DockerError } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { START_ROUND_TRIP_MS } from '../daemon.ts';
import { type ComposeContext, containerEvent } from './compose-context.ts';
import { connectOtherNetworks, type ContainerRequest, containerOptions, injectFileObjects } from './container-config.ts';
import type { ComposeProgress } from './progress.ts';
import type { VirtualTasks } from './virtual-tasks.ts';

/** The daemon's failure as the docker client words it. */
export function daemonError(error: DockerError): CommandError {
  return new CommandError(`Error response from daemon: ${error.message}`, 1);
}

export function isRunning(ctx: ComposeContext, id: string): boolean {
  const c = ctx.docker.find(id);
  return c !== undefined && (c.restarting || ctx.world.runtime.get(id)?.state.status === 'running');
}

/** Created, running, restarting or exited, as the Engine API reports a container's state. */
export function stateOf(ctx: ComposeContext, c: DockerContainer): 'created' | 'running' | 'restarting' | 'exited' {
  if (c.restarting) return 'restarting';
  const status = ctx.world.runtime.get(c.id)?.state.status;
  return status === 'running' ? 'running' : status === 'created' ? 'created' : 'exited';
}

/** Creates a service's container (its other networks connected, its secrets written); throws the daemon's error. */
export function createServiceContainer(ctx: ComposeContext, project: ComposeProject, service: ComposeService, request: ContainerRequest): DockerContainer {
  const c = ctx.docker.create(containerOptions(ctx, project, service, request));
  connectOtherNetworks(ctx, project, service, c.id, request.useAliases ?? true);
  injectFileObjects(ctx, project, service, c.id);
  ctx.world.engine.log.append('compose.container-created', { project: project.name, service: service.name, container: c.name, id: c.id });
  return c;
}

/** `Creating` → `Created`, or the daemon's error on the container's line. */
export function createContainer(ctx: ComposeContext, project: ComposeProject, service: ComposeService, request: ContainerRequest, progress: ComposeProgress): DockerContainer {
  const event = containerEvent(request.name);
  progress.working(event, 'Creating');
  try {
    const c = createServiceContainer(ctx, project, service, request);
    progress.done(event, 'Created');
    return c;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    progress.error(event, `Error response from daemon: ${error.message}`);
    throw daemonError(error);
  }
}

export async function startContainer(ctx: ComposeContext, tasks: VirtualTasks, c: DockerContainer, progress: ComposeProgress): Promise<void> {
  const event = containerEvent(c);
  progress.working(event, 'Starting');
  try {
    ctx.docker.start(c.id);
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw daemonError(error);
  }
  await tasks.sleep(START_ROUND_TRIP_MS);
  progress.done(event, 'Started');
}

/** Stops a container and waits until it has (the grace period is the container's, or `timeout` seconds). */
export async function stopContainer(ctx: ComposeContext, tasks: VirtualTasks, c: DockerContainer, progress: ComposeProgress, timeout?: number): Promise<void> {
  const event = containerEvent(c);
  progress.working(event, 'Stopping');
  try {
    ctx.docker.stop(c.id, timeout);
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    progress.error(event, 'Error while Stopping');
    throw daemonError(error);
  }
  await tasks.until(() => !isRunning(ctx, c.id));
  progress.done(event, 'Stopped');
}

/** compose's stopAndRemoveContainer: stop, then remove (anonymous volumes too with `volumes`). */
export async function removeContainer(ctx: ComposeContext, tasks: VirtualTasks, c: DockerContainer, progress: ComposeProgress, options: { timeout?: number; volumes?: boolean } = {}): Promise<void> {
  const event = containerEvent(c);
  if (ctx.docker.find(c.id) === undefined) {
    progress.done(event, 'Removed');
    return;
  }
  await stopContainer(ctx, tasks, c, progress, options.timeout);
  progress.working(event, 'Removing');
  if (ctx.docker.find(c.id) !== undefined) ctx.docker.remove(c.id, { force: true, volumes: options.volumes ?? false });
  ctx.world.engine.log.append('compose.container-removed', { container: c.name, id: c.id });
  progress.done(event, 'Removed');
}
