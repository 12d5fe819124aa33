// `kubectl wait --for=condition=Ready|delete|create|jsonpath='{...}'=value (TYPE/NAME | TYPE -l ...)`:
// lets virtual time pass until every object meets the condition (`pod/web condition met`) or
// --timeout (30s) runs out (`timed out waiting for the condition on pods/web`).
// [kubectl pkg/cmd/wait/wait.go, condition.go, delete.go, json.go, create.go]

import { CommandError } from '../../session.ts';
import { JsonPath, type KubeObject } from '../../kubectl/printers/index.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG, filenameFlag, KUSTOMIZE_FLAG, PRINT_FLAGS, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, type ResourceInfo, resolveType, storeKind } from './resource-builder.ts';

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; status: string }
  | { kind: 'jsonpath'; path: JsonPath; value: string | undefined };

function parseCondition(client: Client, text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const at = rest.indexOf('=');
    return at < 0 ? { kind: 'condition', type: rest, status: 'true' } : { kind: 'condition', type: rest.slice(0, at), status: rest.slice(at + 1) };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const expression = close < 0 ? rest : rest.slice(0, close + 1);
    const tail = close < 0 ? '' : rest.slice(close + 1);
    if (expression === '' || (tail !== '' && !tail.startsWith('='))) throw client.error(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    let path: JsonPath;
    try {
      path = new JsonPath(expression.replace(/^'|'$/g, ''));
    } catch (error) {
      throw client.error((error as Error).message);
    }
    return { kind: 'jsonpath', path, value: tail === '' ? undefined : tail.slice(1) };
  }
  throw client.error(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** Whether the object (live, or gone) meets the condition. */
function met(condition: Condition, object: KubeObject | undefined, uid: string | undefined): boolean {
  switch (condition.kind) {
    case 'delete':
      return object === undefined || (uid !== undefined && object.metadata?.uid !== uid);
    case 'create':
      return object !== undefined;
    case 'condition': {
      if (object === undefined) return false;
      const status = object as { metadata?: { generation?: number }; status?: { conditions?: { type?: string; status?: string; observedGeneration?: number }[] } };
      const found = status.status?.conditions?.find((c) => c.type?.toLowerCase() === condition.type.toLowerCase());
      if (found === undefined) return false;
      if (found.observedGeneration !== undefined && (status.metadata?.generation ?? 0) > found.observedGeneration) return false;
      return (found.status ?? '').toLowerCase() === condition.status.toLowerCase();
    }
    case 'jsonpath': {
      if (object === undefined) return false;
      let results: unknown[][];
      try {
        results = condition.path.findAll(object);
      } catch {
        return false;
      }
      const values = results.flat();
      if (values.length === 0) return false;
      if (condition.value === undefined) return true;
      return values.length === 1 && jsonPathText(values[0]) === condition.value;
    }
  }
}

function jsonPathText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** --for=create: the named objects need not exist yet; each is checked for as time passes. */
async function waitForCreation(client: Client, args: readonly string[], timeout: number, printer: OperationPrinter): Promise<number> {
  const wanted = (args.some((a) => a.includes('/')) ? args.map((a) => a.split('/') as [string, string]) : args.slice(1).map((name) => [args[0]!, name] as [string, string])).map(
    ([type, name]) => ({ type: resolveType(client.store, type), name }),
  );
  if (wanted.length === 0) throw client.error('no matching resources found');
  const engine = client.session.world.engine;
  const deadline = engine.now + (timeout < 0 ? 7 * 24 * 3_600_000 : timeout);
  const pending = [...wanted];
  const check = () => {
    for (let i = 0; i < pending.length; ) {
      const { type, name } = pending[i]!;
      const object = client.store.tryGet(storeKind(type), type.namespaced ? client.namespace : undefined, name) as KubeObject | undefined;
      if (object !== undefined) {
        printer.print(object, 'condition met');
        pending.splice(i, 1);
      } else i++;
    }
    return pending.length === 0 || engine.now >= deadline;
  };
  if (!check() && timeout !== 0) await waitFor(client.session, check);
  const left = pending[0];
  if (left !== undefined) throw new CommandError(`error: timed out waiting for the condition on ${left.type.resource}/${left.name}`);
  return 0;
}

export const waitCommand: KubectlCommand = {
  name: 'wait',
  summary: 'Experimental: Wait for a specific condition on one or many resources',
  description: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  examples: [
    ['Wait for the pod "busybox1" to contain the status condition of type "Ready"', 'kubectl wait --for=condition=Ready pod/busybox1'],
    ['Wait for the pod "busybox1" to contain the status phase to be "Running"', "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1"],
    ['Wait for pod "busybox1" to be Ready', "kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1"],
    ['Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command', 'kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s'],
  ],
  usage: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
  flags: [
    { name: 'all', kind: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    ALL_NAMESPACES_FLAG,
    FIELD_SELECTOR_FLAG,
    filenameFlag('identifying the resource'),
    { name: 'for', kind: 'string', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    KUSTOMIZE_FLAG,
    { name: 'local', kind: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    ...PRINT_FLAGS,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'timeout', kind: 'duration', default: 30_000, usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
  ],
  async run(client, flags) {
    const condition = parseCondition(client, flags.string('for'));
    const output = checkedOutput(client, flags);
    if (condition.kind === 'create') return waitForCreation(client, flags.positional, flags.duration('timeout'), new OperationPrinter(client, output));
    const result = buildResources(client, {
      args: flags.positional,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'),
      selectAll: flags.bool('all'),
      allNamespaces: flags.bool('all-namespaces'),
      allowEmptySelector: false,
      latest: true,
    });
    const errors = result.errors.filter((e) => !(condition.kind === 'delete' && e.notFound));
    if (errors.length > 0) throw client.aggregate(errors.map((e) => e.error));
    const pending: { info: ResourceInfo; uid: string | undefined; name: string }[] = result.infos.map((info) => ({ info, uid: info.object.metadata?.uid, name: info.name }));
    if (pending.length === 0 && condition.kind !== 'delete') throw client.error('no matching resources found');
    const engine = client.session.world.engine;
    const timeout = flags.duration('timeout');
    const deadline = timeout < 0 ? engine.now + 7 * 24 * 3_600_000 : engine.now + timeout;
    const printer = new OperationPrinter(client, output);
    const live = (p: (typeof pending)[number]) => client.store.tryGet(storeKind(p.info.type), p.info.namespace, p.info.name) as KubeObject | undefined;
    const check = () => {
      for (let i = 0; i < pending.length; ) {
        const p = pending[i]!;
        const object = live(p);
        if (met(condition, object, p.uid)) {
          printer.print(object ?? p.info.object, 'condition met');
          pending.splice(i, 1);
        } else i++;
      }
      return pending.length === 0 || engine.now >= deadline;
    };
    if (!check() && timeout !== 0) await waitFor(client.session, check);
    const left = pending[0];
    if (left !== undefined) throw new CommandError(`error: timed out waiting for the condition on ${left.info.type.resource}/${left.name}`);
    return 0;
  },
};
