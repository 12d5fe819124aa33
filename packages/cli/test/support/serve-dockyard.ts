// Starts the real `dockyard serve` in a sandbox workspace (as a user would, in the background),
// waits for the line with its URL, and runs the stock kubectl against it through the kubeconfig
// it writes. kubectl runs in UTC with a private HOME, so its discovery cache is its own.
import { type ChildProcess, type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { World } from '../../src/world.ts';
import { sandbox } from './run-dockyard.ts';

const bin = join(import.meta.dirname, '../../bin/dockyard.js');

export interface Served {
  readonly dir: string;
  readonly url: string;
  readonly kubeconfig: string;
  /** Everything the server printed so far. */
  output(): { stdout: string; stderr: string };
  kubectl(...args: string[]): Promise<CommandRun>;
  /** kubectl with standard input. */
  kubectlInput(stdin: string, ...args: string[]): Promise<CommandRun>;
  /** Starts kubectl and hands back the process (for `get -w`). */
  kubectlProcess(...args: string[]): ChildProcess;
  /** Starts kubectl on a terminal of its own (script(1)'s pty), for `-it`; its stdin is typed keys. */
  kubectlTerminal(...args: string[]): ChildProcessWithoutNullStreams;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
  /** The saved workspace's world (after `stop`). */
  savedWorld(): World;
}

/** script(1) runs a command on a pseudo-terminal; kubectl's -t wants one. */
export const scriptInstalled: boolean = spawnSync('script', ['--version']).status === 0;

export interface CommandRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** A new manual-clock workspace in a directory of its own (`init` args may add more). */
export function newWorkspace(...initArgs: string[]): ReturnType<typeof sandbox> {
  const box = sandbox();
  const init = box.dockyard('init', '--clock', 'manual', ...initArgs);
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  return box;
}

/** `dockyard serve --port 0 ...serveArgs` in `dir`, once it prints its URL. */
/**
 * `dockyard serve` of a fresh workspace with its clock standing still (`--speed 0`), started before
 * the enclosing describe's first test and stopped after its last.
 */
export function useServe(): { readonly served: Served } {
  let served: Served | undefined;
  beforeAll(async () => {
    served = await startServe(newWorkspace().dir, '--speed', '0');
  }, 120_000);
  afterAll(async () => {
    await served?.stop();
  });
  return {
    get served() {
      if (served === undefined) throw new Error('dockyard serve is not running yet: use it inside a test');
      return served;
    },
  };
}

export async function startServe(dir: string, ...serveArgs: string[]): Promise<Served> {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const env = { ...process.env };
  delete env['DOCKYARD_HOME'];
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...serveArgs], { cwd: dir, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = /on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (found) resolve(found[1]!);
    };
    child.stdout.on('data', look);
    void exited.then((code) => reject(new Error(`dockyard serve exited ${code}: ${stdout}${stderr}`)));
  });
  const kubeconfig = join(dir, '.dockyard', 'kubeconfig');
  const kubectlEnv = { PATH: process.env['PATH'] ?? '', HOME: home, TZ: 'UTC', KUBECONFIG: kubeconfig };
  const kubectlBin = process.env['DOCKYARD_TEST_KUBECTL'] ?? 'kubectl';
  const run = (stdin: string | undefined, args: string[]) =>
    new Promise<CommandRun>((resolve) => {
      const proc = execFile(kubectlBin, args, { cwd: dir, env: kubectlEnv, encoding: 'utf8', timeout: 60_000 }, (error, out, err) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ stdout: out, stderr: err, status });
      });
      if (stdin !== undefined) proc.stdin!.end(stdin);
    });
  return {
    dir,
    url,
    kubeconfig,
    output: () => ({ stdout, stderr }),
    kubectl: (...args) => run(undefined, args),
    kubectlInput: (stdin, ...args) => run(stdin, args),
    kubectlProcess: (...args) => spawn(kubectlBin, args, { cwd: dir, env: kubectlEnv }),
    kubectlTerminal: (...args) => spawn('script', ['-qec', [kubectlBin, ...args].join(' '), '/dev/null'], { cwd: dir, env: { ...kubectlEnv, TERM: 'dumb' } }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    savedWorld: () => World.load((JSON.parse(readFileSync(join(dir, '.dockyard', 'workspace.json'), 'utf8')) as { world: unknown }).world),
  };
}
