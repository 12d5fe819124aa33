// `kubectl apply -f`: client-side apply of every manifest named (files, directories, -R, stdin),
// each `created`, `configured` or `unchanged`; objects that fail are reported at the end and the
// others still go through. `apply view-last-applied` shows what was applied last.
// [kubectl pkg/cmd/apply/apply.go Run / applyOneObject, apply_view_last_applied.go]

import { type FieldValidation, LAST_APPLIED_ANNOTATION, withLastApplied } from '@dockyard/scheduler';
import { type KubeObject, toJson, toYaml } from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import { type Client, withSource } from './client.ts';
import type { KubectlCommand } from './command.ts';
import {
  DRY_RUN_FLAG,
  dryRunOf,
  fieldValidationOf,
  filenameFlag,
  KUSTOMIZE_FLAG,
  PRINT_FLAGS,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  VALIDATE_FLAG,
} from './common-flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, type ResourceInfo, storeKind } from './resource-builder.ts';

const viewLastAppliedCommand: KubectlCommand = {
  name: 'view-last-applied',
  summary: 'View the latest last-applied-configuration annotations of a resource/object',
  description: 'View the latest last-applied-configuration annotations by type/name or file, as YAML (default) or JSON.',
  examples: [['What was last applied to a deployment', 'kubectl apply view-last-applied deployment/web']],
  usage: 'view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)',
  flags: [
    { name: 'all', kind: 'bool', usage: 'Select all resources in the namespace of the specified resource types.' },
    filenameFlag('that contains the last-applied-configuration annotations'),
    KUSTOMIZE_FLAG,
    { name: 'output', short: 'o', kind: 'string', default: 'yaml', usage: 'Output format. Must be one of (yaml, json).' },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
  ],
  async run(client, flags) {
    const output = flags.string('output');
    if (output !== 'yaml' && output !== 'json') throw client.error(`Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
    const result = buildResources(client, {
      args: flags.positional,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      selectAll: flags.bool('all'),
      latest: true,
    });
    if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
    for (const info of result.infos) {
      const text = info.object.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
      if (text === undefined) throw client.error(`no last-applied-configuration annotation found on resource: ${info.name}`);
      const applied = JSON.parse(text) as unknown;
      client.out(output === 'json' ? toJson(applied) : toYaml(applied));
    }
    return 0;
  },
};

export const applyCommand: KubectlCommand = {
  name: 'apply',
  summary: 'Apply a configuration to a resource by file name or stdin',
  description: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. The resource is created if it does not exist yet.

 JSON and YAML formats are accepted. Each apply records the configuration in the last-applied-configuration annotation, so the next apply can tell the fields you removed from the fields others set.`,
  examples: [
    ['Apply the configuration in deployment.yaml', 'kubectl apply -f ./deployment.yaml'],
    ['Apply every manifest of a directory, and of its subdirectories', 'kubectl apply -R -f ./manifests/'],
    ['Apply the JSON passed into stdin', 'cat pod.json | kubectl apply -f -'],
    ['See what would be sent, without changing anything', 'kubectl apply -f deployment.yaml --dry-run=client -o yaml'],
  ],
  usage: 'apply (-f FILENAME | -k DIRECTORY)',
  subcommands: [viewLastAppliedCommand],
  flags: [
    DRY_RUN_FLAG,
    { name: 'field-manager', kind: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
    filenameFlag('that contains the configuration to apply'),
    { name: 'force', kind: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion (not needed here).' },
    KUSTOMIZE_FLAG,
    { name: 'overwrite', kind: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration.' },
    ...PRINT_FLAGS,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'server-side', kind: 'bool', usage: 'If true, apply runs in the server instead of the client (Dockyard merges the same way).' },
    VALIDATE_FLAG,
    { name: 'wait', kind: 'bool', usage: 'If true, wait for resources to be gone before returning (with --prune).' },
  ],
  async run(client, flags) {
    if (flags.positional.length > 0) throw client.usageError(`Unexpected args: [${flags.positional.join(' ')}]`);
    if (flags.string('kustomize') !== '') throw client.error('kustomize is not supported by Dockyard; apply the rendered files with -f');
    if (flags.list('filename').length === 0) throw client.error('must specify one of -f and -k');
    const dryRun = dryRunOf(client, flags);
    const fieldValidation = fieldValidationOf(client, flags);
    const output = checkedOutput(client, flags);
    const result = buildResources(client, {
      args: [],
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
    });
    const errors: unknown[] = result.errors.map((e) => e.error);
    if (result.infos.length === 0 && errors.length === 0) throw client.error('no objects passed to apply');
    const printer = new OperationPrinter(client, output, dryRun);
    const serverSide = flags.bool('server-side');
    for (const info of result.infos) {
      try {
        const { object, outcome } = applyOne(client, info, dryRun, fieldValidation);
        printer.print(object, serverSide ? 'serverside-applied' : outcome);
      } catch (error) {
        if (error instanceof CommandError) throw error;
        const exists = client.store.tryGet(storeKind(info.type), info.namespace, info.name) !== undefined;
        errors.push(withSource(error, exists ? 'patching' : 'creating', info.source));
      }
    }
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};

function applyOne(client: Client, info: ResourceInfo, dryRun: 'none' | 'client' | 'server', fieldValidation: FieldValidation) {
  const manifest: KubeObject = info.namespace === undefined ? info.object : { ...info.object, metadata: { ...info.object.metadata, namespace: info.namespace } };
  if (dryRun === 'client' && client.store.tryGet(storeKind(info.type), info.namespace, info.name) === undefined) {
    // Nothing is sent: the object prints as it would be created.
    return { object: withLastApplied(manifest as never) as KubeObject, outcome: 'created' };
  }
  const options = { fieldValidation, dryRun: dryRun !== 'none', ...(info.namespace === undefined ? {} : { namespace: info.namespace }) };
  const applied = client.store.apply(manifest as never, options);
  for (const warning of applied.warnings) client.warn(warning);
  return { object: applied.object as KubeObject, outcome: applied.outcome };
}
