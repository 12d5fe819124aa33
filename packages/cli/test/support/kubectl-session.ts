// The dockyard command line in process, on a world of its own with a manual clock: each `run`
// types one command line and collects what it prints. Faster than the executable for tests that
// run many commands; the golden-output tests use the executable itself (run-dockyard.ts).
import { runCommand } from '../../src/cli.ts';
import { splitCommandLine } from '../../src/command-line.ts';
import { MemoryFiles } from '../../src/memory-files.ts';
import type { Session } from '../../src/session.ts';
import { DEFAULT_CONFIG, World } from '../../src/world.ts';

export interface Ran {
  stdout: string;
  stderr: string;
  status: number;
}

/** How much virtual time one following command (`get -w`, `logs -f`) may let pass. */
const FOLLOW_BUDGET_MS = 10 * 60_000;

export function kubectlSession(options: { seed?: number; nodes?: number } = {}) {
  const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual', seed: options.seed ?? 1, nodes: options.nodes ?? DEFAULT_CONFIG.nodes });
  const files = new MemoryFiles();
  /** Runs one command line (with or without the leading `dockyard`); `stdin` is piped input. */
  async function run(line: string, stdin?: string, typed: readonly string[] = []): Promise<Ran> {
    const out: Ran = { stdout: '', stderr: '', status: 0 };
    let budget = FOLLOW_BUDGET_MS;
    const lines = [...typed];
    const session: Session = {
      world,
      files,
      env: {},
      ...(stdin === undefined ? {} : { stdin }),
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      wait: async (ms) => {
        if (budget <= 0) return false;
        budget -= ms;
        world.advance(ms);
        return true;
      },
      readLine: async () => lines.shift() ?? null,
    };
    const words = splitCommandLine(line);
    out.status = await runCommand(words[0] === 'dockyard' ? words.slice(1) : words, session);
    return out;
  }
  return {
    world,
    files,
    run,
    /** Lets virtual time pass (`dockyard advance`). */
    advance: (ms: number) => world.advance(ms),
    /** Writes a file in the working directory. */
    write: (path: string, text: string) => files.writeFile(path, text),
  };
}
