// What `kubectl create secret|configmap` read their keys from: --from-literal=key=value,
// --from-file=[key=]path (a directory gives one key per regular file), --from-env-file
// (k8s.io/kubectl pkg/util ParseLiteralSource/ParseFileSource, pkg/cmd/util/env_file.go), with
// kubectl's own error texts. Files come through `LocalFiles` so the CLI reads the disk and the
// browser its in-memory workspace.

import { basename } from '@dockyard/runtime';

export interface LocalFiles {
  /** 'file', 'dir', or undefined when the path does not exist. */
  kind(path: string): 'file' | 'dir' | 'other' | undefined;
  read(path: string): Uint8Array;
  /** Entries of a directory, in name order. */
  list(path: string): string[];
}

/** An error kubectl prints as `error: <message>`. */
export class KubectlError extends Error {}

export function parseLiteralSource(source: string): [key: string, value: string] {
  const at = source.indexOf('=');
  if (at <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, at), source.slice(at + 1)];
}

export function parseFileSource(source: string): [key: string | undefined, path: string] {
  if (!source.includes('=')) return [undefined, source];
  const parts = source.split('=');
  if (parts.length !== 2) throw new KubectlError("key names or file paths cannot contain '='");
  const [key, path] = parts as [string, string];
  if (key === '') throw new KubectlError(`key name for file path ${path} missing`);
  if (path === '') throw new KubectlError(`file path for key name ${key} missing`);
  return [key, path];
}

/** The (key, content) pairs of --from-file sources, directories expanded. */
export function readFileSources(files: LocalFiles, sources: readonly string[]): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    const kind = files.kind(path);
    if (kind === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    if (kind === 'dir') {
      if (key !== undefined) throw new KubectlError('cannot give a key name for a directory path');
      for (const name of files.list(path)) {
        const item = `${path.replace(/\/+$/, '')}/${name}`;
        if (files.kind(item) === 'file') out.push([name, files.read(item)]);
      }
    } else out.push([key ?? basename(path), files.read(path)]);
  }
  return out;
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The pairs of an env file; a line without `=` takes its value from `environment`. */
export function readEnvFile(files: LocalFiles, path: string, directoryMessage: string, environment: (name: string) => string | undefined = () => undefined): [string, string][] {
  const kind = files.kind(path);
  if (kind === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
  if (kind === 'dir') throw new KubectlError(directoryMessage);
  let content = new TextDecoder().decode(files.read(path));
  if (content.startsWith('\uFEFF')) content = content.slice(1);
  const out: [string, string][] = [];
  // bufio.Scanner: lines split on \n, a trailing \r dropped.
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const key = at < 0 ? line : line.slice(0, at);
    if (!ENV_VAR_NAME.test(key)) {
      throw new KubectlError(
        `${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      );
    }
    out.push([key, at < 0 ? (environment(key) ?? '') : line.slice(at + 1)]);
  }
  return out;
}
