// `kubectl get`: lists or fetches objects and prints them in any -o format; with -w it keeps
// printing each change as virtual time passes, until Ctrl-C (or a manual clock's follow budget).
// [kubectl pkg/cmd/get/get.go Run, printGeneric, watch]

import {
  type KubeObject,
  multipleTypesRequested,
  noResourcesFound,
  printGet,
  printWatchObject,
  TableWatchPrinter,
  tablePrinterFor,
  WATCH_SINGLE_TYPE_ERROR,
} from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import {
  ALL_NAMESPACES_FLAG,
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  KUSTOMIZE_FLAG,
  outputOf,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from './common-flags.ts';
import type { Flags } from './flags.ts';
import { buildResources, type BuilderResult, storeKind } from './resource-builder.ts';

export const getCommand: KubectlCommand = {
  name: 'get',
  summary: 'Display one or many resources',
  description: `Display one or many resources.

 Prints a table of the most important facts about the named resources, or every resource of a type in the current namespace (all namespaces with -A). Filter with a label selector (-l) or a field selector (--field-selector); choose another format with -o (wide, yaml, json, name, jsonpath, custom-columns); follow changes with -w.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: [
    ['List all pods in the current namespace', 'kubectl get pods'],
    ['The same, with more columns (pod IP, node)', 'kubectl get pods -o wide'],
    ['One deployment as YAML', 'kubectl get deployment web -o yaml'],
    ['Deployments of the "apps" group, version v1, as JSON', 'kubectl get deployments.v1.apps -o json'],
    ['The objects a manifest names', 'kubectl get -f deployment.yaml'],
    ['Only the phase of a pod', "kubectl get pod web -o jsonpath='{.status.phase}'"],
    ['Several types at once', 'kubectl get deployments,services'],
    ['Objects by type and name', 'kubectl get deployment/web service/web'],
    ['Every pod of every namespace', 'kubectl get pods --all-namespaces'],
    ['Watch pods come and go', 'kubectl get pods -w'],
  ],
  usage:
    'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  flags: [
    ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    { name: 'chunk-size', kind: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once (lists are never chunked here).' },
    FIELD_SELECTOR_FLAG,
    filenameFlag('identifying the resource to get from a server'),
    { name: 'ignore-not-found', kind: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
    KUSTOMIZE_FLAG,
    { name: 'label-columns', short: 'L', kind: 'stringSlice', usage: 'A comma separated list of labels to show as columns (case-sensitive). May be repeated: -L label1 -L label2.' },
    { name: 'no-headers', kind: 'bool', usage: "When using the default or custom-column output format, don't print headers." },
    {
      name: 'output',
      short: 'o',
      kind: 'string',
      usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, wide).',
    },
    { name: 'output-watch-events', kind: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'server-print', kind: 'bool', default: true, usage: 'If true, have the server return the appropriate table output.' },
    { name: 'show-kind', kind: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', kind: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column).' },
    SHOW_MANAGED_FIELDS_FLAG,
    { name: 'sort-by', kind: 'string', usage: "If non-empty, sort list types using this field specification, a JSONPath expression (e.g. '{.metadata.name}') naming an integer or a string." },
    TEMPLATE_FLAG,
    { name: 'watch', short: 'w', kind: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', kind: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  ],
  async run(client, flags) {
    const args = flags.positional;
    const filenames = flags.list('filename');
    if (args.length === 0 && filenames.length === 0) {
      client.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new CommandError(
        `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee '${client.commandPath} -h' for help and examples`,
      );
    }
    const output = outputOf(client, flags);
    checkOutputFormat(client, output);
    if (flags.bool('watch') || flags.bool('watch-only')) return watch(client, flags, output);

    const result = buildResources(client, {
      args,
      filenames,
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'),
      allNamespaces: flags.bool('all-namespaces'),
      allowEmptySelector: true,
      latest: true,
    });
    const ignoreNotFound = flags.bool('ignore-not-found');
    const errors = result.errors.filter((e) => !(ignoreNotFound && e.notFound)).map((e) => e.error);
    const objects = result.infos.map((i) => i.object);
    const table = output === '' || output === 'wide';
    if (!table && errors.length > 0 && result.singleItemImplied) throw client.aggregate(errors);
    if (!table && objects.length === 0 && ignoreNotFound) {
      if (errors.length > 0) throw client.aggregate(errors);
      return 0;
    }
    const printed = printGet(
      objects,
      {
        ...tableOptions(flags),
        showKind: flags.bool('show-kind') || multipleTypesRequested(args),
        output,
        ...(flags.changed('sort-by') ? { sortBy: flags.string('sort-by') } : {}),
        ...(flags.bool('all-namespaces') ? {} : { namespace: client.namespace }),
        singleObject: result.singleItemImplied,
        allowMissingTemplateKeys: flags.bool('allow-missing-template-keys'),
      },
      client.now,
    );
    client.out(printed.stdout);
    // "No resources found" only when nothing went wrong and NotFound is not being ignored.
    const nothingFound = printed.exitCode === 0 && printed.stderr === noResourcesFound(flags.bool('all-namespaces') ? undefined : client.namespace);
    if (!(nothingFound && (errors.length > 0 || ignoreNotFound))) client.err(printed.stderr);
    if (errors.length > 0) throw client.aggregate(errors);
    return printed.exitCode;
  },
};

/** The table decorations -o wide and the default format share with watches. */
function tableOptions(flags: Flags) {
  return {
    noHeaders: flags.bool('no-headers'),
    allNamespaces: flags.bool('all-namespaces'),
    showLabels: flags.bool('show-labels'),
    labelColumns: flags.list('label-columns'),
  };
}

/** An -o kubectl has no printer for, or a template that does not parse, fails before anything is fetched. */
function checkOutputFormat(client: Client, output: string): void {
  const probe = printGet([], { output }, client.now);
  if (probe.exitCode !== 0 && /^error: (unable to match a printer|error parsing template |template format specified)/.test(probe.stderr)) {
    throw new CommandError(probe.stderr.replace(/\n$/, ''));
  }
}

/** `get -w`: the current state (unless --watch-only), then one line or document per change. */
async function watch(client: Client, flags: Flags, output: string): Promise<number> {
  let result: BuilderResult;
  try {
    result = buildResources(client, {
      args: flags.positional,
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'),
      allNamespaces: flags.bool('all-namespaces'),
      allowEmptySelector: true,
      singleResourceType: true,
      latest: true,
    });
  } catch (error) {
    if (error instanceof CommandError && error.message === 'error: you may only specify a single resource type') throw new CommandError(WATCH_SINGLE_TYPE_ERROR.trimEnd());
    throw error;
  }
  if (result.errors.length > 0) throw client.aggregate(result.errors.map((e) => e.error));
  if (new Set(result.infos.map((i) => storeKind(i.type))).size > 1) {
    throw client.error('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  const type = result.types[0]!;
  const events = flags.bool('output-watch-events');
  const table = output === '' || output === 'wide';
  const tablePrinter = table
    ? new TableWatchPrinter(tablePrinterFor({ group: type.group, kind: type.kind }, type.namespaced), { ...tableOptions(flags), wide: output === 'wide', outputWatchEvents: events })
    : undefined;
  let printedObjects = 0;
  const print = (object: KubeObject, event: 'ADDED' | 'MODIFIED' | 'DELETED') => {
    if (tablePrinter !== undefined) client.out(tablePrinter.event(event, object, client.now));
    else if (output === 'json' || output === 'yaml' || output === 'name') client.out(printWatchObject(output, object, printedObjects, events ? event : undefined));
    else client.out(printGet([object], { output, singleObject: true, allowMissingTemplateKeys: flags.bool('allow-missing-template-keys') }, client.now).stdout);
    printedObjects++;
  };
  if (!flags.bool('watch-only')) {
    if (tablePrinter !== undefined) client.out(tablePrinter.list(result.infos.map((i) => i.object), client.now));
    else for (const info of result.infos) print(info.object, 'ADDED');
  }
  if (result.byName && result.infos.length > 1) throw client.error('you may only watch a single resource or type of resource at a time');

  const name = result.byName ? result.infos[0]?.name : undefined;
  const fieldSelector = [flags.string('field-selector'), name === undefined ? '' : `metadata.name=${name}`].filter((s) => s !== '').join(',');
  const namespace = !type.namespaced || flags.bool('all-namespaces') ? undefined : (result.infos[0]?.namespace ?? client.namespace);
  const handle = client.store.watch(
    storeKind(type),
    { namespace, labelSelector: flags.string('selector'), fieldSelector, resourceVersion: client.store.resourceVersion },
    (event) => print(event.object as KubeObject, event.type),
  );
  // The watch streams until interrupted, or until --request-timeout ends the request.
  const end = client.requestTimeoutMs > 0 ? client.now + client.requestTimeoutMs : Infinity;
  try {
    await waitFor(client.session, () => client.now >= end);
  } finally {
    handle.stop();
  }
  return 0;
}
