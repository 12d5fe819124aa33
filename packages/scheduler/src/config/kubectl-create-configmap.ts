// `kubectl create configmap NAME --from-literal/--from-file/--from-env-file` as a pure builder
// (k8s.io/kubectl pkg/cmd/create create_configmap.go): text files go to `data`, files that are
// not valid UTF-8 to `binaryData` (base64), with kubectl's error texts.

import type { ConfigMap } from 'kubernetes-types/core/v1';
import { setOwn } from '@dockyard/runtime';
import { encodeBase64 } from '../api/go-base64.ts';
import { isConfigMapKey } from '../api/names.ts';
import { KubectlError, type LocalFiles, parseLiteralSource, readEnvFile, readFileSources } from './kubectl-data-sources.ts';

export interface CreateConfigMapOptions {
  name: string;
  namespace?: string;
  fromLiteral?: readonly string[];
  fromFile?: readonly string[];
  fromEnvFile?: readonly string[];
  files?: LocalFiles;
  environment?: (name: string) => string | undefined;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function createConfigMap(options: CreateConfigMapOptions): ConfigMap {
  if (options.name === '') throw new KubectlError('name must be specified');
  const fromEnv = options.fromEnvFile ?? [];
  if (fromEnv.length > 0 && ((options.fromFile ?? []).length > 0 || (options.fromLiteral ?? []).length > 0)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const add = (key: string, value: string | undefined, bytes: Uint8Array) => {
    const errors = isConfigMapKey(key);
    if (errors.length > 0) throw new KubectlError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errors.join(',')}`);
    if (Object.hasOwn(data, key)) throw new KubectlError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(options.name)}`);
    if (Object.hasOwn(binaryData, key)) throw new KubectlError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(options.name)}`);
    // setOwn: `__proto__` is a valid key.
    if (value !== undefined) setOwn(data, key, value);
    else setOwn(binaryData, key, encodeBase64(bytes));
  };
  for (const literal of options.fromLiteral ?? []) {
    const [key, value] = parseLiteralSource(literal);
    add(key, value, new Uint8Array());
  }
  const files = options.files ?? { kind: () => undefined, read: () => new Uint8Array(), list: () => [] };
  for (const [key, bytes] of readFileSources(files, options.fromFile ?? [])) add(key, utf8(bytes), bytes);
  for (const path of fromEnv) for (const [key, value] of readEnvFile(files, path, 'env config file cannot be a directory', options.environment)) add(key, value, new Uint8Array());
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: options.name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) },
    ...(Object.keys(data).length === 0 ? {} : { data }),
    ...(Object.keys(binaryData).length === 0 ? {} : { binaryData }),
  };
}
