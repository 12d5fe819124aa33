// kubectl's own table decoration, checked against the stock kubectl client: the fake API server
// hands it the Tables our printers build (the server's half of `kubectl get`), kubectl adds
// NAMESPACE, kind prefixes, label columns and blank lines and aligns them, and our printTable
// must print the very same bytes. Skipped when kubectl is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';
import type { TableOptions } from '../src/kubectl/printers/table.ts';
import { multipleTypesRequested, noResourcesFound } from '../src/kubectl/printers/table.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const wallNow = (): number => Date.now() - VIRTUAL_EPOCH_MS;
const created = toRFC3339(wallNow() - 3_600_000 - 20_000);

const objects: KubeObject[] = [
  pod('web-7d4b9c8f5-abcde', 'default', { app: 'web', 'app.kubernetes.io/name': 'shop' }),
  pod('db-0', 'data', { app: 'db' }),
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels: { component: 'apiserver' } },
    spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
  } as KubeObject,
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: created, labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } },
    },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  } as KubeObject,
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17f', namespace: 'default', creationTimestamp: created },
    involvedObject: { kind: 'Pod', name: 'web-7d4b9c8f5-abcde' },
    type: 'Normal',
    reason: 'Pulled',
    message: '',
    lastTimestamp: created,
  } as KubeObject,
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: created, labels: { 'kubernetes.io/hostname': 'node-1' } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
  } as KubeObject,
];

function pod(name: string, namespace: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels, creationTimestamp: created },
    spec: { containers: [{ name: 'main', image: 'nginx' }], nodeName: 'node-1' },
    status: { phase: 'Pending' },
  } as KubeObject;
}

/** What kubectl asks the server for, in the order kubectl prints kinds. */
function selected(types: string[], namespace: string | undefined): KubeObject[] {
  const kinds: Record<string, string> = { pods: 'Pod', svc: 'Service', deploy: 'Deployment', events: 'Event', nodes: 'Node' };
  return types.flatMap((type) =>
    objects.filter(
      (o) =>
        o.kind === kinds[type] &&
        (namespace === undefined || o.kind === 'Node' || o.metadata?.namespace === namespace),
    ),
  );
}

interface Case {
  readonly args: string[];
  readonly types: string[];
  readonly options: TableOptions;
}

const cases: Case[] = [
  { args: ['get', 'pods'], types: ['pods'], options: {} },
  { args: ['get', 'pods', '-o', 'wide'], types: ['pods'], options: { wide: true } },
  { args: ['get', 'pods,svc'], types: ['pods', 'svc'], options: {} },
  { args: ['get', 'svc,pods', '-o', 'wide'], types: ['svc', 'pods'], options: { wide: true } },
  { args: ['get', 'pods', '-A'], types: ['pods'], options: { allNamespaces: true } },
  { args: ['get', 'pods,deploy', '-A', '--show-labels'], types: ['pods', 'deploy'], options: { allNamespaces: true, showLabels: true } },
  { args: ['get', 'pods', '-L', 'app.kubernetes.io/name,missing'], types: ['pods'], options: { labelColumns: ['app.kubernetes.io/name', 'missing'] } },
  { args: ['get', 'pods,svc', '--no-headers'], types: ['pods', 'svc'], options: { noHeaders: true } },
  { args: ['get', 'deploy', '-o', 'wide', '--show-kind'], types: ['deploy'], options: { wide: true, showKind: true } },
  { args: ['get', 'events'], types: ['events'], options: {} },
  { args: ['get', 'events', '-o', 'wide'], types: ['events'], options: { wide: true } },
  { args: ['get', 'nodes', '-A', '-o', 'wide'], types: ['nodes'], options: { allNamespaces: true, wide: true } },
  { args: ['get', 'pods,nodes', '-A'], types: ['pods', 'nodes'], options: { allNamespaces: true } },
  { args: ['get', 'nodes,pods', '-A'], types: ['nodes', 'pods'], options: { allNamespaces: true } },
];

describe.skipIf(!kubectlInstalled)('kubectl get tables match the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(objects, wallNow);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const c of cases) {
    it(`kubectl ${c.args.join(' ')}`, async () => {
      const namespace = c.options.allNamespaces ? undefined : 'default';
      const before = printTable(selected(c.types, namespace), c.options, wallNow());
      const real = await runKubectl(server, c.args);
      const after = printTable(selected(c.types, namespace), c.options, wallNow());
      expect(real.stderr).toBe('');
      // kubectl ran between the two renderings; its ages match one of them.
      if (![before, after].includes(real.stdout)) expect(real.stdout).toBe(after);
    });
  }

  it('prints nothing and says "No resources found" on stderr for an empty namespaced get', async () => {
    const real = await runKubectl(server, ['get', 'deploy', '-n', 'empty']);
    expect(printTable(selected(['deploy'], 'empty'), {}, wallNow())).toBe(real.stdout);
    expect(noResourcesFound('empty')).toBe(real.stderr);
  });

  it('says just "No resources found" with -A', async () => {
    const real = await runKubectl(server, ['get', 'statefulsets', '-A']);
    expect(real.stdout).toBe('');
    expect(noResourcesFound(undefined)).toBe(real.stderr);
  });
});

describe('which gets prefix names with their kind', () => {
  it('follows resource.MultipleTypesRequested', () => {
    expect(multipleTypesRequested(['all'])).toBe(true);
    expect(multipleTypesRequested(['pods,svc'])).toBe(true);
    expect(multipleTypesRequested(['deployment', 'web'])).toBe(false);
    expect(multipleTypesRequested(['pods,svc', 'web'])).toBe(true);
    expect(multipleTypesRequested(['pod/web', 'svc/web'])).toBe(true);
    expect(multipleTypesRequested(['pod/web', 'pod/db'])).toBe(false);
    expect(multipleTypesRequested(['pods'])).toBe(false);
  });
});

describe('kubectl get all', () => {
  it('prints one table per kind, prefixed, in discovery order', async () => {
    const { GET_ALL_KINDS } = await import('../src/kubectl/printers/get-all.ts');
    const now = 3_600_000;
    const at = '2025-01-01T00:00:00Z';
    const all: KubeObject[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', creationTimestamp: at }, spec: { replicas: 1 }, status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 } } as KubeObject,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: at }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } } as KubeObject,
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', creationTimestamp: at }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } } as KubeObject,
    ];
    const ordered = GET_ALL_KINDS.flatMap((gk) => all.filter((o) => o.kind === gk.kind));
    expect(printTable(ordered, { showKind: multipleTypesRequested(['all']) }, now)).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE\npod/web-1   0/1     Pending   0          60m\n\n' +
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m\n\n' +
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   1/1     1            1           60m\n',
    );
  });
});
