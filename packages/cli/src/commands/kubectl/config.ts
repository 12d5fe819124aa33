// `kubectl config view|current-context|get-contexts|use-context`: the simulated kubeconfig holds
// one cluster, user and context, all named `dockyard`, and cannot be edited.
// [kubectl pkg/cmd/config/view.go (DATA+OMITTED), current_context.go, get_contexts.go, use_context.go]

import { alignTabs, GET_TABWRITER, toJson, toYaml } from '../../kubectl/printers/index.ts';
import { API_SERVER_URL } from './cluster-commands.ts';
import type { KubectlCommand } from './command.ts';
import { CONTEXT_NAME } from './global-flags.ts';

function kubeconfig(raw: boolean): Record<string, unknown> {
  const secret = raw ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==' : 'DATA+OMITTED';
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': secret, server: API_SERVER_URL }, name: CONTEXT_NAME }],
    contexts: [{ context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME }, name: CONTEXT_NAME }],
    'current-context': CONTEXT_NAME,
    kind: 'Config',
    preferences: {},
    users: [{ name: CONTEXT_NAME, user: { 'client-certificate-data': secret, 'client-key-data': secret } }],
  };
}

const viewCommand: KubectlCommand = {
  name: 'view',
  summary: 'Display merged kubeconfig settings or a specified kubeconfig file',
  description: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  examples: [['Show merged kubeconfig settings', 'kubectl config view']],
  usage: 'view',
  flags: [
    { name: 'flatten', kind: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'minify', kind: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'output', short: 'o', kind: 'string', default: 'yaml', usage: 'Output format. One of: (json, yaml).' },
    { name: 'raw', kind: 'bool', usage: 'Display raw byte data and sensitive data' },
  ],
  async run(client, flags) {
    const config = kubeconfig(flags.bool('raw') || flags.bool('flatten'));
    const output = flags.string('output');
    if (output === 'json') client.out(toJson(config));
    else if (output === 'yaml') client.out(toYaml(config));
    else throw client.error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
    return 0;
  },
};

const currentContextCommand: KubectlCommand = {
  name: 'current-context',
  summary: 'Display the current-context',
  description: 'Display the current-context.',
  examples: [['Display the current-context', 'kubectl config current-context']],
  usage: 'current-context',
  async run(client) {
    client.out(`${CONTEXT_NAME}\n`);
    return 0;
  },
};

const getContextsCommand: KubectlCommand = {
  name: 'get-contexts',
  summary: 'Describe one or many contexts',
  description: 'Display one or many contexts from the kubeconfig file.',
  examples: [['List all the contexts in your kubeconfig file', 'kubectl config get-contexts']],
  usage: 'get-contexts [(-o|--output=)name)]',
  flags: [
    { name: 'no-headers', kind: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', kind: 'string', usage: 'Output format. One of: (name).' },
  ],
  async run(client, flags) {
    const names = flags.positional;
    const missing = names.find((n) => n !== CONTEXT_NAME);
    if (missing !== undefined) throw client.error(`context ${missing} not found`);
    if (flags.string('output') === 'name') {
      client.out(`${CONTEXT_NAME}\n`);
      return 0;
    }
    if (flags.string('output') !== '') throw client.error(`output must be one of '' or 'name': ${flags.string('output')}`);
    const lines = [`*\t${CONTEXT_NAME}\t${CONTEXT_NAME}\t${CONTEXT_NAME}\t`];
    if (!flags.bool('no-headers')) lines.unshift('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE');
    client.out(alignTabs(lines.join('\n') + '\n', GET_TABWRITER));
    return 0;
  },
};

const useContextCommand: KubectlCommand = {
  name: 'use-context',
  aliases: ['use'],
  summary: 'Set the current-context in a kubeconfig file',
  description: 'Set the current-context in a kubeconfig file.',
  examples: [['Use the context for the minikube cluster', 'kubectl config use-context minikube']],
  usage: 'use-context CONTEXT_NAME',
  async run(client, flags) {
    const [name] = flags.positional;
    if (name === undefined || flags.positional.length !== 1) throw client.usageError('Unexpected args: ' + JSON.stringify(flags.positional));
    if (name !== CONTEXT_NAME) throw client.error(`no context exists with the name: ${JSON.stringify(name)}`);
    client.out(`Switched to context ${JSON.stringify(name)}.\n`);
    return 0;
  },
};

export const configCommand: KubectlCommand = {
  name: 'config',
  summary: 'Modify kubeconfig files',
  description: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 Dockyard's kubeconfig holds a single context, ${CONTEXT_NAME}, for the simulated cluster; it can be viewed but not changed.`,
  helpStream: 'stderr',
  subcommands: [currentContextCommand, getContextsCommand, useContextCommand, viewCommand],
};
