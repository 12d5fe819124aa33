// `kubectl patch (TYPE NAME | TYPE/NAME | -f FILE) -p PATCH | --patch-file FILE`: sends a
// strategic merge (default), JSON merge or JSON patch to the API server and prints
// `kind.group/name patched`, or `patched (no change)` when the object came back as it was.
// [kubectl pkg/cmd/patch/patch.go (Validate, RunPatch, patchOperation); apimachinery
// pkg/util/yaml ToJSON; apiserver endpoints/handlers/patch.go applyJSPatch]
//
// Checked against the stock kubectl 1.33 client: with --dry-run (client or server) it prints
// plain `patched`, no ` (dry run)` suffix: its ToPrinter sets the name printer's operation after
// PrintFlagsWithDryRunStrategy had added the suffix, which drops it.

import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, decodePatchBody, type JsonPatchOperation, jsonEqual, PatchError, type ResourceType, StatusError } from '@dockyard/scheduler';
import { resolvePath } from '@dockyard/runtime';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { DRY_RUN_FLAG, dryRunOf, filenameFlag, KUSTOMIZE_FLAG, PRINT_FLAGS, RECURSIVE_FLAG } from './common-flags.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, storeKind } from './resource-builder.ts';

const PATCH_TYPES = ['json', 'merge', 'strategic'] as const;
type PatchType = (typeof PATCH_TYPES)[number];

export const patchCommand: KubectlCommand = {
  name: 'patch',
  summary: 'Update fields of a resource',
  description: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
  examples: [
    ['Partially update a node using a strategic merge patch, specifying the patch as JSON', `kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'`],
    ['Partially update a node using a strategic merge patch, specifying the patch as YAML', "kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'"],
    ['Partially update a node identified by the type and name specified in "node.json" using strategic merge patch', `kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'`],
    ["Update a container's image; spec.containers[*].name is required because it's a merge key", `kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'`],
    ["Update a container's image using a JSON patch with positional arrays", `kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'`],
    ["Update a deployment's replicas through the 'scale' subresource using a merge patch", `kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`],
  ],
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  flags: [
    DRY_RUN_FLAG,
    { name: 'field-manager', kind: 'string', default: 'kubectl-patch', usage: 'Name of the manager used to track field ownership.' },
    filenameFlag('identifying the resource to update'),
    KUSTOMIZE_FLAG,
    { name: 'local', kind: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    ...PRINT_FLAGS,
    { name: 'patch', short: 'p', kind: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', kind: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    RECURSIVE_FLAG,
    { name: 'subresource', kind: 'string', usage: 'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.' },
    { name: 'type', kind: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  async run(client, flags) {
    const dryRun = dryRunOf(client, flags);
    const output = checkedOutput(client, flags);
    const text = flags.string('patch');
    const file = flags.string('patch-file');
    if (text !== '' && file !== '') throw client.error('cannot specify --patch and --patch-file together');
    if (text === '' && file === '') throw client.error('must specify --patch or --patch-file containing the contents of the patch');
    const local = flags.bool('local');
    if (local && flags.positional.length > 0) throw client.error('cannot specify --local and server resources');
    if (local && dryRun === 'server') throw client.error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const typeFlag = flags.string('type');
    const patchType = typeFlag === '' ? 'strategic' : (typeFlag.toLowerCase() as PatchType);
    if (!PATCH_TYPES.includes(patchType)) throw client.error(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(typeFlag)}`);
    const decoded = decodePatch(client, file === '' ? text : readPatchFile(client, file), text, patchType);
    const patch = 'value' in decoded ? decoded.value : undefined;
    if (flags.positional.length === 0 && flags.list('filename').length === 0) {
      throw client.error(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const result = buildResources(client, { args: flags.positional, filenames: flags.list('filename'), recursive: flags.bool('recursive'), latest: !local });
    // The builder continues on errors (ContinueOnError): objects that exist are patched, and
    // every failure is reported after them.
    const errors: unknown[] = result.errors.map((e) => e.error);
    if (result.infos.length === 0 && errors.length === 0) throw client.error('no objects passed to patch');
    const subresource = flags.string('subresource');
    // --dry-run=client: the store's dry run stands in for kubectl's local patch (it also
    // validates the result, which the stock client leaves to the server).
    const printer = new OperationPrinter(client, output);
    for (const info of result.infos) {
      if ('refused' in decoded) {
        errors.push(local ? new Error(decoded.refused.message) : decoded.refused);
        continue;
      }
      if (subresource === 'scale' && !local) {
        // The patch applies to the Scale, which is what kubectl prints (`scale.autoscaling/web patched`).
        try {
          const kind = storeKind(info.type);
          const before = client.store.getScale(kind, info.namespace, info.name);
          const patched = client.store.patchScale(kind, info.namespace, info.name, patch, patchType, { dryRun: dryRun !== 'none' });
          printer.print(patched as KubeObject, jsonEqual(before, patched) ? 'patched (no change)' : 'patched');
        } catch (error) {
          errors.push(error);
        }
        continue;
      }
      if (subresource !== '' && (subresource !== 'status' || !info.type.hasStatus)) {
        errors.push(new StatusError('NotFound', 'the server could not find the requested resource'));
        continue;
      }
      if (local) {
        try {
          const patched = patchLocally(info.object, patch, patchType, info.type);
          printer.print(patched, jsonEqual(info.object, patched) ? 'patched (no change)' : 'patched');
        } catch (error) {
          errors.push(error instanceof PatchError ? new Error(error.message) : error);
        }
        continue;
      }
      try {
        const patched = client.store.patch(storeKind(info.type), info.namespace, info.name, patch, patchType, {
          dryRun: dryRun !== 'none',
          ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
        }) as KubeObject;
        printer.print(patched, jsonEqual(info.object, patched) ? 'patched (no change)' : 'patched');
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};

/** --local: the patch applied to the object from the file, as kubectl's getPatchedJSON does. */
function patchLocally(object: KubeObject, patch: unknown, patchType: PatchType, type: ResourceType): KubeObject {
  if (patchType === 'json') return applyJsonPatch(object, patch as JsonPatchOperation[]) as KubeObject;
  if (patchType === 'merge') return applyMergePatch(object, patch) as KubeObject;
  if (type.custom) {
    const gvk = `${type.group === '' ? '' : `${type.group}/`}${type.version}, Kind=${type.kind}`;
    throw new Error(`strategic merge patch is not supported for ${gvk} locally, try --type merge`);
  }
  return applyStrategicMergePatch(object, patch) as KubeObject;
}

function readPatchFile(client: Client, name: string): string {
  const files = client.session.files;
  const path = resolvePath(files.cwd, name);
  const stat = files.stat(path);
  if (stat === undefined) throw client.error(`unable to read patch file: open ${name}: no such file or directory`);
  if (stat.kind === 'dir') throw client.error(`unable to read patch file: read ${name}: is a directory`);
  return files.readText(path);
}

/**
 * The patch as kubectl sends it (yaml.ToJSON: text that opens with `{` goes as it is, anything else,
 * `[` too, is read as YAML here). JSON the API server cannot decode is its BadRequest, answered only
 * once the object is found, so it is handed back to report per object.
 */
function decodePatch(client: Client, text: string, flagText: string, patchType: PatchType): { value: unknown } | { refused: StatusError } {
  if (/^\s*\{/.test(text)) {
    try {
      return { value: decodePatchBody(text, patchType) };
    } catch (error) {
      if (error instanceof StatusError) return { refused: error };
      throw error;
    }
  }
  try {
    return { value: parseYaml(text) };
  } catch (error) {
    // kubectl quotes the -p value (empty when the patch came from --patch-file).
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const message = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw client.error(`unable to parse ${JSON.stringify(flagText)}: yaml: ${line === undefined ? '' : `line ${line}: `}${message}`);
  }
}
