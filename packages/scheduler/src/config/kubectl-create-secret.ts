// `kubectl create secret generic|docker-registry|tls` as pure builders: the Secret kubectl would
// send (k8s.io/kubectl pkg/cmd/create create_secret.go, create_secret_docker.go,
// create_secret_tls.go), or a KubectlError with its message. The CLI prints `secret/<name> created`
// after the store accepts it.

import type { Secret } from 'kubernetes-types/core/v1';
import { setOwn } from '@dockyard/runtime';
import { encodeBase64, encodeBase64Text } from '../api/go-base64.ts';
import { isConfigMapKey } from '../api/names.ts';
import { KubectlError, type LocalFiles, parseLiteralSource, readEnvFile, readFileSources } from './kubectl-data-sources.ts';

export const DEFAULT_DOCKER_SERVER = 'https://index.docker.io/v1/';

export interface CreateSecretGenericOptions {
  name: string;
  /** Set with `-n`; otherwise the object carries none and the context's namespace applies. */
  namespace?: string;
  type?: string;
  fromLiteral?: readonly string[];
  fromFile?: readonly string[];
  fromEnvFile?: readonly string[];
  files?: LocalFiles;
  /** For env-file lines without `=`. */
  environment?: (name: string) => string | undefined;
}

function newSecret(name: string, namespace: string | undefined, type: string | undefined): Secret & { data: Record<string, string> } {
  if (name === '') throw new KubectlError('name must be specified');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    ...(type === undefined || type === '' ? {} : { type }),
    data: {},
  };
}

function addKey(secret: Secret & { data: Record<string, string> }, key: string, bytes: Uint8Array): void {
  const errors = isConfigMapKey(key);
  if (errors.length > 0) throw new KubectlError(`${JSON.stringify(key)} is not valid key name for a Secret ${errors.join(';')}`);
  if (Object.hasOwn(secret.data, key)) throw new KubectlError(`cannot add key ${key}, another key by that name already exists`);
  setOwn(secret.data, key, encodeBase64(bytes)); // `__proto__` is a valid key
}

const noFiles: LocalFiles = {
  kind: () => undefined,
  read: () => new Uint8Array(),
  list: () => [],
};

export function createSecretGeneric(options: CreateSecretGenericOptions): Secret {
  const fromEnv = options.fromEnvFile ?? [];
  if (fromEnv.length > 0 && ((options.fromFile ?? []).length > 0 || (options.fromLiteral ?? []).length > 0)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  const secret = newSecret(options.name, options.namespace, options.type);
  for (const literal of options.fromLiteral ?? []) {
    const [key, value] = parseLiteralSource(literal);
    addKey(secret, key, new TextEncoder().encode(value));
  }
  const files = options.files ?? noFiles;
  for (const [key, bytes] of readFileSources(files, options.fromFile ?? [])) addKey(secret, key, bytes);
  for (const path of fromEnv) {
    for (const [key, value] of readEnvFile(files, path, 'env secret file cannot be a directory', options.environment)) addKey(secret, key, new TextEncoder().encode(value));
  }
  return secret;
}

export interface CreateSecretDockerRegistryOptions {
  name: string;
  namespace?: string;
  server?: string;
  username?: string;
  password?: string;
  email?: string;
  fromFile?: readonly string[];
  files?: LocalFiles;
}

export function createSecretDockerRegistry(options: CreateSecretDockerRegistryOptions): Secret {
  if (options.name === '') throw new KubectlError('name must be specified');
  const server = options.server ?? DEFAULT_DOCKER_SERVER;
  const fromFile = options.fromFile ?? [];
  if (fromFile.length === 0 && (!options.username || !options.password || !server)) {
    throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const secret = newSecret(options.name, options.namespace, 'kubernetes.io/dockerconfigjson');
  if (fromFile.length > 0) {
    for (const [key, bytes] of readFileSources(options.files ?? noFiles, fromFile)) addKey(secret, key, bytes);
    return secret;
  }
  // DockerConfigEntry's JSON: username, password, email, auth, each omitted when empty.
  const entry: Record<string, string> = {};
  if (options.username) entry.username = options.username;
  if (options.password) entry.password = options.password;
  if (options.email) entry.email = options.email;
  entry.auth = encodeBase64Text(`${options.username}:${options.password}`);
  secret.data['.dockerconfigjson'] = encodeBase64Text(goJson({ auths: { [server]: entry } }));
  return secret;
}

export interface CreateSecretTlsOptions {
  name: string;
  namespace?: string;
  cert: string | undefined;
  key: string | undefined;
  files: LocalFiles;
}

export function createSecretTls(options: CreateSecretTlsOptions): Secret {
  if (options.name === '') throw new KubectlError('name must be specified');
  if (!options.key || !options.cert) throw new KubectlError('key and cert must be specified');
  const read = (path: string) => {
    if (options.files.kind(path) !== 'file') throw new KubectlError(`Cannot read file ${path}, open ${path}: no such file or directory`);
    return options.files.read(path);
  };
  const cert = read(options.cert);
  const key = read(options.key);
  // tls.X509KeyPair, as far as a simulation can check it: PEM blocks of the right kinds.
  const certText = new TextDecoder().decode(cert);
  const keyText = new TextDecoder().decode(key);
  if (!/-----BEGIN [A-Z ]+-----/.test(certText)) throw new KubectlError('tls: failed to find any PEM data in certificate input');
  if (!/-----BEGIN CERTIFICATE-----/.test(certText)) {
    const skipped = [...certText.matchAll(/-----BEGIN ([A-Z ]+)-----/g)].map((m) => m[1]);
    throw new KubectlError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) throw new KubectlError('tls: failed to find any PEM data in key input');
  const secret = newSecret(options.name, options.namespace, 'kubernetes.io/tls');
  secret.data['tls.crt'] = encodeBase64(cert);
  secret.data['tls.key'] = encodeBase64(key);
  return secret;
}

/** Go's json.Marshal for string maps: HTML characters escaped, no spaces. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
