// `docker images` / `docker image ls`: REPOSITORY TAG IMAGE ID CREATED SIZE, newest first;
// `-q` IDs only, `-a`, `--digests`, `--no-trunc`, a repository filter as first argument, and
// `--format` (docker/cli cli/command/formatter/image.go: its fields, headers and default tables).

import { fromRFC3339, imageSize, type ImageListing } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import { flagValue, parseFlags, shortImageId, since } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';
import { goTimeString, humanSize, unixSeconds } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';

const DEFAULT_TABLE = 'table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}';
const DEFAULT_TABLE_WITH_DIGEST = 'table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}';

const HEADERS = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/**
 * One row's fields. `docker images` does not ask the daemon for container counts or shared
 * sizes, so those read N/A; VirtualSize keeps go-units' four-digit HumanSize.
 */
function imageRow(r: ImageListing, now: number, noTrunc: boolean, showDigest: boolean) {
  const size = imageSize(r.image);
  return formatterRow('*formatter.imageContext', {
    Containers: 'N/A',
    CreatedAt: goTimeString(unixSeconds(fromRFC3339(r.image.created))),
    CreatedSince: since(r.image.created, now),
    Digest: showDigest ? r.digest : '<none>',
    ID: noTrunc ? r.image.id : shortImageId(r.image.id),
    Repository: r.repository,
    SharedSize: 'N/A',
    Size: humanSize(size),
    Tag: r.tag,
    UniqueSize: 'N/A',
    VirtualSize: humanSize(size, 4),
  });
}

export function listImages(args: string[], session: Session, verb: string): number {
  const flags = parseFlags(verb, args, { booleans: ['-q', '--quiet', '-a', '--all', '--digests', '--no-trunc'], values: ['--format', '-f', '--filter'] });
  const [repository] = flags.positionals;
  let rows: ImageListing[] = session.world.images.host.store.list();
  if (repository !== undefined) {
    const [repo, tag] = repository.split(/:(?=[^/]*$)/) as [string, string | undefined];
    rows = rows.filter((r) => r.repository === repo && (tag === undefined || r.tag === tag));
  }
  const noTrunc = flags.booleans.has('--no-trunc');
  const quiet = flags.booleans.has('-q') || flags.booleans.has('--quiet');
  const digests = flags.booleans.has('--digests');
  let format = flagValue(flags, '--format') ?? 'table';
  // formatter.NewImageFormat: `table` is the default table (-q: an ID per row, so an image with
  // two tags twice); --digests adds a DIGEST column.
  if (format === 'table') format = quiet ? '{{.ID}}' : digests ? DEFAULT_TABLE_WITH_DIGEST : DEFAULT_TABLE;
  else if (format.startsWith('table') && digests && !format.includes('{{.Digest}}')) format += '\\t{{.Digest}}';
  const showDigest = digests || format.includes('{{.Digest}}');
  const now = session.world.engine.now;
  session.stdout(formatListing(format, rows.map((r) => imageRow(r, now, noTrunc, showDigest)), HEADERS));
  return 0;
}

export const imagesVerb: DockerVerb = {
  name: 'images',
  summary: 'List images',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  docker image ls, docker image list, docker images\n');
      return 0;
    }
    return listImages(args, session, 'images');
  },
};
