// `kubectl create -f FILE` (every object of the files, refused when it exists) and the generators
// `create namespace|serviceaccount|deployment|service|job|cronjob|secret|configmap`.
// [kubectl pkg/cmd/create/create.go RunCreate, create_namespace.go, create_serviceaccount.go]

import { withLastApplied } from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import { withSource } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { dryRunOf, fieldValidationOf, filenameFlag, KUSTOMIZE_FLAG, RECURSIVE_FLAG, SELECTOR_FLAG } from './common-flags.ts';
import { createDeploymentCommand } from './create-deployment.ts';
import { createCronJobCommand, createJobCommand } from './create-job.ts';
import { createConfigMapCommand, createSecretCommand } from './create-secret.ts';
import { createServiceCommand } from './create-service.ts';
import { generatedMeta, generatorFlags, nameArgument, submitGenerated } from './generated-object.ts';
import { checkedOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources } from './resource-builder.ts';

const createNamespaceCommand: KubectlCommand = {
  name: 'namespace',
  aliases: ['ns'],
  summary: 'Create a namespace with the specified name',
  description: 'Create a namespace with the specified name.',
  examples: [['A namespace named my-namespace', 'kubectl create namespace my-namespace']],
  usage: 'namespace NAME [--dry-run=server|client|none]',
  flags: generatorFlags(),
  async run(client, flags) {
    const name = nameArgument(client, flags);
    return submitGenerated(client, flags, { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} } as never);
  },
};

const createServiceAccountCommand: KubectlCommand = {
  name: 'serviceaccount',
  aliases: ['sa'],
  summary: 'Create a service account with the specified name',
  description: 'Create a service account with the specified name.',
  examples: [['A service account named my-service-account', 'kubectl create serviceaccount my-service-account']],
  usage: 'serviceaccount NAME [--dry-run=server|client|none]',
  flags: generatorFlags(),
  async run(client, flags) {
    const name = nameArgument(client, flags);
    return submitGenerated(client, flags, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: generatedMeta(client, name) } as never, 'failed to create serviceaccount');
  },
};

export const createCommand: KubectlCommand = {
  name: 'create',
  summary: 'Create a resource from a file or from stdin',
  description: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  examples: [
    ['Create a pod using the data in pod.json', 'kubectl create -f ./pod.json'],
    ['Create a pod based on the JSON passed into stdin', 'cat pod.json | kubectl create -f -'],
    ['Create a namespace', 'kubectl create namespace my-app'],
  ],
  usage: 'create -f FILENAME',
  subcommands: [
    createConfigMapCommand,
    createCronJobCommand,
    createDeploymentCommand,
    createJobCommand,
    createNamespaceCommand,
    createSecretCommand,
    createServiceCommand,
    createServiceAccountCommand,
  ],
  flags: [
    ...generatorFlags(),
    { name: 'edit', kind: 'bool', usage: 'Edit the API resource before creating (not supported by Dockyard).' },
    filenameFlag('to use to create the resource'),
    KUSTOMIZE_FLAG,
    { name: 'raw', kind: 'string', usage: 'Raw URI to POST to the server (not supported by Dockyard).' },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    { name: 'windows-line-endings', kind: 'bool', usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  async run(client, flags) {
    if (flags.positional.length > 0) throw client.usageError(`Unexpected args: [${flags.positional.join(' ')}]`);
    if (flags.list('filename').length === 0) throw client.error('must specify one of -f and -k');
    const dryRun = dryRunOf(client, flags);
    const fieldValidation = fieldValidationOf(client, flags);
    const output = checkedOutput(client, flags);
    const result = buildResources(client, {
      args: [],
      filenames: flags.list('filename'),
      recursive: flags.bool('recursive'),
      labelSelector: flags.string('selector'),
    });
    const errors: unknown[] = result.errors.map((e) => e.error);
    const printer = new OperationPrinter(client, output, dryRun);
    for (const info of result.infos) {
      let object: KubeObject = info.namespace === undefined ? info.object : { ...info.object, metadata: { ...info.object.metadata, namespace: info.namespace } };
      if (flags.bool('save-config')) object = withLastApplied(object as never) as KubeObject;
      try {
        if (dryRun !== 'client') {
          const created = client.store.createWithWarnings(object as never, { ...(info.namespace === undefined ? {} : { namespace: info.namespace }), dryRun: dryRun === 'server', fieldValidation });
          for (const warning of created.warnings) client.warn(warning);
          object = created.object as KubeObject;
        }
        printer.print(object, 'created');
      } catch (error) {
        if (error instanceof CommandError) throw error;
        errors.push(withSource(error, 'creating', info.source));
      }
    }
    if (result.infos.length === 0 && errors.length === 0) throw client.error('no objects passed to create');
    if (errors.length > 0) throw client.aggregate(errors);
    return 0;
  },
};
