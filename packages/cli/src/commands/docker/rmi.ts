// `docker rmi [-f] IMAGE...` / `docker image rm`: untags, and deletes an image once no tag is left.
import { ImageStoreError } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { parseFlags } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

export const rmiVerb: DockerVerb = {
  name: 'rmi',
  summary: 'Remove one or more images',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n\nAliases:\n  docker image rm, docker image remove, docker rmi\n');
      return 0;
    }
    const flags = parseFlags('rmi', args, { booleans: ['-f', '--force', '--no-prune'] });
    if (flags.positionals.length === 0) {
      throw new CommandError(`"docker rmi" requires at least 1 argument.\nSee 'docker rmi --help'.\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images`, 1);
    }
    const force = flags.booleans.has('-f') || flags.booleans.has('--force');
    let status = 0;
    for (const reference of flags.positionals) {
      try {
        const lines = session.world.images.host.store.remove(reference, { force });
        session.stdout(lines.map((l) => `${l}\n`).join(''));
        session.world.engine.log.append('image.removed', { reference });
      } catch (error) {
        if (!(error instanceof ImageStoreError)) throw error;
        session.stderr(`Error response from daemon: ${error.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
