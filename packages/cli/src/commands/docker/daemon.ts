// Shared by the docker verbs: the daemon's errors in docker's words, waiting on virtual time, and
// printing what containers write.

import { DockerError, type LogStream } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';

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
