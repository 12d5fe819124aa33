// `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: while it runs, a request to
// localhost:LOCAL_PORT reaches the pod's REMOTE_PORT, the way the kubelet connects to it from
// inside the pod's network. `dockyard curl localhost:LOCAL_PORT` reaches it in the same world, and
// from the Node CLI a real loopback listener lets any HTTP client on the machine in. A Service's
// port is translated to its pod's target port as kubectl does; it stops when the pod does.
// [kubectl pkg/cmd/portforward/portforward.go (Complete, translateServicePortToTargetPort,
// checkUDPPorts), client-go tools/portforward (the "Forwarding from" and "Handling connection" lines)]

import type { Pod, Service } from 'kubernetes-types/core/v1';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { podFor } from './pod-target.ts';
import { resolveType, storeKind } from './resource-builder.ts';

interface Mapping {
  local: number;
  remote: number;
  /** As typed (`8080:http`), for the service translation's errors. */
  spec: string;
}

export const portForwardCommand: KubectlCommand = {
  name: 'port-forward',
  summary: 'Forward one or more local ports to a pod',
  description:
    'Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to \'pod\' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.',
  examples: [
    ['Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod', 'kubectl port-forward pod/mypod 5000 6000'],
    ['Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment', 'kubectl port-forward deployment/mydeployment 5000 6000'],
    ['Listen on port 8443 locally, forwarding to the targetPort of the service\'s port named "https" in a pod selected by the service', 'kubectl port-forward service/myservice 8443:https'],
    ['Listen on port 8888 locally, forwarding to 5000 in the pod', 'kubectl port-forward pod/mypod 8888:5000'],
    ['Listen on a random port locally, forwarding to 5000 in the pod', 'kubectl port-forward pod/mypod :5000'],
  ],
  usage: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    { name: 'address', kind: 'stringSlice', default: ['localhost'], usage: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.' },
    { name: 'pod-running-timeout', kind: 'duration', default: 60_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  async run(client, flags) {
    const args = flags.positional;
    if (args.length < 2) throw client.usageError('TYPE/NAME and list of ports are required for port-forward');
    const addresses = flags.list('address');
    for (const address of addresses) {
      if (address !== 'localhost' && address !== '127.0.0.1') throw client.error(`Dockyard forwards on localhost only, not ${address}`);
    }
    const target = args[0]!;
    const pod = await podFor(client, target, flags.duration('pod-running-timeout'));
    const mappings = parsePorts(client, args.slice(1), serviceOf(client, target), pod);
    if (pod.status?.phase !== 'Running') throw client.error(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);

    const namespace = pod.metadata?.namespace ?? client.namespace;
    const name = pod.metadata?.name ?? '';
    const { world } = client.session;
    const live = () => client.store.tryGet('Pod', namespace, name) as Pod | undefined;
    const closers: (() => void)[] = [];
    try {
      for (const mapping of mappings) {
        const forward = (request: Parameters<typeof world.fabric.http>[3]) => {
          client.out(`Handling connection for ${mapping.local}\n`);
          const current = live();
          const node = world.cluster.node(current?.spec?.nodeName ?? '');
          const ip = current?.status?.podIP;
          const answer = node === undefined || ip === undefined ? 'refused' : world.fabric.http(node.host.netns, ip, mapping.remote, request);
          if (typeof answer === 'string') {
            client.klog(
              'E',
              'portforward.go:424',
              `"Unhandled Error" err="an error occurred forwarding ${mapping.local} -> ${mapping.remote}: error forwarding port ${mapping.remote} to pod ${current?.metadata?.uid ?? ''}, uid : failed to connect to localhost:${mapping.remote} inside namespace: connect: connection refused"`,
            );
          }
          return answer;
        };
        if (client.session.listen !== undefined) {
          const opened = await client.session.listen(mapping.local, (request) => {
            const answer = forward(request);
            return typeof answer === 'string' ? undefined : answer;
          }).catch((error: Error) => {
            throw new CommandError(
              `Unable to listen on port ${mapping.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${mapping.local}: ${error.message}]\n` +
                `error: unable to listen on any of the requested ports: [{${mapping.local} ${mapping.remote}}]`,
            );
          });
          mapping.local = opened.port;
          closers.push(() => opened.close());
        } else if (mapping.local === 0) {
          mapping.local = client.session.world.engine.random.int(32768, 60999);
        }
        world.portForwards.set(mapping.local, forward);
        closers.push(() => world.portForwards.delete(mapping.local));
        client.out(`Forwarding from 127.0.0.1:${mapping.local} -> ${mapping.remote}\nForwarding from [::1]:${mapping.local} -> ${mapping.remote}\n`);
      }
      // Runs until interrupted (or, on a manual clock, until its budget of virtual time is used),
      // or until the pod stops running.
      const stopped = () => live()?.status?.phase !== 'Running' || live()?.metadata?.deletionTimestamp !== undefined;
      await waitFor(client.session, stopped);
      if (stopped()) throw client.error('lost connection to pod');
    } finally {
      for (const close of closers.reverse()) close();
    }
    return 0;
  },
};

/** The Service a `service/NAME` argument names (its ports are translated), else undefined. */
function serviceOf(client: Client, argument: string): Service | undefined {
  const slash = argument.indexOf('/');
  if (slash < 0) return undefined;
  const type = resolveType(client.store, argument.slice(0, slash));
  if (type.kind !== 'Service') return undefined;
  return client.store.get(storeKind(type), client.namespace, argument.slice(slash + 1)) as unknown as Service;
}

/** `8080`, `8080:80`, `:80`; through a Service, its port (number or name) becomes the pod's target port. */
function parsePorts(client: Client, specs: readonly string[], service: Service | undefined, pod: Pod): Mapping[] {
  return specs.map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw client.error(`invalid port format '${spec}'`);
    const [localText, remoteText] = parts.length === 2 ? parts : [parts[0]!, parts[0]!];
    const local = localText === '' || !/^\d+$/.test(localText!) ? 0 : Number(localText);
    if (parts.length === 2 && localText !== '' && !/^\d+$/.test(localText!)) throw client.error(`Error parsing local port '${localText}': strconv.ParseUint: parsing ${JSON.stringify(localText)}: invalid syntax`);
    const remote = service === undefined ? containerPort(client, remoteText!, pod) : targetPort(client, remoteText!, service, pod);
    // A lone number listens on that number (a Service's port, not its target); a lone name on the port it names.
    return { local: localText === '' ? 0 : /^\d+$/.test(localText!) ? local : remote, remote, spec };
  });
}

/** A pod port: a number, or the name of one of its containers' ports. */
function containerPort(client: Client, text: string, pod: Pod): number {
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535) throw client.error(`Error parsing remote port '${text}': port must be > 0`);
    return port;
  }
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) if (port.name === text) return port.containerPort;
  }
  throw client.error(`Pod '${pod.metadata?.name}' does not have a named port '${text}'`);
}

/** kubectl's translateServicePortToTargetPort: the service port (by number or name) to its pod's port. */
function targetPort(client: Client, text: string, service: Service, pod: Pod): number {
  const port = (service.spec?.ports ?? []).find((p) => (/^\d+$/.test(text) ? p.port === Number(text) : p.name === text));
  if (port === undefined) {
    if (/^\d+$/.test(text)) throw client.error(`Service ${service.metadata?.name} does not have a service port ${text}`);
    throw client.error(`Service '${service.metadata?.name}' does not have a named port '${text}'`);
  }
  const target = port.targetPort ?? port.port;
  return typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : containerPort(client, target, pod);
}
