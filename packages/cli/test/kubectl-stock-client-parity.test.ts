// The dockyard executable's `kubectl get`, `describe`, `events` and `rollout` output, byte for
// byte against the stock kubectl 1.33 client shown the very same objects: the cluster's objects
// after the tutorial's Deployment was applied and updated are dumped with `-o json` and served to
// the stock client by a fake API server; both clients run the same command lines. The stock client
// reads ages off the wall clock, so the served objects' times are moved to put the virtual instant
// of the dump just behind the wall clock (a retry covers a slow start crossing a second).
// Skipped where kubectl is not installed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/kubectl/printers/index.ts';
import { type KubectlRun, kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';
import { sandbox } from './support/run-dockyard.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/kubectl', name), 'utf8');

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A copy with every RFC 3339 time moved by `deltaMs` (fractions kept as written: whole seconds or microseconds). */
function shiftTimes(value: unknown, deltaMs: number): unknown {
  if (typeof value === 'string' && RFC3339.test(value)) {
    const moved = new Date(Date.parse(value) + deltaMs).toISOString();
    const fraction = /\.(\d+)Z$/.exec(value)?.[1];
    return fraction === undefined ? moved.replace(/\.\d{3}Z$/, 'Z') : moved.replace(/\.\d{3}Z$/, `.${moved.slice(20, 23)}${'0'.repeat(Math.max(fraction.length - 3, 0))}Z`);
  }
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, deltaMs));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, deltaMs)]));
  return value;
}

describe.skipIf(!kubectlInstalled)('kubectl output matches the stock client', () => {
  const { dockyard, dir } = sandbox();
  let objects: KubeObject[] = [];
  let virtualNow = 0;
  let pod = '';

  /**
   * The stock client's output for `args`. With `clientClock` (pages whose ages kubectl computes
   * itself: describe's Events, `kubectl events`) the objects are moved so that the wall clock
   * reads a few hundred ms past the virtual instant of the dump; otherwise they are served as
   * dumped, the server's table cells computed at that instant.
   */
  let lastRunMs = 500;
  async function stockKubectl(args: readonly string[], clientClock: boolean, attempt = 0): Promise<KubectlRun> {
    // kubectl reads the clock about when it finishes: aim half a second past the virtual instant
    // then, a little earlier or later on each retry.
    const started = Date.now();
    const aim = lastRunMs - [500, 200, 800, 50, 950, 350, 650, 0][attempt % 8]!;
    const delta = clientClock ? started - VIRTUAL_EPOCH_MS + aim - virtualNow : 0;
    const server = await startFakeApiServer(shiftTimes(objects, delta) as KubeObject[], () => virtualNow + delta);
    try {
      return await runKubectl(server, args);
    } finally {
      lastRunMs = Date.now() - started;
      await server.close();
    }
  }

  beforeAll(async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'deployment.yaml'), fixture('my-app-deployment.yaml'));
    writeFileSync(join(dir, 'service.yaml'), fixture('my-app-service.yaml'));
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kubectl', 'apply', '-f', 'deployment.yaml').stdout).toBe('deployment.apps/my-app created\n');
    expect(dockyard('kubectl', 'apply', '-f', 'service.yaml').stdout).toBe('service/my-app-svc created\n');
    expect(dockyard('kubectl', 'create', 'configmap', 'app-config', '--from-literal=LOG_LEVEL=info').stdout).toBe('configmap/app-config created\n');
    dockyard('advance', '30s');
    expect(dockyard('kubectl', 'set', 'image', 'deployment/my-app', 'app=my-app:2.0').stdout).toBe('deployment.apps/my-app image updated\n');
    dockyard('advance', '75s');
    const dump = dockyard('kubectl', 'get', 'deployments,replicasets,pods,services,endpointslices,configmaps,events,namespaces', '-A', '-o', 'json');
    expect(dump.status).toBe(0);
    objects = (JSON.parse(dump.stdout) as { items: KubeObject[] }).items;
    pod = objects.find((o) => o.kind === 'Pod' && o.metadata?.namespace === 'default')!.metadata!.name!;
    virtualNow = parseDuration(/Virtual time is now (\S+)\./.exec(dockyard('advance', '0s').stdout)![1]!);
  }, 60_000);

  /** Describe prints dates (`Wed, 01 Jan 2025 00:00:00 +0000`); moved objects move them, so both sides hide them. */
  const dates = (text: string) => text.replace(/[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000/g, '<date>');

  const same = async (...args: string[]) => {
    const ours = dockyard('kubectl', ...args);
    const mine = { stdout: dates(ours.stdout), stderr: ours.stderr, status: ours.status };
    const clientClock = args[0] === 'describe' || args[0] === 'events';
    let stock = await stockKubectl(args, clientClock);
    for (let retry = 1; clientClock && retry < 8 && dates(stock.stdout) !== mine.stdout; retry++) stock = await stockKubectl(args, clientClock, retry);
    expect(mine).toEqual({ stdout: dates(stock.stdout), stderr: stock.stderr, status: stock.status });
    return ours;
  };

  it('lists deployments, replica sets, pods and services', async () => {
    expect((await same('get', 'deployments')).stdout).toMatch(/^NAME {5}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nmy-app {3}0\/3 {5}1 {12}0 {11}105s\n$/);
    await same('get', 'deploy', '-o', 'wide');
    await same('get', 'replicasets');
    await same('get', 'pods');
    await same('get', 'pods', '-o', 'wide', '--show-labels');
    await same('get', 'pods', '-L', 'app,pod-template-hash', '--sort-by=.metadata.name');
    await same('get', 'services', '-A');
    await same('get', 'all');
    await same('get', 'deploy,svc', '--no-headers');
    await same('get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name');
  });

  it('prints single objects and lists in every -o format', async () => {
    await same('get', 'deployment', 'my-app', '-o', 'yaml');
    await same('get', 'configmap', 'app-config', '-o', 'json');
    await same('get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}');
    await same('get', 'deploy', 'my-app', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image');
  });

  it('lists events in both event formats', async () => {
    await same('get', 'events', '--sort-by=.lastTimestamp');
    await same('get', 'events', '--field-selector', 'involvedObject.kind=Deployment');
    await same('events');
  });

  it('describes the deployment, a pod, the service and the config map', async () => {
    const page = await same('describe', 'deployment', 'my-app');
    expect(page.stdout).toContain('Replicas:               3 desired | 1 updated | 4 total | 0 available | 4 unavailable\n');
    await same('describe', 'pod', pod);
    await same('describe', 'service', 'my-app-svc');
    await same('describe', 'configmap', 'app-config');
  });

  it('shows the rollout history and status', async () => {
    await same('rollout', 'history', 'deployment/my-app');
    await same('rollout', 'history', 'deployment/my-app', '--revision=2');
    await same('rollout', 'status', 'deployment/my-app', '--watch=false');
  });
});
