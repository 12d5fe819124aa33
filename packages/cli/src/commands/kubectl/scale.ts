// `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME | -f FILE)`: sets spec.replicas of
// Deployments, ReplicaSets, StatefulSets and ReplicationControllers through their scale
// subresource, after checking --current-replicas and --resource-version; with --timeout it waits
// until the controller reports that many replicas.
// [kubectl pkg/cmd/scale/scale.go; pkg/scale/scale.go ScalePrecondition, WaitForScaleHasDesiredReplicas]

import { hasScale } from '@dockyard/scheduler';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { KubectlCommand } from './command.ts';
import { DRY_RUN_FLAG, dryRunOf, filenameFlag, KUSTOMIZE_FLAG, PRINT_FLAGS, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, storeKind } from './resource-builder.ts';
import { requireFlags } from './generated-object.ts';

interface Scalable {
  metadata?: { resourceVersion?: string; generation?: number };
  spec?: { replicas?: number };
  status?: { replicas?: number; observedGeneration?: number };
}

export const scaleCommand: KubectlCommand = {
  name: 'scale',
  summary: 'Set a new size for a deployment, replica set, or replication controller',
  description: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: [
    ["Scale a replica set named 'foo' to 3", 'kubectl scale --replicas=3 rs/foo'],
    ['Scale the resource of "foo.yaml" to 3', 'kubectl scale --replicas=3 -f foo.yaml'],
    ["If the deployment named mysql's current size is 2, scale mysql to 3", 'kubectl scale --current-replicas=2 --replicas=3 deployment/mysql'],
    ['Scale several replication controllers', 'kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3'],
  ],
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  flags: [
    { name: 'all', kind: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'current-replicas', kind: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    DRY_RUN_FLAG,
    filenameFlag('identifying the resource to set a new size'),
    KUSTOMIZE_FLAG,
    ...PRINT_FLAGS,
    RECURSIVE_FLAG,
    { name: 'replicas', kind: 'int', usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', kind: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    SELECTOR_FLAG,
    { name: 'timeout', kind: 'duration', usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
  ],
  async run(client, flags) {
    requireFlags(client, flags, ['replicas']);
    const replicas = flags.int('replicas');
    if (replicas < 0) throw client.error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const dryRun = dryRunOf(client, flags);
    const output = checkedOutput(client, flags);
    if (flags.positional.length === 0 && flags.list('filename').length === 0) throw client.error('required resource not specified');
    const result = buildResources(client, {
      args: flags.positional,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      selectAll: flags.bool('all'),
      latest: true,
    });
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    if (result.infos.length === 0) throw client.error('no objects passed to scale');
    const current = flags.int('current-replicas');
    const version = flags.string('resource-version');
    const printer = new OperationPrinter(client, output, dryRun);
    const scaled: { kind: string; namespace: string | undefined; name: string }[] = [];
    for (const info of result.infos) {
      if (!hasScale(info.type)) throw new CommandError('Error from server (NotFound): the server could not find the requested resource');
      const object = info.object as Scalable;
      if (current >= 0 && (object.spec?.replicas ?? 1) !== current) throw client.error(`Expected replicas to be ${current}, was ${object.spec?.replicas ?? 1}`);
      if (version !== '' && object.metadata?.resourceVersion !== version) throw client.error(`Expected resource version to be ${version}, was ${object.metadata?.resourceVersion ?? ''}`);
      if (dryRun === 'client') {
        printer.print(info.object, 'scaled');
        continue;
      }
      try {
        client.store.patch(storeKind(info.type), info.namespace, info.name, { spec: { replicas } }, 'merge', { dryRun: dryRun === 'server' });
      } catch (error) {
        throw client.failure(error);
      }
      // kubectl prints the object as it fetched it, before the new size (scale.go RunScale).
      printer.print(info.object, 'scaled');
      scaled.push({ kind: storeKind(info.type), namespace: info.namespace, name: info.name });
    }
    const timeout = flags.duration('timeout');
    if (timeout > 0 && dryRun === 'none') {
      const engine = client.session.world.engine;
      const deadline = engine.now + timeout;
      const settled = () =>
        scaled.every(({ kind, namespace, name }) => {
          const live = client.store.tryGet(kind, namespace, name) as Scalable | undefined;
          return live !== undefined && (live.status?.observedGeneration ?? 0) >= (live.metadata?.generation ?? 0) && live.status?.replicas === replicas;
        });
      await waitFor(client.session, () => settled() || engine.now >= deadline);
      if (!settled()) throw client.error(`timed out waiting for the condition on ${result.infos[0]!.type.resource}/${result.infos[0]!.name}`);
    }
    return 0;
  },
};
