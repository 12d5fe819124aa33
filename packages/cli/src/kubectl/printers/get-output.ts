// Everything `kubectl get` prints for a set of objects, whatever the -o: the table (default and
// wide), yaml, json, name, jsonpath, jsonpath-as-json and custom-columns, after --sort-by, with
// the text for stdout, the text for stderr and the exit code, as the stock client does them.
// One named object (`get pod web`) prints as itself; anything else as a `List`.
// [kubectl pkg/cmd/get/get.go; cli-runtime printers; checked against the stock kubectl client]
import { parseCustomColumns, printCustomColumns } from './custom-columns.ts';
import { printGoTemplate } from './go-template.ts';
import { toJson } from './json.ts';
import { JsonPath, JsonPathError, printJsonPath } from './jsonpath.ts';
import { asList } from './list.ts';
import { printNames } from './name.ts';
import type { KubeObject } from './object.ts';
import { printTable } from './registry.ts';
import { sortObjects } from './sort-by.ts';
import type { TableOptions } from './table.ts';
import { noResourcesFound } from './table.ts';
import { toYaml, YamlError } from './yaml.ts';

export interface GetOutputOptions extends TableOptions {
  /**
   * The value of -o: ``, `wide`, `yaml`, `json`, `name`, `jsonpath=...`, `jsonpath-as-json=...`,
   * `custom-columns=...`, `go-template=...` (or `template=...`; files are read by the command).
   */
  readonly output?: string;
  /** --sort-by. */
  readonly sortBy?: string;
  /**
   * The namespace an empty get names in `No resources found in <ns> namespace.`; leave it out
   * with -A or when the requested kinds are cluster-scoped (`No resources found`).
   */
  readonly namespace?: string;
  /** The get named exactly one object (`get pod web`): yaml, json and jsonpath see it without a List. */
  readonly singleObject?: boolean;
  /** --allow-missing-template-keys (default true): false makes a go-template fail on a missing key. */
  readonly allowMissingTemplateKeys?: boolean;
}

export interface GetOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** What `kubectl get` writes for these objects at virtual time `now`. */
export function printGet(objects: readonly KubeObject[], options: GetOutputOptions, now: number): GetOutput {
  const output = options.output ?? '';
  const format = output.includes('=') ? output.slice(0, output.indexOf('=')) : output;
  const argument = output.includes('=') ? output.slice(output.indexOf('=') + 1) : '';
  const table = format === '' || format === 'wide';
  if (!['', 'wide', 'yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns', 'go-template', 'template'].includes(format)) {
    return failure(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}`);
  }
  if ((format === 'go-template' || format === 'template') && argument === '') return failure('template format specified but no template given');
  let sorted = objects;
  if (options.sortBy !== undefined) {
    try {
      sorted = sortObjects(objects, options.sortBy);
    } catch (error) {
      // With a table, kubectl 1.32 swallows the sort error and finds nothing.
      if (table) return { stdout: '', stderr: noResourcesFound(options.namespace), exitCode: 0 };
      return failure((error as Error).message);
    }
  }
  const data = options.singleObject === true && sorted.length === 1 ? sorted[0] : asList(sorted);
  try {
    switch (format) {
      case '':
      case 'wide': {
        const stdout = printTable(sorted, { ...options, wide: format === 'wide' }, now);
        return { stdout, stderr: stdout === '' ? noResourcesFound(options.namespace) : '', exitCode: 0 };
      }
      case 'yaml':
        return success(toYaml(data));
      case 'json':
        return success(toJson(data));
      case 'name':
        return success(printNames(sorted));
      case 'jsonpath': {
        const printed = printJsonPath(argument, data);
        return { ...printed, exitCode: printed.stderr === '' ? 0 : 1 };
      }
      case 'jsonpath-as-json': {
        let path: JsonPath;
        try {
          path = new JsonPath(argument);
        } catch (error) {
          return failure(`error parsing jsonpath ${argument}, ${(error as Error).message}`);
        }
        return success(path.findAll(data).map((values) => toJson(values)).join(''));
      }
      case 'go-template':
      case 'template': {
        const printed = printGoTemplate(argument, data, options.allowMissingTemplateKeys ?? true);
        return { ...printed, exitCode: printed.stderr === '' ? 0 : 1 };
      }
      default:
        return success(printCustomColumns(parseCustomColumns(argument), sorted, { noHeaders: options.noHeaders }));
    }
  } catch (error) {
    if (error instanceof JsonPathError || error instanceof YamlError) return failure(error.message);
    throw error;
  }
}

function success(stdout: string): GetOutput {
  return { stdout, stderr: '', exitCode: 0 };
}

/** kubectl's `error: ...` line on stderr and exit code 1. */
function failure(message: string): GetOutput {
  return { stdout: '', stderr: `error: ${message}\n`, exitCode: 1 };
}
