// A cgroup v2 node for one container: the limits Docker or the kubelet write (memory.max, cpu.max,
// cpu.weight, pids.max, memory.oom.group) and the counters the kernel keeps (memory.events, CPU
// usage). Files are rendered from this model when read, both in the v2 layout a container sees
// under /sys/fs/cgroup and in the v1 names (memory.limit_in_bytes) older tutorials show.

/** Linux's cgroup v1 "no limit" for memory: PAGE_COUNTER_MAX pages of 4 KiB, rounded to a page. */
export const V1_UNLIMITED_MEMORY = '9223372036854771712';
/** The CFS period Docker and the kubelet use: 100 ms (k8s-docker-facts §3, `QuotaPeriod`). */
export const CPU_PERIOD_US = 100_000;

export interface CgroupLimits {
  /** memory.max in bytes; undefined is `max`. */
  memoryMax?: number;
  /** cpu.max quota in µs per period; undefined is `max`. */
  cpuQuotaUs?: number;
  /** cpu.weight, 1..10000 (100 by default). */
  cpuWeight: number;
  /** pids.max; undefined is `max`. */
  pidsMax?: number;
  /** memory.oom.group: the OOM killer takes every process of the group at once (the kubelet sets it on cgroup v2). */
  oomGroup: boolean;
}

export interface CgroupState {
  /** Path under /sys/fs/cgroup, e.g. `/docker/<id>`. */
  path: string;
  limits: CgroupLimits;
  /** memory.events counters. */
  events: { max: number; oom: number; oom_kill: number };
  /** Highest memory.current seen (memory.peak). */
  peak: number;
  /** CPU time used up to `cpuSince`, in µs, and the rate (cores) since then. */
  cpuUsageUs: number;
  cpuSince: number;
  cpuRate: number;
  throttledUs: number;
  nrThrottled: number;
  /** Block and network counters for `docker stats`. */
  blockRead: number;
  blockWrite: number;
}

export function newCgroup(path: string, limits: Partial<CgroupLimits> = {}): CgroupState {
  return {
    path,
    limits: { cpuWeight: 100, oomGroup: false, ...limits },
    events: { max: 0, oom: 0, oom_kill: 0 },
    peak: 0,
    cpuUsageUs: 0,
    cpuSince: 0,
    cpuRate: 0,
    throttledUs: 0,
    nrThrottled: 0,
    blockRead: 0,
    blockWrite: 0,
  };
}

/** Cores the group may use: its cpu.max quota, or every core of the host. */
export function cpuLimitCores(cg: CgroupState, hostCpus: number): number {
  return cg.limits.cpuQuotaUs === undefined ? hostCpus : Math.min(hostCpus, cg.limits.cpuQuotaUs / CPU_PERIOD_US);
}

/** CPU µs used up to `now`. */
export function cpuUsageAt(cg: CgroupState, now: number): number {
  return cg.cpuUsageUs + Math.round(cg.cpuRate * (now - cg.cpuSince) * 1000);
}

/** What the processes now demand, in cores, becomes the group's rate, capped by cpu.max and the host. */
export function setCpuDemand(cg: CgroupState, demand: number, now: number, hostCpus: number): void {
  const elapsed = now - cg.cpuSince;
  const limit = cpuLimitCores(cg, hostCpus);
  if (elapsed > 0 && cg.cpuRate >= limit && limit < hostCpus) {
    cg.nrThrottled += Math.floor(elapsed / (CPU_PERIOD_US / 1000));
    cg.throttledUs += Math.round(elapsed * 1000 * 0.1);
  }
  cg.cpuUsageUs = cpuUsageAt(cg, now);
  cg.cpuSince = now;
  cg.cpuRate = Math.min(demand, limit);
}

export interface CgroupUsage {
  memory: number;
  pids: number;
  now: number;
  hostCpus: number;
}

/** The v2 interface files of a container's cgroup, as `cat` prints them. */
export function cgroupV2Files(cg: CgroupState, usage: CgroupUsage): Record<string, string> {
  const { limits } = cg;
  const usec = cpuUsageAt(cg, usage.now);
  return {
    'cgroup.controllers': 'cpuset cpu io memory hugetlb pids rdma misc\n',
    'cgroup.procs': '',
    'cgroup.type': 'domain\n',
    'cpu.max': `${limits.cpuQuotaUs ?? 'max'} ${CPU_PERIOD_US}\n`,
    'cpu.weight': `${limits.cpuWeight}\n`,
    'cpu.stat':
      `usage_usec ${usec}\nuser_usec ${Math.round(usec * 0.8)}\nsystem_usec ${usec - Math.round(usec * 0.8)}\n` +
      `nr_periods ${Math.floor((usage.now * 1000) / CPU_PERIOD_US)}\nnr_throttled ${cg.nrThrottled}\nthrottled_usec ${cg.throttledUs}\n`,
    'memory.current': `${usage.memory}\n`,
    'memory.max': `${limits.memoryMax ?? 'max'}\n`,
    'memory.peak': `${Math.max(cg.peak, usage.memory)}\n`,
    'memory.events': `low 0\nhigh 0\nmax ${cg.events.max}\noom ${cg.events.oom}\noom_kill ${cg.events.oom_kill}\noom_group_kill ${limits.oomGroup ? cg.events.oom : 0}\n`,
    'memory.oom.group': `${limits.oomGroup ? 1 : 0}\n`,
    'memory.swap.max': `${limits.memoryMax === undefined ? 'max' : 0}\n`,
    'pids.current': `${usage.pids}\n`,
    'pids.max': `${limits.pidsMax ?? 'max'}\n`,
  };
}

/** The v1 controllers and their files, for the paths tutorials print (`memory/docker/<id>/memory.limit_in_bytes`). */
export function cgroupV1Files(cg: CgroupState, usage: CgroupUsage): Record<string, Record<string, string>> {
  const { limits } = cg;
  return {
    memory: {
      'memory.limit_in_bytes': `${limits.memoryMax ?? V1_UNLIMITED_MEMORY}\n`,
      'memory.usage_in_bytes': `${usage.memory}\n`,
      'memory.max_usage_in_bytes': `${Math.max(cg.peak, usage.memory)}\n`,
      'memory.failcnt': `${cg.events.max}\n`,
      'memory.oom_control': `oom_kill_disable 0\nunder_oom 0\noom_kill ${cg.events.oom_kill}\n`,
    },
    cpu: {
      'cpu.cfs_period_us': `${CPU_PERIOD_US}\n`,
      'cpu.cfs_quota_us': `${limits.cpuQuotaUs ?? -1}\n`,
      // cgroup v1 shares from a v2 weight: the inverse of runc's old conversion (k8s-docker-facts §3).
      'cpu.shares': `${Math.round(((limits.cpuWeight - 1) * 262142) / 9999 + 2)}\n`,
    },
    cpuacct: { 'cpuacct.usage': `${cpuUsageAt(cg, usage.now) * 1000}\n` },
    pids: { 'pids.max': `${limits.pidsMax ?? 'max'}\n`, 'pids.current': `${usage.pids}\n` },
  };
}
