// `dockyard demo [NAME] [--seed N]`: plays a scenario on a fresh world and prints its timeline as
// `scenario run` does; exits 0 iff its expectations hold. Without NAME it plays the built-in
// self-healing scenario; NAME is any example of the repository's examples/ directory (found at
// $DOCKYARD_EXAMPLES, which the Node entry points there), and `--list` names them all.
import { joinPath } from '@dockyard/runtime';
import { DEMOS } from '../demo/built-in-demos.ts';
import { MemoryFiles } from '../memory-files.ts';
import { parseScenario, type Scenario, ScenarioError } from '../scenario/scenario-file.ts';
import { runScenario } from '../scenario/scenario-runner.ts';
import { CommandError, type HostFiles, type Session } from '../session.ts';
import type { TopCommand } from './command.ts';
import { loadScenarioFiles } from './scenario.ts';

const USAGE = 'Usage: dockyard demo [NAME] [--seed N]\n       dockyard demo --list';

interface Demo {
  name: string;
  scenario: Scenario;
  /** Its files, loaded when it is played (listing reads only the scenarios). */
  files(): HostFiles;
}

export const demoCommand: TopCommand = {
  name: 'demo',
  summary: 'Run a demo: the built-in self-healing one, or an example by name (--list, --seed N)',
  standalone: true,
  async run(args, session) {
    if (args[0] === '--help' || args[0] === '-h') {
      session.stdout(
        `Play a demo scenario. Without NAME: the built-in demo (examples/self-healing/scenario.yaml), a rollout to a\nversion that leaks memory and is OOM-killed, rollout undo, and a node that dies while its pod comes back on\nanother node. NAME plays one of the examples (one per tutorial section); --list names them.\n\n${USAGE}\n`,
      );
      return 0;
    }
    let seed: number | undefined;
    let name: string | undefined;
    let list = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--list') {
        list = true;
        continue;
      }
      if (!arg.startsWith('-') && name === undefined) {
        name = arg;
        continue;
      }
      const value = arg === '--seed' ? args[++i] : /^--seed=(.*)$/.exec(arg)?.[1];
      if (value === undefined || !/^-?\d+$/.test(value)) throw new CommandError(`error: unknown argument "${arg}"\n${USAGE}`);
      seed = Number(value);
    }
    const demos = findDemos(session);
    if (list) {
      const width = Math.max(...demos.map((d) => d.name.length));
      for (const demo of demos) session.stdout(`${demo.name.padEnd(width)}   ${oneLine(demo.scenario.description ?? '')}\n`);
      return 0;
    }
    const demo = name === undefined ? demos[0]! : demos.find((d) => d.name === name);
    if (demo === undefined) throw new CommandError(`error: unknown demo "${name}"; the demos are: ${demos.map((d) => d.name).join(', ')}`);
    const { scenario } = demo;
    if (seed !== undefined) scenario.config = { ...scenario.config, seed };
    const result = await runScenario(scenario, { files: demo.files(), print: (text) => session.stdout(text) });
    return result.passed ? 0 : 1;
  },
};

/** The built-in demos first, then every example scenario on disk, by directory name. */
function findDemos(session: Session): Demo[] {
  const demos: Demo[] = DEMOS.map((d) => {
    const scenario = parseScenario(d.text, d.path);
    return { name: d.name, scenario, files: () => loadScenarioFiles(scenario, new MemoryFiles(), '/') };
  });
  const root = session.env['DOCKYARD_EXAMPLES'];
  if (root === undefined || session.files.stat(root)?.kind !== 'dir') return demos;
  for (const name of session.files.readdir(root)) {
    const dir = joinPath(root, name);
    const path = joinPath(dir, 'scenario.yaml');
    if (demos.some((d) => d.name === name) || session.files.stat(path)?.kind !== 'file') continue;
    let scenario: Scenario;
    try {
      scenario = parseScenario(session.files.readText(path), path);
    } catch (error) {
      if (error instanceof ScenarioError) throw new CommandError(`error: ${error.message}`);
      throw error;
    }
    demos.push({ name, scenario, files: () => loadScenarioFiles(scenario, session.files, dir) });
  }
  return demos;
}

/** A description's first sentence, on one line. */
function oneLine(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
