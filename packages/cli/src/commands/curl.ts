// `dockyard curl URL`: an HTTP request from the user's machine. The cluster answers first, as a
// kind cluster's port mappings make it: Ingress hosts and localhost:80/443 reach ingress-nginx,
// localhost:<nodePort> and node addresses reach NodePorts, LoadBalancer IPs reach MetalLB's node.
// Everything else is the Docker host: published container ports on localhost.

import { inSubnet, type NetNamespace, resolvePath, runCurl } from '@dockyard/runtime';
import type { Cluster } from '@dockyard/scheduler';
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
      },
      {
        request(host, port, request) {
          const viaCluster = cluster.dataPlane.external(
            { scheme: port === 443 ? 'https' : 'http', host, port, method: request.method, path: request.path, headers: request.headers, body: request.body },
            // The request reached the cluster: kindnet routes each node's pod /24 to that node,
            // which hands it to its pod (the Docker host itself has no route to pod addresses).
            (ip, toPort, sent) => fabric.http(podNode(cluster, ip) ?? from, ip, toPort, sent),
          );
          if (viaCluster.kind === 'response') return viaCluster.response;
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

/** The network namespace of the node whose pod CIDR holds `ip`. */
function podNode(cluster: Cluster, ip: string): NetNamespace | undefined {
  for (const node of cluster.store.list('Node').items) {
    const cidr = node.spec?.podCIDR;
    if (cidr !== undefined && inSubnet(ip, cidr)) return cluster.node(node.metadata!.name!)?.host.netns;
  }
  return undefined;
}

function writeUserFile(session: Session, path: string, body: string): boolean {
  try {
    session.files.writeFile(resolvePath(session.files.cwd, path), body);
    return true;
  } catch {
    return false;
  }
}
