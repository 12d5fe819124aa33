// `kubectl top pod|node`: CPU and memory use from the cluster's metrics-server (metrics.k8s.io),
// which has a pod's numbers from its second scrape on; before that, kubectl's messages.
// [kubectl pkg/cmd/top/top_pod.go (verifyEmptyMetrics, checkPodAge), top_node.go]

import { formatGoDuration, fromRFC3339 } from '@dockyard/runtime';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { type NodeMetrics, type PodMetrics, printTopNodes, printTopPods } from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG } from './common-flags.ts';
import { checkSelector } from './pod-target.ts';

/** kubectl gives a new pod two minutes before it calls its missing metrics an error. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

const SORT_FLAG = { name: 'sort-by', kind: 'string' as const, usage: 'If non-empty, sort pods list using specified field. The field can be either \'cpu\' or \'memory\'.' };
const NO_HEADERS_FLAG = { name: 'no-headers', kind: 'bool' as const, usage: 'If present, print output without headers.' };
const SELECTOR_FLAG = { name: 'selector', short: 'l', kind: 'string' as const, usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'." };
const PROTOCOL_BUFFERS_FLAG = { name: 'use-protocol-buffers', kind: 'bool' as const, default: true, usage: 'Enables using protocol-buffers to access Metrics API.' };

function sortByOf(client: Client, text: string): 'cpu' | 'memory' | '' {
  if (text === '' || text === 'cpu' || text === 'memory') return text;
  throw client.error(`--sort-by accepts only cpu or memory`);
}

const topPodCommand: KubectlCommand = {
  name: 'pod',
  aliases: ['pods', 'po'],
  summary: 'Display resource (CPU/memory) usage of pods',
  description: `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.`,
  examples: [
    ['Show metrics for all pods in the default namespace', 'kubectl top pod'],
    ['Show metrics for all pods in the given namespace', 'kubectl top pod --namespace=NAMESPACE'],
    ['Show metrics for a given pod and its containers', 'kubectl top pod POD_NAME --containers'],
    ['Show metrics for the pods defined by label name=myLabel', 'kubectl top pod -l name=myLabel'],
  ],
  usage: 'pod [NAME | -l label]',
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'containers', kind: 'bool', usage: 'If present, print usage of containers within a pod.' },
    FIELD_SELECTOR_FLAG,
    NO_HEADERS_FLAG,
    SELECTOR_FLAG,
    SORT_FLAG,
    { name: 'sum', kind: 'bool', usage: 'Print the sum of the resource usage' },
    PROTOCOL_BUFFERS_FLAG,
  ],
  async run(client, flags) {
    const [name, ...extra] = flags.positional;
    if (extra.length > 0) throw client.usageError('at most one pod name may be provided');
    const selector = flags.string('selector');
    if (name !== undefined && selector !== '') throw client.error('only one of NAME or --selector can be provided');
    checkSelector(client, selector);
    const sortBy = sortByOf(client, flags.string('sort-by'));
    const allNamespaces = flags.bool('all-namespaces');
    const namespace = allNamespaces ? undefined : client.namespace;
    const server = client.session.world.cluster.metrics;
    const pods = client.store.list('Pod', { namespace, labelSelector: selector, fieldSelector: flags.string('field-selector') }).items as unknown as Pod[];
    const wanted = new Set(pods.filter((p) => name === undefined || p.metadata?.name === name).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
    const samples = server.pods(namespace).filter((s) => wanted.has(`${s.namespace}/${s.name}`));
    if (name !== undefined && samples.length === 0 && wanted.size === 0) {
      throw new CommandError(`Error from server (NotFound): podmetrics.metrics.k8s.io "${client.namespace}/${name}" not found`);
    }
    if (samples.length === 0) {
      const old = pods.find((p) => wanted.has(`${p.metadata?.namespace}/${p.metadata?.name}`) && client.now - fromRFC3339(p.metadata?.creationTimestamp ?? '') > METRICS_CREATION_DELAY_MS);
      if (old !== undefined) {
        const age = client.now - fromRFC3339(old.metadata?.creationTimestamp ?? '');
        throw client.error(`Metrics not available for pod ${old.metadata?.namespace}/${old.metadata?.name}, age: ${formatGoDuration(age)}`);
      }
      if (wanted.size > 0) throw client.error('metrics not available yet');
      client.err(allNamespaces ? 'No resources found\n' : `No resources found in ${client.namespace} namespace.\n`);
      return 0;
    }
    const metrics = samples.map((s) => server.podMetricsObject(s) as unknown as PodMetrics);
    client.out(printTopPods(metrics, { noHeaders: flags.bool('no-headers'), sortBy, allNamespaces, containers: flags.bool('containers'), sum: flags.bool('sum') }));
    return 0;
  },
};

const topNodeCommand: KubectlCommand = {
  name: 'node',
  aliases: ['nodes', 'no'],
  summary: 'Display resource (CPU/memory) usage of nodes',
  description: `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.`,
  examples: [
    ['Show metrics for all nodes', 'kubectl top node'],
    ['Show metrics for a given node', 'kubectl top node NODE_NAME'],
  ],
  usage: 'node [NAME | -l label]',
  flags: [NO_HEADERS_FLAG, SELECTOR_FLAG, { name: 'show-capacity', kind: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' }, SORT_FLAG, PROTOCOL_BUFFERS_FLAG],
  async run(client, flags) {
    const [name, ...extra] = flags.positional;
    if (extra.length > 0) throw client.usageError('at most one node name may be provided');
    const selector = flags.string('selector');
    checkSelector(client, selector);
    const sortBy = sortByOf(client, flags.string('sort-by'));
    const nodes = (client.store.list('Node', { labelSelector: selector }).items as unknown as Node[]).filter((n) => name === undefined || n.metadata?.name === name);
    if (name !== undefined && nodes.length === 0) throw new CommandError(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`);
    const names = new Set(nodes.map((n) => n.metadata?.name));
    const metrics: NodeMetrics[] = client.session.world.cluster.metrics
      .nodes()
      .filter((s) => names.has(s.name))
      .map((s) => ({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'NodeMetrics',
        metadata: { name: s.name },
        usage: { cpu: `${Math.round(s.cpuMillicores * 1e6)}n`, memory: `${Math.floor(s.memoryBytes / 1024)}Ki` },
      }));
    if (metrics.length === 0) throw client.error('metrics not available yet');
    client.out(printTopNodes(metrics, nodes, { noHeaders: flags.bool('no-headers'), sortBy, showCapacity: flags.bool('show-capacity') }));
    return 0;
  },
};

export const topCommand: KubectlCommand = {
  name: 'top',
  summary: 'Display resource (CPU/memory) usage',
  description: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  usage: 'top',
  helpStream: 'stderr',
  subcommands: [topNodeCommand, topPodCommand],
};
