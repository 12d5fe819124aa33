import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { containerEnvironment, expandEnv, installClusterServices, projectVolume } from '../src/index.ts';
import { networkingCluster } from './fixtures/networking-cluster.ts';

function configCluster() {
  const c = networkingCluster(2);
  installClusterServices(c.store);
  c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-app' } });
  // The tutorial's section 7 ConfigMap and Secret.
  c.store.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-config', namespace: 'my-app' },
    data: { DATABASE_HOST: 'db-service', DATABASE_PORT: '5432', LOG_LEVEL: 'info', 'app.properties': 'server.port=3000\ncache.ttl=300\n' },
  });
  c.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials', namespace: 'my-app' }, type: 'Opaque', data: { username: 'YWRtaW4=', password: 'czNjcmV0' } });
  c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis', namespace: 'my-app' }, spec: { clusterIP: '10.96.50.50', selector: { app: 'redis' }, ports: [{ port: 6379 }] } });
  return c;
}

const pod = (container: Container, extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-app-abc', namespace: 'my-app', uid: 'u-1', labels: { app: 'web-app', tier: 'front' } },
  spec: { containers: [container], nodeName: 'node-1', ...extra },
  status: { podIP: '10.244.1.5', hostIP: '172.18.0.2' },
});

describe('container environment', () => {
  test('section 9’s web-app: secretKeyRef values decoded, $(VAR) expanded in order', () => {
    const { store } = configCluster();
    const container: Container = {
      name: 'web-app',
      image: 'my-web-app:1.0',
      env: [
        { name: 'DATABASE_URL', value: 'postgres://$(DB_USER):$(DB_PASS)@postgres:5432/mydb' },
        { name: 'REDIS_URL', value: 'redis://redis:6379' },
        { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
        { name: 'DB_PASS', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
        { name: 'LATE', value: 'user=$(DB_USER) price=$$(DB_USER)' },
      ],
    };
    const result = containerEnvironment(store, pod(container), container);
    expect(result.ok).toBe(true);
    const env = new Map(result.ok ? result.env : []);
    // As in Kubernetes, a reference to a variable defined later stays as written.
    expect(env.get('DATABASE_URL')).toBe('postgres://$(DB_USER):$(DB_PASS)@postgres:5432/mydb');
    expect(env.get('DB_USER')).toBe('admin');
    expect(env.get('DB_PASS')).toBe('s3cret');
    expect(env.get('LATE')).toBe('user=admin price=$(DB_USER)');
    expect(env.get('REDIS_SERVICE_HOST')).toBe('10.96.50.50');
    expect(env.get('REDIS_PORT')).toBe('tcp://10.96.50.50:6379');
    expect(env.get('REDIS_PORT_6379_TCP_ADDR')).toBe('10.96.50.50');
    expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
    expect(env.get('KUBERNETES_SERVICE_PORT_HTTPS')).toBe('443');
  });

  test('envFrom with a prefix, env overriding it; fieldRef and resourceFieldRef', () => {
    const { store } = configCluster();
    const container: Container = {
      name: 'app',
      image: 'my-app:1.0',
      envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'db-credentials' }, prefix: 'DB_' }],
      env: [
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      ],
      resources: { requests: { cpu: '250m' }, limits: { memory: '256Mi' } },
    };
    const result = containerEnvironment(store, pod(container, { enableServiceLinks: false }), container);
    const env = new Map(result.ok ? result.env : []);
    expect(env.get('DATABASE_HOST')).toBe('db-service');
    expect(env.get('app.properties')).toBe('server.port=3000\ncache.ttl=300\n');
    expect(env.get('DB_password')).toBe('s3cret');
    expect(env.get('LOG_LEVEL')).toBe('debug');
    expect(env.get('POD_NAME')).toBe('web-app-abc');
    expect(env.get('TIER')).toBe('front');
    expect(env.get('POD_IP')).toBe('10.244.1.5');
    expect(env.get('MEM')).toBe('256');
    expect(env.get('CPU')).toBe('250');
    expect(env.has('REDIS_SERVICE_HOST')).toBe(false);
    expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
  });

  test('missing ConfigMaps, Secrets and keys give CreateContainerConfigError with the kubelet’s message; optional ones are skipped', () => {
    const { store } = configCluster();
    const run = (env: Container['env'], envFrom?: Container['envFrom']) => {
      const container: Container = { name: 'c', image: 'x', env, ...(envFrom === undefined ? {} : { envFrom }) };
      return containerEnvironment(store, pod(container), container);
    };
    expect(run([{ name: 'A', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'password' } } }])).toEqual({ ok: false, reason: 'CreateContainerConfigError', message: 'secret "db-secret" not found' });
    expect(run([{ name: 'A', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'token' } } }])).toEqual({ ok: false, reason: 'CreateContainerConfigError', message: "couldn't find key token in Secret my-app/db-credentials" });
    expect(run([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'NOPE' } } }])).toMatchObject({ message: "couldn't find key NOPE in ConfigMap my-app/app-config" });
    expect(run([], [{ configMapRef: { name: 'other' } }])).toMatchObject({ message: 'configmap "other" not found' });
    expect(run([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'other', key: 'x', optional: true } } }], [{ secretRef: { name: 'gone', optional: true } }]).ok).toBe(true);
  });

  test('expansion rules', () => {
    const vars: Record<string, string> = { A: 'a', B: 'b' };
    const look = (n: string) => vars[n];
    expect(expandEnv('$(A)-$(B)-$(C)', look)).toBe('a-b-$(C)');
    expect(expandEnv('$$(A) $$ $x $(A', look)).toBe('$(A) $ $x $(A');
  });
});

describe('configMap and secret volumes', () => {
  const volume = (v: Record<string, unknown>) => ({ name: 'config-volume', ...v });
  const text = (f: { data: Uint8Array }) => new TextDecoder().decode(f.data);

  test('the tutorial’s items mount only app.properties, mode 0644', () => {
    const { store } = configCluster();
    const result = projectVolume(store, pod({ name: 'c', image: 'x' }), volume({ configMap: { name: 'app-config', items: [{ key: 'app.properties', path: 'app.properties' }] } }));
    expect(result?.ok).toBe(true);
    if (result?.ok !== true) return;
    expect(result.files.map((f) => [f.path, text(f), f.mode.toString(8)])).toEqual([['app.properties', 'server.port=3000\ncache.ttl=300\n', '644']]);
  });

  test('every key without items; defaultMode and item modes; secrets decoded', () => {
    const { store } = configCluster();
    const all = projectVolume(store, pod({ name: 'c', image: 'x' }), volume({ configMap: { name: 'app-config', defaultMode: 0o400 } }));
    expect(all?.ok === true && all.files.map((f) => `${f.path}:${f.mode.toString(8)}`)).toEqual(['DATABASE_HOST:400', 'DATABASE_PORT:400', 'LOG_LEVEL:400', 'app.properties:400']);
    const secret = projectVolume(store, pod({ name: 'c', image: 'x' }), volume({ secret: { secretName: 'db-credentials', items: [{ key: 'password', path: 'db/pass', mode: 0o600 }] } }));
    expect(secret?.ok === true && secret.files.map((f) => [f.path, text(f), f.mode.toString(8)])).toEqual([['db/pass', 's3cret', '600']]);
  });

  test('mount failures read like the kubelet’s FailedMount events', () => {
    const { store } = configCluster();
    const p = pod({ name: 'c', image: 'x' });
    expect(projectVolume(store, p, volume({ configMap: { name: 'nope' } }))).toEqual({ ok: false, message: 'MountVolume.SetUp failed for volume "config-volume" : configmap "nope" not found' });
    expect(projectVolume(store, p, volume({ configMap: { name: 'app-config', items: [{ key: 'missing', path: 'm' }] } }))).toEqual({
      ok: false,
      message: 'MountVolume.SetUp failed for volume "config-volume" : configmap references non-existent config key: missing',
    });
    expect(projectVolume(store, p, volume({ secret: { secretName: 'nope' } }))).toMatchObject({ message: 'MountVolume.SetUp failed for volume "config-volume" : secret "nope" not found' });
    expect(projectVolume(store, p, volume({ configMap: { name: 'nope', optional: true } }))).toEqual({ ok: true, files: [] });
    expect(projectVolume(store, p, { name: 'data', emptyDir: {} })).toBeUndefined();
  });

  test('a projected volume merges sources; downwardAPI labels are key="value" lines', () => {
    const { store } = configCluster();
    const result = projectVolume(store, pod({ name: 'c', image: 'x' }), {
      name: 'all-in-one',
      projected: {
        sources: [
          { configMap: { name: 'app-config', items: [{ key: 'LOG_LEVEL', path: 'log-level' }] } },
          { secret: { name: 'db-credentials', items: [{ key: 'username', path: 'user' }] } },
          { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ],
      },
    });
    expect(result?.ok === true && result.files.map((f) => [f.path, text(f)])).toEqual([
      ['log-level', 'info'],
      ['user', 'admin'],
      ['labels', 'app="web-app"\ntier="front"'],
    ]);
  });

  test('an updated ConfigMap changes what the next sync projects (env captured at start does not)', () => {
    const { store } = configCluster();
    const container: Container = { name: 'c', image: 'x', envFrom: [{ configMapRef: { name: 'app-config' } }] };
    const p = pod(container);
    const envAtStart = containerEnvironment(store, p, container);
    store.patch('ConfigMap', 'my-app', 'app-config', { data: { LOG_LEVEL: 'debug' } }, 'merge');
    const files = projectVolume(store, p, volume({ configMap: { name: 'app-config', items: [{ key: 'LOG_LEVEL', path: 'level' }] } }));
    expect(files?.ok === true && text(files.files[0]!)).toBe('debug');
    expect(envAtStart.ok === true && new Map(envAtStart.env).get('LOG_LEVEL')).toBe('info');
  });
});

describe('the atomic writer layout', () => {
  test('a timestamped directory, ..data, and a symlink per top-level name', async () => {
    const { atomicWriterLayout } = await import('../src/index.ts');
    const data = new TextEncoder().encode('x');
    const layout = atomicWriterLayout([{ path: 'app.properties', data, mode: 0o644 }, { path: 'db/pass', data, mode: 0o600 }], '2025-01-01T00:01:02Z', '3984212113');
    expect(layout.map((e) => (e.kind === 'symlink' ? `${e.path} -> ${e.target}` : `${e.kind} ${e.path}`))).toEqual([
      'dir ..2025_01_01_00_01_02.3984212113',
      'file ..2025_01_01_00_01_02.3984212113/app.properties',
      'dir ..2025_01_01_00_01_02.3984212113/db',
      'file ..2025_01_01_00_01_02.3984212113/db/pass',
      '..data -> ..2025_01_01_00_01_02.3984212113',
      'app.properties -> ..data/app.properties',
      'db -> ..data/db',
    ]);
  });
});
