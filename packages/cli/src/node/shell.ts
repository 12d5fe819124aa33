// `dockyard shell`: a prompt where the tutorial's commands run as typed (without `dockyard`), on a
// live clock: virtual time flows with the wall clock times the speed, and stops on `pause`. The
// workspace is saved after every command, and the shell holds its lock while it runs.

import { createInterface, type Interface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '@dockyard/runtime';
import { runCommand } from '../cli.ts';
import { CommandLineError, splitCommandLine } from '../command-line.ts';
import { CommandError, type HostFiles, type Session } from '../session.ts';
import type { World } from '../world.ts';
import { listenLoopback } from './loopback-listener.ts';
import type { Workspace } from './workspace.ts';

/** How often the live clock moves virtual time on while the prompt waits. */
const TICK_MS = 100;

const HELP = `Type the commands of the tutorial without "dockyard": kubectl ..., docker ..., helm ...
Clock: pause | resume | speed N (0.25 to 100) | advance 30s | time
Other: help | exit (or Ctrl-D)
`;

export interface ShellOptions {
  workspace: Workspace;
  world: World;
  files: HostFiles;
  speed: number;
}

export async function runShell({ workspace, world, files, speed: initialSpeed }: ShellOptions): Promise<number> {
  let speed = initialSpeed;
  let paused = false;
  let interrupted = false;
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, terminal, historySize: 1000 });
  const readLine = lineQueue(rl);
  const out = (text: string) => void process.stdout.write(text);

  // The live clock: between commands, virtual time follows the wall clock.
  let last = Date.now();
  const catchUp = () => {
    const now = Date.now();
    if (!paused) world.advance(Math.round((now - last) * speed));
    last = now;
  };
  const ticker = setInterval(catchUp, TICK_MS);

  rl.on('SIGINT', () => {
    interrupted = true;
    out('^C\n');
    rl.prompt();
  });

  const session: Session = {
    world,
    files,
    env: process.env,
    stdout: out,
    stderr: (text) => void process.stderr.write(text),
    wait: async (ms) => {
      if (interrupted) return false;
      if (!paused) await sleep(ms / speed);
      world.advance(ms);
      last = Date.now();
      return !interrupted;
    },
    readLine,
    listen: listenLoopback,
    ...(process.stdout.isTTY ? { terminal: { columns: process.stdout.columns || 80 } } : {}),
  };

  out(`Dockyard shell: virtual time runs at ${speed}x. Type help for help, exit to leave.\n`);
  try {
    for (;;) {
      catchUp();
      const line = await readLine(`[${formatDuration(world.engine.now)}] dockyard> `);
      if (line === null) break;
      interrupted = false;
      const words = (() => {
        try {
          return splitCommandLine(line);
        } catch (error) {
          if (error instanceof CommandLineError) out(`shell: ${error.message}\n`);
          return [];
        }
      })();
      const [first, ...rest] = words[0] === 'dockyard' ? words.slice(1) : words;
      if (first === undefined) continue;
      catchUp();
      if (first === 'exit' || first === 'quit') break;
      else if (first === 'help') out(HELP);
      else if (first === 'pause') {
        paused = true;
        out(`Virtual time paused at ${formatDuration(world.engine.now)}.\n`);
      } else if (first === 'resume') {
        paused = false;
        out(`Virtual time runs at ${speed}x.\n`);
      } else if (first === 'time') out(`Virtual time is ${formatDuration(world.engine.now)}${paused ? ' (paused)' : ''}.\n`);
      else if (first === 'speed') {
        const value = Number(rest[0]);
        if (!(value >= 0.25 && value <= 100)) out('shell: speed takes a number from 0.25 to 100\n');
        else {
          speed = value;
          out(`Virtual time runs at ${speed}x.\n`);
        }
      } else {
        try {
          await runCommand([first, ...rest], session);
        } catch (error) {
          if (error instanceof CommandError) process.stderr.write(error.message + '\n');
          else process.stderr.write(`internal error: ${(error as Error).stack ?? error}\n`);
        }
        last = Date.now();
      }
      workspace.save(world, Date.now());
    }
  } finally {
    clearInterval(ticker);
    rl.close();
    workspace.save(world, Date.now());
  }
  return 0;
}

/**
 * Lines from readline, one per request: typed lines that arrive while a command runs (or piped
 * input, all at once) wait in a queue instead of being lost.
 */
function lineQueue(rl: Interface): (prompt: string) => Promise<string | null> {
  const queued: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queued.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const next of waiting.splice(0)) next(null);
  });
  return (prompt) => {
    if (queued.length > 0) return Promise.resolve(queued.shift()!);
    if (closed) return Promise.resolve(null);
    rl.setPrompt(prompt);
    rl.prompt();
    return new Promise((resolve) => waiting.push(resolve));
  };
}

/** Reads `--speed X` for the shell. */
export function parseShellArgs(args: string[]): { speed: number } {
  let speed = 1;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== '--speed') throw new CommandError(`error: unknown flag: ${flag}\nUsage: dockyard shell [--speed X]`);
    speed = Number(inline ?? args[++i]);
    if (!(speed >= 0.25 && speed <= 100)) throw new CommandError('error: --speed takes a number from 0.25 to 100');
  }
  return { speed };
}
