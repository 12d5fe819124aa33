// `docker inspect`: any object by name or ID, tried as docker tries them (container, image,
// network, volume; docker/cli cli/command/system/inspect.go) unless --type names one; the JSON
// or a --format template per object (inspect-format.ts).

import { CommandError, type Session } from '../../session.ts';
import { daemon } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { inspectImageRef } from './image-inspect.ts';
import { printInspect } from './inspect-format.ts';
import { inspectNetworkRef } from './network.ts';
import { inspectVolumeRef } from './volume.ts';

/** The inspect object of the container `ref` names, or the daemon's error when there is none. */
function inspectContainerRef(session: Session, ref: string): Record<string, unknown> | string {
  try {
    return daemon(() => session.world.docker.inspect(ref));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return error.message;
  }
}

const INSPECTORS: Record<string, (session: Session, ref: string) => Record<string, unknown> | string> = {
  container: inspectContainerRef,
  image: inspectImageRef,
  network: inspectNetworkRef,
  volume: inspectVolumeRef,
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
    // With --type the daemon's own error is reported; without, a ref no kind knows is "No such object".
    const objects = flags.positional.map((ref) => {
      if (type !== undefined) return INSPECTORS[type]!(session, ref);
      for (const inspect of Object.values(INSPECTORS)) {
        const object = inspect(session, ref);
        if (typeof object !== 'string') return object;
      }
      return `Error: No such object: ${ref}`;
    });
    return printInspect(session, flags.strings.get('format'), objects);
  },
};
