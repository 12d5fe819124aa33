// Runs one line typed into the page's terminal through the CLI's own command layer: the same
// `runCommand` as `dockyard <words>` in a shell, with the page's files in memory and the output
// collected as text. Only the I/O differs from Node.

import { CommandLineError, type CommandOutput, type HostFiles, runCommand, type Session, splitCommandLine, type World } from '@dockyard/cli';

/**
 * How much virtual time one following command (`kubectl get -w`, `docker logs -f`) may use before
 * it stops on its own: the page has no Ctrl-C for it. The same budget as the CLI's manual clock.
 */
export const FOLLOW_BUDGET_MS = 10 * 60_000;

/** Exit code for a line the shell could not split (bash uses 2 for syntax errors). */
const SYNTAX_ERROR = 2;

export async function runLine(world: World, files: HostFiles, line: string): Promise<CommandOutput> {
  const output: CommandOutput = { stdout: '', stderr: '', exitCode: 0 };
  let words: string[];
  try {
    words = splitCommandLine(line);
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    return { ...output, stderr: `shell: ${error.message}\n`, exitCode: SYNTAX_ERROR };
  }
  if (words[0] === 'dockyard') words.shift();
  if (words.length === 0) return output;
  let budget = FOLLOW_BUDGET_MS;
  const session: Session = {
    world,
    files,
    env: {},
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    wait: async (ms) => {
      if (budget <= 0) return false;
      budget -= ms;
      world.advance(ms);
      return true;
    },
    readLine: async () => null,
  };
  try {
    output.exitCode = await runCommand(words, session);
  } catch (error) {
    // A bug in a command must not take the page down with it; say what broke, as the CLI would.
    output.stderr += `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
    output.exitCode = 70;
  }
  return output;
}
