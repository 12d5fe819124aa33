// `kubectl describe`: the detail page of each object named (or every object of a type, or those
// whose names start with a prefix), with the related objects and Events kubectl would fetch.
// [kubectl pkg/cmd/describe/describe.go Run / DescribeMatchingResources]

import { describeObject, type KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { ALL_NAMESPACES_FLAG, filenameFlag, KUSTOMIZE_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import { buildResources, resolveType, type ResourceInfo, storeKind } from './resource-builder.ts';

/** The kinds describers look at besides the object itself (its pods, events, lease...). */
const RELATED_KINDS = ['Event', 'Pod', 'ReplicaSet.apps', 'EndpointSlice.discovery.k8s.io', 'Service', 'Lease.coordination.k8s.io', 'ResourceQuota', 'LimitRange', 'Secret'];

export const describeCommand: KubectlCommand = {
  name: 'describe',
  summary: 'Show details of a specific resource or group of resources',
  description: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

  $ kubectl describe TYPE NAME_PREFIX

 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: [
    ['Describe a node', 'kubectl describe nodes node-1'],
    ['Describe a pod', 'kubectl describe pods/nginx'],
    ['Describe the pods of a manifest', 'kubectl describe -f pod.yaml'],
    ['Describe every pod', 'kubectl describe pods'],
    ["Describe the pods labelled name=myLabel", 'kubectl describe pods -l name=myLabel'],
    ["Describe every pod whose name starts with web", 'kubectl describe pods web'],
  ],
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', kind: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once (lists are never chunked here).' },
    filenameFlag('containing the resource to describe'),
    KUSTOMIZE_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'show-events', kind: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  async run(client, flags) {
    const args = flags.positional;
    if (args.length === 0 && flags.list('filename').length === 0) {
      throw client.error('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const result = buildResources(client, {
      args,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      allNamespaces: flags.bool('all-namespaces'),
      allowEmptySelector: true,
      latest: true,
    });
    let infos = result.infos;
    const errors: unknown[] = result.errors.map((e) => e.error);
    if (errors.length > 0 && args.length === 2 && !args[1]!.includes('/') && result.errors.every((e) => e.notFound)) {
      // No exact match: every object of the type whose name starts with the argument.
      const type = resolveType(client.store, args[0]!);
      const namespace = type.namespaced ? client.namespace : undefined;
      const matching = (client.store.list(storeKind(type), { namespace }).items as KubeObject[]).filter((o) => (o.metadata?.name ?? '').startsWith(args[1]!));
      if (matching.length === 0) throw client.aggregate(errors);
      infos = matching.map((object) => ({ type, namespace, name: object.metadata?.name ?? '', object }));
      errors.length = 0;
    }
    const pages = infos.map((info) => describe(client, info, flags.bool('show-events')));
    client.out(pages.join('\n\n'));
    if (infos.length === 0 && errors.length === 0) {
      client.err(flags.bool('all-namespaces') ? 'No resources found\n' : `No resources found in ${client.namespace} namespace.\n`);
    }
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};

function describe(client: Client, info: ResourceInfo, showEvents: boolean): string {
  const related: KubeObject[] = [];
  for (const kind of RELATED_KINDS) related.push(...(client.store.list(kind).items as KubeObject[]));
  return describeObject(info.object, related, client.now, { showEvents });
}
