// `docker compose down [OPTIONS] [SERVICE...]` (docker/compose pkg/compose/down.go): stop and
// remove the project's containers, dependents first, then its networks; with -v its named
// volumes too (`Volume compose-app_postgres_data  Removed`), with --rmi local|all its images.
// Without -v named volumes stay, so the next `up` finds the data again.

import { COMPOSE_LABELS, type ComposeProject, type DockerContainer, DockerError, ImageStoreError } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { type ComposeContext, serviceOf } from './compose-context.ts';
import { bool, type ComposeSubcommand, intFlag, str } from './compose-subcommand.ts';
import { removeContainer } from './container-lifecycle.ts';
import { all, type DependencyNode, inDependencyOrder } from './dependency-order.ts';
import type { ComposeProgress } from './progress.ts';
import { buildOnly } from './service-images.ts';
import { VirtualTasks } from './virtual-tasks.ts';

export const downCommand: ComposeSubcommand = {
  name: 'down',
  summary: 'Stop and remove containers, networks',
  usage: '[OPTIONS] [SERVICES]',
  flags: {
    volumes: { type: 'bool', short: 'v' },
    rmi: { type: 'string' },
    'remove-orphans': { type: 'bool' },
    timeout: { type: 'string', short: 't' },
  },
  async run(ctx, flags) {
    const rmi = str(flags, 'rmi');
    if (rmi !== undefined && rmi !== 'local' && rmi !== 'all') throw new CommandError(`invalid value for --rmi: ${rmi}`, 1);
    const timeout = intFlag(flags, 'timeout');
    const loaded = ctx.loadOrName();
    const project = 'services' in loaded ? loaded : undefined;
    const name = loaded.name;
    const named = flags.rest;
    const containers = ctx.containers(name, { oneOff: 'include', ...(named.length > 0 ? { services: named } : {}) });
    const known = project ? new Set([...Object.keys(project.services), ...Object.keys(project.disabledServices)]) : undefined;
    const orphans = known ? containers.filter((c) => !known.has(serviceOf(c))) : [];
    const services: DependencyNode[] = project ? Object.values(project.services) : pseudoServices(containers);

    const networks = named.length > 0 ? [] : networksToRemove(ctx, project, name);
    const volumes = named.length > 0 || !bool(flags, 'volumes') ? [] : volumesToRemove(ctx, project, name);
    const images = named.length > 0 || rmi === undefined || project === undefined ? [] : imagesToRemove(ctx, project, rmi);
    const ours = containers.filter((c) => !orphans.includes(c));
    if (ours.length === 0 && networks.length === 0 && volumes.length === 0 && images.length === 0 && !(bool(flags, 'remove-orphans') && orphans.length > 0)) {
      ctx.session.stderr(`Warning: No resource found to remove for project ${JSON.stringify(name)}.\n`);
      return 0;
    }
    if (orphans.length > 0 && !bool(flags, 'remove-orphans')) {
      ctx.warn(`Found orphan containers ([${orphans.map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }

    const progress = ctx.progress();
    try {
      const tasks = new VirtualTasks(ctx.session);
      tasks.onTick = () => progress.tick();
      const remove = (list: DockerContainer[]) => all(tasks, list.map((c) => () => removeContainer(ctx, tasks, c, progress, { ...(timeout !== undefined ? { timeout } : {}), volumes: bool(flags, 'volumes') })));
      await inDependencyOrder(tasks, services, (service) => remove(ours.filter((c) => serviceOf(c) === service.name)), { reverse: true });
      if (bool(flags, 'remove-orphans') && orphans.length > 0) {
        const orphanTasks = new VirtualTasks(ctx.session);
        orphanTasks.go(() => all(orphanTasks, orphans.map((c) => () => removeContainer(ctx, orphanTasks, c, progress, timeout !== undefined ? { timeout } : {}))));
        await orphanTasks.wait();
      }
      removeResources(ctx, progress, networks, images, volumes);
    } finally {
      progress.stop();
    }
    return 0;
  },
};

/** Without its files, the project's services are what its containers' labels name (no dependencies). */
function pseudoServices(containers: DockerContainer[]): DependencyNode[] {
  return [...new Set(containers.map(serviceOf))].sort().map((name) => ({ name, dependsOn: [] }));
}

function networksToRemove(ctx: ComposeContext, project: ComposeProject | undefined, name: string): string[] {
  const networks = ctx.docker.networks().filter((n) => n.labels[COMPOSE_LABELS.project] === name);
  if (project === undefined) return networks.map((n) => n.name);
  const declared = new Set(Object.values(project.networks).filter((n) => !n.external).map((n) => n.name));
  return networks.filter((n) => declared.has(n.name)).map((n) => n.name);
}

function volumesToRemove(ctx: ComposeContext, project: ComposeProject | undefined, name: string): string[] {
  const existing = ctx.docker.volumes();
  if (project === undefined) return existing.filter((v) => v.labels[COMPOSE_LABELS.project] === name).map((v) => v.name);
  const declared = new Set(Object.values(project.volumes).filter((v) => !v.external).map((v) => v.name));
  return existing.filter((v) => declared.has(v.name)).map((v) => v.name);
}

/** `--rmi local`: the images compose built under its default name; `--rmi all`: every service's image. */
function imagesToRemove(ctx: ComposeContext, project: ComposeProject, mode: string): string[] {
  const store = ctx.world.images.host;
  const wanted = Object.values(project.services).filter((s) => mode === 'all' || buildOnly(s)).map((s) => s.image);
  return [...new Set(wanted)].filter((image) => store.resolve(image) !== undefined);
}

/** Networks, images and volumes go once the containers are gone. */
function removeResources(ctx: ComposeContext, progress: ComposeProgress, networks: string[], images: string[], volumes: string[]): void {
  for (const network of networks) {
    const event = `Network ${network}`;
    progress.working(event, 'Removing');
    try {
      ctx.docker.removeNetwork(network);
      progress.done(event, 'Removed');
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      progress.error(event, 'Error');
      throw new CommandError(`failed to remove network ${network}: Error response from daemon: ${error.message}`, 1);
    }
  }
  for (const image of images) {
    const event = `Image ${image}`;
    progress.working(event, 'Removing');
    try {
      ctx.world.images.host.store.remove(image, { inUse: (img) => ctx.docker.containersUsingImage(img.id)[0] });
      ctx.world.engine.log.append('image.removed', { reference: image });
      progress.done(event, 'Removed');
    } catch (error) {
      if (!(error instanceof ImageStoreError)) throw error;
      progress.error(event, error.message);
    }
  }
  for (const volume of volumes) {
    const event = `Volume ${volume}`;
    progress.working(event, 'Removing');
    try {
      ctx.docker.removeVolume(volume);
      progress.done(event, 'Removed');
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      progress.error(event, error.message);
      throw new CommandError(`Error response from daemon: ${error.message}`, 1);
    }
  }
}
