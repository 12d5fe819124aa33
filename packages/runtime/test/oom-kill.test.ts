// Memory above memory.max is an OOM kill: exit 137, OOMKilled in inspect, an `oom` event; the
// cgroup files count it (k8s-docker-facts §3).
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

const MiB = 1024 * 1024;

describe('the OOM killer', () => {
  it('kills a memory hog that is PID 1 with 137 and marks it OOMKilled', () => {
    const h = dockerHost();
    const id = h.run({ name: 'hog', image: 'busybox', cmd: ['tail', '/dev/zero'], memory: 64 * MiB });
    h.engine.runFor(1000);
    const state = h.docker.inspect(id)['State'] as Record<string, unknown>;
    expect(state).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 137 });
    const oom = h.engine.log.records().filter((r) => r.type === 'container.oom');
    expect(oom).toHaveLength(1);
    expect(oom[0]).toMatchObject({ id, name: 'hog', limit: 64 * MiB });
    const die = h.engine.log.records().find((r) => r.type === 'container.die');
    expect(die).toMatchObject({ id, exitCode: 137, reason: 'OOMKilled' });
    expect(h.runtime.hostFs.readText(`/sys/fs/cgroup/docker/${id}/memory.events`)).toContain('oom_kill 1\n');
  });

  it('kills a leaking app when its growth reaches the limit, at the time the growth predicts', () => {
    const h = dockerHost();
    // 16 MiB to start, growing 4 MiB a second: 64 MiB is passed 12 seconds in.
    // The app's own binary: not a program the simulator knows, so its app profile runs it.
    const { id } = h.docker.create({ name: 'leaky', image: 'busybox', cmd: ['/app'], memory: 64 * MiB, labels: { 'dockyard.app.memory': '16Mi', 'dockyard.app.memory-growth': '4Mi' } });
    h.runtime.fs(id)!.writeFile('/app', 'ELF', { mode: 0o755 });
    h.docker.start(id);
    const started = h.engine.now;
    h.engine.runFor(11_000);
    expect(h.runtime.get(id)!.state.status).toBe('running');
    h.engine.runFor(2_000);
    const state = h.runtime.get(id)!.state;
    expect(state).toMatchObject({ status: 'exited', exitCode: 137, oomKilled: true });
    expect(state.finishedAt! - started).toBe(12_001);
  });

  it('takes a stress worker and lets stress report it, exiting 1 (docker still says OOMKilled)', () => {
    const h = dockerHost();
    const id = h.run({ name: 'stress', image: 'polinux/stress', cmd: ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], memory: 100 * MiB });
    h.engine.runFor(1000);
    expect(h.logs(id)).toMatch(/^stress: info: \[1\] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\nstress: FAIL: \[1\] \(415\) <-- worker 2 got signal 9\n/);
    expect(h.runtime.get(id)!.state).toMatchObject({ exitCode: 1, oomKilled: true });
  });

  it('leaves a workload under its limit alone', () => {
    const h = dockerHost();
    const id = h.run({ name: 'stress', image: 'polinux/stress', cmd: ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], memory: 200 * MiB });
    h.engine.runFor(60_000);
    expect(h.runtime.get(id)!.state.status).toBe('running');
    expect(h.docker.stats(id).memory).toBeGreaterThan(150 * MiB);
  });
});
