// `dockyard serve [--port 6443] [--speed 1]`: the workspace's cluster behind a Kubernetes API on
// loopback, for the stock kubectl. The words are read here; the serving is Node's
// (src/node/serve.ts), run by main.ts.
import { CommandError } from '../session.ts';

/** The port kube-apiserver listens on. */
export const DEFAULT_SERVE_PORT = 6443;

export const SERVE_SUMMARY = 'Serve the Kubernetes API on 127.0.0.1 for the real kubectl (--port N, --speed X)';

export const SERVE_HELP = `Serve the workspace's cluster as a Kubernetes API server (v1.33) on 127.0.0.1, so the real
kubectl (or any Kubernetes client) drives the simulation. Virtual time runs on while it serves:
the wall clock times --speed. A kubeconfig for it is written to the workspace's kubeconfig file;
the workspace is saved every few seconds and when the server stops (Ctrl-C).

Usage:
  dockyard serve [--port N] [--speed X]

Options:
  --port N     the port to listen on (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --speed X    virtual seconds per wall-clock second, 0 to 100 (default 1); 0 stops the clock:
               the controllers still answer each request, but no time passes

Example:
  dockyard serve &
  export KUBECONFIG=.dockyard/kubeconfig
  kubectl create deployment web --image=nginx:1.25 --replicas=3
  kubectl get pods -w
`;

export interface ServeOptions {
  port: number;
  speed: number;
  help: boolean;
}

export function parseServeArgs(args: readonly string[]): ServeOptions {
  const options: ServeOptions = { port: DEFAULT_SERVE_PORT, speed: 1, help: false };
  const usage = 'Usage: dockyard serve [--port N] [--speed X]';
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') {
      options.help = true;
      continue;
    }
    if (flag !== '--port' && flag !== '--speed') throw new CommandError(`error: unknown flag: ${args[i]}\n${usage}`);
    const value = inline ?? args[++i];
    if (flag === '--port') {
      const port = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
        throw new CommandError(`error: --port takes a port number from 0 to 65535${value === undefined ? '' : `, not ${JSON.stringify(value)}`}`);
      }
      options.port = port;
    } else {
      const speed = Number(value);
      if (value === undefined || value.trim() === '' || !(speed >= 0 && speed <= 100)) {
        throw new CommandError(`error: --speed takes a number from 0 to 100${value === undefined ? '' : `, not ${JSON.stringify(value)}`}`);
      }
      options.speed = speed;
    }
  }
  return options;
}
