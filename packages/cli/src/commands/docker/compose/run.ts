// `docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]`: a one-off container of a service
// (`<project>-<service>-run-<id>`, labelled oneoff) after its dependencies are up; its output is
// followed (a TTY unless -T) and its exit status returned; --rm removes it afterwards, -d prints
// its name instead. Ports are published only with --service-ports or -p.

import { COMPOSE_LABELS, DockerError } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { attachContainer } from '../attach.ts';
import { parsePublish } from '../create-options.ts';
import { START_ROUND_TRIP_MS } from '../daemon.ts';
import { bool, type ComposeSubcommand, list, str } from './compose-subcommand.ts';
import { daemonError, createServiceContainer } from './container-lifecycle.ts';
import { convergeServices, ensureResources, startServices, waitDependencies } from './convergence.ts';
import { selectServices } from './project-services.ts';
import { buildServices, hasLocalImage, pullServices, servicesToPull } from './service-images.ts';
import { VirtualTasks } from './virtual-tasks.ts';

export const runCommand: ComposeSubcommand = {
  name: 'run',
  summary: 'Run a one-off command on a service',
  usage: '[OPTIONS] SERVICE [COMMAND] [ARGS...]',
  stopAtWord: true,
  flags: {
    detach: { type: 'bool', short: 'd' },
    rm: { type: 'bool' },
    name: { type: 'string' },
    entrypoint: { type: 'string' },
    env: { type: 'list', short: 'e' },
    label: { type: 'list', short: 'l' },
    publish: { type: 'list', short: 'p' },
    'service-ports': { type: 'bool' },
    'use-aliases': { type: 'bool' },
    user: { type: 'string', short: 'u' },
    workdir: { type: 'string', short: 'w' },
    'no-deps': { type: 'bool' },
    'no-TTY': { type: 'bool', short: 'T' },
    tty: { type: 'bool', short: 't' },
    interactive: { type: 'bool', short: 'i' },
    build: { type: 'bool' },
    'quiet-pull': { type: 'bool' },
    'remove-orphans': { type: 'bool' },
    volume: { type: 'list', short: 'v' },
  },
  async run(ctx, flags) {
    const [name, ...command] = flags.rest;
    if (name === undefined) throw new CommandError('requires at least 1 arg(s), only received 0', 16);
    const project = ctx.load([name]);
    const service = project.services[name];
    if (service === undefined) throw new CommandError(`no such service: ${name}`, 1);
    const { world } = ctx;

    const progress = ctx.progress();
    try {
      const everything = selectServices(project, [name]);
      const dependencies = bool(flags, 'no-deps') ? [] : everything.filter((s) => s.name !== name);
      const needed = [...dependencies, service];
      const pulls = servicesToPull(ctx, needed, { policy: 'missing', ignoreBuildable: true });
      if (pulls.length > 0) await pullServices(ctx, pulls, progress, { policy: 'missing', ignoreBuildable: true, quiet: bool(flags, 'quiet-pull') });
      await buildServices(ctx, project, needed.filter((s) => s.build !== undefined && (!hasLocalImage(ctx, s) || (bool(flags, 'build') && s === service))), progress);
      ensureResources(ctx, project, needed, progress);
      if (dependencies.length > 0) {
        await convergeServices(ctx, project, dependencies, progress, { recreate: 'diverged', scale: {} });
        await startServices(ctx, project, dependencies, progress, { scale: {} });
      }
      const tasks = new VirtualTasks(ctx.session);
      tasks.go(() => waitDependencies(ctx, tasks, project, name, service.dependsOn, new Set(dependencies.map((s) => s.name)), progress));
      await tasks.wait();
    } finally {
      progress.stop();
    }

    const slug = world.runtime.newId();
    const labels: Record<string, string> = { [COMPOSE_LABELS.slug]: slug };
    for (const label of list(flags, 'label')) {
      const eq = label.indexOf('=');
      labels[eq < 0 ? label : label.slice(0, eq)] = eq < 0 ? '' : label.slice(eq + 1);
    }
    const containerName = str(flags, 'name') ?? `${project.name}-${name}-run-${slug.slice(0, 12)}`;
    const tty = !bool(flags, 'no-TTY') && flags.values.tty !== false;
    const interactive = flags.values.interactive !== false;
    const entrypoint = str(flags, 'entrypoint');
    const published = list(flags, 'publish').map((p) => parsePublish('compose run', p));
    let id: string;
    try {
      const c = createServiceContainer(ctx, project, service, {
        name: containerName,
        number: 1,
        imageId: world.images.host.resolve(service.image)?.id ?? '',
        oneOff: true,
        ...(command.length > 0 ? { command } : {}),
        ...(entrypoint !== undefined ? { entrypoint: entrypoint === '' ? [] : [entrypoint] } : {}),
        extraEnv: list(flags, 'env'),
        tty,
        interactive,
        autoRemove: bool(flags, 'rm'),
        publish: bool(flags, 'service-ports'),
        useAliases: bool(flags, 'use-aliases'),
        labels,
        ports: published,
      });
      id = c.id;
      ctx.docker.start(id);
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      throw daemonError(error);
    }
    if (bool(flags, 'detach')) {
      await ctx.session.wait(START_ROUND_TRIP_MS);
      ctx.session.stdout(`${containerName}\n`);
      return 0;
    }
    const code = await attachContainer(ctx.session, id, tty && interactive);
    if (bool(flags, 'rm')) await ctx.session.wait(0);
    return code ?? 0;
  },
};
