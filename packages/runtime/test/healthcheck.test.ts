// HEALTHCHECK drives `(health: starting)`, `(healthy)` and `(unhealthy)` with moby's timing rules
// (k8s-docker-facts §9).
import { describe, expect, it } from 'vitest';
import { HEALTH_DEFAULTS } from '../src/index.ts';
import { nextProbeDelay } from '../src/container/healthcheck.ts';
import { dockerHost } from './fixtures/docker-host.ts';

const S = 1_000_000_000;

describe('healthchecks', () => {
  it('picks probe delays as moby does: start interval inside the start period, its remainder at its end', () => {
    const timing = { intervalMs: 30_000, timeoutMs: 30_000, startPeriodMs: 60_000, startIntervalMs: 5_000, retries: 3 };
    expect(nextProbeDelay(timing, 'starting', 0)).toBe(5_000);
    expect(nextProbeDelay(timing, 'healthy', 10_000)).toBe(30_000);
    expect(nextProbeDelay(timing, 'starting', 45_000)).toBe(15_000);
    expect(nextProbeDelay(timing, 'starting', 60_000)).toBe(30_000);
    expect(nextProbeDelay({ ...timing, startPeriodMs: HEALTH_DEFAULTS.startPeriod }, 'starting', 0)).toBe(HEALTH_DEFAULTS.interval);
  });

  it('goes from starting to healthy, and to unhealthy after 3 failed probes in a row', () => {
    const h = dockerHost();
    const id = h.run({ name: 'web', image: 'nginx:1.25', healthcheck: { Test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 5 * S } });
    const status = () => h.docker.summary(h.docker.get(id)).status;
    h.engine.runFor(4_000);
    expect(status()).toBe('Up 4 seconds (health: starting)');
    h.engine.runFor(1_000);
    expect(status()).toBe('Up 5 seconds (healthy)');
    // Break the site: with no index.html nginx answers 403 and curl -f fails.
    h.exec('web', ['rm', '/usr/share/nginx/html/index.html']);
    h.engine.runFor(10_000);
    expect(status()).toBe('Up 15 seconds (healthy)');
    h.engine.runFor(5_000);
    expect(status()).toBe('Up 20 seconds (unhealthy)');
    const health = (h.docker.inspect(id)['State'] as { Health: { Status: string; FailingStreak: number; Log: { ExitCode: number; Output: string }[] } }).Health;
    expect(health).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
    expect(health.Log).toHaveLength(4);
    expect(health.Log[3]).toMatchObject({ ExitCode: 1, Output: 'curl: (22) The requested URL returned error: 403\n' });
    const changes = h.engine.log.records().filter((r) => r.type === 'container.health_status').map((r) => [r.t, r['status']]);
    expect(changes).toEqual([
      [5_000, 'healthy'],
      [20_000, 'unhealthy'],
    ]);
  });

  it('does not count failures inside the start period while still starting', () => {
    const h = dockerHost();
    const id = h.run({ name: 'slow', image: 'busybox', cmd: ['sleep', '3600'], healthcheck: { Test: ['CMD', 'test', '-f', '/tmp/ready'], Interval: 10 * S, StartPeriod: 30 * S, StartInterval: 2 * S } });
    h.engine.runFor(29_000);
    expect(h.docker.get(id).health).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    h.engine.runFor(30_000);
    expect(h.docker.get(id).health!.FailingStreak).toBeGreaterThan(0);
    h.exec('slow', ['touch', '/tmp/ready']);
    h.engine.runFor(10_000);
    expect(h.docker.get(id).health).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
  });

  it('records a probe that outlives its timeout as -1', () => {
    const h = dockerHost();
    const id = h.run({ name: 'stuck', image: 'busybox', cmd: ['sleep', '3600'], healthcheck: { Test: ['CMD', 'sleep', '60'], Interval: 5 * S, Timeout: 2 * S, Retries: 1 } });
    h.engine.runFor(7_500);
    expect(h.docker.get(id).health).toMatchObject({ Status: 'unhealthy', Log: [{ ExitCode: -1, Output: 'Health check exceeded timeout (2s)' }] });
  });

  it('takes the image HEALTHCHECK away with --no-healthcheck (Test NONE)', () => {
    const h = dockerHost();
    const id = h.run({ name: 'plain', image: 'nginx:1.25', healthcheck: { Test: ['NONE'] } });
    h.engine.runFor(60_000);
    expect(h.docker.get(id).health).toBeUndefined();
    expect(h.docker.summary(h.docker.get(id)).status).toBe('Up About a minute');
  });
});
