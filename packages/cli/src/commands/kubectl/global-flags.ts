// The flags every kubectl command takes (`kubectl options`). Dockyard's kubeconfig holds one
// context, `dockyard`, so most of them are accepted and change nothing; `-n` and `--context` do.

import type { FlagSpec } from './flags.ts';

/** The only context, cluster and user of the simulated kubeconfig. */
export const CONTEXT_NAME = 'dockyard';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'as', kind: 'string', usage: 'Username to impersonate for the operation (accepted; Dockyard has no authorization).' },
  { name: 'as-group', kind: 'stringArray', usage: 'Group to impersonate for the operation; may be repeated (accepted; no effect).' },
  { name: 'cache-dir', kind: 'string', default: '/root/.kube/cache', usage: 'Default cache directory (unused: discovery is in process).' },
  { name: 'cluster', kind: 'string', usage: 'The name of the kubeconfig cluster to use.' },
  { name: 'context', kind: 'string', usage: `The name of the kubeconfig context to use (Dockyard has one: ${CONTEXT_NAME}).` },
  { name: 'insecure-skip-tls-verify', kind: 'bool', usage: 'Do not check the server certificate (no effect in the simulation).' },
  { name: 'kubeconfig', kind: 'string', usage: 'Path to the kubeconfig file (Dockyard keeps its own).' },
  { name: 'match-server-version', kind: 'bool', usage: 'Require the server version to match the client version.' },
  { name: 'namespace', short: 'n', kind: 'string', usage: 'If present, the namespace scope for this CLI request.' },
  { name: 'request-timeout', kind: 'string', default: '0', usage: 'How long to wait for a single server request; 0 means no timeout (requests are instant here).' },
  { name: 'server', short: 's', kind: 'string', usage: 'The address and port of the Kubernetes API server (the simulated one is always used).' },
  { name: 'token', kind: 'string', usage: 'Bearer token for authentication to the API server (accepted; no effect).' },
  { name: 'user', kind: 'string', usage: 'The name of the kubeconfig user to use.' },
  { name: 'v', short: 'v', kind: 'int', usage: 'Number for the log level verbosity (accepted; no logs are written).' },
  { name: 'warnings-as-errors', kind: 'bool', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code.' },
];
