// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`: changes container images in a
// pod or in the pod template of a workload (which starts a rollout). Objects it would not change
// print nothing. [kubectl pkg/cmd/set/set_image.go; cmdutil.GetResourcesAndPairs, ParsePairs]

import { deepCopy, jsonEqual } from '@dockyard/scheduler';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { DRY_RUN_FLAG, dryRunOf, filenameFlag, KUSTOMIZE_FLAG, PRINT_FLAGS, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources } from './resource-builder.ts';

/** The pod spec inside any object that runs pods, or undefined for other kinds. */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const o = object as { spec?: { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } & PodSpec };
  switch (object.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      return o.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Splits `deployment/web app=nginx:1.26` into the resources and the KEY=VALUE pairs after them. */
function resourcesAndPairs(client: Client, args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (isPair) pairs.push(arg);
    else if (pairs.length > 0) throw client.error(`all resources must be specified before ${pairType} changes: ${arg}`);
    else resources.push(arg);
  }
  return { resources, pairs };
}

const setImageCommand: KubectlCommand = {
  name: 'image',
  summary: 'Update the image of a pod template',
  description: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  examples: [
    ["Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'", 'kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1'],
    ["Update the image of every container of every deployment and replication controller to 'nginx:1.9.1'", 'kubectl set image deployments,rc nginx=nginx:1.9.1 --all'],
    ["Update the image of every container of a daemon set", 'kubectl set image daemonset abc *=nginx:1.9.1'],
  ],
  usage: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  flags: [
    { name: 'all', kind: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    DRY_RUN_FLAG,
    { name: 'field-manager', kind: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    filenameFlag('identifying the resource to get from a server'),
    KUSTOMIZE_FLAG,
    { name: 'local', kind: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
    ...PRINT_FLAGS,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
  ],
  async run(client, flags) {
    const { resources, pairs } = resourcesAndPairs(client, flags.positional, 'image');
    const images = new Map<string, string>();
    const invalid = pairs.filter((p) => !p.includes('='));
    if (invalid.length > 0) throw client.error(`invalid image format: ${invalid.join('')}`);
    for (const pair of pairs) images.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    const dryRun = dryRunOf(client, flags);
    const output = checkedOutput(client, flags);
    const result = buildResources(client, {
      args: resources,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      selectAll: flags.bool('all'),
      allowEmptySelector: flags.bool('all'),
      latest: true,
    });
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    const problems: string[] = [];
    if (flags.bool('all') && flags.string('selector') !== '') problems.push('cannot set --all and --selector at the same time');
    if (resources.length === 0 && flags.list('filename').length === 0) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (images.size === 0) problems.push('at least one image update is required');
    else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
    if (problems.length > 0) throw client.error(problems.length === 1 ? problems[0]! : `[${problems.join(', ')}]`);

    const errors: unknown[] = [];
    const printer = new OperationPrinter(client, output, dryRun);
    for (const info of result.infos) {
      const changed = deepCopy(info.object) as KubeObject;
      const spec = podSpecOf(changed);
      if (spec === undefined) {
        errors.push(new Error(`error: ${info.type.kind.toLowerCase()}/${info.name} the object is not a pod or does not have a pod template: *unstructured.Unstructured`));
        continue;
      }
      for (const [name, image] of images) {
        let found = false;
        for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
          if (container.name === name || name === '*') {
            container.image = image;
            found = true;
          }
        }
        if (!found) errors.push(new Error(`error: unable to find container named ${JSON.stringify(name)}`));
      }
      if (jsonEqual(changed, info.object)) continue;
      if (dryRun === 'client') {
        printer.print(changed, 'image updated');
        continue;
      }
      try {
        const updated = client.store.update(changed as never, { ...(info.namespace === undefined ? {} : { namespace: info.namespace }), dryRun: dryRun === 'server' });
        printer.print(updated as KubeObject, 'image updated');
      } catch (error) {
        errors.push(new Error(`failed to patch image update to pod template: ${(error as Error).message}`));
      }
    }
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};

export const setCommand: KubectlCommand = {
  name: 'set',
  summary: 'Set specific features on objects',
  description: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  helpStream: 'stderr',
  subcommands: [setImageCommand],
};
