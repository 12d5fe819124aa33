// `docker images` / `docker image ls`: REPOSITORY TAG IMAGE ID CREATED SIZE, newest first;
// `-q` IDs only, `-a`, `--digests`, `--no-trunc`, a repository filter as first argument.

import { imageSize, type ImageListing } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import { parseFlags, humanSize, shortImageId, since, table } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

export function listImages(args: string[], session: Session, verb: string): number {
  const flags = parseFlags(verb, args, { booleans: ['-q', '--quiet', '-a', '--all', '--digests', '--no-trunc'], values: ['--format', '-f', '--filter'] });
  const [repository] = flags.positionals;
  let rows: ImageListing[] = session.world.images.host.store.list();
  if (repository !== undefined) {
    const [repo, tag] = repository.split(/:(?=[^/]*$)/) as [string, string | undefined];
    rows = rows.filter((r) => r.repository === repo && (tag === undefined || r.tag === tag));
  }
  const noTrunc = flags.booleans.has('--no-trunc');
  const id = (value: string) => (noTrunc ? value : shortImageId(value));
  if (flags.booleans.has('-q') || flags.booleans.has('--quiet')) {
    const ids = [...new Set(rows.map((r) => id(r.image.id)))];
    session.stdout(ids.map((i) => `${i}\n`).join(''));
    return 0;
  }
  const digests = flags.booleans.has('--digests');
  const now = session.world.engine.now;
  const header = digests ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'] : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
  const body = rows.map((r) => {
    const cells = [r.repository, r.tag, id(r.image.id), since(r.image.created, now), humanSize(imageSize(r.image))];
    if (digests) cells.splice(2, 0, r.digest);
    return cells;
  });
  session.stdout(table([header, ...body]));
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
