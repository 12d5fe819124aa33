// `docker compose ps [OPTIONS] [SERVICE...]`: the project's containers (running ones unless -a),
// sorted by name, as `NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS`; -q their full ids,
// --services the service names, --format table|json|a Go template (docker/compose cmd/compose/ps.go
// and cmd/formatter/container.go).

import { COMPOSE_LABELS, type DockerContainer, toRFC3339 } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { ago, displayPorts, ellipsis } from '../formatting.ts';
import { renderTemplate, TemplateError } from '../go-template.ts';
import { formatTable } from '../table.ts';
import type { ComposeContext } from './compose-context.ts';
import { bool, type ComposeSubcommand, list, str } from './compose-subcommand.ts';

const HEADERS: Record<string, string> = {
  Name: 'NAME',
  Image: 'IMAGE',
  Command: 'COMMAND',
  Service: 'SERVICE',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  Ports: 'PORTS',
  ID: 'CONTAINER ID',
  State: 'STATE',
  Health: 'HEALTH',
  ExitCode: 'EXIT CODE',
  Project: 'PROJECT',
  CreatedAt: 'CREATED AT',
  Networks: 'NETWORKS',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Size: 'SIZE',
};

const DEFAULT_COLUMNS = ['Name', 'Image', 'Command', 'Service', 'RunningFor', 'Status', 'Ports'];

function fields(ctx: ComposeContext, c: DockerContainer, trunc: boolean): Record<string, unknown> {
  const summary = ctx.docker.summary(c);
  const rc = ctx.world.runtime.get(c.id);
  const labels = c.config.Labels;
  const now = ctx.world.engine.now;
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Name: c.name,
    Names: c.name,
    Image: summary.image,
    Command: `"${trunc ? ellipsis(summary.command, 20) : summary.command}"`,
    Project: labels[COMPOSE_LABELS.project] ?? '',
    Service: labels[COMPOSE_LABELS.service] ?? '',
    CreatedAt: toRFC3339(c.created).replace('T', ' ').replace('Z', ' +0000 UTC'),
    RunningFor: ago(now - c.created),
    State: summary.state,
    Status: summary.status,
    Health: c.health?.Status ?? '',
    ExitCode: summary.state === 'exited' ? (rc?.state.exitCode ?? 0) : 0,
    Ports: displayPorts(summary.ports),
    Publishers: c.published.map((b) => ({ URL: b.hostIp, TargetPort: b.containerPort, PublishedPort: b.hostPort, Protocol: b.protocol })),
    Networks: summary.networks.join(','),
    Labels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    Mounts: summary.mounts.map((m) => (trunc ? ellipsis(m, 15) : m)).join(','),
    LocalVolumes: String(c.hostConfig.Mounts.filter((m) => m.type === 'volume').length),
    Size: `${summary.sizeRw ?? 0}B`,
  };
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
    const format = str(flags, 'format') ?? 'table';
    const rows = containers.map((c) => fields(ctx, c, trunc));
    if (format === 'json') {
      for (const row of rows) out(`${JSON.stringify(row)}\n`);
      return 0;
    }
    if (format === 'table') {
      out(formatTable([DEFAULT_COLUMNS.map((k) => HEADERS[k]!), ...rows.map((row) => DEFAULT_COLUMNS.map((k) => String(row[k])))]));
      return 0;
    }
    const table = format.startsWith('table ');
    const template = table ? format.slice('table '.length) : format;
    try {
      const lines = rows.map((row) => renderTemplate(template, row));
      if (table) out(formatTable([renderTemplate(template, HEADERS), ...lines].map((line) => line.split('\t'))));
      else for (const line of lines) out(`${line}\n`);
    } catch (error) {
      if (error instanceof TemplateError) throw new CommandError(`template: ${error.message}`, 1);
      throw error;
    }
    return 0;
  },
};
