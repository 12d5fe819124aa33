// `docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`
import { parseReference, ReferenceError } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';

export const tagVerb: DockerVerb = {
  name: 'tag',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n');
      return 0;
    }
    if (args.length !== 2) {
      throw new CommandError(`"docker tag" requires exactly 2 arguments.\nSee 'docker tag --help'.\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE`, 1);
    }
    const [source, target] = args as [string, string];
    try {
      const ref = parseReference(target);
      if (ref.digest !== undefined) throw new ReferenceError('refusing to create a tag with a digest reference');
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw new CommandError(`Error parsing reference: "${target}" is not a valid repository/tag: ${error.message}`, 1);
    }
    const store = session.world.images.host.store;
    const image = store.resolve(source);
    if (image === undefined) throw new CommandError(`Error response from daemon: No such image: ${source}`, 1);
    store.tag(image, target);
    session.world.engine.log.append('image.tagged', { image: image.id, tag: target });
    return 0;
  },
};
