// `extends:` — a service starts from another service, of the same file or of another one, and
// adds its own settings with the usual merge rules. Resolved per file, before files merge, as
// compose-go does. Relative paths of a service taken from another file stay relative to that file.

import { ComposeError } from './errors.ts';
import { dirname, isAbsolute, resolvePath } from './file-source.ts';
import { mergeComposeFiles } from './merge.ts';
import { isRemoteContext } from './normalize.ts';
import { isFilePath } from './volume-spec.ts';
import type { ComposeDict } from './yaml-file.ts';

/** Reads another compose file as one canonical, validated dict (the caller caches and checks it). */
export type ReadComposeFile = (path: string) => ComposeDict;

interface ServiceRef {
  file: string;
  service: string;
}

function isDict(value: unknown): value is ComposeDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The file's services with every `extends` resolved. */
export function applyExtends(dict: ComposeDict, file: string, read: ReadComposeFile): ComposeDict {
  if (!isDict(dict.services)) return dict;
  const services: ComposeDict = {};
  for (const name of Object.keys(dict.services)) services[name] = resolveService(dict, file, name, read, []);
  return { ...dict, services };
}

function resolveService(dict: ComposeDict, file: string, name: string, read: ReadComposeFile, chain: ServiceRef[]): ComposeDict {
  const services = dict.services as ComposeDict;
  const service = services[name];
  if (!isDict(service)) {
    throw new ComposeError(`cannot extend service ${JSON.stringify(name)} in ${file}: service not found`);
  }
  if (chain.some((ref) => ref.file === file && ref.service === name)) {
    const lines = ['Circular reference:', `  ${chain[0]!.service} in ${chain[0]!.file}`];
    for (const ref of [...chain.slice(1), { file, service: name }]) lines.push(`  extends ${ref.service} in ${ref.file}`);
    throw new ComposeError(lines.join('\n'));
  }
  if (service.extends === undefined) return service;

  const spec = service.extends;
  const baseName = typeof spec === 'string' ? spec : String((spec as ComposeDict).service);
  const baseFile = isDict(spec) && typeof spec.file === 'string' ? resolvePath(dirname(file), spec.file) : file;
  const baseDict = baseFile === file ? dict : read(baseFile);
  let base = resolveService(baseDict, baseFile, baseName, read, [...chain, { file, service: name }]);
  if (baseFile !== file) base = rebasePaths(base, dirname(baseFile));

  const own: ComposeDict = { ...service };
  delete own.extends;
  const merged = mergeComposeFiles({ services: { [name]: base } }, { services: { [name]: own } });
  return (merged.services as ComposeDict)[name] as ComposeDict;
}

/** Relative build contexts, bind sources and env files of a service from another file's directory. */
function rebasePaths(service: ComposeDict, dir: string): ComposeDict {
  const out: ComposeDict = { ...service };
  const rebase = (path: string) => (isAbsolute(path) || path.startsWith('~') ? path : resolvePath(dir, path));
  if (isDict(out.build) && typeof out.build.context === 'string' && !isRemoteContext(out.build.context)) {
    out.build = { ...out.build, context: rebase(out.build.context) };
  } else if (isDict(out.build) && out.build.context === undefined) {
    out.build = { ...out.build, context: dir };
  }
  if (Array.isArray(out.volumes)) {
    out.volumes = out.volumes.map((volume) => {
      const mount = volume as ComposeDict;
      return mount.type === 'bind' && typeof mount.source === 'string' && isFilePath(mount.source) ? { ...mount, source: rebase(mount.source) } : mount;
    });
  }
  if (Array.isArray(out.env_file)) {
    out.env_file = out.env_file.map((entry) => ({ ...(entry as ComposeDict), path: rebase(String((entry as ComposeDict).path)) }));
  }
  return out;
}
