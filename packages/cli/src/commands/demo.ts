// `dockyard demo [--seed N]`: plays the built-in self-healing scenario on a fresh world and prints
// its timeline as `scenario run` does; exits 0 iff its expectations hold.
import { DEMOS } from '../demo/built-in-demos.ts';
import { MemoryFiles } from '../memory-files.ts';
import { parseScenario } from '../scenario/scenario-file.ts';
import { runScenario } from '../scenario/scenario-runner.ts';
import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';
import { loadScenarioFiles } from './scenario.ts';

const USAGE = 'Usage: dockyard demo [--seed N]';

export const demoCommand: TopCommand = {
  name: 'demo',
  summary: 'Run the built-in demo: a rollout, an OOM kill and a node failure (--seed N)',
  standalone: true,
  async run(args, session) {
    if (args[0] === '--help' || args[0] === '-h') {
      session.stdout(`Play the built-in demo (examples/self-healing/scenario.yaml): a rollout to a version that leaks memory\nand is OOM-killed, rollout undo, and a node that dies while its pod comes back on another node.\n\n${USAGE}\n`);
      return 0;
    }
    let seed: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = arg === '--seed' ? args[++i] : /^--seed=(.*)$/.exec(arg)?.[1];
      if (value === undefined || !/^-?\d+$/.test(value)) throw new CommandError(`error: unknown argument "${arg}"\n${USAGE}`);
      seed = Number(value);
    }
    const demo = DEMOS[0]!;
    const scenario = parseScenario(demo.text, demo.path);
    if (seed !== undefined) scenario.config = { ...scenario.config, seed };
    const files = loadScenarioFiles(scenario, new MemoryFiles(), '/');
    const result = await runScenario(scenario, { files, print: (text) => session.stdout(text) });
    return result.passed ? 0 : 1;
  },
};
