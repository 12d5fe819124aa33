// `docker compose port [OPTIONS] SERVICE PRIVATE_PORT`: the host address a service's container
// port is published on (`0.0.0.0:3000`).

import { CommandError } from '../../../session.ts';
import { type ComposeSubcommand, intFlag, str } from './compose-subcommand.ts';
import { serviceContainer } from './exec.ts';

export const portCommand: ComposeSubcommand = {
  name: 'port',
  summary: 'Print the public port for a port binding',
  usage: '[OPTIONS] SERVICE PRIVATE_PORT',
  flags: { protocol: { type: 'string' }, index: { type: 'string' } },
  async run(ctx, flags) {
    const [service, port] = flags.rest;
    if (service === undefined || port === undefined || flags.rest.length !== 2) throw new CommandError(`requires exactly 2 arg(s), only received ${flags.rest.length}`, 16);
    if (!/^\d+$/.test(port)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`, 1);
    const project = ctx.load([service]);
    const c = serviceContainer(ctx, project.name, service, intFlag(flags, 'index'));
    const protocol = str(flags, 'protocol') ?? 'tcp';
    const binding = c.published.find((b) => b.containerPort === Number(port) && b.protocol === protocol);
    if (binding === undefined) throw new CommandError(`no port ${port}/${protocol} for container ${c.name}: [${Object.keys(c.config.ExposedPorts).join(' ')}]`, 1);
    ctx.session.stdout(`${binding.hostIp}:${binding.hostPort}\n`);
    return 0;
  },
};
