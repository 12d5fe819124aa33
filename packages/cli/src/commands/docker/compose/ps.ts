// `docker compose ps [OPTIONS] [SERVICE...]`: the project's containers (running ones unless -a),
// sorted by name, as `NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS`; -q their full ids,
// --services the service names, --format table|json|a Go template (docker/compose cmd/compose/ps.go
// and cmd/formatter/container.go).

import { COMPOSE_LABELS, type DockerContainer } from '@dockyard/runtime';
import { GoInt, GoStruct } from '@dockyard/scheduler/helm';
import { CommandError } from '../../../session.ts';
import { ago, displayPorts, ellipsis, goTimeString, humanSize, unixSeconds } from '../formatting.ts';
import { formatListing, formatterRow } from '../listing-format.ts';
import type { ComposeContext } from './compose-context.ts';
import { bool, type ComposeSubcommand, list, str } from './compose-subcommand.ts';

const DEFAULT_TABLE = 'table {{.Name}}\\t{{.Image}}\\t{{.Command}}\\t{{.Service}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}';

const HEADERS = {
  ID: 'CONTAINER ID',
  Name: 'NAME',
  Project: 'PROJECT',
  Service: 'SERVICE',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
};

/** compose's api.PortPublisher: a struct, so its JSON keeps this field order. */
function publisher(url: string, target: number, published: number, protocol: string): GoStruct {
  const fields = new Map<string, GoInt | string>([
    ['URL', url],
    ['TargetPort', new GoInt(target)],
    ['PublishedPort', new GoInt(published)],
    ['Protocol', protocol],
  ]);
  return new GoStruct('api.PortPublisher', fields, {}, undefined, () => fields);
}

/** compose's formatter.ContainerContext (cmd/formatter/container.go): its fields and `.Label "name"`. */
function containerRow(ctx: ComposeContext, c: DockerContainer, trunc: boolean) {
  const summary = ctx.docker.summary(c);
  const rc = ctx.world.runtime.get(c.id);
  const labels = c.config.Labels;
  const fields = {
    Command: `"${trunc ? ellipsis(summary.command, 20) : summary.command}"`,
    CreatedAt: goTimeString(unixSeconds(c.created)),
    ExitCode: new GoInt(summary.state === 'exited' ? (rc?.state.exitCode ?? 0) : 0),
    Health: c.health?.Status ?? '',
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: summary.image,
    Labels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    LocalVolumes: String(c.hostConfig.Mounts.filter((m) => m.type === 'volume').length),
    Mounts: summary.mounts.map((m) => (trunc ? ellipsis(m, 15) : m)).join(','),
    Name: c.name,
    Names: c.name,
    Networks: summary.networks.join(','),
    Ports: displayPorts(summary.ports),
    Project: labels[COMPOSE_LABELS.project] ?? '',
    Publishers: c.published.map((b) => publisher(b.hostIp, b.containerPort, b.hostPort, b.protocol)),
    RunningFor: ago(ctx.world.engine.now - c.created),
    Service: labels[COMPOSE_LABELS.service] ?? '',
    Size: humanSize(summary.sizeRw ?? 0),
    State: summary.state,
    Status: summary.status,
  };
  return formatterRow('*formatter.ContainerContext', fields, { Label: { params: ['string'], fn: (name) => labels[name as string] ?? '' } });
}

export const psCommand: ComposeSubcommand = {
  name: 'ps',
  summary: 'List containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    all: { type: 'bool', short: 'a' },
    quiet: { type: 'bool', short: 'q' },
    services: { type: 'bool' },
    format: { type: 'string' },
    status: { type: 'list' },
    filter: { type: 'string' },
    'no-trunc': { type: 'bool' },
    orphans: { type: 'bool' },
  },
  async run(ctx, flags) {
    const project = ctx.loadOrName();
    const named = flags.rest;
    if ('services' in project) for (const name of named) if (project.services[name] === undefined) throw new CommandError(`no such service: ${name}`, 1);
    let containers = ctx.containers(project.name, named.length > 0 ? { services: named } : {});
    const statuses = [...list(flags, 'status')];
    const filter = str(flags, 'filter');
    if (filter !== undefined) {
      const [key, value = ''] = filter.split(/=(.*)/s) as [string, string | undefined];
      if (key !== 'status') throw new CommandError(`invalid filter ${JSON.stringify(key)}`, 1);
      statuses.push(value);
    }
    const state = (c: DockerContainer) => ctx.docker.summary(c).state;
    if (statuses.length > 0) containers = containers.filter((c) => statuses.includes(state(c)));
    else if (!bool(flags, 'all')) containers = containers.filter((c) => state(c) === 'running' || state(c) === 'restarting');
    if (flags.values.orphans === false && 'services' in project) {
      containers = containers.filter((c) => (c.config.Labels[COMPOSE_LABELS.service] ?? '') in project.services);
    }
    containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    const out = (text: string) => ctx.session.stdout(text);
    if (bool(flags, 'quiet')) {
      for (const c of containers) out(`${c.id}\n`);
      return 0;
    }
    if (bool(flags, 'services')) {
      const services = [...new Set(containers.map((c) => c.config.Labels[COMPOSE_LABELS.service] ?? ''))];
      out(`${services.join('\n')}\n`);
      return 0;
    }
    const trunc = !bool(flags, 'no-trunc');
    let format = str(flags, 'format') ?? 'table';
    if (format === 'table' || format === '') format = DEFAULT_TABLE;
    out(formatListing(format, containers.map((c) => containerRow(ctx, c, trunc)), HEADERS));
    return 0;
  },
};
