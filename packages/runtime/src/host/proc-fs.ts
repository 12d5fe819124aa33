// /proc and /sys/fs/cgroup: files computed from the kernel's model when read. A container sees its
// own PID namespace in /proc and its own cgroup as the root of /sys/fs/cgroup (cgroupns=private);
// the host sees every cgroup, in the v2 layout and in the v1 controller paths tutorials print.

import { type GeneratedNode, GeneratedFs } from '../fs/generated-fs.ts';
import { type CgroupState, type CgroupUsage, cgroupV1Files, cgroupV2Files } from './cgroup.ts';
import type { Kernel } from './kernel.ts';

const dir = (children: () => readonly string[]): GeneratedNode => ({ kind: 'dir', children });
const file = (content: () => string): GeneratedNode => ({ kind: 'file', content });

function filesNode(files: () => Record<string, string>, rest: readonly string[]): GeneratedNode | undefined {
  if (rest.length === 0) return dir(() => Object.keys(files()).sort());
  if (rest.length > 1) return undefined;
  const all = files();
  return rest[0]! in all ? file(() => files()[rest[0]!]!) : undefined;
}

export interface CgroupSource {
  cgroup: CgroupState;
  usage(): CgroupUsage;
}

/** A container's /sys/fs/cgroup: its own group's files at the root. */
export function containerCgroupFs(source: () => CgroupSource | undefined): GeneratedFs {
  return new GeneratedFs((parts) => {
    const s = source();
    if (s === undefined) return parts.length === 0 ? dir(() => []) : undefined;
    return filesNode(() => cgroupV2Files(s.cgroup, s.usage()), parts);
  });
}

/** A container's /proc: one directory per process of its PID namespace, and a few system files. */
export function containerProcFs(kernel: Kernel, sandbox: string, hostname: () => string): GeneratedFs {
  const processes = () => kernel.processesIn(sandbox);
  return new GeneratedFs((parts) => {
    const [first, second, ...rest] = parts;
    if (first === undefined) return dir(() => [...processes().map((p) => String(p.pid)), 'cpuinfo', 'loadavg', 'meminfo', 'mounts', 'sys', 'uptime', 'version']);
    const proc = processes().find((p) => String(p.pid) === first);
    if (proc !== undefined) {
      const files: Record<string, () => string> = {
        cmdline: () => proc.command.split(' ').join('\0') + '\0',
        comm: () => proc.command.split(' ')[0]!.split('/').pop()! + '\n',
        status: () => `Name:\t${proc.command.split(' ')[0]!.split('/').pop()}\nState:\tS (sleeping)\nPid:\t${proc.pid}\nPPid:\t${proc.ppid}\nUid:\t${proc.uid}\t${proc.uid}\t${proc.uid}\t${proc.uid}\nVmRSS:\t${Math.ceil(proc.rss / 1024)} kB\n`,
        cgroup: () => '0::/\n',
      };
      if (second === undefined) return dir(() => Object.keys(files));
      return rest.length === 0 && files[second] ? file(files[second]) : undefined;
    }
    if (parts.length === 1) {
      const total = Math.floor(kernel.memTotal / 1024);
      const system: Record<string, () => string> = {
        meminfo: () => `MemTotal:       ${String(total).padStart(8)} kB\nMemFree:        ${String(total - Math.floor(kernel.memoryOf(sandbox) / 1024)).padStart(8)} kB\n`,
        cpuinfo: () => Array.from({ length: kernel.cpus }, (_, i) => `processor\t: ${i}\nmodel name\t: Dockyard Virtual CPU\n\n`).join(''),
        loadavg: () => '0.00 0.00 0.00 1/100 1\n',
        uptime: () => `${(kernel.engine.now / 1000).toFixed(2)} 0.00\n`,
        version: () => 'Linux version 6.10.14-linuxkit (root@buildkitsandbox) (gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, GNU ld (GNU Binutils) 2.42) #1 SMP PREEMPT_DYNAMIC Fri Nov 29 17:24:06 UTC 2024\n',
        mounts: () => 'overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\ncgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime 0 0\n',
      };
      if (system[first]) return file(system[first]);
      if (first === 'sys') return dir(() => ['kernel']);
    }
    if (first === 'sys' && second === 'kernel') {
      if (rest.length === 0) return dir(() => ['hostname']);
      if (rest[0] === 'hostname' && rest.length === 1) return file(() => hostname() + '\n');
    }
    return undefined;
  });
}

const V1_CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids'];

/**
 * The host's /sys/fs/cgroup: each group at its path (`docker/<id>/memory.max`) and, for the
 * tutorials written against cgroup v1, each controller's view (`memory/docker/<id>/memory.limit_in_bytes`).
 */
export function hostCgroupFs(groups: () => Map<string, CgroupSource>): GeneratedFs {
  const childrenAt = (prefix: readonly string[]) => {
    const names = new Set<string>();
    for (const path of groups().keys()) {
      const parts = path.split('/').filter(Boolean);
      if (parts.length > prefix.length && prefix.every((p, i) => parts[i] === p)) names.add(parts[prefix.length]!);
    }
    return [...names].sort();
  };
  return new GeneratedFs((parts) => {
    if (parts.length === 0) return dir(() => [...V1_CONTROLLERS, ...childrenAt([]).filter((n) => !V1_CONTROLLERS.includes(n)), 'cgroup.controllers']);
    if (parts.length === 1 && parts[0] === 'cgroup.controllers') return file(() => 'cpuset cpu io memory hugetlb pids rdma misc\n');
    const v1 = V1_CONTROLLERS.includes(parts[0]!);
    const path = v1 ? parts.slice(1) : parts;
    for (let cut = path.length; cut >= 0; cut--) {
      const source = groups().get('/' + path.slice(0, cut).join('/'));
      if (source === undefined) continue;
      const rest = path.slice(cut);
      const files = v1 ? () => cgroupV1Files(source.cgroup, source.usage())[parts[0]!] ?? {} : () => cgroupV2Files(source.cgroup, source.usage());
      return filesNode(files, rest);
    }
    const children = childrenAt(path);
    return children.length > 0 || path.length === 0 ? dir(() => childrenAt(path)) : undefined;
  });
}
