// Following a container's or an exec's output while virtual time passes, and typing into it
// when it was started with -it.

import type { ContainerRuntime } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import { print, waitFor } from './daemon.ts';

/**
 * Prints the container's log as it grows until it stops (not restarting); returns its exit code.
 * `from` is the first log line to print: 0 for a run attached from its start.
 */
export async function attachContainer(session: Session, id: string, interactive: boolean, from = 0): Promise<number | undefined> {
  const { runtime, docker } = session.world;
  const flush = () => {
    const chunks = runtime.logs(id, {}, from);
    from += chunks.length;
    print(session, chunks);
  };
  flush();
  const stopped = () => {
    const c = docker.find(id);
    return c === undefined || (!c.restarting && runtime.get(id)?.state.status !== 'running');
  };
  for (;;) {
    if (interactive) {
      const prompt = runtime.containerPrompt(id);
      if (prompt !== undefined && !stopped()) {
        const line = await session.readLine(prompt);
        runtime.containerInput(id, line);
        flush();
        continue;
      }
    }
    const done = await waitFor(session, () => stopped() || (interactive && runtime.containerPrompt(id) !== undefined), flush);
    flush();
    if (!done) return undefined;
    if (stopped()) return runtime.get(id)?.state.exitCode ?? 0;
  }
}

/**
 * Runs an exec to its end, printing its output and answering its prompts; returns its exit code.
 * `runtime` is the Docker host's unless said (`kubectl exec` passes the pod's node's).
 */
export async function attachExec(session: Session, execId: string, interactive: boolean, runtime: ContainerRuntime = session.world.runtime): Promise<number | undefined> {
  const flush = () => print(session, runtime.takeExecOutput(execId));
  flush();
  for (;;) {
    const exec = runtime.exec(execId);
    if (exec === undefined) return undefined;
    if (!exec.running) {
      flush();
      runtime.execForget(execId);
      return exec.exitCode;
    }
    const prompt = runtime.execPrompt(execId);
    if (interactive && prompt !== undefined) {
      const line = await session.readLine(prompt);
      runtime.execInput(execId, line);
      flush();
      continue;
    }
    const done = await waitFor(session, () => !runtime.exec(execId)?.running || (interactive && runtime.execPrompt(execId) !== undefined), flush);
    if (!done) return undefined;
  }
}
