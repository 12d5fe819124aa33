// `docker ps`: containers as a table (or ids with -q, or a --format template).

import { type ContainerSummary } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags, usageError } from './flags.ts';
import { ago, displayPorts, ellipsis } from './formatting.ts';
import { renderTemplate } from './go-template.ts';
import { formatTable } from './table.ts';

const HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  Ports: 'PORTS',
  Names: 'NAMES',
  State: 'STATE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  Size: 'SIZE',
};

function fields(c: ContainerSummary, now: number, trunc: boolean): Record<string, string> {
  const command = `"${trunc ? ellipsis(c.command, 20) : c.command}"`;
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: c.image,
    Command: command,
    CreatedAt: toRFC3339(c.created).replace('T', ' ').replace('Z', ' +0000 UTC'),
    RunningFor: ago(now - c.created),
    Status: c.status,
    Ports: displayPorts(c.ports),
    Names: c.names.map((n) => n.slice(1)).join(','),
    State: c.state,
    Labels: Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(','),
    Mounts: c.mounts.map((m) => (trunc ? ellipsis(m, 15) : m)).join(','),
    Networks: c.networks.join(','),
    Size: `${c.sizeRw ?? 0}B`,
  };
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
    let list = docker.containers().map((c) => docker.summary(c));
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
    const format = flags.strings.get('format');
    if (format !== undefined && format !== 'table') {
      const table = format.startsWith('table ');
      const template = table ? format.slice(6) : format;
      if (template === 'json' || template === '{{json .}}') {
        for (const c of list) session.stdout(JSON.stringify(fields(c, now, trunc)) + '\n');
        return 0;
      }
      const rows = list.map((c) => renderTemplate(template, fields(c, now, trunc)));
      if (!table) {
        for (const row of rows) session.stdout(row + '\n');
        return 0;
      }
      const header = renderTemplate(template, HEADERS);
      session.stdout(formatTable([header, ...rows].map((r) => r.split('\t'))));
      return 0;
    }
    const columns = ['ID', 'Image', 'Command', 'RunningFor', 'Status', 'Ports', 'Names', ...(flags.bools.has('size') ? ['Size'] : [])];
    const rows = [columns.map((k) => HEADERS[k]!), ...list.map((c) => columns.map((k) => fields(c, now, trunc)[k]!))];
    session.stdout(formatTable(rows));
    return 0;
  },
};
