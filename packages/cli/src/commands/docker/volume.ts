// `docker volume create|ls|rm|inspect`.

import { toRFC3339, type Volume } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { daemon, eachRef, subcommandVerb } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { printInspect } from './inspect-format.ts';
import { joinLabels } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';

const HEADERS = {
  ID: 'ID',
  Name: 'VOLUME NAME',
  Group: 'GROUP',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Status: 'STATUS',
};

/** Where the local driver keeps a volume's data. */
function mountpoint(v: Volume): string {
  return `/var/lib/docker/volumes/${v.name}/_data`;
}

/** docker/cli's volume ls row (cli/command/formatter/volume.go): no usage data or cluster options, so N/A. */
function volumeRow(v: Volume) {
  const fields = {
    Availability: 'N/A',
    Driver: v.driver,
    Group: 'N/A',
    Labels: joinLabels(v.labels),
    Links: 'N/A',
    Mountpoint: mountpoint(v),
    Name: v.name,
    Scope: 'local',
    Size: 'N/A',
    Status: 'N/A',
  };
  return formatterRow('*formatter.volumeContext', fields, { Label: { params: ['string'], fn: (name) => v.labels[name as string] ?? '' } });
}

function inspectVolume(v: Volume): Record<string, unknown> {
  return {
    CreatedAt: toRFC3339(v.created),
    Driver: v.driver,
    Labels: Object.keys(v.labels).length > 0 ? v.labels : null,
    Mountpoint: mountpoint(v),
    Name: v.name,
    Options: Object.keys(v.options).length > 0 ? v.options : null,
    Scope: 'local',
  };
}

/** The inspect object of the volume `name`, or the daemon's error when there is none. */
export function inspectVolumeRef(session: Session, name: string): Record<string, unknown> | string {
  try {
    return inspectVolume(daemon(() => session.world.docker.volume(name)));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return error.message;
  }
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
      { name: 'format', kind: 'string' },
    ]);
    const volumes = session.world.docker.volumes();
    let format = flags.strings.get('format') ?? 'table';
    if (format === 'table') format = flags.bools.has('quiet') ? '{{.Name}}' : 'table {{.Driver}}\\t{{.Name}}';
    session.stdout(formatListing(format, volumes.map(volumeRow), HEADERS));
    return 0;
  },
  rm(args, session) {
    const flags = parseFlags('volume rm', args, [{ name: 'force', short: 'f', kind: 'bool' }]);
    if (flags.positional.length === 0) throw new CommandError(`docker: 'docker volume rm' requires at least 1 argument`, 1);
    return eachRef(session, flags.positional, (name) => daemon(() => session.world.docker.removeVolume(name, flags.bools.has('force'))));
  },
  inspect(args, session) {
    const flags = parseFlags('volume inspect', args, [{ name: 'format', short: 'f', kind: 'string' }]);
    return printInspect(session, flags.strings.get('format'), flags.positional.map((name) => inspectVolumeRef(session, name)));
  },
};

export const volumeVerb: DockerVerb = subcommandVerb('volume', 'Manage volumes', {
  create: ['Create a volume', SUBCOMMANDS['create']!],
  inspect: ['Display detailed information on one or more volumes', SUBCOMMANDS['inspect']!],
  ls: ['List volumes', SUBCOMMANDS['ls']!],
  rm: ['Remove one or more volumes', SUBCOMMANDS['rm']!],
});
