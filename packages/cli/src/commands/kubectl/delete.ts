// `kubectl delete`: by file, by type and names, by label or field selector, or --all; with grace
// periods, --force, --now and --cascade; then (by default) waits in virtual time until every
// deleted object is gone, as kubectl does, since a pod lingers while its containers stop.
// [kubectl pkg/cmd/delete/delete.go Complete, Validate, DeleteResult, PrintObj; pkg/cmd/wait IsDeleted]

import type { PropagationPolicy } from '@dockyard/scheduler';
import { waitFor } from '../docker/daemon.ts';
import { type Client, withSource } from './client.ts';
import type { KubectlCommand } from './command.ts';
import {
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  dryRunOf,
  dryRunSuffix,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  KUSTOMIZE_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from './common-flags.ts';
import type { Flags } from './flags.ts';
import { kindPrefixOf } from './operation-printer.ts';
import { buildResources, type ResourceInfo, storeKind } from './resource-builder.ts';

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  description: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Objects are deleted gracefully: a pod gets its termination grace period (30 seconds unless it says otherwise) to stop, and kubectl waits until every deleted object is gone. --force --grace-period=0 removes pods from the API at once, without waiting for their containers to stop.

 Deleting an owner (a deployment, a job) deletes what it owns in the background unless --cascade says foreground or orphan.`,
  examples: [
    ['Delete the objects of a manifest', 'kubectl delete -f ./deployment.yaml'],
    ['Delete a pod and a service by name', 'kubectl delete pod/web service/web'],
    ['Delete the pods and services labelled app=web', 'kubectl delete pods,services -l app=web'],
    ['Delete a pod without waiting for its containers to stop', 'kubectl delete pod web --now'],
    ['Force-delete a pod on a dead node', 'kubectl delete pod web --force --grace-period=0'],
    ['Delete every pod of the namespace', 'kubectl delete pods --all'],
  ],
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  flags: [
    { name: 'all', kind: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { ...ALL_NAMESPACES_FLAG, usage: 'If present, list the requested object(s) across all namespaces.' },
    {
      name: 'cascade',
      kind: 'string',
      default: 'background',
      noOptDefault: 'background',
      usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    },
    DRY_RUN_FLAG,
    FIELD_SELECTOR_FLAG,
    filenameFlag('containing the resource to delete'),
    { name: 'force', kind: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Requires --grace-period=0.' },
    { name: 'grace-period', kind: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown.' },
    { name: 'ignore-not-found', kind: 'bool', usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    KUSTOMIZE_FLAG,
    { name: 'now', kind: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', short: 'o', kind: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'timeout', kind: 'duration', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object.' },
    { name: 'wait', kind: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  async run(client, flags) {
    const policy = cascadeOf(client, flags);
    let grace = flags.int('grace-period');
    if (flags.bool('now')) {
      if (grace !== -1) throw client.error('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    const force = flags.bool('force');
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const label = flags.string('selector');
    const field = flags.string('field-selector');
    const all = flags.bool('all');
    const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : all || label !== '' || field !== '';
    const output = flags.string('output');
    if (output !== '' && output !== 'name') throw client.error(`unexpected -o output mode: ${output}. We only support '-o name'`);
    if (all && label !== '') throw client.error('cannot set --all and --selector at the same time');
    if (all && field !== '') throw client.error('cannot set --all and --field-selector at the same time');
    if (grace === 0 && force) {
      client.warn('Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    } else if (grace > 0 && force) throw client.error('--force and --grace-period greater than 0 cannot be specified together');
    const dryRun = dryRunOf(client, flags);

    const result = buildResources(client, {
      args: flags.positional,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: label,
      fieldSelector: field,
      selectAll: all,
      allNamespaces: flags.bool('all-namespaces'),
      latest: true,
    });
    const errors: unknown[] = result.errors.filter((e) => !(ignoreNotFound && e.notFound)).map((e) => e.error);
    const deleted: { info: ResourceInfo; uid: string | undefined }[] = [];
    for (const info of result.infos) {
      const kind = kindPrefixOf(info.type);
      const operation = (grace === 0 ? 'force deleted' : 'deleted') + dryRunSuffix(dryRun);
      if (dryRun !== 'client') {
        try {
          client.store.delete(storeKind(info.type), info.namespace, info.name, {
            ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
            propagationPolicy: policy,
            dryRun: dryRun === 'server',
          });
        } catch (error) {
          if (ignoreNotFound && client.store.tryGet(storeKind(info.type), info.namespace, info.name) === undefined) continue;
          errors.push(withSource(error, 'deleting', info.source));
          continue;
        }
      }
      client.out(output === 'name' ? `${kind}/${info.name}\n` : `${kind} "${info.name}" ${operation}\n`);
      deleted.push({ info, uid: info.object.metadata?.uid });
    }
    if (errors.length > 0) throw client.aggregate(errors);
    if (deleted.length === 0) {
      client.out('No resources found\n');
      return 0;
    }
    if (!flags.bool('wait') || dryRun !== 'none') return 0;
    await waitUntilGone(client, deleted, flags.duration('timeout'));
    return 0;
  },
};

/** --cascade as a propagation policy (`true`/`false` are old spellings of background/orphan). */
function cascadeOf(client: Client, flags: Flags): PropagationPolicy {
  const value = flags.string('cascade');
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      client.klog('W', 'helpers.go:767', '--cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.');
      return 'Background';
    case 'false':
      client.klog('W', 'helpers.go:773', '--cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
    default:
      throw client.error(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  }
}

/** kubectl's wait for deletion: every object gone (or replaced by a new one of the same name). */
export async function waitUntilGone(client: Client, objects: readonly { info: ResourceInfo; uid: string | undefined }[], timeoutMs: number): Promise<void> {
  const engine = client.session.world.engine;
  const deadline = engine.now + (timeoutMs > 0 ? timeoutMs : 168 * 3_600_000);
  const gone = ({ info, uid }: { info: ResourceInfo; uid: string | undefined }) => {
    const live = client.store.tryGet(storeKind(info.type), info.namespace, info.name);
    return live === undefined || (uid !== undefined && live.metadata?.uid !== uid);
  };
  await waitFor(client.session, () => objects.every(gone) || engine.now >= deadline);
  const left = objects.find((o) => !gone(o));
  if (left !== undefined && engine.now >= deadline) {
    throw client.error(`timed out waiting for the condition on ${left.info.type.resource}/${left.info.name}`);
  }
}
