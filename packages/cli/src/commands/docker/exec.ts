// `docker exec`: runs a command in a running container; with -it, an interactive session whose
// lines are typed by the user.

import { DockerError } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { attachExec } from './attach.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';

export const execVerb: DockerVerb = {
  name: 'exec',
  summary: 'Execute a command in a running container',
  async run(args, session) {
    const flags = parseFlags(
      'exec',
      args,
      [
        { name: 'detach', short: 'd', kind: 'bool' },
        { name: 'interactive', short: 'i', kind: 'bool' },
        { name: 'tty', short: 't', kind: 'bool' },
        { name: 'env', short: 'e', kind: 'list' },
        { name: 'user', short: 'u', kind: 'string' },
        { name: 'workdir', short: 'w', kind: 'string' },
        { name: 'privileged', kind: 'bool' },
      ],
      { interspersed: false },
    );
    const [ref, ...command] = flags.positional;
    if (ref === undefined || command.length === 0) {
      throw new CommandError("docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information", 1);
    }
    const interactive = flags.bools.has('interactive');
    const detached = flags.bools.has('detach');
    let exec;
    try {
      exec = session.world.docker.exec(ref, command, {
        env: flags.lists.get('env') ?? [],
        ...(flags.strings.has('user') ? { user: flags.strings.get('user')! } : {}),
        ...(flags.strings.has('workdir') ? { workingDir: flags.strings.get('workdir')! } : {}),
        interactive: interactive && flags.bools.has('tty'),
        ...(interactive && !flags.bools.has('tty') && session.stdin !== undefined ? { stdin: session.stdin } : {}),
        detached,
      });
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      // runc's own failures are printed as they are; the daemon's with its prefix.
      const message = error.message.startsWith('OCI runtime') ? error.message : `Error response from daemon: ${error.message}`;
      throw new CommandError(message, error.exitCode);
    }
    if (detached) return 0;
    return (await attachExec(session, exec.id, interactive)) ?? 0;
  },
};
