// `docker image COMMAND`: the management command grouping the image verbs
// (`docker image ls`, `docker image inspect`, `docker image rm`, ...).

import { CommandError } from '../../session.ts';
import { buildVerb } from './build.ts';
import type { DockerVerb } from './docker-verb.ts';
import { historyVerb } from './history.ts';
import { imageInspectVerb } from './image-inspect.ts';
import { listImages } from './images.ts';
import { pullVerb } from './pull.ts';
import { pushVerb } from './push.ts';
import { rmiVerb } from './rmi.ts';
import { loadVerb, saveVerb } from './save.ts';
import { tagVerb } from './tag.ts';

const SUBCOMMANDS: Record<string, DockerVerb> = {
  build: buildVerb,
  history: historyVerb,
  inspect: imageInspectVerb,
  load: loadVerb,
  pull: pullVerb,
  push: pushVerb,
  rm: rmiVerb,
  remove: rmiVerb,
  save: saveVerb,
  tag: tagVerb,
};

export const imageVerb: DockerVerb = {
  name: 'image',
  summary: 'Manage images',
  async run(args, session) {
    const [sub, ...rest] = args;
    if (sub === 'ls' || sub === 'list') return listImages(rest, session, 'image ls');
    const verb = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (verb === undefined) {
      if (sub === undefined || sub === '--help') {
        session.stdout('\nUsage:  docker image COMMAND\n\nManage images\n\nCommands:\n  build       Build an image from a Dockerfile\n  history     Show the history of an image\n  inspect     Display detailed information on one or more images\n  load        Load an image from a tar archive or STDIN\n  ls          List images\n  pull        Download an image from a registry\n  push        Upload an image to a registry\n  rm          Remove one or more images\n  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n');
        return 0;
      }
      throw new CommandError(`docker: 'image ${sub}' is not a docker command.\nSee 'docker image --help'`, 1);
    }
    return verb.run(rest, session);
  },
};
