// Health checks on compose's timings (k8s-docker-facts §9, moby daemon/health.go): without
// interval/timeout/retries the Dockerfile defaults apply (30s / 30s / 3); the tutorial's
// 10s / 5s / 5 turn a failing database unhealthy after 50 s, and a probe that hangs is cut at
// 5 s, the next one starting an interval after. `up` looks every 500 ms, so a dependent starts
// within half a second of its dependency turning healthy.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const project = (healthcheck: string) => `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
${healthcheck}
  web:
    image: nginx:1.25
    depends_on:
      db:
        condition: service_healthy
`;

interface Record {
  t: number;
  type: string;
  name?: string;
  status?: string;
}

function events(dockyard: (...args: string[]) => { stdout: string }): Record[] {
  return dockyard('events', '-o', 'json')
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record);
}

const startOf = (records: Record[], name: string) => records.find((r) => r.type === 'container.start' && r.name === name)!.t;
const healthOf = (records: Record[], name: string) => records.filter((r) => r.type === 'container.health_status' && r.name === name).map((r) => ({ after: r.t - startOf(records, name), status: r.status }));

describe('compose health checks on virtual time', () => {
  it('uses the defaults (30 s interval) when the file gives only a test, and starts the dependent at the next 500 ms look', () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': project('      test: ["CMD-SHELL", "pg_isready -U postgres"]') });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const records = events(dockyard);
    expect(healthOf(records, 'shop-db-1')).toEqual([{ after: 30_000, status: 'healthy' }]);
    const healthy = records.find((r) => r.type === 'container.health_status')!.t;
    const web = startOf(records, 'shop-web-1');
    expect(web - healthy).toBeGreaterThanOrEqual(0);
    expect(web - healthy).toBeLessThanOrEqual(500);
    // Compose sends only what the file sets; the daemon applies its defaults when it probes.
    expect(dockyard('docker', 'inspect', 'shop-db-1', '--format', '{{json .Config.Healthcheck}}').stdout).toBe('{"Test":["CMD-SHELL","pg_isready -U postgres"]}\n');
  }, 60_000);

  it('turns unhealthy after 3 failures 30 s apart with the defaults', () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': project('      test: ["CMD", "false"]') });
    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.status).toBe(1);
    expect(up.stderr).toMatch(/dependency failed to start: container shop-db-1 is unhealthy\n$/);
    expect(healthOf(events(dockyard), 'shop-db-1')).toEqual([{ after: 90_000, status: 'unhealthy' }]);
  }, 60_000);

  it("turns unhealthy after 5 failures 10 s apart with the tutorial's 10s / 5s / 5", () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': project('      test: ["CMD-SHELL", "exit 1"]\n      interval: 10s\n      timeout: 5s\n      retries: 5') });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(1);
    expect(healthOf(events(dockyard), 'shop-db-1')).toEqual([{ after: 50_000, status: 'unhealthy' }]);
    expect(dockyard('docker', 'inspect', 'shop-db-1', '--format', '{{json .Config.Healthcheck}}').stdout).toBe(
      '{"Test":["CMD-SHELL","exit 1"],"Interval":10000000000,"Timeout":5000000000,"Retries":5}\n',
    );
    const health = JSON.parse(dockyard('docker', 'inspect', 'shop-db-1', '--format', '{{json .State.Health}}').stdout) as { FailingStreak: number; Log: { ExitCode: number }[] };
    expect(health.FailingStreak).toBe(5);
    expect(health.Log.map((l) => l.ExitCode)).toEqual([1, 1, 1, 1, 1]);
  }, 60_000);

  it('cuts a hanging probe at the 5 s timeout; the next starts an interval later', () => {
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': project('      test: ["CMD-SHELL", "sleep 60"]\n      interval: 10s\n      timeout: 5s\n      retries: 5') });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(1);
    // Probes at 10, 25, 40, 55 and 70 s, each cut 5 s later.
    expect(healthOf(events(dockyard), 'shop-db-1')).toEqual([{ after: 75_000, status: 'unhealthy' }]);
    const health = JSON.parse(dockyard('docker', 'inspect', 'shop-db-1', '--format', '{{json .State.Health}}').stdout) as { Log: { Output: string }[] };
    expect(health.Log[4]!.Output).toBe('Health check exceeded timeout (5s)');
  }, 60_000);

  it('waits past the first probe when the database is not ready yet: healthy on a later probe', () => {
    // initdb takes a few seconds; with a 1 s interval the first probes find no server.
    const { dockyard } = composeSandbox('shop', { 'compose.yaml': project('      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 1s\n      retries: 30') });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const [change] = healthOf(events(dockyard), 'shop-db-1');
    expect(change!.status).toBe('healthy');
    expect(change!.after).toBeGreaterThan(1000);
    expect(change!.after % 1000).toBe(0);
  }, 60_000);
});
