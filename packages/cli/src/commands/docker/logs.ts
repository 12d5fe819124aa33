// `docker logs`: what a container wrote, with --tail, --timestamps, --since/--until, and -f to
// follow while virtual time passes.

import { DurationError, fromRFC3339, parseDuration, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import { daemon, print, waitFor } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags, usageError } from './flags.ts';

/** A --since/--until value: Unix seconds, an RFC 3339 date, or a duration before now (`10m`). */
export function parseTime(session: Session, verb: string, flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000 - VIRTUAL_EPOCH_MS;
  const absolute = fromRFC3339(text);
  if (!Number.isNaN(absolute)) return absolute;
  try {
    return session.world.engine.now - parseDuration(text);
  } catch (error) {
    if (error instanceof DurationError) throw usageError(verb, `invalid value for "${flag}": failed to parse value as time or duration: "${text}"`);
    throw error;
  }
}

export const logsVerb: DockerVerb = {
  name: 'logs',
  summary: 'Fetch the logs of a container',
  async run(args, session) {
    const flags = parseFlags('logs', args, [
      { name: 'follow', short: 'f', kind: 'bool' },
      { name: 'tail', short: 'n', kind: 'string' },
      { name: 'timestamps', short: 't', kind: 'bool' },
      { name: 'since', kind: 'string' },
      { name: 'until', kind: 'string' },
      { name: 'details', kind: 'bool' },
    ]);
    if (flags.positional.length !== 1) throw usageError('logs', `"docker logs" requires exactly 1 argument.`);
    const { docker, runtime } = session.world;
    const c = daemon(() => docker.get(flags.positional[0]!));
    const tailText = flags.strings.get('tail') ?? 'all';
    if (tailText !== 'all' && !/^-?\d+$/.test(tailText)) throw usageError('logs', `invalid argument "${tailText}" for "-n, --tail" flag: strconv.Atoi: parsing "${tailText}": invalid syntax`);
    const tail = tailText === 'all' || Number(tailText) < 0 ? undefined : Number(tailText);
    const since = parseTime(session, 'logs', '--since', flags.strings.get('since'));
    const until = parseTime(session, 'logs', '--until', flags.strings.get('until'));
    const timestamps = flags.bools.has('timestamps');
    print(session, runtime.logs(c.id, { ...(tail !== undefined ? { tail } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}), timestamps }));
    if (!flags.bools.has('follow')) return 0;
    let from = runtime.logSize(c.id);
    const flush = () => {
      const chunks = runtime.logs(c.id, { timestamps }, from);
      from += chunks.length;
      print(session, chunks);
    };
    const ended = () => {
      const now = docker.find(c.id);
      return now === undefined || (!now.restarting && runtime.get(c.id)?.state.status !== 'running');
    };
    await waitFor(session, ended, flush);
    flush();
    return 0;
  },
};
