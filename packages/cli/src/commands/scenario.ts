// `dockyard scenario run FILE [--seed S] [--log FILE]`: runs a self-checking scenario; exits 0
// iff every expectation holds.
import { joinPath, resolvePath } from '@dockyard/runtime';
import { MemoryFiles } from '../memory-files.ts';
import { FAULTS } from '../scenario/faults.ts';
import { type Scenario, ScenarioError, parseScenario } from '../scenario/scenario-file.ts';
import { runScenario } from '../scenario/scenario-runner.ts';
import { CommandError, type HostFiles } from '../session.ts';
import type { TopCommand } from './command.ts';

const USAGE = 'Usage: dockyard scenario run FILE [--seed S] [--log FILE]';

export const scenarioCommand: TopCommand = {
  name: 'scenario',
  summary: 'Run a self-checking scenario: scenario run FILE [--seed S] [--log FILE]',
  standalone: true,
  async run(args, session) {
    if (args[0] === '--help' || args[0] === '-h') {
      const faults = FAULTS.map((f) => `  ${f.summary}\n`).join('');
      session.stdout(`Run a self-checking scenario: steps at virtual times, faults, and expectations.\n\n${USAGE}\n\nFaults a step can inject (fault: {type: TYPE, FIELD: VALUE, ...}):\n${faults}`);
      return 0;
    }
    const { file, seed, log } = parseArgs(args);
    let scenario: Scenario;
    let text: string;
    try {
      text = session.files.readText(file);
    } catch {
      throw new CommandError(`error: cannot read scenario file "${file}"`);
    }
    try {
      scenario = parseScenario(text, file);
    } catch (error) {
      if (error instanceof ScenarioError) throw new CommandError(`error: ${error.message}`);
      throw error;
    }
    if (seed !== undefined) scenario.config = { ...scenario.config, seed };
    const baseDir = resolvePath(session.files.cwd, file).replace(/\/[^/]*$/, '') || '/';
    const files = loadScenarioFiles(scenario, session.files, baseDir);
    let result;
    try {
      result = await runScenario(scenario, { files, print: (t) => session.stdout(t) });
    } catch (error) {
      if (error instanceof ScenarioError) throw new CommandError(`error: ${file}: ${error.message}`);
      throw error;
    }
    if (log !== undefined) session.files.writeFile(log, result.world.engine.log.toJSONL());
    return result.passed ? 0 : 1;
  },
};

function parseArgs(args: string[]): { file: string; seed?: number; log?: string } {
  if (args[0] !== 'run') throw new CommandError(`error: unknown scenario command ${JSON.stringify(args[0] ?? '')}\n${USAGE}`);
  let file: string | undefined;
  let seed: number | undefined;
  let log: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--seed' || flag === '--log') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new CommandError(`error: flag needs an argument: ${flag}\n${USAGE}`);
      if (flag === '--log') log = value;
      else if (/^-?\d+$/.test(value)) seed = Number(value);
      else throw new CommandError(`error: invalid seed ${JSON.stringify(value)}: a seed is a whole number`);
    } else if (flag.startsWith('-')) {
      throw new CommandError(`error: unknown flag: ${flag}\n${USAGE}`);
    } else if (file === undefined) file = args[i]!;
    else throw new CommandError(`error: one scenario file at a time\n${USAGE}`);
  }
  if (file === undefined) throw new CommandError(`error: a scenario file is required\n${USAGE}`);
  return { file, ...(seed === undefined ? {} : { seed }), ...(log === undefined ? {} : { log }) };
}

/** The scenario's files in memory: inline texts, and files or folders `from:` next to the scenario (in `baseDir` of `disk`). */
export function loadScenarioFiles(scenario: Scenario, disk: HostFiles, baseDir: string): MemoryFiles {
  const files = new MemoryFiles();
  const copy = (from: string, to: string) => {
    const stat = disk.stat(from);
    if (stat === undefined) throw new CommandError(`error: scenario file ${JSON.stringify(to)}: ${from} does not exist`);
    if (stat.kind === 'dir') {
      files.mkdir(to, { recursive: true });
      for (const name of disk.readdir(from)) copy(joinPath(from, name), joinPath(to, name));
    } else {
      files.writeFile(to, disk.readFile(from));
    }
  };
  for (const [name, file] of Object.entries(scenario.files)) {
    if ('content' in file) files.writeFile(name, file.content);
    else copy(resolvePath(baseDir, file.from), resolvePath(files.cwd, name));
  }
  if (scenario.workdir === undefined) return files;
  const workdir = resolvePath(files.cwd, scenario.workdir);
  files.mkdir(workdir, { recursive: true });
  return new MemoryFiles(files.tree, workdir);
}
