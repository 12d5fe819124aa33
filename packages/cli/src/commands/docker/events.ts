// `docker events`: the daemon's decisions from the engine's log, in docker's line format
// (`2025-01-01T00:00:05.000000000Z container start <id> (image=nginx:1.25, name=web)`). Past
// events with --since; without --until it follows new ones while virtual time passes.

import { type LogRecord, parseSignal, SIGNALS, toRFC3339Nano } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { parseTime } from './logs.ts';

/** Log record types and the docker event (type, action) they print as. */
const ACTIONS: Record<string, [string, string]> = {
  'container.create': ['container', 'create'],
  'container.start': ['container', 'start'],
  'container.die': ['container', 'die'],
  'container.kill': ['container', 'kill'],
  'container.oom': ['container', 'oom'],
  'container.destroy': ['container', 'destroy'],
  'container.exec_start': ['container', 'exec_start'],
  'container.exec_die': ['container', 'exec_die'],
  'network.create': ['network', 'create'],
  'network.connect': ['network', 'connect'],
  'network.disconnect': ['network', 'disconnect'],
  'network.destroy': ['network', 'destroy'],
  'volume.create': ['volume', 'create'],
  'volume.destroy': ['volume', 'destroy'],
};

function line(record: LogRecord): string | undefined {
  if (record['host'] !== 'docker-desktop') return undefined;
  if (record.type === 'container.health_status') {
    return `${toRFC3339Nano(record.t)} container health_status: ${record['status']} ${record['id']} (name=${record['name']})\n`;
  }
  const action = ACTIONS[record.type];
  if (action === undefined) return undefined;
  const [type, verb] = action;
  const attributes: string[] = [];
  if (record['exitCode'] !== undefined) attributes.push(`exitCode=${record['exitCode']}`);
  if (record['image'] !== undefined) attributes.push(`image=${record['image']}`);
  if (type === 'container') attributes.push(`name=${record['name']}`);
  // docker names the signal by number (`signal=15`).
  if (record['signal'] !== undefined) attributes.push(`signal=${SIGNALS[parseSignal(String(record['signal']))!]}`);
  if (type === 'network') attributes.push(`name=${record['name']}`, `type=bridge`, ...(record['container'] ? [`container=${record['container']}`] : []));
  if (type === 'volume') attributes.push(`driver=local`);
  const subject = type === 'volume' ? record['name'] : record['id'];
  return `${toRFC3339Nano(record.t)} ${type} ${verb} ${subject}${attributes.length ? ` (${attributes.join(', ')})` : ''}\n`;
}

export const eventsVerb: DockerVerb = {
  name: 'events',
  summary: 'Get real time events from the server',
  async run(args, session: Session) {
    const flags = parseFlags('events', args, [
      { name: 'since', kind: 'string' },
      { name: 'until', kind: 'string' },
      { name: 'filter', short: 'f', kind: 'list' },
    ]);
    const log = session.world.engine.log;
    const since = parseTime(session, 'events', '--since', flags.strings.get('since'));
    const until = parseTime(session, 'events', '--until', flags.strings.get('until'));
    const filters = (flags.lists.get('filter') ?? []).map((f) => f.split('=') as [string, string]);
    const print = (from: number) => {
      for (const record of log.records(from)) {
        if (since !== undefined && record.t < since) continue;
        if (until !== undefined && record.t > until) continue;
        if (!filters.every(([k, v]) => (k === 'type' ? record.type.startsWith(`${v}.`) : k === 'container' ? record['name'] === v || String(record['id']).startsWith(v) : k === 'event' ? record.type.endsWith(`.${v}`) : true))) continue;
        const text = line(record);
        if (text) session.stdout(text);
      }
    };
    let seen = since === undefined ? log.size : 0;
    print(seen);
    seen = log.size;
    if (until !== undefined && until <= session.world.engine.now) return 0;
    while (await session.wait(1000)) {
      print(seen);
      seen = log.size;
      if (until !== undefined && session.world.engine.now >= until) break;
    }
    return 0;
  },
};
