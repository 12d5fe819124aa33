// The tutorial's section 9 through the real executable, in its documented order and from its own
// YAML (written to a directory and applied with `kubectl apply -f`): the web app the reader builds
// (`docker build`, then `kind load docker-image` as on a kind cluster), PostgreSQL on a claim,
// Redis, web-app behind the Ingress. `dockyard curl http://myapp.example.com/` reaches web-app,
// which reached postgres and redis through their Services; deleting the postgres pod keeps its
// data; `kubectl get endpoints -n my-app` lists the ready pods; and the secret's value is never
// printed decoded by events, logs or describe.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type Run, sandbox } from './support/run-dockyard.ts';

const YAML_DIR = join(import.meta.dirname, '../../scheduler/test/fixtures/tutorial');
const PASSWORD = 'secure-password-here';

describe('tutorial section 9: web app + PostgreSQL + Redis', () => {
  const { dir, dockyard } = sandbox();
  const ok = (...args: string[]): Run => {
    const run = dockyard(...args);
    expect(run.status, `${args.join(' ')}\n${run.stderr}`).toBe(0);
    return run;
  };
  let podsBefore: string;

  beforeAll(() => {
    for (const file of ['postgres-pvc.yaml', 'postgres-deployment.yaml', 'redis-deployment.yaml', 'app-deployment.yaml']) {
      writeFileSync(join(dir, file), readFileSync(join(YAML_DIR, file)));
    }
    cpSync(join(import.meta.dirname, 'fixtures/tutorial-section9/web-app'), join(dir, 'web-app'), { recursive: true });
    ok('init', '--clock', 'manual');
  });

  test('the image the reader built is loaded into every node, as kind does it', () => {
    ok('docker', 'build', '-t', 'my-web-app:1.0', 'web-app');
    const load = ok('kind', 'load', 'docker-image', 'my-web-app:1.0');
    const id = /with ID "(sha256:[0-9a-f]{64})"/.exec(load.stderr)![1];
    expect(load.stderr).toBe(['node-1', 'node-2', 'node-3'].map((n) => `Image: "my-web-app:1.0" with ID "${id}" not yet present on node "${n}", loading...\n`).join(''));
    expect(ok('kind', 'load', 'docker-image', 'my-web-app:1.0').stderr).toBe(`Image: "my-web-app:1.0" with ID "${id}" found to be already present on all nodes.\n`);
    expect(dockyard('kind', 'load', 'docker-image', 'my-web-app:2.0')).toMatchObject({ status: 1, stderr: 'ERROR: image: "my-web-app:2.0" not present locally\n' });
  });

  test('applied in the documented order, every object is created', () => {
    expect(ok('kubectl', 'create', 'namespace', 'my-app').stdout).toBe('namespace/my-app created\n');
    expect(ok('kubectl', 'create', 'secret', 'generic', 'db-credentials', '--from-literal=username=admin', `--from-literal=password=${PASSWORD}`, '-n', 'my-app').stdout).toBe('secret/db-credentials created\n');
    // The tutorial's PVC names no namespace: -n puts it beside postgres.
    expect(ok('kubectl', 'apply', '-f', 'postgres-pvc.yaml', '-n', 'my-app').stdout).toBe('persistentvolumeclaim/postgres-pvc created\n');
    expect(ok('kubectl', 'apply', '-f', 'postgres-deployment.yaml').stdout).toBe('deployment.apps/postgres created\nservice/postgres created\n');
    expect(ok('kubectl', 'apply', '-f', 'redis-deployment.yaml').stdout).toBe('deployment.apps/redis created\nservice/redis created\n');
    expect(ok('kubectl', 'apply', '-f', 'app-deployment.yaml').stdout).toBe('deployment.apps/web-app created\nservice/web-app created\ningress.networking.k8s.io/web-app-ingress created\n');
    ok('advance', '2m');
    const all = ok('kubectl', 'get', 'all', '-n', 'my-app').stdout;
    expect(all).toMatch(/deployment\.apps\/postgres +1\/1 +1 +1 /);
    expect(all).toMatch(/deployment\.apps\/redis +1\/1 +1 +1 /);
    expect(all).toMatch(/deployment\.apps\/web-app +3\/3 +3 +3 /);
    expect(ok('kubectl', 'get', 'pvc', '-n', 'my-app').stdout).toMatch(/^NAME +STATUS +VOLUME .*\npostgres-pvc +Bound +pvc-[0-9a-f-]{36} +10Gi +RWO +standard /);
  });

  test('kubectl get endpoints -n my-app lists the ready pods', () => {
    const pods = ok('kubectl', 'get', 'pods', '-n', 'my-app', '-o', 'wide').stdout;
    podsBefore = pods;
    const ips = (app: string) =>
      pods
        .split('\n')
        .filter((l) => l.startsWith(`${app}-`) && /\s1\/1\s+Running\s/.test(l))
        .map((l) => l.split(/\s+/).find((cell) => /^10\.244\.\d+\.\d+$/.test(cell))!)
        .sort();
    const endpoints = ok('kubectl', 'get', 'endpoints', '-n', 'my-app').stdout.split('\n');
    expect(endpoints[0]).toMatch(/^NAME +ENDPOINTS +AGE$/);
    const row = (name: string) => endpoints.find((l) => l.startsWith(`${name} `))!.split(/\s+/)[1]!.split(',').map((e) => e.replace(/:\d+$/, '')).sort();
    expect(ips('web-app')).toHaveLength(3);
    expect(row('web-app')).toEqual(ips('web-app'));
    expect(row('postgres')).toEqual(ips('postgres'));
    expect(row('redis')).toEqual(ips('redis'));
    expect(endpoints.find((l) => l.startsWith('postgres '))).toMatch(/:5432 /);
  });

  test('dockyard curl http://myapp.example.com/ reaches web-app, which reached postgres and redis', () => {
    const curl = ok('curl', '-i', 'http://myapp.example.com/');
    expect(curl.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(curl.stdout).toMatch(/\r\n\r\nHello from web-app\n$/);
    const log = ok('events', '-o', 'json')
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>);
    const ingress = log.filter((r) => r.type === 'data-plane.request' && r.url === 'http://myapp.example.com/');
    expect(ingress.at(-1)).toMatchObject({ entry: 'ingress', node: 'node-1' });
    // web-app's pods connected to postgres and redis through their Service addresses (kube-proxy's DNAT).
    const webIps = new Set(podsBefore.split('\n').filter((l) => l.startsWith('web-app-')).map((l) => l.split(/\s+/).find((cell) => /^10\.244\./.test(cell))));
    for (const service of ['my-app/postgres', 'my-app/redis']) {
      const clients = new Set(log.filter((r) => r.type === 'kube-proxy.route' && r.service === service && r.verdict === 'dnat').map((r) => r.client));
      expect([...webIps].every((ip) => clients.has(ip)), service).toBe(true);
    }
    // The app's own log says it is serving.
    expect(ok('kubectl', 'logs', '-n', 'my-app', 'deploy/web-app').stdout).toContain('web-app listening on 3000\n');
  });

  test('deleting the postgres pod keeps its data on the claim', () => {
    ok('kubectl', 'exec', '-n', 'my-app', 'deploy/postgres', '--', 'sh', '-c', 'echo 42 > /var/lib/postgresql/data/answer');
    const old = podsBefore.split('\n').find((l) => l.startsWith('postgres-'))!.split(/\s+/)[0]!;
    expect(ok('kubectl', 'delete', 'pod', old, '-n', 'my-app').stdout).toBe(`pod "${old}" deleted\n`);
    ok('advance', '1m');
    const pods = ok('kubectl', 'get', 'pods', '-n', 'my-app', '-l', 'app=postgres').stdout;
    expect(pods).not.toContain(old);
    expect(pods).toMatch(/\npostgres-[0-9a-z]+-[0-9a-z]{5} +1\/1 +Running +0 /);
    expect(ok('kubectl', 'logs', '-n', 'my-app', 'deploy/postgres').stdout).toMatch(/^\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n/);
    expect(ok('kubectl', 'exec', '-n', 'my-app', 'deploy/postgres', '--', 'cat', '/var/lib/postgresql/data/answer').stdout).toBe('42\n');
    expect(ok('curl', 'http://myapp.example.com/').stdout).toBe('Hello from web-app\n');
  });

  test('the secret’s value never appears decoded in the event log, logs or describe output', () => {
    const outputs = [
      ok('events', '-o', 'json').stdout,
      ok('events').stdout,
      ok('kubectl', 'get', 'events', '-n', 'my-app').stdout,
      ok('kubectl', 'describe', 'secret', 'db-credentials', '-n', 'my-app').stdout,
      ok('kubectl', 'describe', 'pods', '-n', 'my-app').stdout,
      ok('kubectl', 'describe', 'deployments', '-n', 'my-app').stdout,
      ok('kubectl', 'logs', '-n', 'my-app', 'deploy/web-app').stdout,
      ok('kubectl', 'logs', '-n', 'my-app', 'deploy/postgres').stdout,
    ];
    for (const text of outputs) expect(text).not.toContain(PASSWORD);
    const describeSecret = outputs[3]!;
    expect(describeSecret).toMatch(/\nData\n====\npassword:  20 bytes\nusername:  5 bytes\n/);
    expect(outputs[4]).toContain("DB_PASS:       <set to the key 'password' in secret 'db-credentials'>  Optional: false\n");
  });
});
