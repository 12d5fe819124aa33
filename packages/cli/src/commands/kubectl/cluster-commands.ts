// The commands about the client and the cluster rather than its objects: `kubectl version`,
// `api-resources`, `api-versions` and `cluster-info`. The simulated client and server are both
// Kubernetes v1.33.1; the API server listens (in the story) on https://127.0.0.1:6443.
// [kubectl pkg/cmd/version/version.go, pkg/cmd/apiresources/apiresources.go and apiversions.go,
// pkg/cmd/clusterinfo/clusterinfo.go]

import { apiVersionOf, type ResourceType } from '@dockyard/scheduler';
import { alignTabs, GET_TABWRITER, toYaml } from '../../kubectl/printers/index.ts';
import type { KubectlCommand } from './command.ts';

/** Where kubectl believes the API server is. */
export const API_SERVER_URL = 'https://127.0.0.1:6443';

/** The version both the simulated client and server report. */
const VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.1',
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:27:33Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const KUSTOMIZE_VERSION = 'v5.6.0';

export const versionCommand: KubectlCommand = {
  name: 'version',
  summary: 'Print the client and server version information',
  description: 'Print the client and server version information for the current context.',
  examples: [['Print the client and server versions for the current context', 'kubectl version']],
  usage: 'version',
  flags: [
    { name: 'client', kind: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', kind: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  async run(client, flags) {
    if (flags.positional.length > 0) throw client.error(`extra arguments: [${flags.positional.join(' ')}]`);
    const output = flags.string('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw client.error("--output must be 'yaml' or 'json'");
    const onlyClient = flags.bool('client');
    if (output === '') {
      client.out(`Client Version: ${VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!onlyClient) client.out(`Server Version: ${VERSION.gitVersion}\n`);
      return 0;
    }
    const info = { clientVersion: VERSION, kustomizeVersion: KUSTOMIZE_VERSION, ...(onlyClient ? {} : { serverVersion: VERSION }) };
    // JSON keeps the Go struct's field order (json.MarshalIndent, two spaces); YAML sorts keys.
    client.out(output === 'json' ? `${JSON.stringify(info, null, 2)}\n` : `${toYaml(info)}\n`);
    return 0;
  },
};

const VERBS = 'create,delete,deletecollection,get,list,patch,update,watch';

function verbsOf(type: ResourceType): string {
  if (type.kind === 'Binding') return 'create';
  if (type.kind === 'Namespace' || type.kind === 'Node' || type.kind === 'PersistentVolume') return 'create,delete,get,list,patch,update,watch';
  return VERBS;
}

export const apiResourcesCommand: KubectlCommand = {
  name: 'api-resources',
  summary: 'Print the supported API resources on the server',
  description: 'Print the supported API resources on the server.',
  examples: [
    ['Print the supported API resources', 'kubectl api-resources'],
    ['Print the supported API resources with more information', 'kubectl api-resources -o wide'],
    ['Print the supported API resources sorted by a column', 'kubectl api-resources --sort-by=name'],
    ['Print the supported namespaced resources', 'kubectl api-resources --namespaced=true'],
    ['Print the supported non-namespaced resources', 'kubectl api-resources --namespaced=false'],
    ['Print the supported API resources with a specific APIGroup', 'kubectl api-resources --api-group=rbac.authorization.k8s.io'],
  ],
  usage: 'api-resources',
  flags: [
    { name: 'api-group', kind: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', kind: 'bool', usage: 'Use the cached list of resources if available.' },
    { name: 'categories', kind: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', kind: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', kind: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', kind: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', kind: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', kind: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
  ],
  async run(client, flags) {
    const output = flags.string('output');
    if (!['', 'wide', 'name'].includes(output)) throw client.error(`--output ${output} is not available`);
    const sortBy = flags.string('sort-by');
    if (!['', 'name', 'kind'].includes(sortBy)) throw client.error('--sort-by accepts only name or kind');
    if (flags.positional.length > 0) throw client.usageError(`unexpected arguments: [${flags.positional.join(' ')}]`);
    let types = client.store.registry.list();
    if (flags.changed('api-group')) types = types.filter((t) => t.group === flags.string('api-group'));
    if (flags.changed('namespaced')) types = types.filter((t) => t.namespaced === flags.bool('namespaced'));
    const verbs = flags.list('verbs');
    if (verbs.length > 0) types = types.filter((t) => verbs.every((v) => verbsOf(t).split(',').includes(v)));
    const categories = flags.list('categories');
    if (categories.length > 0) types = types.filter((t) => categories.every((c) => t.categories.includes(c)));
    if (sortBy !== '') types = [...types].sort((a, b) => (sortBy === 'name' ? compare(a.resource, b.resource) : compare(a.kind, b.kind)));
    if (output === 'name') {
      client.out(types.map((t) => (t.group === '' ? t.resource : `${t.resource}.${t.group}`) + '\n').join(''));
      return 0;
    }
    const wide = output === 'wide';
    const lines = types.map((t) => {
      const cells = [t.resource, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind];
      return wide ? `${cells.join('\t')}\t${verbsOf(t)}\t${t.categories.join(',')}` : cells.join('\t');
    });
    if (!flags.bool('no-headers')) lines.unshift(wide ? 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES' : 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND');
    client.out(alignTabs(lines.join('\n') + '\n', GET_TABWRITER));
    return 0;
  },
};

export const apiVersionsCommand: KubectlCommand = {
  name: 'api-versions',
  summary: 'Print the supported API versions on the server, in the form of "group/version"',
  description: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: [['Print the supported API versions', 'kubectl api-versions']],
  usage: 'api-versions',
  async run(client) {
    const versions = new Set<string>();
    for (const type of client.store.registry.list()) for (const version of type.servedVersions) versions.add(type.group === '' ? version : `${type.group}/${version}`);
    client.out([...versions].sort().map((v) => `${v}\n`).join(''));
    return 0;
  },
};

export const clusterInfoCommand: KubectlCommand = {
  name: 'cluster-info',
  summary: 'Display cluster information',
  description: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`,
  examples: [['Print the address of the control plane and cluster services', 'kubectl cluster-info']],
  usage: 'cluster-info',
  async run(client) {
    let out = `Kubernetes control plane is running at ${API_SERVER_URL}\n`;
    const services = client.store.list('Service', { namespace: 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' }).items;
    for (const service of services) {
      const port = service.spec?.ports?.[0];
      const name = service.metadata?.name ?? '';
      const target = port === undefined ? name : `${name}:${port.name ?? port.port}`;
      const shown = service.metadata?.labels?.['kubernetes.io/name'] ?? name;
      out += `${shown} is running at ${API_SERVER_URL}/api/v1/namespaces/kube-system/services/${target}/proxy\n`;
    }
    client.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
