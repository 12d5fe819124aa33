// What `-f` names: files, directories (their .json, .yaml and .yml files; every level with -R),
// `-` for standard input. URLs cannot be fetched: the simulation is offline. Each document of
// each file becomes one manifest, with the file it came from for kubectl's error texts.
// [cli-runtime pkg/resource builder.go FilenameParam / Path, visitor.go ExpandPathsToFileVisitors]

import { joinPath, resolvePath } from '@dockyard/runtime';
import { type ManifestObject, parseManifests } from '@dockyard/scheduler';
import { CommandError, type Session } from '../../session.ts';

const EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface ManifestSet {
  readonly manifests: ManifestObject[];
  /** Files that could not be parsed (`error: error parsing x.yaml: ...`): their objects are left out, the others go on. */
  readonly errors: string[];
  /** kubectl's singleItemImplied: one plain file (not a directory, not stdin). */
  readonly singleSource: boolean;
}

/**
 * Reads every manifest `-f` names, in order. A path that does not exist fails the command before
 * anything is done; a file that does not parse is reported and the others are still read.
 */
export function readManifests(session: Session, filenames: readonly string[], recursive: boolean): ManifestSet {
  const manifests: ManifestObject[] = [];
  const errors: string[] = [];
  const parse = (text: string, source: string): ManifestObject[] => {
    try {
      return parseManifests(text, source);
    } catch (error) {
      errors.push((error as Error).message);
      return [];
    }
  };
  let files = 0;
  let streamOrDirectory = false;
  let stdinUsed = false;
  for (const name of filenames) {
    if (name === '-') {
      if (stdinUsed) throw new CommandError('error: standard input cannot be used for multiple arguments');
      stdinUsed = true;
      streamOrDirectory = true;
      manifests.push(...parse(session.stdin ?? '', 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      const host = name.replace(/^https?:\/\//, '').split(/[/:]/)[0];
      throw new CommandError(`error: unable to read URL ${JSON.stringify(name)}: Get ${JSON.stringify(name)}: dial tcp: lookup ${host}: no such host (Dockyard runs offline: save the file and use -f FILE)`);
    }
    const path = resolvePath(session.files.cwd, name);
    const stat = session.files.stat(path);
    if (stat === undefined) throw new CommandError(`error: the path ${JSON.stringify(name)} does not exist`);
    if (stat.kind !== 'dir') {
      files++;
      manifests.push(...parse(session.files.readText(path), name));
      continue;
    }
    const found = filesUnder(session, path, name, recursive);
    if (found.length === 0) {
      throw new CommandError(`error: error reading [${name}]: recognized file extensions are [.json .yaml .yml]`);
    }
    streamOrDirectory = true;
    for (const file of found) manifests.push(...parse(session.files.readText(file.path), file.name));
  }
  return { manifests, errors, singleSource: files === 1 && !streamOrDirectory && filenames.length === 1 };
}

/** The manifest files of a directory in lexical order (filepath.Walk), subdirectories only with -R. */
function filesUnder(session: Session, path: string, name: string, recursive: boolean): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  for (const entry of session.files.readdir(path)) {
    const child = joinPath(path, entry);
    const childName = `${name.replace(/\/+$/, '')}/${entry}`;
    const stat = session.files.stat(child);
    if (stat?.kind === 'dir') {
      if (recursive) out.push(...filesUnder(session, child, childName, recursive));
    } else if (EXTENSIONS.some((ext) => entry.endsWith(ext))) out.push({ path: child, name: childName });
  }
  return out;
}
