// How the commands that build an object from flags (`create deployment`, `create service`,
// `run`, `expose`...) send it: with --dry-run=client it is only printed; otherwise the API server
// creates it (or checks it, with --dry-run=server) and the result prints as `kind/name created`
// or in the -o format. Objects carry the zero values Go would serialize (`creationTimestamp:
// null`, `resources: {}`, `status: {}`) so their -o yaml reads like kubectl's.
// [kubectl pkg/cmd/create/create_*.go Run; cmdutil.PrintFlagsWithDryRunStrategy]

import { withLastApplied } from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import { DRY_RUN_FLAG, dryRunOf, fieldValidationOf, PRINT_FLAGS, VALIDATE_FLAG } from './common-flags.ts';
import type { Flags, FlagSpec } from './flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';

/** The flags every object-building command shares. */
export function generatorFlags(fieldManager = 'kubectl-create'): FlagSpec[] {
  return [
    DRY_RUN_FLAG,
    { name: 'field-manager', kind: 'string', default: fieldManager, usage: 'Name of the manager used to track field ownership.' },
    ...PRINT_FLAGS,
    {
      name: 'save-config',
      kind: 'bool',
      usage: "If true, the configuration of the current object is saved in its annotation, so 'kubectl apply' can follow on from it.",
    },
    VALIDATE_FLAG,
  ];
}

/** The name a `create <kind> NAME` got, or kubectl's usage error. */
export function nameArgument(client: Client, flags: Flags): string {
  const args = flags.argsLenAtDash >= 0 ? flags.positional.slice(0, flags.argsLenAtDash) : flags.positional;
  if (args.length !== 1) throw client.usageError(`exactly one NAME is required, got ${args.length}`);
  return args[0]!;
}

/** cobra's check of flags marked required. */
export function requireFlags(client: Client, flags: Flags, names: readonly string[]): void {
  const missing = names.filter((n) => !flags.changed(n));
  if (missing.length > 0) throw client.error(`required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`);
}

/**
 * Sends (or with --dry-run=client only prints) a generated object. `failure` words a server
 * error as the command does (`failed to create deployment: ...`, or a function for other
 * shapes); without it the server's error prints as is (`Error from server (AlreadyExists): ...`).
 */
export function submitGenerated(
  client: Client,
  flags: Flags,
  object: KubeObject,
  failure?: string | ((message: string) => string),
  operation = 'created',
): number {
  const dryRun = dryRunOf(client, flags);
  const output = checkedOutput(client, flags);
  const fieldValidation = fieldValidationOf(client, flags);
  let sent = flags.bool('save-config') ? (withLastApplied(object as never) as KubeObject) : object;
  if (dryRun !== 'client') {
    try {
      const namespace = client.store.registry.forKind(String(sent.apiVersion), String(sent.kind)).namespaced ? client.namespace : undefined;
      const created = client.store.createWithWarnings(sent as never, { ...(namespace === undefined ? {} : { namespace }), dryRun: dryRun === 'server', fieldValidation });
      for (const warning of created.warnings) client.warn(warning);
      sent = created.object as KubeObject;
    } catch (error) {
      if (failure === undefined) throw client.failure(error);
      const message = (error as Error).message;
      throw client.error(typeof failure === 'string' ? `${failure}: ${message}` : failure(message));
    }
  }
  new OperationPrinter(client, output, dryRun).print(sent, operation);
  return 0;
}

/** Object meta as kubectl's generators write it: the name, `-n` only when given, a null creationTimestamp. */
export function generatedMeta(client: Client, name: string, labels?: Record<string, string>): Record<string, unknown> {
  return {
    creationTimestamp: null,
    ...(labels === undefined ? {} : { labels }),
    name,
    ...(client.explicitNamespace ? { namespace: client.namespace } : {}),
  };
}
