// `docker ps`: containers as a table (or ids with -q, or a --format template).

import type { ContainerSummary, DockerContainer } from '@dockyard/runtime';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags, usageError } from './flags.ts';
import { ago, displayPorts, ellipsis, goTimeString, humanSize, unixSeconds } from './formatting.ts';
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

/** docker/cli's formatter.ContainerContext (Engine 27): its fields, and `.Label "name"`. */
function containerRow(container: DockerContainer, c: ContainerSummary, now: number, trunc: boolean) {
  const fields = {
    Command: `"${trunc ? ellipsis(c.command, 20) : c.command}"`,
    CreatedAt: goTimeString(unixSeconds(c.created)),
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: c.image,
    Labels: Object.entries(c.labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(','),
    LocalVolumes: String(container.hostConfig.Mounts.filter((m) => m.type === 'volume').length),
    Mounts: c.mounts.map((m) => (trunc ? ellipsis(m, 15) : m)).join(','),
    Names: c.names.map((n) => n.slice(1)).join(','),
    Networks: c.networks.join(','),
    Ports: displayPorts(c.ports),
    RunningFor: ago(now - c.created),
    Size: humanSize(c.sizeRw ?? 0),
    State: c.state,
    Status: c.status,
  };
  return formatterRow('*formatter.ContainerContext', fields, { Label: { params: ['string'], fn: (name) => c.labels[name as string] ?? '' } });
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
    const { docker, engine } = session.world;
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
    const now = engine.now;
    if (flags.bools.has('quiet')) {
      for (const c of list) session.stdout((trunc ? c.id.slice(0, 12) : c.id) + '\n');
      return 0;
    }
    // formatter.NewContainerFormat: `table` (or none) is the default table, with SIZE for -s.
    let format = flags.strings.get('format') ?? 'table';
    if (format === 'table' || format === '') format = DEFAULT_TABLE + (flags.bools.has('size') ? '\\t{{.Size}}' : '');
    session.stdout(formatListing(format, list.map((c) => containerRow(containers.get(c.id)!, c, now, trunc)), HEADERS));
    return 0;
  },
};
