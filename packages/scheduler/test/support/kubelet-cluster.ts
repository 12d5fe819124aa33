// A whole cluster for kubelet tests: the control plane and real nodes (runtime hosts, image
// stores, kubelets) on one engine, plus what a user would read: pods with kubectl's READY, STATUS
// and RESTARTS cells (the CLI's own printer), and the Events about an object in order.

import { Engine } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import { summarizePod } from '../../../cli/src/kubectl/printers/pod.ts';
import { Cluster, type ClusterOptions, type ObjectInput, type Stored } from '../../src/index.ts';

export interface KubeletClusterOptions extends Partial<ClusterOptions> {
  seed?: number;
}

export function kubeletCluster(options: KubeletClusterOptions = {}) {
  const engine = new Engine({ seed: options.seed ?? 1 });
  const cluster = new Cluster(engine, { nodes: 3, nodeCpu: 4, nodeMemory: '8Gi', ...options });
  const store = cluster.store;
  const pod = (name: string, namespace = 'default') => store.get('Pod', namespace, name);
  return {
    engine,
    cluster,
    store,
    apply: <const T extends ObjectInput>(object: T) => store.create(object),
    pod,
    /** `kubectl get pods` cells of the pod now: READY, STATUS, RESTARTS. */
    row(name: string, namespace = 'default') {
      return summarizePod(pod(name, namespace) as Pod, engine.now);
    },
    pods(labels: Record<string, string> = {}, namespace = 'default') {
      const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
      return store.list('Pod', { namespace, ...(selector ? { labelSelector: selector } : {}) }).items;
    },
    /** `REASON MESSAGE` of the events about an object, in the order they were first seen. */
    events(kind: string, name: string, namespace = 'default') {
      return store
        .list('Event', { namespace })
        .items.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
        .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
        .map((e) => `${e.reason} ${e.message}`);
    },
    /** The Events of an object with their counts. */
    eventObjects(kind: string, name: string, namespace = 'default') {
      return store
        .list('Event', { namespace })
        .items.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
        .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    },
    /** Runs until `check` holds, one virtual second at a time (at most `limitMs`). */
    runUntil(check: () => boolean, limitMs = 600_000) {
      const end = engine.now + limitMs;
      while (!check()) {
        if (engine.now >= end) throw new Error(`condition not met by ${end} ms`);
        engine.runFor(1000);
      }
    },
  };
}

/**
 * A kubelet cluster running the Deployment `web`: three nginx:1.25 pods (container `nginx`), one
 * on each node and Running at 35 s, just after a Lease renewal, when the node-fault tests take a
 * node away.
 */
export function nginxOnEveryNode() {
  const c = kubeletCluster();
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  });
  c.engine.runUntil(35_000);
  return c;
}

export function podManifest(name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...metadata }, spec } as const;
}

export type { Stored };

/** A Node.js web server (the node image running a script from a ConfigMap); `dockyard.app.*` annotations shape it. */
export const SERVER_JS = `const http = require('http');
const port = process.env.PORT || 8080;
http.createServer((req, res) => res.end('hello from node')).listen(port);
console.log(\`listening on \${port}\`);
`;

export function nodeAppConfigMap(name = 'app-code') {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { 'server.js': SERVER_JS } } as const;
}

/** The pod spec of that server: `node /app/server.js` with the script mounted at /app. */
export function nodeAppSpec(extra: Record<string, unknown> = {}, image = 'node:20-alpine') {
  return {
    containers: [{ name: 'app', image, command: ['node', '/app/server.js'], ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'code', mountPath: '/app' }], ...extra }],
    volumes: [{ name: 'code', configMap: { name: 'app-code' } }],
  };
}
