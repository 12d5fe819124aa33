// `docker compose top [SERVICE...]`: each running container's name, then its processes as
// `docker top` lists them, a blank line between containers.

import { toRFC3339 } from '@dockyard/runtime';
import { formatTable } from '../table.ts';
import type { ComposeSubcommand } from './compose-subcommand.ts';
import { isRunning } from './container-lifecycle.ts';

export const topCommand: ComposeSubcommand = {
  name: 'top',
  summary: 'Display the running processes',
  usage: '[SERVICES...]',
  flags: {},
  async run(ctx, flags) {
    const project = ctx.loadOrName();
    const containers = ctx
      .containers(project.name, flags.rest.length > 0 ? { services: flags.rest } : {})
      .filter((c) => isRunning(ctx, c.id))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const blocks = containers.map((c) => {
      const processes = ctx.docker.top(c.id);
      const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ...processes.map((p) => [p.uid, String(p.pid), String(p.ppid), '0', toRFC3339(p.started).slice(11, 16), '?', '00:00:00', p.command])];
      return `${c.name}\n${formatTable(rows, { minWidth: 0, padding: 3 })}`;
    });
    ctx.session.stdout(blocks.join('\n'));
    return 0;
  },
};
