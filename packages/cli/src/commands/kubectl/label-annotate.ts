// `kubectl label` and `kubectl annotate`: add (`key=value`), change (with --overwrite) or remove
// (`key-`) labels or annotations of objects, as one merge patch each; --list prints them.
// [kubectl pkg/cmd/label/label.go (parseLabels, labelFunc, updateDataChangeMsg), pkg/cmd/annotate]

import { jsonEqual } from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import {
  ALL_NAMESPACES_FLAG,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  KUSTOMIZE_FLAG,
  PRINT_FLAGS,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from './common-flags.ts';
import type { Flags } from './flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, storeKind } from './resource-builder.ts';

type Field = 'labels' | 'annotations';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

interface Changes {
  set: Map<string, string>;
  remove: string[];
}

/** Splits the arguments into resources and `key=value` / `key-` changes. */
function parseChanges(client: Client, args: readonly string[], field: Field): { resources: string[]; changes: Changes } {
  const singular = field === 'labels' ? 'label' : 'annotation';
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (isPair) pairs.push(arg);
    else if (pairs.length > 0) throw client.error(`all resources must be specified before ${singular} changes: ${arg}`);
    else resources.push(arg);
  }
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const pair of pairs) {
    if (pair.includes('=')) {
      if (field === 'labels') {
        const parts = pair.split('=');
        if (parts.length !== 2) throw client.error(`invalid label spec: ${pair}`);
        const value = parts[1]!;
        const problems = [
          ...(value.length > 63 ? ['must be no more than 63 characters'] : []),
          ...(LABEL_VALUE.test(value)
            ? []
            : [
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
              ]),
        ];
        if (problems.length > 0) throw client.error(`invalid label value: ${JSON.stringify(pair)}: ${problems.join(';')}`);
        set.set(parts[0]!, value);
      } else {
        set.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
    } else remove.push(pair.slice(0, -1));
  }
  const both = remove.filter((key) => set.has(key));
  if (both.length > 0) {
    throw client.error(field === 'labels' ? 'can not both modify and remove a label in the same command' : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  }
  return { resources, changes: { set, remove } };
}

/** The object's map after the changes, or kubectl's --overwrite error. */
function applyChanges(client: Client, current: Readonly<Record<string, string>>, changes: Changes, overwrite: boolean, field: Field): Record<string, string> {
  if (!overwrite) {
    const taken = [...changes.set.keys()].filter((key) => key in current && !(field === 'annotations' && key === 'kubernetes.io/change-cause'));
    if (taken.length > 0) {
      if (field === 'labels') {
        const errors = taken.map((key) => `'${key}' already has a value (${current[key]}), and --overwrite is false`);
        throw client.error(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
      }
      throw client.error(`--overwrite is false but found the following declared annotation(s): ${taken.map((key) => `'${key}' already has a value (${current[key]})`).join('; ')}`);
    }
  }
  const next = { ...current };
  for (const [key, value] of changes.set) next[key] = value;
  for (const key of changes.remove) delete next[key];
  return next;
}

function metadataCommand(field: Field): KubectlCommand {
  const singular = field === 'labels' ? 'label' : 'annotation';
  return {
    name: singular === 'label' ? 'label' : 'annotate',
    summary: `Update the ${field} on a resource`,
    description:
      field === 'labels'
        ? `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`
        : `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.`,
    examples:
      field === 'labels'
        ? [
            ["Update pod 'foo' with the label 'unhealthy' and the value 'true'", 'kubectl label pods foo unhealthy=true'],
            ["Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value", 'kubectl label --overwrite pods foo status=unhealthy'],
            ['Update all pods in the namespace', 'kubectl label pods --all status=unhealthy'],
            ["Remove the label named 'bar' from pod 'foo'", 'kubectl label pods foo bar-'],
          ]
        : [
            ["Update pod 'foo' with the annotation 'description' and the value 'my frontend'", "kubectl annotate pods foo description='my frontend'"],
            ['Overwrite an existing value', "kubectl annotate --overwrite pods foo description='my frontend running nginx'"],
            ["Remove the annotation named 'description' from pod 'foo'", 'kubectl annotate pods foo description-'],
          ],
    usage:
      field === 'labels'
        ? 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]'
        : 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: [
      { name: 'all', kind: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
      ALL_NAMESPACES_FLAG,
      DRY_RUN_FLAG,
      { name: 'field-manager', kind: 'string', default: `kubectl-${singular === 'label' ? 'label' : 'annotate'}`, usage: 'Name of the manager used to track field ownership.' },
      FIELD_SELECTOR_FLAG,
      filenameFlag(`identifying the resource to update the ${singular}`),
      KUSTOMIZE_FLAG,
      { name: 'list', kind: 'bool', usage: `If true, display the ${field} for a given resource.` },
      { name: 'local', kind: 'bool', usage: `If true, ${singular === 'label' ? 'label' : 'annotation'} will NOT contact api-server but run locally.` },
      ...PRINT_FLAGS,
      { name: 'overwrite', kind: 'bool', usage: `If true, allow ${field} to be overwritten, otherwise reject ${singular} updates that overwrite existing ${field}.` },
      RECURSIVE_FLAG,
      { name: 'resource-version', kind: 'string', usage: 'If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.' },
      SELECTOR_FLAG,
    ],
    run: (client, flags) => runMetadata(client, flags, field),
  };
}

async function runMetadata(client: Client, flags: Flags, field: Field): Promise<number> {
  const { resources, changes } = parseChanges(client, flags.positional, field);
  const list = flags.bool('list');
  if (list && flags.string('output') !== '') throw client.error('--list and --output may not be specified together');
  const dryRun = dryRunOf(client, flags);
  const output = checkedOutput(client, flags);
  const all = flags.bool('all');
  if (all && flags.string('selector') !== '') throw client.error('cannot set --all and --selector at the same time');
  if (all && flags.string('field-selector') !== '') throw client.error('cannot set --all and --field-selector at the same time');
  if (resources.length === 0 && flags.list('filename').length === 0) throw client.error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.set.size === 0 && changes.remove.length === 0 && !list) throw client.error(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const result = buildResources(client, {
    args: resources,
    filenames: flags.list('filename'),
    recursive: flags.bool('recursive'),
    labelSelector: flags.string('selector'),
    fieldSelector: flags.string('field-selector'),
    allNamespaces: flags.bool('all-namespaces'),
    selectAll: all,
    allowEmptySelector: all,
    latest: true,
  });
  const version = flags.string('resource-version');
  if (version !== '' && !(result.singleItemImplied && result.infos.length <= 1)) throw client.error('--resource-version may only be used with a single resource');
  const errors: unknown[] = result.errors.map((e) => e.error);
  const overwrite = flags.bool('overwrite');
  const printer = new OperationPrinter(client, output, dryRun);
  for (const info of result.infos) {
    const current = (info.object.metadata?.[field] ?? {}) as Record<string, string>;
    try {
      if (list) {
        if (!result.singleItemImplied) client.out(`Listing ${field} for ${info.type.kind}.${info.type.group}/${info.name}:\n`);
        const indent = result.singleItemImplied ? '' : ' ';
        for (const key of Object.keys(current).sort()) client.out(`${indent}${key}=${current[key]}\n`);
        continue;
      }
      if (field === 'labels' && dryRun === 'none') {
        for (const key of changes.remove) if (!(key in current)) client.out(`label ${JSON.stringify(key)} not found.\n`);
      }
      const next = applyChanges(client, current, changes, overwrite, field);
      const changed: KubeObject = { ...info.object, metadata: { ...info.object.metadata, [field]: next } };
      let shown = changed;
      if (dryRun !== 'client') {
        const patch: Record<string, string | null> = {};
        for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
          if (current[key] !== next[key]) patch[key] = next[key] ?? null;
        }
        const meta = { [field]: Object.keys(patch).length === 0 ? {} : patch, ...(version !== '' ? { resourceVersion: version } : {}) };
        const patched = client.store.patch(storeKind(info.type), info.namespace, info.name, { metadata: meta }, 'merge', { dryRun: dryRun === 'server' }) as KubeObject;
        if (field === 'annotations') shown = patched;
      }
      printer.print(shown, field === 'annotations' ? 'annotated' : labelMessage(current, next, overwrite));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw client.aggregate(errors);
  return 0;
}

/** kubectl's updateDataChangeMsg: `not labeled`, `labeled`, or `unlabeled` (the object shrank without --overwrite). */
function labelMessage(before: Record<string, string>, after: Record<string, string>, overwrite: boolean): string {
  if (jsonEqual(before, after)) return 'not labeled';
  const size = (m: Record<string, string>) => JSON.stringify(m).length;
  return !overwrite && size(after) < size(before) ? 'unlabeled' : 'labeled';
}

export const labelCommand = metadataCommand('labels');
export const annotateCommand = metadataCommand('annotations');
