// `dockyard events`: the engine's event log, as a readable timeline or as JSON Lines (`-o json`).
import { formatDuration, type LogRecord } from '@dockyard/runtime';
import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

export const eventsCommand: TopCommand = {
  name: 'events',
  summary: 'Print the event log (-o json for JSON Lines)',
  async run(args, session) {
    const output = parseOutput(args);
    const log = session.world.engine.log;
    if (output === 'json') {
      session.stdout(log.toJSONL());
      return 0;
    }
    for (const record of log.records()) session.stdout(formatRecord(record) + '\n');
    return 0;
  },
};

function parseOutput(args: string[]): 'json' | 'text' {
  const rest = [...args];
  let output: 'json' | 'text' = 'text';
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const value = arg === '-o' || arg === '--output' ? rest.shift() : /^(?:-o|--output=)(.+)$/.exec(arg)?.[1];
    if (value === undefined) throw new CommandError(`error: unknown flag: ${arg}\nUsage: dockyard events [-o json]`);
    if (value !== 'json' && value !== 'text') throw new CommandError(`error: unsupported output format "${value}": use json or text`);
    output = value;
  }
  return output;
}

/** One line per record: time, type, then the fields as key=value. */
export function formatRecord(record: LogRecord): string {
  const { t, type, ...fields } = record;
  const details = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${formatDuration(t).padStart(10)}  ${type}${details ? '  ' + details : ''}`;
}
