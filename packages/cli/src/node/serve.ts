// `dockyard serve`: runs the workspace's world on a live clock behind the Kubernetes API
// (api-server/), writes a kubeconfig that points at it, saves the world periodically and when
// stopped (Ctrl-C or SIGTERM). main.ts holds the workspace lock the whole time.

import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDuration } from '@dockyard/runtime';
import { CommandError } from '../session.ts';
import type { World } from '../world.ts';
import { type ApiServer, startApiServer } from './api-server/api-server.ts';
import { SERVER_VERSION } from './api-server/discovery.ts';
import { LiveClock } from './live-clock.ts';
import type { Workspace } from './workspace.ts';

/** How often the engine is moved on while serving (wall-clock ms). */
const TICK_MS = 100;
/** How often the world is saved while serving (wall-clock ms). */
export const SAVE_INTERVAL_MS = 15_000;

export interface ServeRun {
  workspace: Workspace;
  world: World;
  port: number;
  speed: number;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The kubeconfig of a served workspace: one cluster, one context, no credentials (plain HTTP on loopback). */
export function kubeconfigFor(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${url}
  name: dockyard
contexts:
- context:
    cluster: dockyard
    namespace: default
    user: dockyard
  name: dockyard
current-context: dockyard
preferences: {}
users:
- name: dockyard
  user: {}
`;
}

export async function runServe(run: ServeRun): Promise<number> {
  const { workspace, world } = run;
  const clock = new LiveClock(world, run.speed);
  // A failure inside the engine (a component's bug) is reported; the server goes on serving.
  const settle = () => {
    try {
      clock.sync();
    } catch (error) {
      run.stderr(`internal error while running the simulation: ${(error as Error)?.stack ?? String(error)}\n`);
      throw error;
    }
  };
  let server: ApiServer;
  try {
    server = await startApiServer({
      cluster: world.cluster,
      port: run.port,
      now: () => world.engine.now,
      settle,
      report: (text) => run.stderr(`internal error: ${text}`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CommandError(`error: port ${run.port} on 127.0.0.1 is in use; pass --port N (0 picks a free one)`);
    }
    throw error;
  }
  const kubeconfig = join(workspace.dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(server.url));
  const shown = relative(run.cwd, kubeconfig);
  const pace = run.speed === 0 ? 'Virtual time is stopped' : `Virtual time runs at ${run.speed}x`;
  run.stdout(
    `Dockyard Kubernetes API (${SERVER_VERSION.gitVersion}) serving ${workspace.dir} on ${server.url}\n` +
      `${pace} (now ${formatDuration(world.engine.now)}).\n\n` +
      `Point kubectl at it:\n` +
      `  export KUBECONFIG=${shown.startsWith('..') || shown === '' ? kubeconfig : shown}\n` +
      `  kubectl get pods -A\n\n` +
      `Press Ctrl-C to stop; the workspace is saved every ${SAVE_INTERVAL_MS / 1000}s and on exit.\n`,
  );

  const ticker = setInterval(() => {
    try {
      settle();
    } catch {
      // Reported by settle; the next tick goes on.
    }
  }, TICK_MS);
  const saver = setInterval(() => workspace.save(world, Date.now()), SAVE_INTERVAL_MS);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  clearInterval(ticker);
  clearInterval(saver);
  await server.close();
  try {
    settle();
  } catch {
    // Save what there is.
  }
  workspace.save(world, Date.now());
  run.stdout(`Stopped at virtual time ${formatDuration(world.engine.now)}; the workspace is saved.\n`);
  return 0;
}
