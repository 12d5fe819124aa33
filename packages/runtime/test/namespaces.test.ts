// Each container sees its own PID, UTS, NET, MNT and USER namespace and its own cgroup.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

describe('namespaces', () => {
  it('gives each container its own process tree, hostname, address and files', () => {
    const h = dockerHost();
    const a = h.run({ name: 'aa', image: 'busybox', cmd: ['sleep', '3600'] });
    const b = h.run({ name: 'bb', image: 'alpine', cmd: ['sh', '-c', 'sleep 3600'], hostname: 'bee' });
    expect(h.exec('aa', ['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n');
    expect(h.exec('aa', ['hostname']).out).toBe(`${a.slice(0, 12)}\n`);
    expect(h.exec('bb', ['hostname']).out).toBe('bee\n');
    expect(h.exec('aa', ['ip', 'addr']).out).toContain('inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0');
    expect(h.exec('bb', ['ip', 'addr']).out).toContain('inet 172.17.0.3/16 brd 172.17.255.255 scope global eth0');
    h.exec('aa', ['touch', '/only-in-a']);
    expect(h.exec('bb', ['ls', '/only-in-a'])).toEqual({ code: 1, out: 'ls: /only-in-a: No such file or directory\n' });
    expect(h.exec('aa', ['ls', '/proc']).out.split('\n').filter((n) => /^\d+$/.test(n))).toEqual(['1', '6']);
    // On the host both are ordinary processes with host PIDs.
    const top = h.docker.top(b).map((p) => p.command);
    expect(top).toEqual(['sleep 3600']);
    expect(h.docker.top(a)[0]!.pid).toBeGreaterThanOrEqual(1000);
  });

  it('runs as the user asked for, as id shows', () => {
    const h = dockerHost();
    h.run({ name: 'root', image: 'busybox', cmd: ['sleep', '60'] });
    h.run({ name: 'nobody', image: 'busybox', cmd: ['sleep', '60'], user: 'nobody' });
    // What `docker run busybox id` prints: the image's /etc/group puts root in wheel only.
    expect(h.exec('root', ['id']).out).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect(h.exec('nobody', ['id']).out).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect(h.exec('nobody', ['sh', '-c', 'echo $HOME']).out).toBe('/home\n');
  });

  it('shows the container its own cgroup, limits included', () => {
    const h = dockerHost();
    const id = h.run({ name: 'limited', image: 'busybox', cmd: ['sleep', '60'], memory: 64 * 1024 * 1024, nanoCpus: 500_000_000, pidsLimit: 100 });
    expect(h.exec('limited', ['cat', '/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/cpu.max', '/sys/fs/cgroup/pids.max']).out).toBe('67108864\n50000 100000\n100\n');
    expect(h.exec('limited', ['sh', '-c', 'echo 1 > /sys/fs/cgroup/memory.max'])).toEqual({ code: 1, out: "sh: can't create /sys/fs/cgroup/memory.max: Read-only file system\n" });
    expect(h.runtime.hostFs.readText(`/sys/fs/cgroup/memory/docker/${id}/memory.limit_in_bytes`)).toBe('67108864\n');
    expect(h.runtime.hostFs.readText(`/sys/fs/cgroup/docker/${id}/cpu.max`)).toBe('50000 100000\n');
  });

  it('answers the v1 path without a limit with the kernel\'s unlimited value', () => {
    const h = dockerHost();
    const id = h.run({ name: 'free', image: 'busybox', cmd: ['sleep', '60'] });
    expect(h.runtime.hostFs.readText(`/sys/fs/cgroup/memory/docker/${id}/memory.limit_in_bytes`)).toBe('9223372036854771712\n');
  });
});
