// `docker run`: create and start a container from an image (pulling it first when missing), then
// either print its id (-d) or follow its output and exit with its exit code.

import { DockerError } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { attachContainer } from './attach.ts';
import { createOptions, CREATE_FLAGS } from './create-options.ts';
import { referenceError, runError, START_ROUND_TRIP_MS } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { ensureImage } from './ensure-image.ts';
import { parseFlags } from './flags.ts';

export const runVerb: DockerVerb = {
  name: 'run',
  summary: 'Create and run a new container from an image',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n');
      return 0;
    }
    const flags = parseFlags('run', args, CREATE_FLAGS, { interspersed: false });
    const [image, ...command] = flags.positional;
    if (image === undefined) {
      throw new CommandError("docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information", 1);
    }
    const badReference = referenceError(image);
    if (badReference) throw runError('run', badReference, 125);
    const options = createOptions(session, 'run', flags, image, command);
    const detach = flags.bools.has('detach');
    const interactive = flags.bools.has('interactive') && flags.bools.has('tty');
    const { docker } = session.world;
    await ensureImage(session, 'run', image, flags.strings.get('pull'));
    let id: string;
    try {
      id = docker.create(options).id;
      docker.start(id);
    } catch (error) {
      if (error instanceof DockerError) throw runError('run', `Error response from daemon: ${error.message}`, error.exitCode);
      throw error;
    }
    if (detach) {
      await session.wait(START_ROUND_TRIP_MS);
      session.stdout(id + '\n');
      return 0;
    }
    const code = await attachContainer(session, id, interactive);
    // With --rm the CLI returns once the daemon has removed the container.
    if (options.autoRemove) await session.wait(0);
    return code ?? 0;
  },
};
