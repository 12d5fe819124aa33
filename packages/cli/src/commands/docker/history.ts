// `docker history IMAGE`: one row per entry of the image configuration's history, newest first;
// only the top row has an ID (BuildKit and pulled images keep no parent chain), metadata steps are
// 0B, and CREATED BY is cut to 45 characters unless --no-trunc.

import type { Image } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { humanSize, parseFlags, shortImageId, since, table } from './docker-format.ts';
import type { DockerVerb } from './docker-verb.ts';

export function historyRows(image: Image): { id: string; created: string; createdBy: string; size: number; comment: string }[] {
  let layer = 0;
  const rows = image.history.map((h) => {
    const size = h.empty_layer ? 0 : (image.layers[layer++]?.contentSize ?? 0);
    return { id: '<missing>', created: h.created, createdBy: h.created_by, size, comment: h.comment ?? '' };
  });
  rows.reverse();
  if (rows[0]) rows[0].id = image.id;
  return rows;
}

function ellipsis(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const historyVerb: DockerVerb = {
  name: 'history',
  summary: 'Show the history of an image',
  async run(args, session: Session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image\n');
      return 0;
    }
    const flags = parseFlags('history', args, { booleans: ['--no-trunc', '-q', '--quiet', '-H', '--human'], values: ['--format'] });
    if (flags.positionals.length !== 1) {
      throw new CommandError(`"docker history" requires exactly 1 argument.\nSee 'docker history --help'.\n\nUsage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image`, 1);
    }
    const reference = flags.positionals[0]!;
    const image = session.world.images.host.store.resolve(reference);
    if (image === undefined) throw new CommandError(`Error response from daemon: No such image: ${reference}`, 1);
    const noTrunc = flags.booleans.has('--no-trunc');
    const rows = historyRows(image);
    const id = (value: string) => (value === '<missing>' || noTrunc ? value : shortImageId(value));
    if (flags.booleans.has('-q') || flags.booleans.has('--quiet')) {
      session.stdout(rows.map((r) => `${id(r.id)}\n`).join(''));
      return 0;
    }
    const now = session.world.engine.now;
    const body = rows.map((r) => [id(r.id), since(r.created, now), noTrunc ? r.createdBy : ellipsis(r.createdBy.replace(/\t/g, ' '), 45), humanSize(r.size), r.comment]);
    session.stdout(table([['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], ...body]));
    return 0;
  },
};
