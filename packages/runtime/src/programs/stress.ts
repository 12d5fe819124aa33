// The load generators of Kubernetes' resource-management pages. polinux/stress runs `stress`
// (`--vm 1 --vm-bytes 150M --vm-hang 1`, `--cpu 2`, `--timeout 10s`): workers are children, so an
// OOM kill takes a worker and stress reports it and exits 1, unless the cgroup kills as a group.
// vish/stress (`-mem-total 150Mi -mem-alloc-size 10Mi -mem-alloc-sleep 1s`, `-cpus 2`) allocates
// in steps from its one process and logs like glog.

import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import { parseDuration } from '../sim/duration.ts';
import { parseBytes } from './sizes.ts';
import type { Proc, ProcessProgram } from './program.ts';
import { parseSleep } from './sleep.ts';

interface StressState {
  workers: number[];
  started: number;
  failed: boolean;
}

function option(args: readonly string[], ...names: string[]): string | undefined {
  for (const name of names) {
    const i = args.indexOf(name);
    if (i >= 0) return args[i + 1];
  }
  return undefined;
}

export const stress: ProcessProgram = {
  kind: 'process',
  name: 'stress',
  start(p) {
    const args = p.argv.slice(1);
    const cpu = Number(option(args, '--cpu', '-c') ?? 0);
    const io = Number(option(args, '--io', '-i') ?? 0);
    const vm = Number(option(args, '--vm', '-m') ?? 0);
    const hdd = Number(option(args, '--hdd', '-d') ?? 0);
    const vmBytes = parseBytes(option(args, '--vm-bytes') ?? '256M') ?? 256 * 1024 * 1024;
    const timeout = option(args, '--timeout', '-t');
    if (cpu + io + vm + hdd === 0) {
      p.out('`stress\' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n');
      p.exit(1);
      return;
    }
    p.out(`stress: info: [${p.pid}] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
    p.memory(700 * 1024);
    const workers: number[] = [];
    for (let i = 0; i < cpu; i++) workers.push(p.fork('stress-worker', ['stress', 'cpu', '0']));
    for (let i = 0; i < vm; i++) workers.push(p.fork('stress-worker', ['stress', 'vm', String(vmBytes)]));
    for (let i = 0; i < io + hdd; i++) workers.push(p.fork('stress-worker', ['stress', 'io', '0']));
    p.setState({ workers, started: p.sys.now, failed: false } satisfies StressState);
    if (timeout !== undefined) {
      const ms = parseSleep(timeout);
      if (ms !== undefined && Number.isFinite(ms)) p.timer('timeout', ms);
    }
  },
  childExited(p, pid, status) {
    const st = p.state<StressState>();
    if (!st.workers.includes(pid) || st.failed) return;
    st.failed = true;
    const seconds = Math.round((p.sys.now - st.started) / 1000);
    const signal = status > 128 ? status - 128 : 0;
    p.out(`stress: FAIL: [${p.pid}] (415) <-- worker ${pid} got signal ${signal}\n`);
    p.out(`stress: WARN: [${p.pid}] (417) now reaping child worker processes\n`);
    p.out(`stress: FAIL: [${p.pid}] (451) failed run completed in ${seconds}s\n`);
    p.exit(1);
  },
  timer(p) {
    const st = p.state<StressState>();
    p.out(`stress: info: [${p.pid}] successful run completed in ${Math.round((p.sys.now - st.started) / 1000)}s\n`);
    p.exit(0);
  },
};

export const stressWorker: ProcessProgram = {
  kind: 'process',
  name: 'stress-worker',
  start(p) {
    const [, kind, bytes] = p.argv;
    p.setTitle('stress');
    if (kind === 'cpu') {
      p.memory(200 * 1024);
      p.cpu(1);
    } else if (kind === 'vm') {
      // The worker touches its whole allocation at once, then holds it (with --vm-hang) or
      // frees and touches it again: either way about vm-bytes stay resident.
      p.memory(Number(bytes));
      p.cpu(1);
    } else {
      p.memory(300 * 1024);
      p.cpu(0.3);
    }
  },
};

function glog(p: Proc, file: string, text: string): void {
  const d = new Date(VIRTUAL_EPOCH_MS + p.sys.now).toISOString();
  p.err(`I${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 23)}000       ${p.pid} ${file}] ${text}\n`);
}

interface VishState {
  total: number;
  step: number;
  sleepMs: number;
  allocated: number;
}

export const vishStress: ProcessProgram = {
  kind: 'process',
  name: 'vish-stress',
  start(p) {
    const args = p.argv.slice(1).map((a) => a.replace(/^--/, '-'));
    const value = (name: string) => {
      const inline = args.find((a) => a.startsWith(`${name}=`));
      return inline ? inline.slice(name.length + 1) : option(args, name);
    };
    const cpus = Number(value('-cpus') ?? 0);
    const totalText = value('-mem-total') ?? '0';
    const stepText = value('-mem-alloc-size') ?? '4Ki';
    const sleepText = value('-mem-alloc-sleep') ?? '1ms';
    const total = parseBytes(totalText) ?? 0;
    const step = parseBytes(stepText) ?? 4096;
    const sleepMs = parseDuration(sleepText);
    p.memory(2 * 1024 * 1024);
    p.setState({ total, step, sleepMs, allocated: 0 } satisfies VishState);
    if (total > 0) {
      glog(p, 'main.go:26', `Allocating "${totalText}" memory, in "${stepText}" chunks, with a ${sleepText} sleep between allocations`);
      p.timer('alloc', sleepMs);
    }
    if (cpus > 0) {
      glog(p, 'main.go:39', `Spawning a thread to consume CPU`);
      p.cpu(cpus);
    }
  },
  timer(p) {
    const st = p.state<VishState>();
    st.allocated = Math.min(st.total, st.allocated + st.step);
    p.memory(2 * 1024 * 1024 + st.allocated);
    if (st.allocated < st.total) p.timer('alloc', st.sleepMs);
    else glog(p, 'main.go:29', `Allocated "${st.total}" memory`);
  },
};
