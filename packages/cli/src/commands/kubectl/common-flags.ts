// Flags many kubectl commands share (kubectl registers them through shared helpers too), and the
// readings of them that several commands need: --dry-run and -o.

import { resolvePath } from '@dockyard/runtime';
import type { FieldValidation } from '@dockyard/scheduler';
import type { Client } from './client.ts';
import type { Flags, FlagSpec } from './flags.ts';

/** `-f, --filename` with what the files are for (`to apply`, `containing the resource to delete`). */
export function filenameFlag(purpose: string): FlagSpec {
  return { name: 'filename', short: 'f', kind: 'stringSlice', usage: `Filename, directory, or URL to files ${purpose}.` };
}

export const RECURSIVE_FLAG: FlagSpec = {
  name: 'recursive',
  short: 'R',
  kind: 'bool',
  usage: 'Process the directory used in -f, --filename recursively, descending into its subdirectories.',
};

export const KUSTOMIZE_FLAG: FlagSpec = {
  name: 'kustomize',
  short: 'k',
  kind: 'string',
  usage: 'Process a kustomization directory (not supported by Dockyard). Cannot be used together with -f or -R.',
};

export const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  kind: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin' (e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the constraints.",
};

export const FIELD_SELECTOR_FLAG: FlagSpec = {
  name: 'field-selector',
  kind: 'string',
  usage: "Selector (field query) to filter on, supports '=', '==', and '!=' (e.g. --field-selector key1=value1,key2=value2). The server supports only a few fields per type.",
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: 'all-namespaces',
  short: 'A',
  kind: 'bool',
  usage: 'If present, act on the requested objects across all namespaces, whatever --namespace says.',
};

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  kind: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". With client, only print the object that would be sent; with server, send it to be checked without storing it.',
};

export const SHOW_MANAGED_FIELDS_FLAG: FlagSpec = {
  name: 'show-managed-fields',
  kind: 'bool',
  usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
};

export const ALLOW_MISSING_TEMPLATE_KEYS_FLAG: FlagSpec = {
  name: 'allow-missing-template-keys',
  kind: 'bool',
  default: true,
  usage: 'If true, ignore any errors in templates when a field or map key is missing. Only applies to golang and jsonpath output formats.',
};

export const TEMPLATE_FLAG: FlagSpec = {
  name: 'template',
  kind: 'string',
  usage: 'The Go template (or, with -o=go-template-file, the file holding it) for -o=go-template. Without -o, --template alone implies -o=go-template.',
};

/** `-o` for commands that print the objects they changed (json, yaml, name, jsonpath...). */
export function outputFlag(formats = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file'): FlagSpec {
  return { name: 'output', short: 'o', kind: 'string', usage: `Output format. One of: (${formats}).` };
}

/** The flags of a command that prints what it changed: -o and its companions. */
export const PRINT_FLAGS: readonly FlagSpec[] = [outputFlag(), ALLOW_MISSING_TEMPLATE_KEYS_FLAG, SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG];

export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  kind: 'string',
  default: 'strict',
  noOptDefault: 'strict',
  usage: 'Must be one of: strict (or true), warn, ignore (or false). "strict" refuses unknown or duplicate fields, "warn" reports them, "ignore" drops them.',
};

/** --validate as the API server's fieldValidation. */
export function fieldValidationOf(client: Client, flags: Flags): FieldValidation {
  const value = flags.string('validate').toLowerCase();
  if (value === 'strict' || value === 'true') return 'Strict';
  if (value === 'warn') return 'Warn';
  if (value === 'ignore' || value === 'false') return 'Ignore';
  throw client.error(`invalid - validate option ${JSON.stringify(flags.string('validate'))}; must be one of: strict (or true), warn, ignore (or false)`);
}

export type DryRun = 'none' | 'client' | 'server';

/** --dry-run, as cmdutil.GetDryRunStrategy reads it (bare `--dry-run` and booleans are old spellings). */
export function dryRunOf(client: Client, flags: Flags): DryRun {
  const value = flags.string('dry-run');
  switch (value) {
    case 'client':
    case 'server':
    case 'none':
      return value;
    case 'unchanged':
      client.klog('W', 'helpers.go:703', '--dry-run is deprecated and can be replaced with --dry-run=client.');
      return 'client';
    case 'true':
      client.klog('W', 'helpers.go:717', '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.');
      return 'client';
    case 'false':
      client.klog('W', 'helpers.go:717', '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.');
      return 'none';
    default:
      throw client.error(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

/** What kubectl appends to `deployment.apps/web created` under --dry-run. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** The -o formats whose template is a file, and the format its text is then printed with. */
const TEMPLATE_FILE_FORMATS: Readonly<Record<string, string>> = { 'go-template-file': 'go-template', templatefile: 'go-template', 'jsonpath-file': 'jsonpath' };

/**
 * -o as the printers take it: `--template` alone means go-template, the template comes from
 * `-o FORMAT=TEMPLATE` or else --template, and a template file is read here
 * (`go-template-file=x.tmpl` becomes `go-template=<its text>`).
 * [cli-runtime pkg/genericclioptions print_flags.go ToPrinter, template_flags.go ToPrinter]
 */
export function outputOf(client: Client, flags: Flags): string {
  const template = flags.declares('template') ? flags.string('template') : '';
  const output = flags.string('output') === '' && template !== '' ? 'go-template' : flags.string('output');
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const file = TEMPLATE_FILE_FORMATS[format];
  if (file === undefined && format !== 'go-template' && format !== 'template') return output;
  const value = eq < 0 ? template : output.slice(eq + 1);
  if (value === '') throw client.error('template format specified but no template given');
  if (file === undefined) return `${format}=${value}`;
  const files = client.session.files;
  const path = resolvePath(files.cwd, value);
  const stat = files.stat(path);
  if (stat === undefined) throw client.error(`error reading --template ${value}, open ${value}: no such file or directory`);
  if (stat.kind === 'dir') throw client.error(`error reading --template ${value}, read ${value}: is a directory`);
  return `${file}=${files.readText(path)}`;
}
