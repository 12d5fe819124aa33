// `dockyard curl URL`: an HTTP request from the user's machine. The cluster answers first, as a
// kind cluster's port mappings make it: Ingress hosts and localhost:80/443 reach ingress-nginx,
// localhost:<nodePort> and node addresses reach NodePorts, LoadBalancer IPs reach MetalLB's node.
// Everything else is the Docker host: published container ports on localhost. A local port that a
// running `kubectl port-forward` holds comes first. A port the Docker
// host publishes on localhost is its own, even 80/443 (`ports: ["80:80"]`, `docker run -p 80:80`):
// on a real machine only one of Docker and kind's port mapping could hold it, and the user who
// published it expects their container; an Ingress host name still goes to ingress-nginx.

import { resolvePath, runCurl } from '@dockyard/runtime';
import type { Session } from '../session.ts';
import type { TopCommand } from './command.ts';

export const curlCommand: TopCommand = {
  name: 'curl',
  summary: 'Send an HTTP request from your machine (published ports on localhost, ...)',
  async run(args, session) {
    const { fabric, dockerHost, cluster } = session.world;
    const from = dockerHost.netns;
    return runCurl(
      ['curl', ...args],
      {
        out: (text) => session.stdout(text),
        err: (text) => session.stderr(text),
        writeFile: (path, body) => writeUserFile(session, path, body),
        readFile: (path) => readUserFile(session, path),
      },
      {
        request(host, port, request) {
          // A port `kubectl port-forward` holds on this machine.
          const forward = host === 'localhost' || host === '127.0.0.1' ? session.world.portForwards.get(port) : undefined;
          if (forward !== undefined) return forward(request);
          const published = (host === 'localhost' || host === '127.0.0.1') && typeof fabric.connect(from, '127.0.0.1', port) !== 'string';
          if (published) return fabric.http(from, '127.0.0.1', port, request);
          const viaCluster = cluster.dataPlane.external(
            { scheme: port === 443 ? 'https' : 'http', host, port, method: request.method, path: request.path, headers: request.headers, body: request.body },
            cluster.upstream,
          );
          if (viaCluster.kind === 'response') return { ...viaCluster.response, certificate: viaCluster.certificate };
          if (viaCluster.kind === 'failure') return viaCluster.failure;
          const ip = fabric.resolve(from, host)?.[0];
          if (ip === undefined) return 'unknown-host';
          return fabric.http(from, ip, port, request);
        },
      },
      'curl/8.5.0',
    );
  },
};

function writeUserFile(session: Session, path: string, body: string): boolean {
  try {
    session.files.writeFile(resolvePath(session.files.cwd, path), body);
    return true;
  } catch {
    return false;
  }
}

function readUserFile(session: Session, path: string): string | undefined {
  try {
    return session.files.readText(resolvePath(session.files.cwd, path));
  } catch {
    return undefined;
  }
}
