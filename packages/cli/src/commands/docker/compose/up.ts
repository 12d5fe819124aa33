// `docker compose up [OPTIONS] [SERVICE...]`: pull and build what is missing (or everything
// buildable with --build), create networks and volumes, converge every service's containers to
// the files, start them in dependency order waiting for `service_healthy` and
// `service_completed_successfully` dependencies; then either return (-d, --wait) or follow the
// containers' logs until they stop or the user interrupts, which stops them.

import type { ComposeProject, ComposeService } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { waitFor } from '../daemon.ts';
import type { ComposeContext } from './compose-context.ts';
import { stopProject } from './lifecycle.ts';
import { bool, type ComposeSubcommand, intFlag, list, str } from './compose-subcommand.ts';
import { isRunning, removeContainer } from './container-lifecycle.ts';
import { convergeServices, ensureResources, startServices } from './convergence.ts';
import { LogPrinter, shortContainerName } from './log-printer.ts';
import { orphanContainers, parseScale, selectServices } from './project-services.ts';
import { buildServices, hasLocalImage, pullServices, servicesToPull } from './service-images.ts';
import { VirtualTasks } from './virtual-tasks.ts';

export const upCommand: ComposeSubcommand = {
  name: 'up',
  summary: 'Create and start containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    detach: { type: 'bool', short: 'd' },
    build: { type: 'bool' },
    'no-build': { type: 'bool' },
    wait: { type: 'bool' },
    'wait-timeout': { type: 'string' },
    scale: { type: 'list' },
    'force-recreate': { type: 'bool' },
    'no-recreate': { type: 'bool' },
    'no-deps': { type: 'bool' },
    'no-start': { type: 'bool' },
    'remove-orphans': { type: 'bool' },
    'renew-anon-volumes': { type: 'bool', short: 'V' },
    pull: { type: 'string' },
    'quiet-pull': { type: 'bool' },
    timeout: { type: 'string', short: 't' },
    'no-color': { type: 'bool' },
    'no-log-prefix': { type: 'bool' },
    timestamps: { type: 'bool' },
    yes: { type: 'bool', short: 'y' },
  },
  async run(ctx, flags) {
    const incompatible = (a: string, b: string) => (bool(flags, a) && bool(flags, b) ? new CommandError(`--${a} and --${b} are incompatible`, 1) : undefined);
    const conflict = incompatible('build', 'no-build') ?? incompatible('force-recreate', 'no-recreate');
    if (conflict) throw conflict;
    const pull = str(flags, 'pull') ?? 'policy';
    if (!['always', 'missing', 'never', 'build', 'policy'].includes(pull)) throw new CommandError(`invalid --pull option ${JSON.stringify(pull)}`, 1);
    const waitTimeout = intFlag(flags, 'wait-timeout');
    const timeout = intFlag(flags, 'timeout');
    // --wait implies detached mode.
    const detach = bool(flags, 'detach') || bool(flags, 'wait');

    const named = flags.rest;
    const project = ctx.load(named);
    const services = selectServices(project, named, { withDependencies: !bool(flags, 'no-deps') });
    const scale = parseScale(project, list(flags, 'scale'));
    const orphans = orphanContainers(ctx, project);
    const removeOrphans = bool(flags, 'remove-orphans');
    if (orphans.length > 0 && !removeOrphans) {
      ctx.warn(`Found orphan containers ([${orphans.map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }

    await pullMissing(ctx, services, pull, bool(flags, 'quiet-pull'));
    const progress = ctx.progress();
    try {
      if (!bool(flags, 'no-build')) {
        const toBuild = services.filter((s) => s.build !== undefined && (bool(flags, 'build') || pull === 'build' || s.pullPolicy === 'build' || !hasLocalImage(ctx, s)));
        await buildServices(ctx, project, toBuild, progress);
      }
      if (orphans.length > 0 && removeOrphans) {
        const tasks = new VirtualTasks(ctx.session);
        for (const c of orphans) tasks.go(() => removeContainer(ctx, tasks, c, progress, timeout === undefined ? {} : { timeout }));
        await tasks.wait();
      }
      ensureResources(ctx, project, services, progress);
      const recreate = bool(flags, 'force-recreate') ? 'force' : bool(flags, 'no-recreate') ? 'never' : 'diverged';
      await convergeServices(ctx, project, services, progress, { recreate, scale, ...(timeout !== undefined ? { timeout } : {}), renewAnonVolumes: bool(flags, 'renew-anon-volumes') });
      if (bool(flags, 'no-start')) return 0;
      if (detach) {
        await startServices(ctx, project, services, progress, { scale, wait: bool(flags, 'wait'), ...(waitTimeout !== undefined ? { waitTimeoutMs: waitTimeout * 1000 } : {}) });
        return 0;
      }
    } finally {
      progress.stop();
    }
    return attach(ctx, project, services, scale, { noColor: bool(flags, 'no-color'), noPrefix: bool(flags, 'no-log-prefix'), timestamps: bool(flags, 'timestamps'), timeout });
  },
};

/** Pulls the images `up` lacks, in a display of their own, as compose does before it creates anything. */
async function pullMissing(ctx: ComposeContext, services: ComposeService[], pull: string, quiet: boolean): Promise<void> {
  if (pull === 'never' || pull === 'build') return;
  const policy = pull === 'always' ? 'always' : 'missing';
  const wanted = servicesToPull(ctx, services, { policy, ignoreBuildable: true });
  if (wanted.length === 0) return;
  const progress = ctx.progress();
  try {
    await pullServices(ctx, wanted, progress, { policy, ignoreBuildable: true, quiet });
  } finally {
    progress.stop();
  }
}

/**
 * `up` without -d: `Attaching to ...`, start (without a display), then the containers' logs until
 * all of them have stopped (`app-1 exited with code 0`), or until interrupted: then compose stops
 * them and exits 130.
 */
async function attach(
  ctx: ComposeContext,
  project: ComposeProject,
  services: ComposeService[],
  scale: Record<string, number>,
  options: { noColor: boolean; noPrefix: boolean; timestamps: boolean; timeout: number | undefined },
): Promise<number> {
  const { session } = ctx;
  const containers = ctx.containers(project.name, { services: services.map((s) => s.name) }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const printer = new LogPrinter(ctx, containers, { prefix: !options.noPrefix, colors: ctx.colors && !options.noColor, timestamps: options.timestamps });
  session.stdout(`Attaching to ${containers.map(shortContainerName).join(', ')}\n`);
  printer.skipExisting();
  const seen = new Set<string>();
  const watch = () => {
    printer.flush();
    for (const c of containers) {
      if (isRunning(ctx, c.id)) seen.add(c.id);
      else if (seen.delete(c.id)) printer.status(c, `exited with code ${ctx.world.runtime.get(c.id)?.state.exitCode ?? 0}`);
    }
  };
  await startServices(ctx, project, services, ctx.progress('Running', true), { scale });
  watch();
  const done = await waitFor(session, () => containers.every((c) => !isRunning(ctx, c.id)), watch);
  watch();
  if (done) return 0;
  session.stdout('Gracefully stopping... (press Ctrl+C again to force)\n');
  await stopProject(ctx, project, services.map((s) => s.name), options.timeout);
  return 130;
}
