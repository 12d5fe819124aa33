// `kubectl create secret generic|docker-registry|tls` and `kubectl create configmap`: the objects
// come from the scheduler's kubectl builders (literals, files, directories, env files, read from
// the user's files), then go to the API server like every generated object.
// [kubectl pkg/cmd/create/create_secret.go, create_secret_docker.go, create_secret_tls.go,
// create_configmap.go (`failed to create secret ...`)]

import { resolvePath } from '@dockyard/runtime';
import {
  createConfigMap,
  createSecretDockerRegistry,
  createSecretGeneric,
  createSecretTls,
  DEFAULT_DOCKER_SERVER,
  KubectlError,
  type LocalFiles,
} from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import type { FlagSpec } from './flags.ts';
import { generatorFlags, nameArgument, submitGenerated } from './generated-object.ts';

/** The user's files as the builders read them (paths relative to where kubectl runs). */
function localFiles(client: Client): LocalFiles {
  const files = client.session.files;
  const at = (path: string) => resolvePath(files.cwd, path);
  return {
    kind: (path) => {
      const stat = files.stat(at(path));
      return stat === undefined ? undefined : stat.kind === 'dir' ? 'dir' : stat.kind === 'file' ? 'file' : 'other';
    },
    read: (path) => files.readFile(at(path)),
    list: (path) => files.readdir(at(path)),
  };
}

/** Runs a builder; its KubectlError is kubectl's `error: ...`. */
function build<T>(client: Client, builder: () => T): T {
  try {
    return builder();
  } catch (error) {
    if (error instanceof KubectlError) throw client.error(error.message);
    throw error;
  }
}

/** A built object as kubectl prints it: a null creationTimestamp, the namespace only with -n. */
function generated(client: Client, object: { metadata?: Record<string, unknown> } & Record<string, unknown>): KubeObject {
  const { namespace: _namespace, ...metadata } = object.metadata ?? {};
  return {
    ...object,
    metadata: { creationTimestamp: null, ...metadata, ...(client.explicitNamespace ? { namespace: client.namespace } : {}) },
  } as unknown as KubeObject;
}

/** create_secret*.go wrap the server's error without a colon. */
const SECRET_FAILURE = (message: string) => `failed to create secret ${message}`;

const APPEND_HASH_FLAG: FlagSpec = { name: 'append-hash', kind: 'bool', usage: 'Append a hash of the object to its name (not supported by Dockyard).' };
const FROM_FILE_FLAG: FlagSpec = {
  name: 'from-file',
  kind: 'stringSlice',
  usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid key.',
};
const FROM_LITERAL_FLAG: FlagSpec = { name: 'from-literal', kind: 'stringArray', usage: 'Specify a key and literal value to insert (i.e. mykey=somevalue)' };
const FROM_ENV_FILE_FLAG: FlagSpec = { name: 'from-env-file', kind: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs to create an object.' };

const secretGenericCommand: KubectlCommand = {
  name: 'generic',
  summary: 'Create a secret from a local file, directory, or literal value',
  description: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret.`,
  examples: [
    ['Create a new secret named my-secret with keys for each file in folder bar', 'kubectl create secret generic my-secret --from-file=path/to/bar'],
    ['Create a new secret named my-secret with key1=supersecret and key2=topsecret', 'kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret'],
    ['Create a new secret named my-secret from env files', 'kubectl create secret generic my-secret --from-env-file=path/to/foo.env'],
  ],
  usage: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  flags: [...generatorFlags(), APPEND_HASH_FLAG, FROM_ENV_FILE_FLAG, FROM_FILE_FLAG, FROM_LITERAL_FLAG, { name: 'type', kind: 'string', usage: 'The type of secret to create' }],
  async run(client, flags) {
    const name = nameArgument(client, flags);
    const secret = build(client, () =>
      createSecretGeneric({
        name,
        type: flags.string('type'),
        fromLiteral: flags.list('from-literal'),
        fromFile: flags.list('from-file'),
        fromEnvFile: flags.list('from-env-file'),
        files: localFiles(client),
        environment: (variable) => client.session.env[variable],
      }),
    );
    return submitGenerated(client, flags, generated(client, secret as never), SECRET_FAILURE);
  },
};

const secretDockerRegistryCommand: KubectlCommand = {
  name: 'docker-registry',
  summary: 'Create a secret for use with a Docker registry',
  description: `Create a new secret for use with Docker registries.

 Dockercfg secrets are used to authenticate against Docker registries.

 When using the Docker command line to push images, you can authenticate to a given registry by running: '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.

 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

 When creating applications, you may have a Docker registry that requires authentication. In order for the nodes to pull images on your behalf, they must have the credentials. You can provide this information by creating a dockercfg secret and attaching it to your service account.`,
  examples: [
    [
      "If you do not already have a .dockercfg file, create a dockercfg secret directly",
      'kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL',
    ],
    ['Create a new secret named my-secret from ~/.docker/config.json', 'kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json'],
  ],
  usage: 'docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]',
  flags: [
    ...generatorFlags(),
    APPEND_HASH_FLAG,
    { name: 'docker-email', kind: 'string', usage: 'Email for Docker registry' },
    { name: 'docker-password', kind: 'string', usage: 'Password for Docker registry authentication' },
    { name: 'docker-server', kind: 'string', default: DEFAULT_DOCKER_SERVER, usage: 'Server location for Docker registry' },
    { name: 'docker-username', kind: 'string', usage: 'Username for Docker registry authentication' },
    FROM_FILE_FLAG,
  ],
  async run(client, flags) {
    const name = nameArgument(client, flags);
    const secret = build(client, () =>
      createSecretDockerRegistry({
        name,
        server: flags.string('docker-server'),
        username: flags.string('docker-username'),
        password: flags.string('docker-password'),
        email: flags.string('docker-email'),
        fromFile: flags.list('from-file'),
        files: localFiles(client),
      }),
    );
    return submitGenerated(client, flags, generated(client, secret as never), SECRET_FAILURE);
  },
};

const secretTlsCommand: KubectlCommand = {
  name: 'tls',
  summary: 'Create a TLS secret',
  description: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
  examples: [['Create a new TLS secret named tls-secret with the given key pair', 'kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key']],
  usage: 'tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]',
  flags: [
    ...generatorFlags(),
    APPEND_HASH_FLAG,
    { name: 'cert', kind: 'string', usage: 'Path to PEM encoded public key certificate.' },
    { name: 'key', kind: 'string', usage: 'Path to private key associated with given certificate.' },
  ],
  async run(client, flags) {
    const name = nameArgument(client, flags);
    const secret = build(client, () => createSecretTls({ name, cert: flags.string('cert'), key: flags.string('key'), files: localFiles(client) }));
    return submitGenerated(client, flags, generated(client, secret as never), SECRET_FAILURE);
  },
};

export const createSecretCommand: KubectlCommand = {
  name: 'secret',
  summary: 'Create a secret using a specified subcommand',
  description: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  usage: 'secret (docker-registry | generic | tls) [options]',
  helpStream: 'stderr',
  subcommands: [secretDockerRegistryCommand, secretGenericCommand, secretTlsCommand],
};

export const createConfigMapCommand: KubectlCommand = {
  name: 'configmap',
  aliases: ['cm'],
  summary: 'Create a config map from a local file, directory or literal value',
  description: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.`,
  examples: [
    ['Create a new config map named my-config based on folder bar', 'kubectl create configmap my-config --from-file=path/to/bar'],
    ['Create a new config map named my-config with key1=config1 and key2=config2', 'kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2'],
    ['Create a new config map named my-config from an env file', 'kubectl create configmap my-config --from-env-file=path/to/foo.env'],
  ],
  usage: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  flags: [...generatorFlags(), APPEND_HASH_FLAG, FROM_ENV_FILE_FLAG, FROM_FILE_FLAG, FROM_LITERAL_FLAG],
  async run(client, flags) {
    const name = nameArgument(client, flags);
    const configMap = build(client, () =>
      createConfigMap({
        name,
        fromLiteral: flags.list('from-literal'),
        fromFile: flags.list('from-file'),
        fromEnvFile: flags.list('from-env-file'),
        files: localFiles(client),
        environment: (variable) => client.session.env[variable],
      }),
    );
    return submitGenerated(client, flags, generated(client, configMap as never), 'failed to create configmap');
  },
};
