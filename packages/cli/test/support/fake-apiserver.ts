// A minimal Kubernetes API server on loopback, serving fixed objects, so the stock kubectl client
// installed on this machine (its dispatcher picks the 1.33 client for our /version) can print them: its client-side output (describe, -o yaml|json|
// name|jsonpath|custom-columns, --sort-by, table decoration) becomes the oracle for ours.
// It answers legacy discovery, GET of one object, and lists (per namespace or across all of
// them) filtered by simple label and field selectors; a list asked for `as=Table` is answered
// with the Table our printers build (the server-side half of `kubectl get`).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../src/kubectl/printers/object.ts';
import { groupKindOf } from '../../src/kubectl/printers/object.ts';
import { tablePrinterFor } from '../../src/kubectl/printers/registry.ts';

interface Resource {
  readonly groupVersion: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly all?: boolean;
}

const RESOURCES: readonly Resource[] = [
  { groupVersion: 'v1', plural: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], all: true },
  { groupVersion: 'v1', plural: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], all: true },
  { groupVersion: 'v1', plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { groupVersion: 'v1', plural: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'] },
  { groupVersion: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'] },
  { groupVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { groupVersion: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { groupVersion: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'] },
  { groupVersion: 'v1', plural: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'] },
  { groupVersion: 'v1', plural: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'] },
  { groupVersion: 'v1', plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'] },
  { groupVersion: 'v1', plural: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'] },
  { groupVersion: 'v1', plural: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] },
  { groupVersion: 'apps/v1', plural: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], all: true },
  { groupVersion: 'apps/v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], all: true },
  { groupVersion: 'apps/v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], all: true },
  { groupVersion: 'apps/v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], all: true },
  { groupVersion: 'batch/v1', plural: 'jobs', kind: 'Job', namespaced: true, all: true },
  { groupVersion: 'batch/v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj'], all: true },
  { groupVersion: 'autoscaling/v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], all: true },
  { groupVersion: 'networking.k8s.io/v1', plural: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'] },
  { groupVersion: 'networking.k8s.io/v1', plural: 'ingressclasses', kind: 'IngressClass', namespaced: false },
  { groupVersion: 'storage.k8s.io/v1', plural: 'storageclasses', kind: 'StorageClass', namespaced: false, shortNames: ['sc'] },
  { groupVersion: 'discovery.k8s.io/v1', plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { groupVersion: 'coordination.k8s.io/v1', plural: 'leases', kind: 'Lease', namespaced: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1', plural: 'roles', kind: 'Role', namespaced: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1', plural: 'rolebindings', kind: 'RoleBinding', namespaced: true },
];

/** Served only when the objects include metrics (as on a cluster with metrics-server). */
const METRICS_RESOURCES: readonly Resource[] = [
  { groupVersion: 'metrics.k8s.io/v1beta1', plural: 'nodes', kind: 'NodeMetrics', namespaced: false },
  { groupVersion: 'metrics.k8s.io/v1beta1', plural: 'pods', kind: 'PodMetrics', namespaced: true },
];

export interface FakeApiServer {
  readonly url: string;
  close(): Promise<void>;
}

/** One event a watch request streams (then the stream ends). */
export interface FakeWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

/**
 * Serves `objects` at virtual time `now()` (Table cells are computed when asked). A watch
 * (`?watch=true`) of a kind streams that kind's `watchEvents`, then ends (or, with none, stays
 * open).
 */
export async function startFakeApiServer(
  objects: readonly KubeObject[],
  now: () => number,
  watchEvents: readonly FakeWatchEvent[] = [],
): Promise<FakeApiServer> {
  const resources = objects.some((o) => o.apiVersion === 'metrics.k8s.io/v1beta1') ? [...RESOURCES, ...METRICS_RESOURCES] : RESOURCES;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (code: number, body: unknown): void => {
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = routeOf(url.pathname, resources);
    if (route.kind === 'discovery') return send(200, route.body);
    if (route.kind === 'none') return send(404, notFound());
    const { resource, namespace, name } = route;
    const matching = objects.filter(
      (o) =>
        o.kind === resource.kind &&
        groupOf(o.apiVersion) === groupOf(resource.groupVersion) &&
        (namespace === undefined || !resource.namespaced || o.metadata?.namespace === namespace),
    );
    if (name !== undefined) {
      const found = matching.find((o) => o.metadata?.name === name);
      return found === undefined ? send(404, notFound(resource.plural, name)) : send(200, found);
    }
    const asTable = (request.headers.accept ?? '').includes('as=Table');
    const printer = tablePrinterFor(groupKindOf({ apiVersion: resource.groupVersion, kind: resource.kind }), resource.namespaced);
    const tableOf = (items: readonly KubeObject[]): unknown => {
      const table = printer.toTable(items, now());
      return {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { resourceVersion: '1' },
        columnDefinitions: table.columns.map((c) => ({
          name: c.name,
          type: 'string',
          format: c.format ?? '',
          description: '',
          priority: c.priority ?? 0,
        })),
        rows: table.rows.map((r) => ({ cells: r.cells.map((c) => c ?? null), object: r.object })),
      };
    };
    const watching = url.searchParams.get('watch');
    if (watching === 'true' || watching === '1') {
      response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      let sent = 0;
      for (const event of watchEvents) {
        if (event.object.kind !== resource.kind) continue;
        if (namespace !== undefined && resource.namespaced && event.object.metadata?.namespace !== namespace) continue;
        response.write(JSON.stringify({ type: event.type, object: asTable ? tableOf([event.object]) : event.object }) + '\n');
        sent++;
      }
      // A watch with nothing to send stays open until the client leaves (closing it at once
      // makes client-go's reflector log a "very short watch" warning on stderr).
      if (sent > 0) response.end();
      else response.flushHeaders();
      return;
    }
    const selected = matching.filter(
      (o) =>
        matchesLabels(o, url.searchParams.get('labelSelector')) && matchesFields(o, url.searchParams.get('fieldSelector')),
    );
    if (asTable) return send(200, tableOf(selected));
    return send(200, {
      kind: `${resource.kind}List`,
      apiVersion: resource.groupVersion,
      metadata: { resourceVersion: '1' },
      items: selected,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Whether the stock kubectl client is on this machine (tests that need it skip otherwise). */
export const kubectlInstalled: boolean = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const cacheDir = kubectlInstalled ? mkdtempSync(join(tmpdir(), 'dockyard-kubectl-cache-')) : '';

export interface KubectlRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/**
 * Runs the real kubectl against the fake server, in UTC, with a private discovery cache. It must
 * run asynchronously: the server answers from this same process.
 */
export function runKubectl(server: FakeApiServer, args: readonly string[]): Promise<KubectlRun> {
  return new Promise((resolve) => {
    execFile(
      process.env['DOCKYARD_TEST_KUBECTL'] ?? 'kubectl',
      ['--server', server.url, '--cache-dir', cacheDir, '--request-timeout', '10s', ...args],
      {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', HOME: cacheDir, TZ: 'UTC', KUBECONFIG: join(cacheDir, 'none') },
      },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ stdout, stderr, status });
      },
    );
  });
}

type Route =
  | { kind: 'discovery'; body: unknown }
  | { kind: 'none' }
  | { kind: 'objects'; resource: Resource; namespace?: string; name?: string };

/** The version Dockyard simulates; the gcloud kubectl dispatcher then runs its 1.33 client. */
const SERVER_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.1',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function routeOf(path: string, resources: readonly Resource[]): Route {
  if (path === '/version') return { kind: 'discovery', body: SERVER_VERSION };
  if (path === '/api') return { kind: 'discovery', body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] } };
  if (path === '/apis') {
    const groups = [...new Set(resources.map((r) => r.groupVersion).filter((gv) => gv.includes('/')))];
    return {
      kind: 'discovery',
      body: {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((gv) => ({
          name: groupOf(gv),
          versions: [{ groupVersion: gv, version: gv.split('/')[1] }],
          preferredVersion: { groupVersion: gv, version: gv.split('/')[1] },
        })),
      },
    };
  }
  const parts = path.split('/').filter((p) => p !== '');
  const prefix = parts[0] === 'api' ? 2 : parts[0] === 'apis' ? 3 : -1;
  if (prefix < 0 || parts.length < prefix) return { kind: 'none' };
  const groupVersion = parts.slice(1, prefix).join('/');
  let rest = parts.slice(prefix);
  if (rest.length === 0) {
    return {
      kind: 'discovery',
      body: {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion,
        resources: resources.filter((r) => r.groupVersion === groupVersion).map((r) => ({
          name: r.plural,
          singularName: r.kind.toLowerCase(),
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'],
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          ...(r.all ? { categories: ['all'] } : {}),
        })),
      },
    };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = resources.find((r) => r.groupVersion === groupVersion && r.plural === rest[0]);
  if (resource === undefined) return { kind: 'none' };
  return { kind: 'objects', resource, namespace, name: rest[1] };
}

function groupOf(apiVersion: string | undefined): string {
  return apiVersion?.includes('/') ? apiVersion.split('/')[0]! : '';
}

function notFound(plural?: string, name?: string): unknown {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: plural ? `${plural} "${name}" not found` : 'the server could not find the requested resource',
    reason: 'NotFound',
    details: plural ? { name, kind: plural } : {},
    code: 404,
  };
}

/** Equality selectors (`a=b`, `a==b`, `a!=b`), `key` and `!key`, joined by commas. */
function matchesLabels(object: KubeObject, selector: string | null): boolean {
  if (selector === null || selector === '') return true;
  const labels = object.metadata?.labels ?? {};
  return selector.split(',').every((term) => {
    const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (match === null) return term.startsWith('!') ? !(term.slice(1) in labels) : term in labels;
    const value = labels[match[1]!];
    return match[2] === '!=' ? value !== match[3] : value === match[3];
  });
}

/** Field selectors over dotted paths (`involvedObject.name=web`, `status.phase!=Failed`). */
function matchesFields(object: KubeObject, selector: string | null): boolean {
  if (selector === null || selector === '') return true;
  return selector.split(',').every((term) => {
    const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (match === null) return true;
    let value: unknown = object;
    for (const key of match[1]!.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    const text = value === undefined || value === null ? '' : String(value);
    return match[2] === '!=' ? text !== match[3] : text === match[3];
  });
}
