// Node entry of the dockyard command: finds the workspace, catches the virtual clock up with the
// wall clock, runs the command, and saves the world atomically.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isStandalone, runCommand } from './cli.ts';
import { DiskFiles } from './node/disk-files.ts';
import { listenLoopback } from './node/loopback-listener.ts';
import { parseServeArgs, SERVE_HELP } from './commands/serve.ts';
import { runServe } from './node/serve.ts';
import { parseShellArgs, runShell } from './node/shell.ts';
import { runVisualize } from './node/visualizer-server.ts';
import { Workspace } from './node/workspace.ts';
import { CommandError, type Session } from './session.ts';
import { DEFAULT_CONFIG, validateConfig, World, type WorldConfig } from './world.ts';

/** The most virtual time a `wall` clock catches up between two commands (a lunch break is not a crash loop marathon). */
const WALL_CATCH_UP_CAP_MS = 15 * 60_000;
/** How much virtual time a following command (`logs -f`, `get -w`) may use on a manual clock before it stops. */
const MANUAL_FOLLOW_BUDGET_MS = 10 * 60_000;

async function main(argv: string[]): Promise<number> {
  const { workspaceDir, rest } = takeWorkspaceFlag(argv);
  const workspace = new Workspace(resolve(workspaceDir ?? (process.env['DOCKYARD_HOME'] || '.dockyard')));
  const files = new DiskFiles(process.cwd());
  const io = {
    files,
    // `dockyard demo NAME` plays the repository's examples (this file runs from src/ or dist/).
    env: { DOCKYARD_EXAMPLES: fileURLToPath(new URL('../../../examples', import.meta.url)), ...process.env },
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    readLine: lineReader(),
    listen: listenLoopback,
    stdinIsTerminal: process.stdin.isTTY === true,
    ...(process.stdout.isTTY ? { terminal: { columns: process.stdout.columns || 80 } } : {}),
  };

  if (rest[0] === 'init') return init(workspace, rest.slice(1), io.stdout);
  if (rest[0] === 'visualize') return runVisualize(rest.slice(1), io.stdout);
  const serve = rest[0] === 'serve' ? parseServeArgs(rest.slice(1)) : undefined;
  if (serve?.help === true) {
    io.stdout(SERVE_HELP);
    return 0;
  }
  if (isStandalone(rest) && rest[0] !== 'shell' && serve === undefined) {
    const world = World.create(DEFAULT_CONFIG);
    return runCommand(rest, { ...io, world, wait: waiter(world) });
  }

  const shell = rest[0] === 'shell' ? parseShellArgs(rest.slice(1)) : undefined;
  const unlock = workspace.lock();
  try {
    const world = openWorld(workspace);
    if (shell) return await runShell({ workspace, world, files, speed: shell.speed });
    if (serve) return await runServe({ workspace, world, port: serve.port, speed: serve.speed, cwd: process.cwd(), stdout: io.stdout, stderr: io.stderr });
    const session: Session = { ...io, world, wait: waiter(world), ...readStdin(rest) };
    const code = await runCommand(rest, session);
    workspace.save(world, Date.now());
    return code;
  } finally {
    unlock();
  }
}

/** Loads the workspace (creating it on first use) and catches a wall clock up with the time since the last command. */
function openWorld(workspace: Workspace): World {
  const now = Date.now();
  if (!workspace.exists()) return workspace.create(DEFAULT_CONFIG, now);
  const { world, wallTime } = workspace.load();
  if (world.config.clock === 'wall') world.advance(Math.min(Math.max(now - wallTime, 0), WALL_CATCH_UP_CAP_MS));
  return world;
}

/** `Session.wait` for this process: real sleeps on a wall clock, a budget of virtual time on a manual one. */
function waiter(world: World): (ms: number) => Promise<boolean> {
  let interrupted = false;
  process.once('SIGINT', () => (interrupted = true));
  let budget = MANUAL_FOLLOW_BUDGET_MS;
  return async (ms) => {
    if (interrupted) return false;
    if (world.config.clock === 'wall') {
      await sleep(ms);
    } else {
      if (budget <= 0) return false;
      budget -= ms;
    }
    world.advance(ms);
    return !interrupted;
  };
}

/** Reads typed lines from standard input, one at a time, with a prompt when it is a terminal. */
function lineReader(): (prompt: string) => Promise<string | null> {
  let lines: AsyncIterator<string> | undefined;
  return async (prompt) => {
    if (process.stdin.isTTY) process.stdout.write(prompt);
    lines ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
    const next = await lines.next();
    return next.done ? null : next.value;
  };
}

function takeWorkspaceFlag(argv: string[]): { workspaceDir?: string; rest: string[] } {
  const rest = [...argv];
  let workspaceDir: string | undefined;
  while (rest[0]?.startsWith('--workspace')) {
    const arg = rest.shift()!;
    workspaceDir = arg === '--workspace' ? rest.shift() : arg.slice('--workspace='.length);
    if (!workspaceDir) throw new CommandError('error: --workspace needs a directory');
  }
  return { workspaceDir, rest };
}

/**
 * `-f -` reads manifests from standard input, and `docker exec -i` (without -t) feeds it to the
 * command; read it only when asked and not a terminal.
 */
function readStdin(argv: string[]): { stdin?: string } {
  const shortFlags = argv.slice(2).filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const dockerInteractive = argv[0] === 'docker' && argv[1] === 'exec' && (/i/.test(shortFlags) || argv.includes('--interactive')) && !/t/.test(shortFlags) && !argv.includes('--tty');
  // `docker compose exec -T`: no TTY, standard input goes to the command (`exec -T db psql < dump.sql`).
  const composeNoTty = argv[0] === 'docker' && argv[1] === 'compose' && argv.includes('exec') && argv.some((a) => a === '--no-TTY' || /^-[a-zA-Z]*T[a-zA-Z]*$/.test(a));
  const wantsStdin = dockerInteractive || composeNoTty || argv.some((arg, i) => (arg === '-' && ['-f', '--filename', '-i', '--input'].includes(argv[i - 1] ?? '')) || arg === '--filename=-');
  if (!wantsStdin || process.stdin.isTTY) return {};
  return { stdin: readFileSync(0, 'utf8') };
}

function init(workspace: Workspace, args: string[], stdout: (text: string) => void): number {
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  let force = false;
  const flags: Record<string, [keyof WorldConfig, (v: string) => unknown]> = {
    '--nodes': ['nodes', Number],
    '--node-cpu': ['nodeCpu', Number],
    '--node-memory': ['nodeMemory', String],
    '--seed': ['seed', Number],
    '--clock': ['clock', String],
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--force') {
      force = true;
      continue;
    }
    const known = flags[flag];
    const value = inline ?? args[++i];
    if (known === undefined || value === undefined) {
      throw new CommandError(`error: unknown flag or missing value: ${args[i] ?? flag}\nUsage: dockyard init [--nodes N] [--node-cpu 4] [--node-memory 8Gi] [--seed S] [--clock wall|manual] [--force]`);
    }
    config[known[0]] = known[1](value);
  }
  let valid: WorldConfig;
  try {
    valid = validateConfig(config);
  } catch (error) {
    throw new CommandError(`error: ${(error as Error).message}`);
  }
  if (workspace.exists() && !force) {
    throw new CommandError(`error: a workspace already exists in ${workspace.dir}; add --force to replace it`);
  }
  const unlock = workspace.lock();
  try {
    workspace.create(valid, Date.now());
  } finally {
    unlock();
  }
  stdout(
    `Initialized a Dockyard workspace in ${workspace.dir}: ${valid.nodes} node(s) of ${valid.nodeCpu} CPU and ${valid.nodeMemory}, seed ${valid.seed}, ${valid.clock} clock.\n`,
  );
  return 0;
}

// A reader that stops early (`dockyard demo | head`) ends the run quietly, as SIGPIPE ends a Go
// tool (exit status 128 + 13), instead of an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CommandError)) throw error;
  process.stderr.write(error.message.endsWith('\n') ? error.message : error.message + '\n');
  process.exitCode = error.exitCode;
}
