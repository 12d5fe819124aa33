// `docker top` (the container's processes as the host sees them) and `docker port` (its
// published ports).

import { toRFC3339 } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { daemon } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { formatTable } from './table.ts';

export const topVerb: DockerVerb = {
  name: 'top',
  summary: 'Display the running processes of a container',
  async run(args, session) {
    const flags = parseFlags('top', args, [], { interspersed: false });
    const ref = flags.positional[0];
    if (ref === undefined) throw new CommandError("docker: 'docker top' requires at least 1 argument", 1);
    const processes = daemon(() => session.world.docker.top(ref));
    const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ...processes.map((p) => [p.uid, String(p.pid), String(p.ppid), '0', toRFC3339(p.started).slice(11, 16), '?', '00:00:00', p.command])];
    session.stdout(formatTable(rows, { minWidth: 20, padding: 3 }));
    return 0;
  },
};

export const portVerb: DockerVerb = {
  name: 'port',
  summary: 'List port mappings or a specific mapping for the container',
  async run(args, session) {
    const flags = parseFlags('port', args, []);
    const [ref, wanted] = flags.positional;
    if (ref === undefined) throw new CommandError("docker: 'docker port' requires at least 1 argument", 1);
    const c = daemon(() => session.world.docker.get(ref));
    const lines: string[] = [];
    const want = wanted === undefined ? undefined : wanted.includes('/') ? wanted : `${wanted}/tcp`;
    for (const b of [...c.published].sort((a, b) => a.containerPort - b.containerPort)) {
      const key = `${b.containerPort}/${b.protocol}`;
      if (want !== undefined && key !== want) continue;
      const hosts = b.hostIp === '0.0.0.0' ? [`0.0.0.0:${b.hostPort}`, `[::]:${b.hostPort}`] : [`${b.hostIp}:${b.hostPort}`];
      for (const host of hosts) lines.push(want === undefined ? `${key} -> ${host}` : host);
    }
    if (want !== undefined && lines.length === 0) throw new CommandError(`Error: No public port '${want}' published for ${ref}`, 1);
    for (const line of lines) session.stdout(line + '\n');
    return 0;
  },
};
