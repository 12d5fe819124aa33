// `dockyard advance 30s`: moves virtual time on, running whatever falls due.
import { DurationError, formatDuration, parseDuration } from '@dockyard/runtime';
import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

export const advanceCommand: TopCommand = {
  name: 'advance',
  summary: 'Move virtual time on (30s, 5m, 1h30m)',
  async run(args, session) {
    if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
      if (args[0] === '--help' || args[0] === '-h') {
        session.stdout('Move virtual time on, running what falls due.\n\nUsage:\n  dockyard advance <duration>\n\nExamples:\n  dockyard advance 30s\n  dockyard advance 1h30m\n');
        return 0;
      }
      throw new CommandError('error: advance takes exactly one duration, such as 30s, 5m or 1h30m');
    }
    let ms: number;
    try {
      ms = parseDuration(args[0]!);
    } catch (error) {
      if (error instanceof DurationError) throw new CommandError(`error: ${error.message}`);
      throw error;
    }
    if (ms < 0) throw new CommandError(`error: cannot move time backwards (${args[0]})`);
    session.world.advance(ms);
    session.stdout(`Virtual time is now ${formatDuration(session.world.engine.now)}.\n`);
    return 0;
  },
};
