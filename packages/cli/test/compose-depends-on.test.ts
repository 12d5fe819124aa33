// depends_on conditions as `docker compose up` honours them: service_started starts in order
// without waiting, service_healthy waits for the health check, service_completed_successfully
// waits for the exit; an unhealthy or failed dependency stops its dependents with compose's
// message; an optional (required: false) one only warns.
import { describe, expect, it } from 'vitest';
import { composeSandbox, withoutLayers } from './support/compose-sandbox.ts';

const SHOP = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 10s
      timeout: 5s
      retries: 5
  migrate:
    image: busybox
    command: ["sh", "-c", "echo migrating; sleep 4; echo migrated"]
  cache:
    image: redis:7-alpine
  web:
    image: nginx:1.25
    depends_on:
      cache:
        condition: service_started
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
`;

describe('docker compose up: depends_on', () => {
  it('starts each service once its dependencies are started, healthy or completed', () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': SHOP });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(0);
    const lines = withoutLayers(up.stderr).split('\n');
    const start = lines.indexOf(' Container shop-cache-1  Starting');
    expect(lines.slice(start)).toEqual([
      ' Container shop-cache-1  Starting',
      ' Container shop-db-1  Starting',
      ' Container shop-migrate-1  Starting',
      ' Container shop-cache-1  Started',
      ' Container shop-db-1  Started',
      ' Container shop-migrate-1  Started',
      // service_started needs no wait: no `Waiting` line for cache.
      ' Container shop-db-1  Waiting',
      ' Container shop-migrate-1  Waiting',
      ' Container shop-migrate-1  Exited',
      ' Container shop-db-1  Healthy',
      ' Container shop-web-1  Starting',
      ' Container shop-web-1  Started',
      '',
    ]);
    expect(dockyard('docker', 'compose', 'ps', '-a', '--format', '{{.Service}} {{.Status}}').stdout).toBe(
      'cache Up 10 seconds\ndb Up 10 seconds (healthy)\nmigrate Exited (0) 6 seconds ago\nweb Up Less than a second\n',
    );
  }, 60_000);

  it('refuses to start dependents of an unhealthy dependency: exit 1 and compose message', () => {
    const { dockyard, healthChanges } = composeSandbox('shop', { 'compose.yaml': SHOP.replace('pg_isready -U postgres', 'exit 1') });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(1);
    expect(up.stderr).toMatch(/ Container shop-db-1  Waiting\n Container shop-migrate-1  Waiting\n Container shop-migrate-1  Exited\n Container shop-db-1  Error\ndependency failed to start: container shop-db-1 is unhealthy\n$/);
    // Five failed probes, 10 s apart: unhealthy 50 s after the start.
    expect(healthChanges('shop-db-1').map((c) => c.status)).toEqual(['unhealthy']);
    expect(dockyard('docker', 'compose', 'ps', '-a', '--format', '{{.Service}} {{.State}}').stdout).toBe('cache running\ndb running\nmigrate exited\nweb created\n');
  }, 60_000);

  it('fails when a one-shot dependency exits non-zero, naming the service and its exit code', () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': SHOP.replace('echo migrated"', 'exit 3"') });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(1);
    expect(up.stderr).toMatch(/ Container shop-migrate-1  service "migrate" didn't complete successfully: exit 3\nservice "migrate" didn't complete successfully: exit 3\n$/);
  }, 60_000);

  it('warns about an optional dependency that is not there, and starts without it', () => {
    const { dockyard } = composeSandbox('shop', {
      'compose.yaml': `services:
  web:
    image: nginx:1.25
    depends_on:
      metrics:
        condition: service_healthy
        required: false
`,
    });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(0);
    expect(up.stderr).toContain('WARN[0000] service "web" depends on service "metrics" which is not defined; the dependency is optional and is ignored\n');
    expect(up.stderr).toMatch(/ Container shop-web-1  Started\n$/);
  }, 60_000);

  it('skips an optional dependency that fails, with a warning', () => {
    const { dockyard } = composeSandbox('shop', {
      'compose.yaml': `services:
  flaky:
    image: busybox
    command: ["sh", "-c", "exit 2"]
  web:
    image: nginx:1.25
    depends_on:
      flaky:
        condition: service_completed_successfully
        required: false
`,
    });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(0);
    expect(up.stderr).toContain(' Container shop-flaky-1  Skipped: optional dependency "flaky" didn\'t complete successfully: exit 2\nWARN[0000] optional dependency "flaky" didn\'t complete successfully: exit 2\n');
    expect(up.stderr).toMatch(/ Container shop-web-1  Started\n$/);
  }, 60_000);

  it('refuses a dependency cycle before doing anything', () => {
    const { dockyard } = composeSandbox('shop', {
      'compose.yaml': 'services:\n  a:\n    image: busybox\n    depends_on: [b]\n  b:\n    image: busybox\n    depends_on: [a]\n',
    });
    expect(dockyard('docker', 'compose', 'up', '-d')).toMatchObject({ status: 1, stderr: 'dependency cycle detected: a -> b -> a\n' });
  }, 60_000);
});
