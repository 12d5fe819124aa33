// `docker history IMAGE`: one row per entry of the image configuration's history, newest first;
// only the top row has an ID (BuildKit and pulled images keep no parent chain), metadata steps are
// 0B, and CREATED BY is cut to 45 characters unless --no-trunc. --format as docker/cli's
// cli/command/image/formatter_history.go: CreatedAt is RFC 3339, -H=false prints bytes and dates.

import { fromRFC3339, type Image, toRFC3339 } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { flagValue, parseFlags, shortImageId, since } from './docker-format.ts';
import { ellipsis, humanSize } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';
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

const DEFAULT_TABLE = 'table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}';
const NON_HUMAN_TABLE = 'table {{.ID}}\\t{{.CreatedAt}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}';

const HEADERS = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };

/** Entries dated before 2000 (the epoch of reproducible builds) have no human age (docker/cli formatter_history.go). */
const HUMAN_DATES_FROM = Date.UTC(2000, 0, 1);

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
    const trunc = !flags.booleans.has('--no-trunc');
    // -H / --human is on unless given as --human=false (which the flag parser drops).
    const human = !args.some((a) => /^(-H|--human)=false$/.test(a));
    const quiet = flags.booleans.has('-q') || flags.booleans.has('--quiet');
    let format = flagValue(flags, '--format') ?? 'table';
    if (format === 'table') format = quiet ? '{{.ID}}' : human ? DEFAULT_TABLE : NON_HUMAN_TABLE;
    const now = session.world.engine.now;
    const rows = historyRows(image).map((r) => {
      const createdAt = toRFC3339(fromRFC3339(r.created));
      const createdBy = r.createdBy.replace(/\t/g, ' ');
      return formatterRow('*image.historyContext', {
        Comment: r.comment,
        CreatedAt: createdAt,
        CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
        CreatedSince: !human ? createdAt : Date.parse(r.created) <= HUMAN_DATES_FROM ? '' : since(r.created, now),
        ID: r.id === '<missing>' || !trunc ? r.id : shortImageId(r.id),
        Size: human ? humanSize(r.size) : String(r.size),
      });
    });
    session.stdout(formatListing(format, rows, HEADERS));
    return 0;
  },
};
