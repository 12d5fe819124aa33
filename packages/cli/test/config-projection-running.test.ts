// ConfigMaps and Secrets as a running container sees them (tutorial section 7): envFrom and
// secretKeyRef values in its environment, the `items` of a configMap volume and every key of a
// secret volume as files (decoded, mode 0644, the AtomicWriter's `..data` layout). Updating the
// ConfigMap changes the mounted file within the kubelet's sync period (1 min); the environment keeps
// what the container started with.
import { describe, expect, test } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';

const CONFIG = (level: string, ttl: number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  DATABASE_HOST: "db-service"
  DATABASE_PORT: "5432"
  LOG_LEVEL: "${level}"
  app.properties: |
    server.port=3000
    cache.ttl=${ttl}
`;

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db-secret
type: Opaque
data:
  username: YWRtaW4=
  password: czNjcmV0
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: busybox
      command: [sleep, "3600"]
      envFrom:
        - configMapRef:
            name: app-config
      env:
        - name: DB_USERNAME
          valueFrom:
            secretKeyRef:
              name: db-secret
              key: username
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-secret
              key: password
      volumeMounts:
        - name: config-volume
          mountPath: /app/config
        - name: secret-volume
          mountPath: /etc/db
          readOnly: true
  volumes:
    - name: config-volume
      configMap:
        name: app-config
        items:
          - key: app.properties
            path: app.properties
    - name: secret-volume
      secret:
        secretName: db-secret
`;

async function running() {
  const s = kubectlSession();
  s.write('config.yaml', CONFIG('info', 300));
  s.write('secret.yaml', SECRET);
  s.write('pod.yaml', POD);
  for (const file of ['config.yaml', 'secret.yaml', 'pod.yaml']) expect((await s.run(`kubectl apply -f ${file}`)).status).toBe(0);
  s.advance(30_000);
  expect((await s.run('kubectl get pod app')).stdout).toMatch(/\napp +1\/1 +Running +0 /);
  const exec = async (command: string) => (await s.run(`kubectl exec app -- ${command}`)).stdout;
  return { ...s, exec };
}

describe('ConfigMap and Secret projections in a running container', () => {
  test('env from the ConfigMap and the Secret; files of the items and of every secret key', async () => {
    const { exec } = await running();
    const env = (await exec('env')).split('\n');
    expect(env).toEqual(expect.arrayContaining(['DATABASE_HOST=db-service', 'DATABASE_PORT=5432', 'LOG_LEVEL=info', 'DB_USERNAME=admin', 'DB_PASSWORD=s3cret']));
    expect(await exec('cat /app/config/app.properties')).toBe('server.port=3000\ncache.ttl=300\n');
    expect(await exec('ls /app/config')).toBe('app.properties\n');
    expect(await exec('cat /etc/db/password')).toBe('s3cret');
    expect(await exec('ls /etc/db')).toBe('password\nusername\n');
    const listing = await exec('ls -la /etc/db');
    expect(listing).toMatch(/\nlrwxrwxrwx +1 root +root +\d+ [A-Z][a-z]{2} +\d+ \d\d:\d\d \.\.data -> \.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+\n/);
    expect(listing).toMatch(/\nlrwxrwxrwx +1 root +root +\d+ [A-Z][a-z]{2} +\d+ \d\d:\d\d password -> \.\.data\/password\n/);
  });

  test('an updated ConfigMap reaches the mounted file within the sync period; the environment keeps the old value', async () => {
    const { exec, run, write, advance } = await running();
    write('config.yaml', CONFIG('debug', 600));
    expect((await run('kubectl apply -f config.yaml')).stdout).toBe('configmap/app-config configured\n');
    expect(await exec('cat /app/config/app.properties')).toBe('server.port=3000\ncache.ttl=300\n');
    advance(61_000);
    expect(await exec('cat /app/config/app.properties')).toBe('server.port=3000\ncache.ttl=600\n');
    expect((await exec('env')).split('\n')).toContain('LOG_LEVEL=info');
    // Still a single item, and the old timestamped directory is gone.
    expect((await exec('ls -a /app/config')).split('\n').filter((n) => n.startsWith('..2'))).toHaveLength(1);
  });
});
