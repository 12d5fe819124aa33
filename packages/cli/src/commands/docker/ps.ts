// `docker ps`: containers as a table, IDs with -q, or --format through docker/cli's container
// formatter (cli/command/formatter/container.go) after runPs's checks (cli/command/container/list.go).

import { type ContainerSummary, type DockerContainer, imageSize } from '@dockyard/runtime';
import { GoStruct, TemplateError } from '@dockyard/scheduler/helm';
import { CommandError, type Session } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseDockerTemplate } from './docker-template.ts';
import { parseFlags, usageError } from './flags.ts';
import { ago, displayPorts, ellipsis, goTimeString, humanSize, joinLabels, unixSeconds } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';

const DEFAULT_TABLE = 'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}';

const HEADERS = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
};

type Row = Record<keyof typeof HEADERS, string>;

function containerRow(fields: Row, labels: Record<string, string>): GoStruct {
  return formatterRow('*formatter.ContainerContext', fields, { Label: { params: ['string'], fn: (name) => labels[name as string] ?? '' } });
}

/** docker/cli's formatter.ContainerContext (Engine 27): SIZE is 0B unless sizes were asked for. */
function containerFields(session: Session, container: DockerContainer, c: ContainerSummary, trunc: boolean, withSize: boolean): Row {
  const rw = c.sizeRw ?? 0;
  const image = session.world.images.host.store.resolve(c.imageId);
  const rootFs = rw + (image ? imageSize(image) : 0);
  return {
    Command: `"${trunc ? ellipsis(c.command, 20) : c.command}"`,
    CreatedAt: goTimeString(unixSeconds(c.created)),
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: c.image,
    Labels: joinLabels(c.labels),
    LocalVolumes: String(container.hostConfig.Mounts.filter((m) => m.type === 'volume').length),
    Mounts: c.mounts.map((m) => (trunc ? ellipsis(m, 15) : m)).join(','),
    Names: c.names.map((n) => n.slice(1)).join(','),
    Networks: c.networks.join(','),
    Ports: displayPorts(c.ports),
    RunningFor: ago(session.world.engine.now - c.created),
    Size: withSize ? `${humanSize(rw)} (virtual ${humanSize(rootFs)})` : '0B',
    State: c.state,
    Status: c.status,
  };
}

/**
 * docker ps tries a --format before listing: parsed as given, then run on an empty row, which
 * tells whether it shows .Size (then sizes are fetched as for -s). Says whether it does.
 */
function checkFormat(format: string): boolean {
  let usesSize = false;
  const empty = Object.fromEntries(Object.keys(HEADERS).map((field) => [field, ''])) as Row;
  const row = containerRow(empty, {});
  const sizeSeen = () => {
    usesSize = true;
    return '';
  };
  const probe = new GoStruct(row.typeName, row.fields, { ...row.methods, Size: { params: [], fn: sizeSeen } });
  let template;
  try {
    template = parseDockerTemplate(format);
  } catch (error) {
    if (error instanceof TemplateError) throw new CommandError(`failed to parse template: ${error.message}`, 1);
    throw error;
  }
  try {
    template.execute('', probe);
  } catch (error) {
    if (error instanceof TemplateError) throw new CommandError(`failed to execute template: ${error.message}`, 1);
    throw error;
  }
  return usesSize;
}

export const psVerb: DockerVerb = {
  name: 'ps',
  summary: 'List containers',
  async run(args, session) {
    const flags = parseFlags('ps', args, [
      { name: 'all', short: 'a', kind: 'bool' },
      { name: 'quiet', short: 'q', kind: 'bool' },
      { name: 'no-trunc', kind: 'bool' },
      { name: 'latest', short: 'l', kind: 'bool' },
      { name: 'last', short: 'n', kind: 'string' },
      { name: 'size', short: 's', kind: 'bool' },
      { name: 'filter', short: 'f', kind: 'list' },
      { name: 'format', kind: 'string' },
    ]);
    if (flags.positional.length > 0) throw usageError('ps', `"docker ps" accepts no arguments.`);
    const { docker } = session.world;
    const containers = new Map(docker.containers().map((c) => [c.id, c]));
    let list = [...containers.values()].map((c) => docker.summary(c));
    const last = flags.bools.has('latest') ? 1 : flags.strings.has('last') ? Number(flags.strings.get('last')) : undefined;
    if (!flags.bools.has('all') && last === undefined) list = list.filter((c) => c.state === 'running' || c.state === 'restarting');
    for (const filter of flags.lists.get('filter') ?? []) {
      const [key, value = ''] = [filter.slice(0, filter.indexOf('=')), filter.slice(filter.indexOf('=') + 1)];
      list = list.filter((c) => {
        switch (key) {
          case 'name':
            return c.names.some((n) => n.slice(1).includes(value));
          case 'id':
            return c.id.startsWith(value);
          case 'status':
            return c.state === value;
          case 'label': {
            const [k, v] = value.split('=');
            return k! in c.labels && (v === undefined || c.labels[k!] === v);
          }
          case 'ancestor':
            return c.image === value || c.image.startsWith(`${value}:`);
          case 'network':
            return c.networks.includes(value);
          default:
            throw usageError('ps', `invalid filter '${key}'`);
        }
      });
    }
    if (last !== undefined) list = list.slice(0, last);
    const trunc = !flags.bools.has('no-trunc');
    const given = flags.strings.get('format');
    if (flags.bools.has('quiet')) {
      if (given !== undefined) session.stderr('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
      for (const c of list) session.stdout((trunc ? c.id.slice(0, 12) : c.id) + '\n');
      return 0;
    }
    const withSize = flags.bools.has('size') || (given !== undefined && given !== '' && checkFormat(given));
    // formatter.NewContainerFormat: `table` (or none) is the default table, with SIZE for -s.
    let format = given ?? 'table';
    if (format === 'table' || format === '') format = DEFAULT_TABLE + (flags.bools.has('size') ? '\\t{{.Size}}' : '');
    const rows = list.map((c) => containerRow(containerFields(session, containers.get(c.id)!, c, trunc, withSize), c.labels));
    session.stdout(formatListing(format, rows, HEADERS));
    return 0;
  },
};
