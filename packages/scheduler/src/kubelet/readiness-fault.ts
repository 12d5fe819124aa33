// The break-readiness fault: what a container stops doing so that its readiness probe fails the
// way it does in real clusters, never a Pod status written by hand. The kubelet's prober then
// counts failureThreshold failures, sets the container not ready, and the EndpointSlice
// controller takes the pod out of its Services (reference §2: readiness failures only set
// `ready` false and stop traffic; the container is not restarted).
//   httpGet    the program answers the probe's path on its port with 503 Service Unavailable, as
//              an application does when a dependency its /ready handler checks is gone;
//   tcpSocket, grpc  the program stops accepting connections on the probe's port (it hangs): the
//              probe times out;
//   exec       the file the probe's command reads (`cat /tmp/healthy`, `test -f`, `ls`, `stat`)
//              disappears, as the Kubernetes docs' probe example does with `rm -f /tmp/healthy`
//              (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/).
// An endpoint fault stays with the container (every new instance answers the same way) until
// fix-readiness; a removed file is a one-off that fix-readiness writes back.

import type { FailingEndpoint } from '@dockyard/runtime';
import type { Container } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { resolvePort } from './probes.ts';

export type ReadinessTarget = { kind: 'endpoint'; endpoint: FailingEndpoint; what: string } | { kind: 'file'; path: string; what: string };

/** Commands that fail when the file they are given is missing. */
const FILE_READERS = new Set(['cat', 'test', '[', 'ls', 'stat', 'head']);

/** What to break so that `container`'s readiness probe fails; a string says why nothing can be. */
export function readinessTarget(container: DeepReadonly<Container>): ReadinessTarget | string {
  const probe = container.readinessProbe;
  if (probe === undefined) return `container ${JSON.stringify(container.name)} has no readiness probe`;
  if (probe.httpGet !== undefined) {
    const port = resolvePort(probe.httpGet.port, container);
    if (port === undefined) return `the readiness probe's port ${JSON.stringify(probe.httpGet.port)} names no port of container ${JSON.stringify(container.name)}`;
    const raw = probe.httpGet.path || '/';
    const path = (raw.startsWith('/') ? raw : `/${raw}`).split('?')[0]!;
    return { kind: 'endpoint', endpoint: { port, path }, what: `answers GET ${path} on port ${port} with 503 Service Unavailable` };
  }
  if (probe.tcpSocket !== undefined || probe.grpc !== undefined) {
    const port = probe.tcpSocket !== undefined ? resolvePort(probe.tcpSocket.port, container) : probe.grpc!.port;
    if (port === undefined) return `the readiness probe's port ${JSON.stringify(probe.tcpSocket?.port)} names no port of container ${JSON.stringify(container.name)}`;
    return { kind: 'endpoint', endpoint: { port }, what: `stops accepting connections on port ${port}` };
  }
  const command = probe.exec?.command ?? [];
  const program = (command[0] ?? '').split('/').at(-1)!;
  const file = [...command].reverse().find((arg) => arg.startsWith('/'));
  if (probe.exec !== undefined && FILE_READERS.has(program) && file !== undefined) return { kind: 'file', path: file, what: `lost ${file}, which its readiness probe reads` };
  return `the readiness probe runs ${JSON.stringify(command.join(' '))}: only an httpGet, tcpSocket or grpc probe, or an exec probe reading a file (cat /tmp/healthy), can be broken`;
}
