// `docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]`: runs a command in the service's
// running container (the first, or --index N) with a TTY unless -T, as compose does; the exit
// status is the command's.

import { DockerError } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { attachExec } from '../attach.ts';
import { type ComposeContext, numberOf } from './compose-context.ts';
import { bool, type ComposeSubcommand, intFlag, list, str } from './compose-subcommand.ts';
import { isRunning } from './container-lifecycle.ts';

/** The container `exec` and `port` address: the service's lowest-numbered running one, or number `index`. */
export function serviceContainer(ctx: ComposeContext, projectName: string, service: string, index: number | undefined) {
  const running = ctx.containers(projectName, { services: [service] }).filter((c) => isRunning(ctx, c.id)).sort((a, b) => numberOf(a) - numberOf(b));
  if (running.length === 0) throw new CommandError(`service ${JSON.stringify(service)} is not running`, 1);
  if (index === undefined) return running[0]!;
  const found = running.find((c) => numberOf(c) === index);
  if (found === undefined) throw new CommandError(`service ${JSON.stringify(service)} is not running container #${index}`, 1);
  return found;
}

export const execCommand: ComposeSubcommand = {
  name: 'exec',
  summary: 'Execute a command in a running container',
  usage: '[OPTIONS] SERVICE COMMAND [ARGS...]',
  stopAtWord: true,
  flags: {
    detach: { type: 'bool', short: 'd' },
    'no-TTY': { type: 'bool', short: 'T' },
    tty: { type: 'bool', short: 't' },
    interactive: { type: 'bool', short: 'i' },
    index: { type: 'string' },
    env: { type: 'list', short: 'e' },
    user: { type: 'string', short: 'u' },
    workdir: { type: 'string', short: 'w' },
    privileged: { type: 'bool' },
  },
  async run(ctx, flags) {
    const [service, ...command] = flags.rest;
    if (service === undefined || command.length === 0) throw new CommandError('requires at least 2 arg(s), only received ' + flags.rest.length, 16);
    const project = ctx.load([service]);
    if (project.services[service] === undefined) throw new CommandError(`no such service: ${service}`, 1);
    const c = serviceContainer(ctx, project.name, service, intFlag(flags, 'index'));
    const tty = !bool(flags, 'no-TTY') && flags.values.tty !== false;
    const interactive = flags.values.interactive !== false;
    let exec;
    try {
      exec = ctx.docker.exec(c.id, command, {
        env: list(flags, 'env'),
        ...(str(flags, 'user') !== undefined ? { user: str(flags, 'user')! } : {}),
        ...(str(flags, 'workdir') !== undefined ? { workingDir: str(flags, 'workdir')! } : {}),
        interactive: tty && interactive,
        ...(!tty && interactive && ctx.session.stdin !== undefined ? { stdin: ctx.session.stdin } : {}),
        detached: bool(flags, 'detach'),
      });
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      throw new CommandError(error.message.startsWith('OCI runtime') ? error.message : `Error response from daemon: ${error.message}`, error.exitCode);
    }
    if (bool(flags, 'detach')) return 0;
    return (await attachExec(ctx.session, exec.id, tty && interactive)) ?? 0;
  },
};
