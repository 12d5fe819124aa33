// `kubectl cordon`, `uncordon` and `drain`: mark nodes (un)schedulable, and drain: cordon, then
// evict every pod on the node that may go -- refusing DaemonSet pods without
// --ignore-daemonsets, pods with emptyDir volumes without --delete-emptydir-data and pods no
// controller would recreate without --force -- and wait in virtual time until they are gone.
// Evictions are deletions here: PodDisruptionBudgets are not consulted.
// [kubectl pkg/cmd/drain/drain.go RunDrain / RunCordonOrUncordon; pkg/drain/filters.go, drain.go]

import { formatGoDuration } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { DRY_RUN_FLAG, dryRunOf, type DryRun, dryRunSuffix } from './common-flags.ts';
import type { Flags, FlagSpec } from './flags.ts';
import { buildResources, type ResourceInfo } from './resource-builder.ts';

const NODE_SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', kind: 'string', usage: 'Selector (label query) to filter on' };

/** The nodes named by the arguments or by -l. */
function nodesOf(client: Client, flags: Flags, use: string): ResourceInfo[] {
  const args = flags.positional;
  const selector = flags.string('selector');
  if (args.length === 0 && !flags.changed('selector')) throw client.usageError(`USAGE: ${use} [flags]`);
  if (args.length > 0 && selector !== '') throw client.usageError('error: cannot specify both a node name and a --selector option');
  const result = buildResources(client, { args: args.length > 0 ? ['nodes', ...args] : ['nodes'], labelSelector: selector, allowEmptySelector: true, latest: true });
  if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
  return result.infos;
}

/** Sets spec.unschedulable on each node, printing `node/x cordoned` or `node/x already cordoned`. */
function cordonNodes(client: Client, nodes: readonly ResourceInfo[], desired: boolean, dryRun: DryRun): void {
  const verb = desired ? 'cordoned' : 'uncordoned';
  for (const node of nodes) {
    const current = (node.object as { spec?: { unschedulable?: boolean } }).spec?.unschedulable === true;
    if (current === desired) {
      client.out(`node/${node.name} already ${verb}${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        client.store.patch('Node', undefined, node.name, { spec: { unschedulable: desired ? true : null } }, 'merge', { dryRun: dryRun === 'server' });
      } catch (error) {
        client.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node ${JSON.stringify(node.name)}: ${(error as Error).message}\n`);
        continue;
      }
    }
    client.out(`node/${node.name} ${verb}${dryRunSuffix(dryRun)}\n`);
  }
}

function cordonCommand(desired: boolean): KubectlCommand {
  const name = desired ? 'cordon' : 'uncordon';
  return {
    name,
    summary: desired ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    description: desired ? 'Mark node as unschedulable: the scheduler places no new pods on it; the pods already there keep running.' : 'Mark node as schedulable.',
    examples: [[desired ? 'Mark node "node-1" as unschedulable' : 'Mark node "node-1" as schedulable', `kubectl ${name} node-1`]],
    usage: `${name} NODE`,
    flags: [DRY_RUN_FLAG, NODE_SELECTOR_FLAG],
    async run(client, flags) {
      const dryRun = dryRunOf(client, flags);
      cordonNodes(client, nodesOf(client, flags, `${name} NODE`), desired, dryRun);
      return 0;
    },
  };
}

export const cordonNodeCommand = cordonCommand(true);
export const uncordonNodeCommand = cordonCommand(false);

type Verdict = { delete: true; warning?: string } | { delete: false; error?: string; warning?: string };

/** kubectl's pod filters, in their order; the first that keeps a pod decides. */
function filterPod(client: Client, pod: Pod, flags: Flags): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  let warning: string | undefined;
  if (owner?.kind === 'DaemonSet' && !finished) {
    if (client.store.tryGet('DaemonSet', pod.metadata?.namespace, owner.name) === undefined) {
      if (!flags.bool('force')) return { delete: false, error: `daemonsets.apps ${JSON.stringify(owner.name)} not found` };
      warning = `daemonsets.apps ${JSON.stringify(owner.name)} not found`;
    } else if (!flags.bool('ignore-daemonsets')) return { delete: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    else return { delete: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { delete: false };
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) && !finished) {
    if (!flags.bool('delete-emptydir-data')) return { delete: false, error: 'Pods with local storage (use --delete-emptydir-data to override)' };
    warning = 'deleting Pods with local storage';
  }
  if (!finished && owner === undefined) {
    if (!flags.bool('force')) return { delete: false, error: 'cannot delete Pods that declare no controller (use --force to override)' };
    warning = 'deleting Pods that declare no controller';
  }
  return warning === undefined ? { delete: true } : { delete: true, warning };
}

/** Groups `ns/name` lists by message, in first-seen order: `message: a/b, c/d`. */
function grouped(entries: readonly [message: string, pod: string][]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const [message, pod] of entries) out.set(message, [...(out.get(message) ?? []), pod]);
  return [...out];
}

/** Evicts the pods of one node; resolves to the errors that stopped it (none when it drained). */
async function drainNode(client: Client, node: string, flags: Flags, dryRun: DryRun): Promise<string[]> {
  const podSelector = flags.string('pod-selector');
  const pods = (client.store.list('Pod', { fieldSelector: `spec.nodeName=${node}`, labelSelector: podSelector }).items as unknown as Pod[]).filter(
    (p) => !(flags.int('skip-wait-for-delete-timeout') > 0 && p.metadata?.deletionTimestamp !== undefined),
  );
  const warnings: [string, string][] = [];
  const errors: [string, string][] = [];
  const toDelete: Pod[] = [];
  for (const pod of pods) {
    const verdict = filterPod(client, pod, flags);
    const id = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (verdict.warning !== undefined) warnings.push([verdict.warning, id]);
    if (verdict.delete) toDelete.push(pod);
    else if (verdict.error !== undefined) errors.push([verdict.error, id]);
  }
  if (errors.length > 0) {
    return grouped(errors).map(([message, ids]) => `${message.toLowerCase().startsWith('cannot delete') ? message : `cannot delete ${message}`}: ${ids.join(', ')}`);
  }
  if (warnings.length > 0) client.warn(grouped(warnings).map(([message, ids]) => `${message}: ${ids.join(', ')}`).join('; '));
  if (dryRun === 'client') {
    for (const pod of toDelete) client.out(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name} (dry run)\n`);
    return [];
  }
  const grace = flags.int('grace-period');
  for (const pod of toDelete) {
    client.out(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name}${dryRunSuffix(dryRun)}\n`);
    try {
      client.store.delete('Pod', pod.metadata?.namespace, pod.metadata!.name!, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: dryRun === 'server' });
    } catch (error) {
      if (client.store.tryGet('Pod', pod.metadata?.namespace, pod.metadata!.name!) === undefined) continue;
      return [`error when evicting pods/${JSON.stringify(pod.metadata?.name)} -n ${JSON.stringify(pod.metadata?.namespace)}: ${(error as Error).message}`];
    }
  }
  if (dryRun === 'server') return [];
  const engine = client.session.world.engine;
  const timeout = flags.duration('timeout');
  const deadline = timeout > 0 ? engine.now + timeout : Infinity;
  let pending = [...toDelete];
  const check = () => {
    pending = pending.filter((pod) => {
      const live = client.store.tryGet('Pod', pod.metadata?.namespace, pod.metadata!.name!);
      if (live !== undefined && live.metadata?.uid === pod.metadata?.uid) return true;
      client.out(`pod/${pod.metadata?.name} evicted\n`);
      return false;
    });
    return pending.length === 0 || engine.now >= deadline;
  };
  if (!check()) await waitFor(client.session, check);
  return pending.map((pod) => `error when waiting for pod ${JSON.stringify(pod.metadata?.name)} terminating: global timeout reached: ${formatGoDuration(timeout)}`);
}

export const drainCommand: KubectlCommand = {
  name: 'drain',
  summary: 'Drain node in preparation for maintenance',
  description: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. Then drain evicts the pods on it, giving each its termination grace period.

 Drain will not proceed when the node has DaemonSet-managed pods (their controller would put them right back) unless --ignore-daemonsets is given, and it never deletes them. It refuses pods with emptyDir volumes (their data would be lost) without --delete-emptydir-data, and pods that no ReplicaSet, Job, StatefulSet or DaemonSet would recreate without --force.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.`,
  examples: [
    ['Drain node "node-1", even if there are pods not managed by a controller on it', 'kubectl drain node-1 --force'],
    ['As above, but abort if there are pods not managed by a controller, and use a grace period of 15 minutes', 'kubectl drain node-1 --grace-period=900'],
  ],
  usage: 'drain NODE',
  flags: [
    { name: 'chunk-size', kind: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once (lists are never chunked here).' },
    { name: 'delete-emptydir-data', kind: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', kind: 'bool', usage: 'Force drain to use delete, even if eviction is supported.' },
    DRY_RUN_FLAG,
    { name: 'force', kind: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', kind: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', kind: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', kind: 'string', usage: 'Label selector to filter pods on the node' },
    NODE_SELECTOR_FLAG,
    { name: 'skip-wait-for-delete-timeout', kind: 'int', usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod. Seconds must be greater than 0 to skip.' },
    { name: 'timeout', kind: 'duration', usage: 'The length of time to wait before giving up, zero means infinite' },
  ],
  async run(client, flags) {
    const dryRun = dryRunOf(client, flags);
    const nodes = nodesOf(client, flags, 'drain NODE');
    cordonNodes(client, nodes, true, dryRun);
    // Each node's errors are one aggregate: `[a, b]` in one line, or one per line when only one node failed.
    const aggregate = (errors: readonly string[]) => (errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    const failures: string[][] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const errors = await drainNode(client, node.name, flags, dryRun);
      if (errors.length === 0) {
        client.out(`node/${node.name} drained${dryRunSuffix(dryRun)}\n`);
        continue;
      }
      client.err(`error: unable to drain node ${JSON.stringify(node.name)} due to error: ${aggregate(errors)}, continuing command...\n`);
      failures.push(errors);
      remaining.push(node.name);
    }
    if (remaining.length > 0) {
      client.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
      throw new CommandError(failures.length === 1 ? failures[0]!.join('\n') : failures.map(aggregate).join('\n'));
    }
    return 0;
  },
};
