// What commands that change objects print for each one: `deployment.apps/web created` (with
// ` (dry run)` or ` (server dry run)`), or with -o the object itself: YAML documents separated by
// `---`, JSON one after another, `-o name` as `kind.group/name`, jsonpath and custom columns.
// [cli-runtime printers name.go (NamePrinter with Operation), yaml.go (document separators);
// kubectl PrintFlags.ToPrinter / cmdutil.PrintFlagsWithDryRunStrategy]

import { groupKindOf, type KubeObject, kindPrefix, printGet, printWatchObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import { CommandError } from '../../session.ts';
import { type DryRun, dryRunSuffix, outputOf } from './common-flags.ts';
import type { Flags } from './flags.ts';

export class OperationPrinter {
  #printed = 0;

  constructor(
    private readonly client: Client,
    /** The -o value ('' for the `kind/name operation` line). */
    private readonly output: string,
    private readonly dryRun: DryRun = 'none',
  ) {}

  /** Prints one object after `operation` (`created`, `configured`, `scaled`...). */
  print(object: KubeObject, operation: string): void {
    const output = this.output;
    if (output === '') {
      this.client.out(`${namePrefix(object)}/${object.metadata?.name ?? ''} ${operation}${dryRunSuffix(this.dryRun)}\n`);
    } else if (output === 'yaml' || output === 'json' || output === 'name') {
      this.client.out(printWatchObject(output, object, this.#printed));
    } else {
      const printed = printGet([object], { output, singleObject: true }, this.client.now);
      this.client.out(printed.stdout);
      if (printed.exitCode !== 0) throw this.client.failure(new Error(printed.stderr.replace(/^error: |\n$/g, '')));
    }
    this.#printed++;
  }
}

/** `deployment.apps`, `pod`: the kind in lower case with its API group, as kubectl names objects. */
export function namePrefix(object: KubeObject): string {
  return kindPrefix(groupKindOf(object));
}

/** The same prefix for a resource type (`kubectl delete` prints it before the name). */
export function kindPrefixOf(type: { readonly group: string; readonly kind: string }): string {
  return kindPrefix({ group: type.group, kind: type.kind });
}

/** -o with --template and template files resolved (outputOf), checked by checkOutput. */
export function checkedOutput(client: Client, flags: Flags): string {
  const output = outputOf(client, flags);
  checkOutput(client, output);
  return output;
}

/** -o values a changing command accepts; anything else is refused before any change. */
export function checkOutput(client: Client, output: string): void {
  const format = output.split('=')[0]!;
  if (['', 'yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns', 'go-template', 'template'].includes(format)) {
    if (format === 'go-template' || format === 'template') {
      // kubectl builds its printer before changing anything: a template that does not parse stops it.
      const probe = printGet([], { output }, client.now);
      if (/^error: (error parsing template |template format specified)/.test(probe.stderr)) throw new CommandError(probe.stderr.replace(/\n$/, ''));
    }
    return;
  }
  throw client.error(
    `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
  );
}
