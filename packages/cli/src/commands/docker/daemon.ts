// Shared by the docker verbs: the daemon's errors in docker's words, waiting on virtual time, and
// printing what containers write.

import { DockerError, type LogStream } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';

/**
 * What a `docker run` or `docker start` costs in time before the CLI returns: the API calls to
 * dockerd, containerd and runc that create and start the task, a few hundred milliseconds on a
 * laptop. The container's process has been running meanwhile.
 */
export const START_ROUND_TRIP_MS = 300;

/** Runs a daemon call; a DockerError becomes `Error response from daemon: ...` and exit 1. */
export function daemon<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof DockerError) throw new CommandError(`Error response from daemon: ${error.message}`, 1);
    throw error;
  }
}

/** `docker run`'s way of failing: `docker: <message>.` then a pointer to help. */
export function runError(verb: string, message: string, exitCode: number): CommandError {
  return new CommandError(`docker: ${message.replace(/\.$/, '')}.\nSee 'docker ${verb} --help'.`, exitCode);
}

/**
 * Lets virtual time pass until `done()` holds, in steps that jump to the engine's next task (so
 * nothing is skipped and idle stretches cost one step). False when the wait was cut short.
 */
export async function waitFor(session: Session, done: () => boolean, onStep?: () => void, maxStepMs = 1000): Promise<boolean> {
  const engine = session.world.engine;
  while (!done()) {
    const next = engine.nextTaskTime;
    const step = next === undefined ? maxStepMs : Math.min(maxStepMs, Math.max(1, next - engine.now));
    const more = await session.wait(step);
    onStep?.();
    if (!more) return done();
  }
  return true;
}

export function print(session: Session, chunks: readonly [LogStream | 'stdout' | 'stderr', string][]): void {
  for (const [stream, text] of chunks) (stream === 'stderr' ? session.stderr : session.stdout).call(session, text);
}

/** Docker's check of an image reference: lowercase repository, optional registry, tag or digest. */
export function referenceError(reference: string): string | undefined {
  const match = /^(?:([a-zA-Z0-9.-]+(?::\d+)?)\/)?([a-zA-Z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(reference);
  if (!match || reference.includes('//') || /[/._-]$/.test(match[2] ?? '')) return 'invalid reference format';
  const repo = match[2]!;
  if (repo !== repo.toLowerCase()) return `invalid reference format: repository name (${match[1] ? '' : repo.includes('/') ? '' : 'library/'}${repo}) must be lowercase`;
  return undefined;
}

/**
 * Runs `action` for each name given, as docker's multi-object verbs do: the ones that worked are
 * printed, the errors of the others are reported together at the end with exit status 1.
 */
export async function eachRef(session: Session, refs: readonly string[], action: (ref: string) => unknown): Promise<number> {
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      await action(ref);
      session.stdout(ref + '\n');
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      errors.push(error.message);
    }
  }
  if (errors.length > 0) throw new CommandError(errors.join('\n'), 1);
  return 0;
}

/** A verb made of subcommands (`docker network ls`, `docker volume rm`), with docker's aliases ls/list and rm/remove. */
export function subcommandVerb(name: string, summary: string, subcommands: Record<string, [string, (args: string[], session: Session) => number | Promise<number>]>): DockerVerb {
  return {
    name,
    summary,
    async run(args, session) {
      const [sub, ...rest] = args;
      const key = sub === 'list' ? 'ls' : sub === 'remove' ? 'rm' : (sub ?? '');
      const entry = subcommands[key];
      if (entry === undefined) {
        const width = Math.max(...Object.keys(subcommands).map((k) => k.length)) + 2;
        const lines = Object.entries(subcommands).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, [text]]) => `  ${k.padEnd(width)}${text}`);
        session.stdout(`\nUsage:  docker ${name} COMMAND\n\n${summary}\n\nCommands:\n${lines.join('\n')}\n`);
        return sub === undefined ? 0 : 1;
      }
      return entry[1](rest, session);
    },
  };
}
