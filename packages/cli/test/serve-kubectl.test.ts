// The stock kubectl drives `dockyard serve`: discovery, create, apply (created / unchanged /
// configured), scale, set image, delete, -o yaml, the API server's errors, and `get` tables that
// are the same as Dockyard's own printers give for the saved world at the same virtual time.
// The clock is stopped (--speed 0) so what kubectl prints can be compared with the world saved
// when the server stops; a second run after `dockyard advance 5m` shows the ages moving on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET_ALL_KINDS, printTable, toYaml } from '../src/kubectl/printers/index.ts';
import type { KubeObject } from '../src/kubectl/printers/index.ts';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { WallCalendar } from '../src/node/api-server/wall-calendar.ts';
import type { World } from '../src/world.ts';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { newWorkspace, type Served, startServe } from './support/serve-dockyard.ts';

if (!kubectlInstalled) console.warn('serve-kubectl.test.ts: kubectl is not installed; skipping the tests that drive dockyard serve with it');

const manifest = readFileSync(join(import.meta.dirname, 'fixtures/serve/my-app.yaml'), 'utf8');

/** What `dockyard kubectl get` prints for these kinds of the world (kind names the store takes). */
function expectedTable(world: World, kinds: readonly string[], options: { namespace?: string; allNamespaces?: boolean; showKind?: boolean; wide?: boolean } = {}): string {
  const store = world.cluster.store;
  const namespace = options.allNamespaces === true ? undefined : (options.namespace ?? 'default');
  const objects = kinds.flatMap((kind) => store.list(kind, { namespace }).items as unknown as KubeObject[]);
  return printTable(objects, { allNamespaces: options.allNamespaces === true, showKind: options.showKind === true, wide: options.wide === true }, world.engine.now);
}

const ALL = GET_ALL_KINDS.map((gk) => gk.kind);

describe.skipIf(!kubectlInstalled)('the stock kubectl against dockyard serve (needs kubectl on PATH)', () => {
  let box: ReturnType<typeof newWorkspace>;
  let served: Served;
  const tables: Record<string, string> = {};

  beforeAll(async () => {
    box = newWorkspace();
    served = await startServe(box.dir, '--speed', '0');
  }, 120_000);

  afterAll(async () => {
    await served?.stop();
  });

  it('prints how to point kubectl at it and writes the kubeconfig', () => {
    expect(served.output().stdout).toBe(
      `Dockyard Kubernetes API (v1.33.1) serving ${join(box.dir, '.dockyard')} on ${served.url}\n` +
        'Virtual time is stopped (now 0s).\n\n' +
        'Point kubectl at it:\n  export KUBECONFIG=.dockyard/kubeconfig\n  kubectl get pods -A\n\n' +
        'Press Ctrl-C to stop; the workspace is saved every 15s and on exit.\n',
    );
    expect(readFileSync(served.kubeconfig, 'utf8')).toContain(`    server: ${served.url}\n`);
  });

  it('reports Kubernetes v1.33.1 to kubectl version', async () => {
    const run = await served.kubectl('version');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Client Version: v1\.3\d\.\d+\nKustomize Version: v\d+\.\d+\.\d+\nServer Version: v1\.33\.1\n$/);
  });

  it('lists every resource of the registry in kubectl api-resources', async () => {
    const run = await served.kubectl('api-resources');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/).join(' '));
    expect(lines[0]).toBe('NAME SHORTNAMES APIVERSION NAMESPACED KIND');
    expect(lines).toContain('deployments deploy apps/v1 true Deployment');
    expect(lines).toContain('pods po v1 true Pod');
    expect(lines).toContain('nodes no v1 false Node');
    expect(lines).toContain('horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler');
    expect(lines).toContain('customresourcedefinitions crd,crds apiextensions.k8s.io/v1 false CustomResourceDefinition');
    // The kubelets' node heartbeats.
    expect(lines).toContain('leases coordination.k8s.io/v1 true Lease');
    // Without short names the column is empty.
    expect(lines).toContain('secrets v1 true Secret');
    // metrics-server's API, served beside the store.
    expect(lines).toContain('nodes metrics.k8s.io/v1beta1 false NodeMetrics');
    expect(lines).toContain('pods metrics.k8s.io/v1beta1 true PodMetrics');
    expect(lines.length - 1).toBe(served.savedWorld().cluster.store.registry.list().length + 2);
  });

  it('creates a deployment (a protobuf body from kubectl create)', async () => {
    expect(await served.kubectl('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3')).toEqual({
      stdout: 'deployment.apps/web created\n',
      stderr: '',
      status: 0,
    });
  });

  it('applies a tutorial manifest: created, then unchanged, then configured', async () => {
    const file = join(box.dir, 'my-app.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, manifest);
    expect(await served.kubectl('apply', '-f', 'my-app.yaml')).toEqual({
      stdout: 'deployment.apps/my-app created\nservice/my-app-svc created\n',
      stderr: '',
      status: 0,
    });
    expect(await served.kubectl('apply', '-f', 'my-app.yaml')).toEqual({
      stdout: 'deployment.apps/my-app unchanged\nservice/my-app-svc unchanged\n',
      stderr: '',
      status: 0,
    });
    expect(await served.kubectlInput(manifest.replace('replicas: 3', 'replicas: 2'), 'apply', '-f', '-')).toEqual({
      stdout: 'deployment.apps/my-app configured\nservice/my-app-svc unchanged\n',
      stderr: '',
      status: 0,
    });
  });

  it('scales and sets the image of a deployment', async () => {
    expect(await served.kubectl('scale', 'deployment', 'web', '--replicas=5')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', status: 0 });
    expect(await served.kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.26')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', status: 0 });
    const run = await served.kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}');
    expect(run.stdout).toBe('5 nginx:1.26 3');
  });

  it('answers with the API server errors kubectl prints', async () => {
    expect(await served.kubectl('get', 'deployment', 'nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      status: 1,
    });
    expect(await served.kubectl('delete', 'pod', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
    expect(await served.kubectl('create', 'deployment', 'web', '--image=nginx:1.25')).toEqual({
      stdout: '',
      stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
      status: 1,
    });
    const typo = manifest.replace('name: my-app\n', 'name: my-app-2\n').replace('  replicas: 3', '  replica: 3');
    expect(await served.kubectlInput(typo, 'apply', '-f', '-')).toEqual({
      stdout: 'service/my-app-svc unchanged\n',
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n',
      status: 1,
    });
  });

  it('deletes a deployment and its ReplicaSets and pods go with it', async () => {
    await served.kubectl('create', 'deployment', 'doomed', '--image=nginx:1.25', '--replicas=2');
    expect(await served.kubectl('delete', 'deployment', 'doomed')).toEqual({ stdout: 'deployment.apps "doomed" deleted\n', stderr: '', status: 0 });
    expect((await served.kubectl('get', 'deployment', 'doomed')).stderr).toBe('Error from server (NotFound): deployments.apps "doomed" not found\n');
    expect(await served.kubectl('get', 'pods', '-l', 'app=doomed')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });

  it('streams pods to kubectl get -w as the controllers create them', async () => {
    await served.kubectl('create', 'deployment', 'watched', '--image=nginx:1.25', '--replicas=1');
    const watcher = served.kubectlProcess('get', 'pods', '-l', 'app=watched', '-w');
    let out = '';
    let err = '';
    watcher.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    watcher.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    await until(() => (out.match(/^watched-/gm) ?? []).length >= 1, 20_000);
    // Only the watch can show what happens from now on.
    await served.kubectl('scale', 'deployment', 'watched', '--replicas=3');
    await until(() => (out.match(/ ContainerCreating /g) ?? []).length >= 3, 20_000);
    watcher.kill('SIGINT');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    // Each pod's lines: the time is stopped, so none gets past pulling its image.
    const seen = new Map<string, string[]>();
    for (const line of lines.slice(1)) {
      const [, name, status] = /^(watched-[a-z0-9]{8,10}-[a-z0-9]{5}) +0\/1 +(\S+) +0 +0s$/.exec(line) ?? [undefined, line, 'unexpected line'];
      seen.set(name!, [...(seen.get(name!) ?? []), status!]);
    }
    const [first, ...scaled] = [...seen.values()];
    // The first pod was already on its node when the watch began: one line of the list.
    expect(first).toEqual(['ContainerCreating']);
    // The new ones: created, bound by the scheduler, then taken up by the kubelet.
    expect(scaled).toEqual([
      ['Pending', 'Pending', 'ContainerCreating'],
      ['Pending', 'Pending', 'ContainerCreating'],
    ]);
    expect(err).toBe('');
  });

  it('prints the same tables and YAML as Dockyard prints for the saved world', async () => {
    tables['pods'] = (await served.kubectl('get', 'pods')).stdout;
    tables['deploy'] = (await served.kubectl('get', 'deploy')).stdout;
    tables['deploy-wide'] = (await served.kubectl('get', 'deploy', '-o', 'wide')).stdout;
    tables['rs'] = (await served.kubectl('get', 'rs')).stdout;
    tables['svc'] = (await served.kubectl('get', 'svc')).stdout;
    tables['all'] = (await served.kubectl('get', 'all')).stdout;
    tables['pods-A'] = (await served.kubectl('get', 'pods', '-A')).stdout;
    tables['yaml'] = (await served.kubectl('get', 'deploy', 'web', '-o', 'yaml')).stdout;
    tables['nodes'] = (await served.kubectl('get', 'nodes')).stdout;
    tables['nodes-wide'] = (await served.kubectl('get', 'nodes', '-o', 'wide')).stdout;

    expect(await served.stop()).toBe(0);
    expect(served.output().stdout).toMatch(/Stopped at virtual time 0s; the workspace is saved\.\n$/);
    const world = served.savedWorld();
    expect(tables['pods']).toBe(expectedTable(world, ['Pod']));
    expect(tables['pods']).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nmy-app-/);
    expect(tables['deploy']).toBe(expectedTable(world, ['Deployment']));
    expect(tables['deploy']).toMatch(/\nweb +0\/5 +\d +0 +0s\n/);
    expect(tables['deploy-wide']).toBe(expectedTable(world, ['Deployment'], { wide: true }));
    expect(tables['rs']).toBe(expectedTable(world, ['ReplicaSet']));
    expect(tables['svc']).toBe(expectedTable(world, ['Service']));
    expect(tables['all']).toBe(expectedTable(world, ALL, { showKind: true }));
    expect(tables['pods-A']).toBe(expectedTable(world, ['Pod'], { allNamespaces: true }));
    // The kubelets registered their nodes.
    expect(tables['nodes']).toBe(expectedTable(world, ['Node']));
    expect(tables['nodes']).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nnode-1 +Ready +<none> +0s +v1\.33\.1\nnode-2 /);
    expect(tables['nodes-wide']).toBe(expectedTable(world, ['Node'], { wide: true }));
    // Times are shown on kubectl's calendar: shifted by whole seconds so that ages come out right.
    const shown = /\n {2}creationTimestamp: "([^"]+)"\n/.exec(tables['yaml']!)![1]!;
    const stored = world.cluster.store.get('Deployment', 'default', 'web');
    const offset = Date.parse(shown) - Date.parse(stored.metadata!.creationTimestamp!);
    expect(offset % 1000).toBe(0);
    expect(Math.abs(Date.now() - offset - (VIRTUAL_EPOCH_MS + world.engine.now))).toBeLessThan(60_000);
    const calendar = new WallCalendar(() => world.engine.now, () => VIRTUAL_EPOCH_MS + world.engine.now + offset);
    expect(tables['yaml']).toBe(toYaml(calendar.toWall(stored)));
  });

  it('serves the saved world again later, its ages moved on', async () => {
    expect(box.dockyard('advance', '5m')).toMatchObject({ status: 0 });
    served = await startServe(box.dir, '--speed', '0');
    const deploy = await served.kubectl('get', 'deploy');
    const pods = await served.kubectl('get', 'pods');
    // kubectl ages the whole-second times it is shown on its own clock: an age can come out a
    // second long when a request crosses a second's edge, so ask again then.
    const scaledUp = /\n {2}Normal +ScalingReplicaSet +5m +deployment-controller +Scaled up replica set my-app-[a-z0-9]+ from 0 to 3\n/;
    let describe = await served.kubectl('describe', 'deployment', 'my-app');
    for (let attempt = 1; attempt < 3 && !scaledUp.test(describe.stdout); attempt++) describe = await served.kubectl('describe', 'deployment', 'my-app');
    expect(await served.stop()).toBe(0);
    // kubectl computes these ages itself, from the times the server shows.
    expect(describe.stdout).toMatch(scaledUp);
    const world = served.savedWorld();
    expect(world.engine.now).toBe(300_000);
    expect(deploy.stdout).toBe(expectedTable(world, ['Deployment']));
    // The kubelets ran the pods meanwhile; the tutorial's my-app:1.0 is no image of the registry.
    expect(deploy.stdout).toMatch(/\nmy-app +0\/2 +2 +0 +5m\nwatched +3\/3 +3 +3 +5m\nweb +5\/5 +5 +5 +5m\n$/);
    expect(pods.stdout).toBe(expectedTable(world, ['Pod']));
    expect(pods.stdout).toMatch(/\nmy-app-[a-z0-9]+-[a-z0-9]{5} +0\/1 +ImagePullBackOff +0 +5m\n/);
    expect(pods.stdout).toMatch(/\nweb-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +5m\n/);
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
