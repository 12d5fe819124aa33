// `docker volume create|ls|rm|inspect`.

import { toRFC3339, type Volume } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { daemon, eachRef, subcommandVerb } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { dockerJson } from './inspect.ts';
import { formatTable } from './table.ts';

function inspectVolume(v: Volume): Record<string, unknown> {
  return {
    CreatedAt: toRFC3339(v.created),
    Driver: v.driver,
    Labels: Object.keys(v.labels).length > 0 ? v.labels : null,
    Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
    Name: v.name,
    Options: Object.keys(v.options).length > 0 ? v.options : null,
    Scope: 'local',
  };
}

const SUBCOMMANDS: Record<string, (args: string[], session: Session) => number | Promise<number>> = {
  create(args, session) {
    const flags = parseFlags('volume create', args, [
      { name: 'driver', short: 'd', kind: 'string' },
      { name: 'label', kind: 'list' },
      { name: 'opt', short: 'o', kind: 'list' },
      { name: 'name', kind: 'string' },
    ]);
    const name = flags.positional[0] ?? flags.strings.get('name');
    const labels = Object.fromEntries((flags.lists.get('label') ?? []).map((kv) => [kv.split('=')[0]!, kv.split('=').slice(1).join('=')]));
    const volume = daemon(() => session.world.docker.createVolume(name, labels));
    session.stdout(volume.name + '\n');
    return 0;
  },
  ls(args, session) {
    const flags = parseFlags('volume ls', args, [
      { name: 'quiet', short: 'q', kind: 'bool' },
      { name: 'filter', short: 'f', kind: 'list' },
    ]);
    const volumes = session.world.docker.volumes();
    if (flags.bools.has('quiet')) {
      for (const v of volumes) session.stdout(v.name + '\n');
      return 0;
    }
    session.stdout(formatTable([['DRIVER', 'VOLUME NAME'], ...volumes.map((v) => [v.driver, v.name])]));
    return 0;
  },
  rm(args, session) {
    const flags = parseFlags('volume rm', args, [{ name: 'force', short: 'f', kind: 'bool' }]);
    if (flags.positional.length === 0) throw new CommandError(`docker: 'docker volume rm' requires at least 1 argument`, 1);
    return eachRef(session, flags.positional, (name) => daemon(() => session.world.docker.removeVolume(name, flags.bools.has('force'))));
  },
  inspect(args, session) {
    const flags = parseFlags('volume inspect', args, [{ name: 'format', short: 'f', kind: 'string' }]);
    const found: Record<string, unknown>[] = [];
    const errors: string[] = [];
    for (const name of flags.positional) {
      try {
        found.push(inspectVolume(daemon(() => session.world.docker.volume(name))));
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        errors.push(error.message);
      }
    }
    session.stdout(dockerJson(found) + '\n');
    if (errors.length > 0) throw new CommandError(errors.join('\n'), 1);
    return 0;
  },
};

export const volumeVerb: DockerVerb = subcommandVerb('volume', 'Manage volumes', {
  create: ['Create a volume', SUBCOMMANDS['create']!],
  inspect: ['Display detailed information on one or more volumes', SUBCOMMANDS['inspect']!],
  ls: ['List volumes', SUBCOMMANDS['ls']!],
  rm: ['Remove one or more volumes', SUBCOMMANDS['rm']!],
});
