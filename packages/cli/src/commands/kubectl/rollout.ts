// `kubectl rollout status|history|undo|pause|resume|restart`. `status` prints kubectl's progress
// line for the object as it is, then one for every change it sees while virtual time passes,
// until the rollout is done (or --timeout, or the progress deadline).
// [kubectl pkg/cmd/rollout/rollout_*.go; polymorphichelpers objectpauser.go, objectresumer.go,
// objectrestarter.go]

import { deepCopy, RESTARTED_AT_ANNOTATION } from '@dockyard/scheduler';
import { toRFC3339 } from '@dockyard/runtime';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { type KubeObject, printRolloutHistory, rolloutStatus } from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { DRY_RUN_FLAG, dryRunOf, filenameFlag, KUSTOMIZE_FLAG, PRINT_FLAGS, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import type { Flags, FlagSpec } from './flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { rollback } from './rollback.ts';
import { buildResources, type BuilderResult, type ResourceInfo, resourceName, storeKind } from './resource-builder.ts';

const FILE_FLAGS: readonly FlagSpec[] = [filenameFlag('identifying the resource to get from a server'), KUSTOMIZE_FLAG, RECURSIVE_FLAG];

/** The objects a rollout subcommand names; `required resource not specified` without any. */
function targets(client: Client, flags: Flags, options: { single?: boolean } = {}): BuilderResult {
  if (flags.positional.length === 0 && flags.list('filename').length === 0) throw client.error('required resource not specified');
  return buildResources(client, {
    args: flags.positional,
    filenames: flags.list('filename'),
    recursive: flags.bool('recursive'),
    labelSelector: flags.string('selector'),
    allowEmptySelector: true,
    singleResourceType: options.single,
    latest: true,
  });
}

const statusCommand: KubectlCommand = {
  name: 'status',
  summary: 'Show the status of the rollout',
  description: `Show the status of the rollout.

 By default 'rollout status' watches the status of the latest rollout until it's done. Use --watch=false to see the current status only. Use --revision=N to wait for that revision specifically. The watch ends with an error when the rollout exceeds its progress deadline.`,
  examples: [['Watch the rollout status of a deployment', 'kubectl rollout status deployment/nginx']],
  usage: 'status (TYPE NAME | TYPE/NAME) [flags]',
  flags: [
    ...FILE_FLAGS,
    { name: 'revision', kind: 'int', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    SELECTOR_FLAG,
    { name: 'timeout', kind: 'duration', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', short: 'w', kind: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
  ],
  async run(client, flags) {
    const revision = flags.int('revision');
    if (flags.positional.length === 0 && flags.list('filename').length === 0) throw client.error('required resource not specified');
    if (revision < 0) throw client.error(`revision must be a positive integer: ${revision}`);
    const result = targets(client, flags, { single: true });
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    if (result.infos.length !== 1) {
      throw client.error(`rollout status is only supported on individual resources and resource collections - ${result.infos.length} resources were found`);
    }
    const info = result.infos[0]!;
    const state: { outcome: 'done' | 'watching' | CommandError } = { outcome: 'watching' };
    const show = (object: KubeObject): void => {
      const status = rolloutStatus(object, revision);
      if (status.error !== undefined) {
        state.outcome = new CommandError(status.error.trimEnd());
        return;
      }
      client.out(status.message);
      if (status.done || !flags.bool('watch')) state.outcome = 'done';
    };
    show(info.object);
    if (state.outcome === 'watching') {
      const engine = client.session.world.engine;
      const timeout = flags.duration('timeout');
      const deadline = timeout > 0 ? engine.now + timeout : Infinity;
      const handle = client.store.watch(
        storeKind(info.type),
        { namespace: info.namespace, fieldSelector: `metadata.name=${info.name}`, resourceVersion: client.store.resourceVersion },
        (event) => {
          if (state.outcome !== 'watching') return;
          if (event.type === 'DELETED') state.outcome = client.error('object has been deleted');
          else show(event.object as KubeObject);
        },
      );
      try {
        await waitFor(client.session, () => state.outcome !== 'watching' || engine.now >= deadline);
      } finally {
        handle.stop();
      }
      if (state.outcome === 'watching' && engine.now >= deadline) throw client.error('timed out waiting for the condition');
    }
    if (state.outcome instanceof CommandError) throw state.outcome;
    return 0;
  },
};

const historyCommand: KubectlCommand = {
  name: 'history',
  summary: 'View rollout history',
  description: 'View previous rollout revisions and configurations.',
  examples: [
    ['View the rollout history of a deployment', 'kubectl rollout history deployment/abc'],
    ['View the details of revision 3', 'kubectl rollout history deployment/abc --revision=3'],
  ],
  usage: 'history (TYPE NAME | TYPE/NAME) [flags]',
  flags: [...FILE_FLAGS, ...PRINT_FLAGS, { name: 'revision', kind: 'int', usage: 'See the details, including podTemplate of the revision specified' }, SELECTOR_FLAG],
  async run(client, flags) {
    const result = targets(client, flags);
    const errors: unknown[] = result.errors.map((e) => e.error);
    const revision = flags.int('revision');
    for (const info of result.infos) {
      if (info.type.kind !== 'Deployment' || info.type.group !== 'apps') {
        errors.push(new Error(`no history viewer has been implemented for ${JSON.stringify(groupKindText(info))}`));
        continue;
      }
      const replicaSets = client.store.list('ReplicaSet', { namespace: info.namespace }).items as unknown as ReplicaSet[];
      const printed = printRolloutHistory(info.object as Deployment, replicaSets, revision);
      client.out(printed.stdout);
      if (printed.exitCode !== 0) errors.push(new Error(printed.stderr.trimEnd().replace(/^error: /, '')));
    }
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};

const undoCommand: KubectlCommand = {
  name: 'undo',
  summary: 'Undo a previous rollout',
  description: 'Roll back to a previous rollout.',
  examples: [
    ['Roll back to the previous deployment', 'kubectl rollout undo deployment/abc'],
    ['Roll back to revision 3', 'kubectl rollout undo deployment/abc --to-revision=3'],
    ['Show what the rollback would set, without doing it', 'kubectl rollout undo --dry-run=client deployment/abc'],
  ],
  usage: 'undo (TYPE NAME | TYPE/NAME) [flags]',
  flags: [...FILE_FLAGS, DRY_RUN_FLAG, ...PRINT_FLAGS, SELECTOR_FLAG, { name: 'to-revision', kind: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  async run(client, flags) {
    const dryRun = dryRunOf(client, flags);
    const output = checkedOutput(client, flags);
    const result = targets(client, flags);
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    const printer = new OperationPrinter(client, output, dryRun);
    for (const info of result.infos) printer.print(info.object, rollback(client, info, flags.int('to-revision'), dryRun));
    return 0;
  },
};

/** pause, resume and restart: one merge patch per object, `already ...` when it changes nothing. */
function patchingCommand(
  name: 'pause' | 'resume' | 'restart',
  spec: Omit<KubectlCommand, 'name' | 'run' | 'flags'>,
  change: (client: Client, info: ResourceInfo) => { patch: unknown } | { unchanged: true } | { error: string },
): KubectlCommand {
  const operation = { pause: 'paused', resume: 'resumed', restart: 'restarted' }[name];
  return {
    ...spec,
    name,
    flags: [...FILE_FLAGS, ...PRINT_FLAGS, SELECTOR_FLAG, ...(name === 'restart' ? [DRY_RUN_FLAG] : [])],
    async run(client, flags) {
      const dryRun = name === 'restart' ? dryRunOf(client, flags) : 'none';
      const output = checkedOutput(client, flags);
      const result = targets(client, flags);
      const errors: unknown[] = result.errors.map((e) => e.error);
      const printer = new OperationPrinter(client, output, dryRun);
      for (const info of result.infos) {
        const planned = change(client, info);
        if ('error' in planned) {
          errors.push(new Error(`error: ${resourceName(info.type)} ${JSON.stringify(info.name)} ${planned.error}`));
          continue;
        }
        if ('unchanged' in planned) {
          printer.print(info.object, `already ${operation}`);
          continue;
        }
        try {
          const patched = client.store.patch(storeKind(info.type), info.namespace, info.name, planned.patch, 'merge', { dryRun: dryRun === 'server' });
          printer.print(dryRun === 'client' ? info.object : (patched as KubeObject), operation);
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw client.aggregate(errors);
      return 0;
    },
  };
}

const pauseCommand = patchingCommand(
  'pause',
  {
    summary: 'Mark the provided resource as paused',
    description: `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.`,
    examples: [['Pause a deployment: changes to it start no rollout until it is resumed', 'kubectl rollout pause deployment/nginx']],
    usage: 'pause RESOURCE',
  },
  (_client, info) => {
    if (info.type.kind !== 'Deployment') return { error: 'pausing is not supported' };
    return (info.object as Deployment).spec?.paused === true ? { unchanged: true } : { patch: { spec: { paused: true } } };
  },
);

const resumeCommand = patchingCommand(
  'resume',
  {
    summary: 'Resume a paused resource',
    description: `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.`,
    examples: [['Resume an already paused deployment', 'kubectl rollout resume deployment/nginx']],
    usage: 'resume RESOURCE',
  },
  (_client, info) => {
    if (info.type.kind !== 'Deployment') return { error: 'resuming is not supported' };
    return (info.object as Deployment).spec?.paused === true ? { patch: { spec: { paused: null } } } : { unchanged: true };
  },
);

const restartCommand = patchingCommand(
  'restart',
  {
    summary: 'Restart a resource',
    description: `Restart a resource.

 Resource rollout will be restarted: its pod template gets a kubectl.kubernetes.io/restartedAt annotation, so every pod is replaced the way its rollout strategy says.`,
    examples: [
      ['Restart a deployment', 'kubectl rollout restart deployment/nginx'],
      ['Restart the deployments labelled app=nginx', 'kubectl rollout restart deployment --selector=app=nginx'],
    ],
    usage: 'restart RESOURCE',
  },
  (client, info) => {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.type.kind)) return { error: 'restarting is not supported' };
    const object = info.object as Deployment;
    if (info.type.kind === 'Deployment' && object.spec?.paused === true) return { error: "can't restart paused deployment (run rollout resume first)" };
    const annotations = deepCopy(object.spec?.template?.metadata?.annotations ?? {});
    return { patch: { spec: { template: { metadata: { annotations: { ...annotations, [RESTARTED_AT_ANNOTATION]: toRFC3339(client.now) } } } } } };
  },
);

export const rolloutCommand: KubectlCommand = {
  name: 'rollout',
  summary: 'Manage the rollout of a resource',
  description: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  examples: [
    ['Rollback to the previous deployment', 'kubectl rollout undo deployment/abc'],
    ['Check the rollout status of a daemonset', 'kubectl rollout status daemonset/foo'],
    ['Restart a deployment', 'kubectl rollout restart deployment/abc'],
  ],
  helpStream: 'stdout',
  subcommands: [historyCommand, pauseCommand, restartCommand, resumeCommand, statusCommand, undoCommand],
};

function groupKindText(info: ResourceInfo): string {
  return info.type.group === '' ? info.type.kind : `${info.type.kind}.${info.type.group}`;
}
