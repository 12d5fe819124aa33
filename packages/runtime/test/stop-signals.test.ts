// docker stop: the image's stop signal, then SIGKILL after the timeout. What a program does with
// the signal decides the exit code: nginx (SIGQUIT) and redis (SIGTERM) shut down and exit 0; a
// PID 1 without a handler ignores SIGTERM and is killed after 10 s with 137.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

describe('docker stop and signals', () => {
  it('stops nginx gracefully with its SIGQUIT, exit 0, at once', () => {
    const h = dockerHost();
    const id = h.run({ name: 'web', image: 'nginx:1.25' });
    h.engine.runFor(1_000);
    h.docker.stop(id);
    const asked = h.engine.now;
    h.engine.runFor(11_000);
    const state = h.runtime.get(id)!.state;
    expect(state.exitCode).toBe(0);
    expect(state.finishedAt! - asked).toBeLessThan(100);
    expect(h.logs(id)).toContain('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
    expect(h.logs(id)).toContain('[notice] 29#29: gracefully shutting down\n');
    expect(h.engine.log.records().find((r) => r.type === 'container.kill')).toMatchObject({ signal: 'SIGQUIT' });
  });

  it('kills a PID 1 that ignores SIGTERM after the 10 s timeout, exit 137', () => {
    const h = dockerHost();
    const id = h.run({ name: 'sleeper', image: 'busybox', cmd: ['sleep', '3600'] });
    h.docker.stop(id);
    const asked = h.engine.now;
    h.engine.runFor(9_999);
    expect(h.runtime.get(id)!.state.status).toBe('running');
    h.engine.runFor(1);
    expect(h.runtime.get(id)!.state).toMatchObject({ status: 'exited', exitCode: 137, finishedAt: asked + 10_000 });
  });

  it('with --init, passes SIGTERM on to a command without a handler, which dies of it: 143 at once', () => {
    const h = dockerHost();
    const id = h.run({ name: 'tini', image: 'busybox', cmd: ['sleep', '3600'], init: true });
    expect(h.exec('tini', ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 /sbin/docker-init -- sleep 3600\n    2 root      0:00 sleep 3600\n    3 root      0:00 ps\n');
    h.docker.stop(id);
    h.engine.runFor(10);
    expect(h.runtime.get(id)!.state).toMatchObject({ status: 'exited', exitCode: 143 });
  });

  it('honours -t and a trap that exits on TERM while waiting', () => {
    const h = dockerHost();
    const quick = h.run({ name: 'quick', image: 'busybox', cmd: ['sleep', '3600'] });
    h.docker.stop(quick, 2);
    h.engine.runFor(2_000);
    expect(h.runtime.get(quick)!.state.exitCode).toBe(137);
    const trapped = h.run({ name: 'trapped', image: 'busybox', cmd: ['sh', '-c', "trap 'echo bye; exit 0' TERM; sleep 3600 & wait"] });
    h.docker.stop(trapped);
    h.engine.runFor(10);
    expect(h.runtime.get(trapped)!.state.exitCode).toBe(0);
    expect(h.logs(trapped)).toBe('bye\n');
  });

  it('runs a trap only after the foreground child ends, as sh does', () => {
    const h = dockerHost();
    const id = h.run({ name: 'fg', image: 'busybox', cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 3; echo after"] });
    h.docker.stop(id);
    h.engine.runFor(2_000);
    expect(h.runtime.get(id)!.state.status).toBe('running');
    h.engine.runFor(2_000);
    expect(h.runtime.get(id)!.state.exitCode).toBe(0);
    expect(h.logs(id)).toBe('');
  });

  it('lets a child of PID 1 die of SIGTERM with 143', () => {
    const h = dockerHost();
    h.run({ name: 'parent', image: 'busybox', cmd: ['sh', '-c', 'sleep 100; echo status=$?'] });
    h.engine.runFor(10);
    expect(h.exec('parent', ['kill', '2']).code).toBe(0);
    h.engine.runFor(10);
    expect(h.logs('parent')).toBe('status=143\n');
  });

  it('stops redis with SIGTERM and its goodbye lines', () => {
    const h = dockerHost();
    const id = h.run({ name: 'cache', image: 'redis:7-alpine' });
    h.engine.runFor(1_000);
    h.docker.stop(id);
    h.engine.runFor(1_000);
    expect(h.runtime.get(id)!.state.exitCode).toBe(0);
    expect(h.logs(id)).toMatch(/Received SIGTERM scheduling shutdown\.\.\.\n.*User requested shutdown\.\.\.\n.*Redis is now ready to exit, bye bye\.\.\.\n$/s);
  });

  it('docker kill sends SIGKILL: 137, and no restart', () => {
    const h = dockerHost();
    const id = h.run({ name: 'killme', image: 'nginx:1.25', restartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
    h.docker.kill(id);
    h.engine.runFor(5_000);
    expect(h.runtime.get(id)!.state).toMatchObject({ status: 'exited', exitCode: 137 });
  });
});
