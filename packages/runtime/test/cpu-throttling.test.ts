// CPU above cpu.max is throttled: work takes longer under a small --cpus, and stats show the cap.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

function readyAfter(cpus: number): number {
  const h = dockerHost();
  const { id } = h.docker.create({ name: 'app', image: 'busybox', cmd: ['/server'], nanoCpus: cpus * 1e9, labels: { 'dockyard.app.port': '8080', 'dockyard.app.startup-cpu': '1s', 'dockyard.app.log': 'listening on ${PORT}' } });
  h.runtime.fs(id)!.writeFile('/server', 'ELF', { mode: 0o755 });
  h.docker.start(id);
  const start = h.engine.now;
  while (!h.logs(id).includes('listening on 8080')) h.engine.step();
  return h.engine.now - start;
}

describe('CPU throttling', () => {
  it('makes start-up take ten times longer under 0.1 CPU than under a full core or two', () => {
    expect(readyAfter(2)).toBe(1_000);
    expect(readyAfter(1)).toBe(1_000);
    expect(readyAfter(0.1)).toBe(10_000);
  });

  it('caps what stats show at the quota', () => {
    const h = dockerHost();
    const id = h.run({ name: 'burn', image: 'polinux/stress', cmd: ['stress', '--cpu', '2'], nanoCpus: 0.5e9 });
    h.engine.runFor(10_000);
    expect(h.docker.stats(id).cpuPercent).toBe(50);
    expect(h.runtime.hostFs.readText(`/sys/fs/cgroup/docker/${id}/cpu.stat`)).toMatch(/^usage_usec 5000000\n/);
  });
});
