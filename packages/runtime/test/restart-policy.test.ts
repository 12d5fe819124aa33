// Restart policies with moby's restart manager: 100 ms doubling to a minute, reset after 10 s of
// running, on-failure's maximum, and no restart after docker stop.
import { describe, expect, it } from 'vitest';
import { RESTART_DELAY_INITIAL_MS, shouldRestart } from '../src/index.ts';
import { dockerHost } from './fixtures/docker-host.ts';

describe('restart policies', () => {
  it('doubles the delay from 100 ms up to a minute, and resets it after 10 s of running', () => {
    const policy = { Name: 'always' as const, MaximumRetryCount: 0 };
    let delay = 0;
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      delay = shouldRestart(policy, 1, false, 50, delay, i).delayMs;
      delays.push(delay);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000]);
    expect(shouldRestart(policy, 1, false, 10_000, 60_000, 12).delayMs).toBe(RESTART_DELAY_INITIAL_MS);
  });

  it('restarts a failing container on-failure:2 twice, then leaves it exited', () => {
    const h = dockerHost();
    const id = h.run({ name: 'flaky', image: 'busybox', cmd: ['sh', '-c', 'echo run; exit 3'], restartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } });
    h.engine.runFor(5_000);
    expect(h.logs(id)).toBe('run\nrun\nrun\n');
    const inspect = h.docker.inspect(id);
    expect(inspect['RestartCount']).toBe(2);
    expect(inspect['State']).toMatchObject({ Status: 'exited', ExitCode: 3 });
    const scheduled = h.engine.log.records().filter((r) => r.type === 'container.restart-scheduled');
    expect(scheduled.map((r) => r['delay'])).toEqual([100, 200]);
    expect(h.docker.summary(h.docker.get(id)).status).toBe('Exited (3) 4 seconds ago');
  });

  it('does not restart on success with on-failure, but does with always, showing Restarting meanwhile', () => {
    const h = dockerHost();
    const ok = h.run({ name: 'ok', image: 'busybox', cmd: ['true'], restartPolicy: { Name: 'on-failure', MaximumRetryCount: 0 } });
    const loop = h.run({ name: 'loop', image: 'busybox', cmd: ['sh', '-c', 'sleep 1'], restartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
    h.engine.runFor(1_050);
    expect(h.docker.summary(h.docker.get(loop)).status).toBe('Restarting (0) Less than a second ago');
    expect(h.docker.inspect(loop)['State']).toMatchObject({ Status: 'restarting', Running: true, Restarting: true });
    h.engine.runFor(10_000);
    expect(h.runtime.get(ok)!.state.status).toBe('exited');
    expect(h.docker.get(loop).restartCount).toBeGreaterThanOrEqual(5);
  });

  it('does not restart a container that was stopped by hand', () => {
    const h = dockerHost();
    const id = h.run({ name: 'web', image: 'nginx:1.25', restartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
    h.engine.runFor(1_000);
    h.docker.stop(id);
    h.engine.runFor(120_000);
    expect(h.runtime.get(id)!.state).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(h.docker.get(id).restartCount).toBe(0);
  });

  it('removes a --rm container when it exits', () => {
    const h = dockerHost();
    const id = h.run({ name: 'once', image: 'busybox', cmd: ['echo', 'hi'], autoRemove: true });
    h.engine.runFor(10);
    expect(h.docker.find(id)).toBeUndefined();
    expect(h.engine.log.records().map((r) => r.type)).toContain('container.destroy');
  });
});
