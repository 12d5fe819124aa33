// `docker compose logs [OPTIONS] [SERVICE...]`: every container's output with compose's
// `app-1  | ` prefixes, in the order it was written; -f follows while virtual time passes until
// the containers stop (or the user interrupts), --tail N per container, -t the daemon's times.

import { CommandError } from '../../../session.ts';
import { parseTime } from '../logs.ts';
import { waitFor } from '../daemon.ts';
import { bool, type ComposeSubcommand, str } from './compose-subcommand.ts';
import { isRunning } from './container-lifecycle.ts';
import { LogPrinter } from './log-printer.ts';

export const logsCommand: ComposeSubcommand = {
  name: 'logs',
  summary: 'View output from containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: {
    follow: { type: 'bool', short: 'f' },
    tail: { type: 'string', short: 'n' },
    timestamps: { type: 'bool', short: 't' },
    'no-color': { type: 'bool' },
    'no-log-prefix': { type: 'bool' },
    since: { type: 'string' },
    until: { type: 'string' },
    index: { type: 'string' },
  },
  async run(ctx, flags) {
    const project = ctx.loadOrName();
    const named = flags.rest;
    if ('services' in project) for (const name of named) if (project.services[name] === undefined) throw new CommandError(`no such service: ${name}`, 1);
    const tailText = str(flags, 'tail') ?? 'all';
    if (tailText !== 'all' && !/^-?\d+$/.test(tailText)) throw new CommandError(`invalid argument "${tailText}" for "-n, --tail" flag: strconv.Atoi: parsing "${tailText}": invalid syntax`, 16);
    const tail = tailText === 'all' || Number(tailText) < 0 ? undefined : Number(tailText);
    const since = parseTime(ctx.session, 'compose logs', '--since', str(flags, 'since'));
    const until = parseTime(ctx.session, 'compose logs', '--until', str(flags, 'until'));
    let containers = ctx.containers(project.name, named.length > 0 ? { services: named } : {}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const index = str(flags, 'index');
    if (index !== undefined) containers = containers.filter((c) => c.config.Labels['com.docker.compose.container-number'] === index);
    const printer = new LogPrinter(ctx, containers, { prefix: !bool(flags, 'no-log-prefix'), colors: ctx.colors && !bool(flags, 'no-color'), timestamps: bool(flags, 'timestamps') });
    printer.printExisting({ ...(tail !== undefined ? { tail } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) });
    if (!bool(flags, 'follow')) return 0;
    await waitFor(ctx.session, () => containers.every((c) => !isRunning(ctx, c.id)), () => printer.flush());
    printer.flush();
    return 0;
  },
};
