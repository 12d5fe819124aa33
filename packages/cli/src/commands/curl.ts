// `dockyard curl URL`: an HTTP request from the user's machine. localhost is the Docker host, so
// published container ports answer; other destinations are whatever the world's fabric routes
// (NodePorts, LoadBalancer IPs and Ingress hosts plug in there as routes and DNS servers).

import { resolvePath, runCurl } from '@dockyard/runtime';
import type { Session } from '../session.ts';
import type { TopCommand } from './command.ts';

export const curlCommand: TopCommand = {
  name: 'curl',
  summary: 'Send an HTTP request from your machine (published ports on localhost, ...)',
  async run(args, session) {
    const { fabric, dockerHost } = session.world;
    const from = dockerHost.netns;
    return runCurl(
      ['curl', ...args],
      {
        out: (text) => session.stdout(text),
        err: (text) => session.stderr(text),
        writeFile: (path, body) => writeUserFile(session, path, body),
      },
      {
        request(host, port, request) {
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
