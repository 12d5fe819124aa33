// `docker inspect`: any object by name or ID, tried as docker tries them (container, image,
// network, volume) unless --type names one; the JSON or a --format template per object
// (inspect-format.ts).

import { DockerError } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { inspectImage } from './image-inspect.ts';
import { printInspect } from './inspect-format.ts';
import { inspectNetwork } from './network.ts';
import { inspectVolume } from './volume.ts';

type Inspector = (session: Session, ref: string) => Record<string, unknown> | undefined;

/** A daemon lookup that fails with a DockerError when the object is not there. */
function found<T>(lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof DockerError) return undefined;
    throw error;
  }
}

const INSPECTORS: Record<string, Inspector> = {
  container: (session, ref) => found(() => session.world.docker.inspect(ref)),
  image: (session, ref) => {
    const store = session.world.images.host.store;
    const image = store.resolve(ref);
    return image && inspectImage(store, image);
  },
  network: (session, ref) => {
    const network = session.world.docker.network(ref);
    return network && inspectNetwork(session, network);
  },
  volume: (session, ref) => {
    const volume = found(() => session.world.docker.volume(ref));
    return volume && inspectVolume(volume);
  },
};

export const inspectVerb: DockerVerb = {
  name: 'inspect',
  summary: 'Return low-level information on Docker objects',
  async run(args, session) {
    const flags = parseFlags('inspect', args, [
      { name: 'format', short: 'f', kind: 'string' },
      { name: 'type', kind: 'string' },
      { name: 'size', short: 's', kind: 'bool' },
    ]);
    if (flags.positional.length === 0) throw new CommandError("docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information", 1);
    const type = flags.strings.get('type');
    if (type !== undefined && INSPECTORS[type] === undefined) throw new CommandError(`"${type}" is not a valid value for --type`, 1);
    const inspectors = type === undefined ? Object.values(INSPECTORS) : [INSPECTORS[type]!];
    const objects = flags.positional.map((ref) => {
      for (const inspect of inspectors) {
        const object = inspect(session, ref);
        if (object !== undefined) return object;
      }
      return `Error: No such object: ${ref}`;
    });
    return printInspect(session, flags.strings.get('format'), objects);
  },
};
