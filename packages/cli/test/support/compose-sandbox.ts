// A compose project in a fresh directory, driven through the real dockyard executable on a manual
// clock: the project is named after its directory, as compose names it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Run } from './run-dockyard.ts';

const bin = join(import.meta.dirname, '../../bin/dockyard.js');

/** The tutorial's app: compose file, override, Dockerfile and sources. */
export const COMPOSE_APP = join(import.meta.dirname, '../../../../examples/compose-app');

export interface ComposeSandbox {
  /** The project directory (commands run here). */
  dir: string;
  dockyard(...args: string[]): Run;
  /** The same with `stdin` piped in (`echo ... | dockyard ...`). */
  piped(stdin: string, ...args: string[]): Run;
  write(file: string, text: string): void;
  /** Virtual time now, in ms. */
  now(): number;
  /** Virtual times (ms) a container's health status changed, from the event log. */
  healthChanges(container: string): { t: number; status: string }[];
}

export function composeSandbox(project: string, files: Record<string, string> | string): ComposeSandbox {
  const root = mkdtempSync(join(tmpdir(), 'dockyard-compose-'));
  const dir = join(root, project);
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env };
  delete env['DOCKYARD_HOME'];
  delete env['COMPOSE_FILE'];
  delete env['COMPOSE_PROJECT_NAME'];
  delete env['NO_COLOR'];
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  if (typeof files === 'string') cpSync(files, dir, { recursive: true });
  else for (const [file, text] of Object.entries(files)) write(file, text);
  const piped = (stdin: string | undefined, ...args: string[]): Run => {
    const result = spawnSync(process.execPath, [bin, '--workspace', join(root, '.dockyard'), ...args], { cwd: dir, encoding: 'utf8', env, input: stdin });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  };
  const dockyard = (...args: string[]): Run => piped(undefined, ...args);
  dockyard('init', '--clock', 'manual');
  return {
    dir,
    dockyard,
    piped: (stdin, ...args) => piped(stdin, ...args),
    write,
    now() {
      const text = dockyard('advance', '0s').stdout;
      const match = /Virtual time is now (.*)\.$/m.exec(text);
      if (!match) throw new Error(`no time in ${JSON.stringify(text)}`);
      return parseGoDuration(match[1]!);
    },
    healthChanges(container) {
      return dockyard('events', '-o', 'json')
        .stdout.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { t: number; type: string; name?: string; status?: string })
        .filter((r) => r.type === 'container.health_status' && r.name === container)
        .map((r) => ({ t: r.t, status: r.status! }));
    },
  };
}

/** `1m23.5s` → ms. */
function parseGoDuration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/([\d.]+)(ms|h|m|s)/g)) ms += Number(n) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit as 'h' | 'm' | 's' | 'ms'];
  return Math.round(ms);
}

/** Compose's progress lines without the pulled layers' (` 3abedde607b0 Pull complete `). */
export function withoutLayers(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^ [0-9a-f]{12} /.test(line))
    .join('\n');
}

/** The last frame of a `--progress tty` display, without its control sequences. */
export function lastFrame(stderr: string): string {
  const frames = stderr.split('\x1b[?25l');
  return frames[frames.length - 1]!.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}
