// `docker compose start|stop|restart|kill|rm [SERVICE...]`: the project's existing containers
// moved through their lives in dependency order (start: dependencies first, waiting for their
// conditions; the others: dependents first), each step on the progress display.

import { type DockerContainer, DockerError, parseSignal } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { type ComposeContext, containerEvent, numberOf, serviceOf } from './compose-context.ts';
import { bool, type ComposeSubcommand, intFlag, str } from './compose-subcommand.ts';
import { daemonError, isRunning, removeContainer, startContainer, stateOf, stopContainer } from './container-lifecycle.ts';
import { startServices } from './convergence.ts';
import { all, type DependencyNode, inDependencyOrder } from './dependency-order.ts';
import type { ComposeProgress } from './progress.ts';
import { selectServices } from './project-services.ts';
import { VirtualTasks } from './virtual-tasks.ts';

export const startCommand: ComposeSubcommand = {
  name: 'start',
  summary: 'Start services',
  usage: '[SERVICE...]',
  flags: { wait: { type: 'bool' }, 'wait-timeout': { type: 'string' } },
  async run(ctx, flags) {
    const project = ctx.load(flags.rest);
    const services = selectServices(project, flags.rest, { withDependencies: false });
    const waitTimeout = intFlag(flags, 'wait-timeout');
    const progress = ctx.progress();
    try {
      await startServices(ctx, project, services, progress, { scale: {}, wait: bool(flags, 'wait'), ...(waitTimeout !== undefined ? { waitTimeoutMs: waitTimeout * 1000 } : {}) });
    } finally {
      progress.stop();
    }
    return 0;
  },
};

type Project = ReturnType<ComposeContext['loadOrName']>;

/** Runs `work` on each service's containers (side by side within a service), dependents first. */
async function eachServiceReversed(
  ctx: ComposeContext,
  project: Project,
  services: string[],
  title: string,
  work: (tasks: VirtualTasks, c: DockerContainer, progress: ComposeProgress) => Promise<void>,
  options: { oneOff?: boolean } = {},
): Promise<number> {
  const containers = ctx.containers(project.name, { oneOff: options.oneOff ? 'include' : 'exclude', ...(services.length > 0 ? { services } : {}) });
  const nodes: DependencyNode[] = 'services' in project ? selectServices(project, services, { withDependencies: false }) : [...new Set(containers.map(serviceOf))].sort().map((name) => ({ name, dependsOn: [] }));
  const progress = ctx.progress(title);
  const tasks = new VirtualTasks(ctx.session);
  tasks.onTick = () => progress.tick();
  try {
    const ofService = (name: string) => containers.filter((c) => serviceOf(c) === name).sort((a, b) => numberOf(a) - numberOf(b));
    await inDependencyOrder(tasks, nodes, (service) => all(tasks, ofService(service.name).map((c) => () => work(tasks, c, progress))), { reverse: true });
  } finally {
    progress.stop();
  }
  return 0;
}

/** Stops the services' running containers, dependents first, under `[+] Stopping`. */
export function stopProject(ctx: ComposeContext, project: Project, services: string[], timeout?: number): Promise<number> {
  return eachServiceReversed(ctx, project, services, 'Stopping', async (tasks, c, progress) => {
    if (isRunning(ctx, c.id)) await stopContainer(ctx, tasks, c, progress, timeout);
  });
}

export const stopCommand: ComposeSubcommand = {
  name: 'stop',
  summary: 'Stop services',
  usage: '[OPTIONS] [SERVICE...]',
  flags: { timeout: { type: 'string', short: 't' } },
  async run(ctx, flags) {
    return stopProject(ctx, ctx.loadOrName(), flags.rest, intFlag(flags, 'timeout'));
  },
};

export const restartCommand: ComposeSubcommand = {
  name: 'restart',
  summary: 'Restart service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: { timeout: { type: 'string', short: 't' }, 'no-deps': { type: 'bool' } },
  async run(ctx, flags) {
    const timeout = intFlag(flags, 'timeout');
    return eachServiceReversed(ctx, ctx.loadOrName(), flags.rest, 'Restarting', async (tasks, c, progress) => {
      const event = containerEvent(c);
      progress.working(event, 'Restarting');
      try {
        if (isRunning(ctx, c.id)) ctx.docker.stop(c.id, timeout);
      } catch (error) {
        if (!(error instanceof DockerError)) throw error;
        throw daemonError(error);
      }
      await tasks.until(() => !isRunning(ctx, c.id));
      const quiet = ctx.progress('Restarting', true);
      await startContainer(ctx, tasks, c, quiet);
      progress.done(event, 'Started');
    });
  },
};

export const killCommand: ComposeSubcommand = {
  name: 'kill',
  summary: 'Force stop service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: { signal: { type: 'string', short: 's' }, 'remove-orphans': { type: 'bool' } },
  async run(ctx, flags) {
    const signal = str(flags, 'signal') ?? 'SIGKILL';
    if (parseSignal(signal) === undefined) throw new CommandError(`Error response from daemon: Invalid signal: ${signal}`, 1);
    const project = ctx.loadOrName();
    if (!ctx.containers(project.name, flags.rest.length > 0 ? { services: flags.rest } : {}).some((c) => isRunning(ctx, c.id))) {
      ctx.session.stderr('no container to kill');
      return 0;
    }
    return eachServiceReversed(ctx, project, flags.rest, 'Killing', async (tasks, c, progress) => {
      if (!isRunning(ctx, c.id)) return;
      const event = containerEvent(c);
      progress.working(event, 'Killing');
      try {
        ctx.docker.kill(c.id, signal);
      } catch (error) {
        if (!(error instanceof DockerError)) throw error;
        progress.error(event, 'Error while Killing');
        throw daemonError(error);
      }
      await tasks.sleep(0);
      progress.done(event, 'Killed');
    });
  },
};

export const rmCommand: ComposeSubcommand = {
  name: 'rm',
  summary: 'Removes stopped service containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: { force: { type: 'bool', short: 'f' }, stop: { type: 'bool', short: 's' }, volumes: { type: 'bool', short: 'v' }, all: { type: 'bool', short: 'a' } },
  async run(ctx, flags) {
    const project = ctx.loadOrName();
    const all = ctx.containers(project.name, { oneOff: 'include', ...(flags.rest.length > 0 ? { services: flags.rest } : {}) });
    const doomed = bool(flags, 'stop') ? all : all.filter((c) => !isRunning(ctx, c.id));
    if (doomed.length === 0) {
      ctx.session.stderr('No stopped containers\n');
      return 0;
    }
    if (!bool(flags, 'force')) {
      ctx.session.stdout(`Going to remove ${doomed.map((c) => c.name).join(', ')}\n`);
      const answer = await ctx.session.readLine('? Are you sure? (y/N) ');
      if (!/^y(es)?$/i.test((answer ?? '').trim())) return 0;
    }
    return eachServiceReversed(
      ctx,
      project,
      flags.rest,
      'Removing',
      async (tasks, c, progress) => {
        if (!doomed.includes(c)) return;
        if (stateOf(ctx, c) !== 'running' && stateOf(ctx, c) !== 'restarting') {
          progress.working(containerEvent(c), 'Removing');
          ctx.docker.remove(c.id, { force: true, volumes: bool(flags, 'volumes') });
          progress.done(containerEvent(c), 'Removed');
          return;
        }
        await removeContainer(ctx, tasks, c, progress, { volumes: bool(flags, 'volumes') });
      },
      { oneOff: true },
    );
  },
};
