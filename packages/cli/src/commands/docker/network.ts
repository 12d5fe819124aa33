// `docker network create|ls|rm|inspect|connect|disconnect`.

import { type Network, toRFC3339Nano } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { daemon, eachRef, subcommandVerb } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { printInspect } from './inspect-format.ts';
import { goTimeString, joinLabels } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';

const DEFAULT_TABLE = 'table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}';

const HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT' };

/** docker/cli's network ls row (cli/command/network/formatter.go, Engine 27); labels sorted. */
function networkRow(n: Network, trunc: boolean) {
  const fields = {
    CreatedAt: goTimeString(n.created),
    Driver: n.driver,
    ID: trunc ? n.id.slice(0, 12) : n.id,
    IPv6: 'false',
    Internal: String(n.internal),
    Labels: joinLabels(n.labels),
    Name: n.name,
    Scope: n.scope,
  };
  return formatterRow('*network.networkContext', fields, { Label: { params: ['string'], fn: (name) => n.labels[name as string] ?? '' } });
}

function inspectNetwork(session: Session, n: Network): Record<string, unknown> {
  const { docker } = session.world;
  const containers: Record<string, unknown> = {};
  for (const [id, e] of Object.entries(n.endpoints).sort(([a], [b]) => (a < b ? -1 : 1))) {
    containers[id] = { Name: docker.find(id)?.name ?? '', EndpointID: e.endpointId, MacAddress: e.mac, IPv4Address: `${e.ip}/${n.subnet.split('/')[1]}`, IPv6Address: '' };
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: toRFC3339Nano(n.created),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
    Internal: n.internal,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: n.name === 'bridge' ? { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.name': 'docker0' } : {},
    Labels: n.labels,
  };
}

/** The inspect object of the network `ref` names, or the daemon's error when there is none. */
export function inspectNetworkRef(session: Session, ref: string): Record<string, unknown> | string {
  const network = session.world.docker.network(ref);
  return network ? inspectNetwork(session, network) : `Error response from daemon: network ${ref} not found`;
}

const SUBCOMMANDS: Record<string, (args: string[], session: Session) => number | Promise<number>> = {
  create(args, session) {
    const flags = parseFlags('network create', args, [
      { name: 'driver', short: 'd', kind: 'string' },
      { name: 'subnet', kind: 'string' },
      { name: 'gateway', kind: 'string' },
      { name: 'internal', kind: 'bool' },
      { name: 'label', kind: 'list' },
      { name: 'attachable', kind: 'bool' },
    ]);
    const name = flags.positional[0];
    if (flags.positional.length !== 1 || name === undefined) throw new CommandError(`docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nSee 'docker network create --help' for more information`, 1);
    const labels = Object.fromEntries((flags.lists.get('label') ?? []).map((kv) => [kv.split('=')[0]!, kv.split('=').slice(1).join('=')]));
    const network = daemon(() =>
      session.world.docker.createNetwork(name, {
        ...(flags.strings.has('driver') ? { driver: flags.strings.get('driver')! } : {}),
        ...(flags.strings.has('subnet') ? { subnet: flags.strings.get('subnet')! } : {}),
        ...(flags.strings.has('gateway') ? { gateway: flags.strings.get('gateway')! } : {}),
        internal: flags.bools.has('internal'),
        labels,
      }),
    );
    session.stdout(network.id + '\n');
    return 0;
  },
  ls(args, session) {
    const flags = parseFlags('network ls', args, [
      { name: 'quiet', short: 'q', kind: 'bool' },
      { name: 'no-trunc', kind: 'bool' },
      { name: 'filter', short: 'f', kind: 'list' },
      { name: 'format', kind: 'string' },
    ]);
    const networks = session.world.docker.networks();
    let format = flags.strings.get('format') ?? 'table';
    if (format === 'table') format = flags.bools.has('quiet') ? '{{.ID}}' : DEFAULT_TABLE;
    session.stdout(formatListing(format, networks.map((n) => networkRow(n, !flags.bools.has('no-trunc'))), HEADERS));
    return 0;
  },
  rm(args, session) {
    const flags = parseFlags('network rm', args, [{ name: 'force', short: 'f', kind: 'bool' }]);
    return eachRef(session, flags.positional, (ref) => daemon(() => session.world.docker.removeNetwork(ref)));
  },
  inspect(args, session) {
    const flags = parseFlags('network inspect', args, [{ name: 'format', short: 'f', kind: 'string' }]);
    return printInspect(session, flags.strings.get('format'), flags.positional.map((ref) => inspectNetworkRef(session, ref)));
  },
  connect(args, session) {
    const flags = parseFlags('network connect', args, [
      { name: 'alias', kind: 'list' },
      { name: 'ip', kind: 'string' },
    ]);
    const [network, container] = flags.positional;
    if (network === undefined || container === undefined) throw new CommandError(`docker: 'docker network connect' requires 2 arguments`, 1);
    daemon(() => session.world.docker.connect(network, container, { aliases: flags.lists.get('alias') ?? [], ...(flags.strings.has('ip') ? { ip: flags.strings.get('ip')! } : {}) }));
    return 0;
  },
  disconnect(args, session) {
    const flags = parseFlags('network disconnect', args, [{ name: 'force', short: 'f', kind: 'bool' }]);
    const [network, container] = flags.positional;
    if (network === undefined || container === undefined) throw new CommandError(`docker: 'docker network disconnect' requires 2 arguments`, 1);
    daemon(() => session.world.docker.disconnect(network, container));
    return 0;
  },
};

export const networkVerb: DockerVerb = subcommandVerb('network', 'Manage networks', {
  connect: ['Connect a container to a network', SUBCOMMANDS['connect']!],
  create: ['Create a network', SUBCOMMANDS['create']!],
  disconnect: ['Disconnect a container from a network', SUBCOMMANDS['disconnect']!],
  inspect: ['Display detailed information on one or more networks', SUBCOMMANDS['inspect']!],
  ls: ['List networks', SUBCOMMANDS['ls']!],
  rm: ['Remove one or more networks', SUBCOMMANDS['rm']!],
});
