// `dockyard demo`: the built-in demo.
import { kernelTour } from '../demo/kernel-tour.ts';
import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

export const demoCommand: TopCommand = {
  name: 'demo',
  summary: 'Run the built-in demo (--seed N)',
  standalone: true,
  async run(args, session) {
    let seed = 42;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = arg === '--seed' ? args[++i] : /^--seed=(.*)$/.exec(arg)?.[1];
      if (value === undefined || !/^-?\d+$/.test(value)) throw new CommandError(`error: unknown argument "${arg}"\nUsage: dockyard demo [--seed N]`);
      seed = Number(value);
    }
    session.stdout(kernelTour(seed));
    return 0;
  },
};
