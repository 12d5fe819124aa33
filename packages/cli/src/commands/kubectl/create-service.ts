// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=PORT:TARGET`:
// a Service selecting `app: NAME`, one TCP port per --tcp pair, named `PORT-TARGET`.
// [kubectl pkg/cmd/create/create_service.go createService, Validate, parsePorts]

import type { KubectlCommand } from './command.ts';
import type { FlagSpec } from './flags.ts';
import { generatedMeta, generatorFlags, nameArgument, requireFlags, submitGenerated } from './generated-object.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

const TCP_FLAG: FlagSpec = { name: 'tcp', kind: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." };

function serviceCommand(name: string, type: ServiceType, extra: FlagSpec[], usage: string, example: string): KubectlCommand {
  return {
    name,
    summary: `Create a${type === 'ExternalName' ? 'n' : ''} ${type} service`,
    description: `Create a${type === 'ExternalName' ? 'n' : ''} ${type} service with the specified name.`,
    examples: [[`A new ${type} service named my-svc`, example]],
    usage,
    flags: [...generatorFlags(), TCP_FLAG, ...extra],
    async run(client, flags) {
      if (type === 'ExternalName') requireFlags(client, flags, ['external-name']);
      const serviceName = nameArgument(client, flags);
      const clusterIP = type === 'ClusterIP' ? flags.string('clusterip') : '';
      const tcp = flags.list('tcp');
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw client.error('at least one tcp port specifier must be provided');
      const externalName = type === 'ExternalName' ? flags.string('external-name') : '';
      if (type === 'ExternalName' && !isDns1123Subdomain(externalName)) throw client.error(`invalid service external name ${externalName}`);
      const nodePort = type === 'NodePort' ? flags.int('node-port') : 0;
      const ports = tcp.map((pair) => {
        const [port, target] = parsePorts(pair, (message) => client.error(message));
        return { name: pair.replace(/:/g, '-'), ...(nodePort !== 0 ? { nodePort } : {}), port, protocol: 'TCP', targetPort: target };
      });
      const labels = { app: serviceName };
      return submitGenerated(
        client,
        flags,
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: generatedMeta(client, serviceName, labels),
          spec: {
            ...(clusterIP !== '' ? { clusterIP } : {}),
            ...(externalName !== '' ? { externalName } : {}),
            ...(ports.length > 0 ? { ports } : {}),
            selector: labels,
            type,
          },
          status: { loadBalancer: {} },
        } as never,
        `failed to create ${type} service`,
      );
    },
  };
}

/** `80`, `80:8080`, `80:http`: the port and the target port (a number or a port name). */
function parsePorts(pair: string, fail: (message: string) => Error): [number, number | string] {
  const [portText = '', targetText] = pair.split(':');
  if (!/^\d+$/.test(portText)) throw fail(`strconv.ParseUint: parsing ${JSON.stringify(portText)}: invalid syntax`);
  const port = Number(portText);
  if (port > 65535) throw fail(`strconv.ParseUint: parsing ${JSON.stringify(portText)}: value out of range`);
  if (targetText === undefined) return [port, port];
  if (/^[+-]?\d+$/.test(targetText)) {
    const target = Number(targetText);
    if (target < 1 || target > 65535) throw fail('must be between 1 and 65535, inclusive');
    return [port, target];
  }
  const problems = portNameProblems(targetText);
  if (problems.length > 0) throw fail(problems.join(','));
  return [port, targetText];
}

/** validation.IsValidPortName: at most 15 characters of a-z, 0-9 and -, with a letter, no leading, trailing or double hyphens. */
function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (/^-|-$/.test(name)) problems.push('must not begin or end with a hyphen');
  return problems;
}

function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value);
}

export const createServiceCommand: KubectlCommand = {
  name: 'service',
  aliases: ['svc'],
  summary: 'Create a service using a specified subcommand',
  description: 'Create a service using a specified subcommand.',
  usage: 'service [flags]',
  helpStream: 'stderr',
  subcommands: [
    serviceCommand(
      'clusterip',
      'ClusterIP',
      [{ name: 'clusterip', kind: 'string', usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." }],
      'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
      'kubectl create service clusterip my-svc --tcp=5678:8080',
    ),
    serviceCommand(
      'nodeport',
      'NodePort',
      [{ name: 'node-port', kind: 'int', usage: 'Port used to expose the service on each node in a cluster.' }],
      'nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
      'kubectl create service nodeport my-svc --tcp=5678:8080',
    ),
    serviceCommand('loadbalancer', 'LoadBalancer', [], 'loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]', 'kubectl create service loadbalancer my-svc --tcp=5678:8080'),
    serviceCommand(
      'externalname',
      'ExternalName',
      [{ name: 'external-name', kind: 'string', usage: 'External name of service' }],
      'externalname NAME --external-name external.name [--dry-run=server|client|none]',
      'kubectl create service externalname my-svc --external-name bar.com',
    ),
  ],
};
