// The kernel of one host: its process table and what happens to processes over virtual time.
// It starts programs in a sandbox (a container's namespaces and cgroup), delivers signals with
// Linux's rules (PID 1 of a namespace ignores signals it has no handler for; SIGKILL always
// kills), runs program timers as engine tasks, accounts memory and CPU per cgroup and lets the
// OOM killer act when memory.current would pass memory.max. Everything is plain JSON.

import type { FileSystem } from '../fs/file-system.ts';
import type { Fabric } from '../network/fabric.ts';
import type { HttpRequest, HttpResponse } from '../network/http.ts';
import { type NetNamespace, socketKey } from '../network/net-namespace.ts';
import type { Proc, ProcessInfo, ProcessProgram, Program, Signal, SpawnOptions, SpawnResult, UserIdentity } from '../programs/program.ts';
import { SIGNALS } from '../programs/program.ts';
import { describeExecFailure, execFailureStatus, type ProgramRegistry } from '../programs/registry.ts';
import { cloneJson } from '../sim/clone.ts';
import type { Engine, TaskKind } from '../sim/engine.ts';
import type { TaskId } from '../sim/task-queue.ts';
import { type CgroupState, cpuLimitCores, setCpuDemand } from './cgroup.ts';
import { SystemView } from './system-view.ts';

export type Stream = 'stdout' | 'stderr';
/** Where a process's output goes: the container's log, an exec session, or nowhere. */
export type Sink = { kind: 'log' } | { kind: 'exec'; exec: string } | { kind: 'null' };

export interface ProcessRecord {
  pid: number;
  nsPid: number;
  /** Host pid of the parent; 0 for a container's first process (its parent is the runtime's shim). */
  ppid: number;
  sandbox: string;
  program: string;
  argv: string[];
  title?: string;
  env: string[];
  cwd: string;
  uid: number;
  gid: number;
  started: number;
  state: unknown;
  stdout: Sink;
  stderr: Sink;
  stdin: string;
  timers: Record<string, TaskId>;
  mem: { base: number; growth: number; since: number };
  cpu: number;
  /** CPU (cores) that work sent to the process costs on top of its own (the load fault). */
  load?: number;
  interactive?: boolean;
  /** The prompt shown while the process waits for a typed line. */
  prompt?: string;
  /** Set while `spawn` runs, so an instant exit is returned rather than reported to the parent. */
  spawning?: boolean;
  exitStatus?: number;
}

/** A container's namespaces and cgroup as the kernel needs them; the runtime provides these. */
export interface Sandbox {
  readonly id: string;
  readonly fs: FileSystem;
  readonly hostname: string;
  readonly netns: NetNamespace;
  readonly cgroup: CgroupState;
  readonly labels: Readonly<Record<string, string>>;
  user(uid: number, gid: number): UserIdentity;
}

/** What the kernel reports to the container runtime above it. */
export interface KernelClient {
  sandbox(id: string): Sandbox | undefined;
  write(sandboxId: string, sink: Sink, stream: Stream, text: string): void;
  /** After the kernel's own bookkeeping: a container's PID 1 or an exec's process ended. */
  processExited(record: ProcessRecord, status: number): void;
  /** The OOM killer ran in a sandbox's cgroup. */
  oomKilled(sandboxId: string, victims: ProcessRecord[]): void;
}

export interface StartOptions {
  argv: readonly string[];
  env: string[];
  cwd: string;
  uid: number;
  gid: number;
  stdout: Sink;
  stderr: Sink;
  stdin?: string;
  parent?: number;
  interactive?: boolean;
  /** Runs this program instead of resolving argv[0] (fork without exec). */
  program?: string;
}

export interface KernelState {
  nextPid: number;
  processes: ProcessRecord[];
  nsNext: Record<string, number>;
  oomTasks: Record<string, TaskId>;
}

const HOST_PID_START = 1000;

export class Kernel {
  client!: KernelClient;
  #nextPid = HOST_PID_START;
  readonly #procs = new Map<number, ProcessRecord>();
  readonly #bySandbox = new Map<string, Set<number>>();
  #nsNext = new Map<string, number>();
  #oomTasks = new Map<string, TaskId>();
  /** One context per process, made on first use: programs are called back often. */
  #contexts = new WeakMap<ProcessRecord, Proc>();
  readonly #timer: TaskKind<{ pid: number; name: string }>;
  readonly #oom: TaskKind<{ sandbox: string }>;
  readonly #sigchld: TaskKind<{ parent: number; child: number; status: number }>;

  constructor(
    readonly engine: Engine,
    readonly hostName: string,
    readonly cpus: number,
    readonly memTotal: number,
    readonly programs: ProgramRegistry,
    readonly fabric: Fabric,
  ) {
    this.#timer = engine.defineTask(`kernel.timer@${hostName}`, ({ pid, name }) => this.#fireTimer(pid, name));
    this.#oom = engine.defineTask(`kernel.oom@${hostName}`, ({ sandbox }) => this.#oomCheck(sandbox));
    this.#sigchld = engine.defineTask(`kernel.sigchld@${hostName}`, ({ parent, child, status }) => {
      const rec = this.#procs.get(parent);
      const program = rec && this.#program(rec);
      if (rec && program?.childExited) program.childExited(this.#context(rec), child, status);
    });
  }

  // --- processes -------------------------------------------------------------------------------

  process(pid: number): ProcessRecord | undefined {
    return this.#procs.get(pid);
  }

  /** Host pids of a sandbox's processes, lowest first. */
  pidsIn(sandbox: string): number[] {
    return [...(this.#bySandbox.get(sandbox) ?? [])].sort((a, b) => a - b);
  }

  processesIn(sandbox: string): ProcessInfo[] {
    const now = this.engine.now;
    return this.pidsIn(sandbox).map((pid) => {
      const rec = this.#procs.get(pid)!;
      const parent = this.#procs.get(rec.ppid);
      const box = this.client.sandbox(sandbox);
      return {
        pid: rec.nsPid,
        ppid: parent?.sandbox === sandbox ? parent.nsPid : 0,
        uid: rec.uid,
        user: box?.user(rec.uid, rec.gid).name ?? String(rec.uid),
        command: rec.title ?? rec.argv.join(' '),
        startedAt: rec.started,
        rss: rss(rec, now),
      };
    });
  }

  /** Host-side view for `docker top` and `ps` on the host: host pid and parent. */
  hostProcessesIn(sandbox: string): (ProcessInfo & { hostPid: number; hostPpid: number })[] {
    return this.processesIn(sandbox).map((info, i) => {
      const rec = this.#procs.get(this.pidsIn(sandbox)[i]!)!;
      return { ...info, hostPid: rec.pid, hostPpid: rec.ppid };
    });
  }

  /** Starts a program in a sandbox. A process that ends at once comes back with its status. */
  start(sandboxId: string, options: StartOptions): { pid: number; nsPid: number; status?: number } | { error: string; status: number } {
    const box = this.client.sandbox(sandboxId);
    if (box === undefined) return { error: 'no such sandbox', status: 126 };
    const path = options.env.find((e) => e.startsWith('PATH='))?.slice(5);
    const fallback = Object.keys(box.labels).some((k) => k.startsWith('dockyard.app.')) ? this.programs.get('app') : undefined;
    const forked = options.program === undefined ? undefined : this.programs.get(options.program);
    const found = forked ? { program: forked, argv: [...options.argv] } : this.programs.resolve(box.fs, options.argv, path, options.cwd, fallback);
    if ('kind' in found) return { error: describeExecFailure(found), status: execFailureStatus(found) };
    const cgroup = box.cgroup;
    if (cgroup.limits.pidsMax !== undefined && (this.#bySandbox.get(sandboxId)?.size ?? 0) >= cgroup.limits.pidsMax) {
      return { error: 'fork/exec: resource temporarily unavailable', status: 126 };
    }
    const nsPid = this.#nsNext.get(sandboxId) ?? 1;
    this.#nsNext.set(sandboxId, nsPid + 1);
    const rec: ProcessRecord = {
      pid: this.#nextPid++,
      nsPid,
      ppid: options.parent ?? 0,
      sandbox: sandboxId,
      program: found.program.name,
      argv: found.argv,
      env: options.env,
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      started: this.engine.now,
      state: null,
      stdout: options.stdout,
      stderr: options.stderr,
      stdin: options.stdin ?? '',
      timers: {},
      mem: { base: 0, growth: 0, since: this.engine.now },
      cpu: 0,
      spawning: true,
      ...(options.interactive ? { interactive: true } : {}),
    };
    this.#procs.set(rec.pid, rec);
    let set = this.#bySandbox.get(sandboxId);
    if (set === undefined) this.#bySandbox.set(sandboxId, (set = new Set()));
    set.add(rec.pid);
    this.#run(rec, found.program);
    rec.spawning = false;
    return rec.exitStatus === undefined ? { pid: rec.pid, nsPid } : { pid: rec.pid, nsPid, status: rec.exitStatus };
  }

  #run(rec: ProcessRecord, program: Program): void {
    const proc = this.#context(rec);
    if (program.kind === 'instant') {
      const result = program.run(rec.argv, proc);
      const next = typeof result === 'number' ? undefined : this.programs.get(result.process);
      if (next?.kind === 'process') {
        rec.program = next.name;
        next.start(proc);
      } else this.exit(rec.pid, typeof result === 'number' ? result : 126);
      return;
    }
    program.start(proc);
  }

  /** A process ends with `status` (128+n when killed by signal n). */
  exit(pid: number, status: number): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    for (const task of Object.values(rec.timers)) this.engine.cancel(task);
    this.#procs.delete(pid);
    this.#bySandbox.get(rec.sandbox)?.delete(pid);
    const box = this.client.sandbox(rec.sandbox);
    if (box !== undefined) {
      for (const [key, socket] of Object.entries(box.netns.sockets)) {
        if ('pid' in socket && socket.pid === pid) delete box.netns.sockets[key];
      }
      this.#accountMemory(rec.sandbox);
      this.#accountCpu(rec.sandbox);
    }
    rec.exitStatus = status;
    if (rec.nsPid === 1) {
      // The namespace's init is gone: the kernel kills everything else in it.
      for (const other of this.pidsIn(rec.sandbox)) this.#reap(other);
      this.#nsNext.delete(rec.sandbox);
    } else if (!rec.spawning && this.#procs.has(rec.ppid)) {
      // The parent hears of it through SIGCHLD, after what is running now has finished.
      this.engine.schedule(this.#sigchld, 0, { parent: rec.ppid, child: rec.nsPid, status });
    }
    if (!rec.spawning || rec.nsPid === 1) this.client.processExited(rec, status);
  }

  /** Removes a process without running anything of it (its namespace is going away). */
  #reap(pid: number): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    rec.exitStatus = 128 + SIGNALS.SIGKILL;
    for (const task of Object.values(rec.timers)) this.engine.cancel(task);
    this.#procs.delete(pid);
    this.#bySandbox.get(rec.sandbox)?.delete(pid);
    const box = this.client.sandbox(rec.sandbox);
    if (box) {
      for (const [key, socket] of Object.entries(box.netns.sockets)) if ('pid' in socket && socket.pid === pid) delete box.netns.sockets[key];
    }
    this.client.processExited(rec, 128 + SIGNALS.SIGKILL);
  }

  /**
   * Delivers a signal. `fromOutside` is true for signals from the host (docker kill/stop): the
   * namespace's PID 1 still ignores those it does not handle, except SIGKILL.
   */
  signal(pid: number, signal: Signal): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    if (signal === 'SIGKILL') {
      this.exit(pid, 128 + SIGNALS.SIGKILL);
      return;
    }
    const program = this.#program(rec);
    if (program?.signal?.(this.#context(rec), signal)) return;
    if (rec.nsPid === 1 || signal === 'SIGCHLD' || signal === 'SIGWINCH' || signal === 'SIGCONT') return;
    this.exit(pid, 128 + SIGNALS[signal]);
  }

  /** A line typed on the process's terminal (interactive `docker exec -it` and `docker run -it`). */
  input(pid: number, line: string | null): void {
    const rec = this.#procs.get(pid);
    const program = rec && this.#program(rec);
    if (rec) delete rec.prompt;
    if (rec && program?.input) program.input(this.#context(rec), line);
    else if (rec && line === null) this.signal(pid, 'SIGHUP');
  }

  deliver(pid: number, port: number, request: HttpRequest): HttpResponse | undefined {
    const rec = this.#procs.get(pid);
    const program = rec && this.#program(rec);
    return rec && program?.request ? program.request(this.#context(rec), port, request) : undefined;
  }

  /** The prompt of a process waiting for a typed line (an interactive shell), or undefined. */
  prompt(pid: number): string | undefined {
    return this.#procs.get(pid)?.prompt;
  }

  #program(rec: ProcessRecord): ProcessProgram | undefined {
    const program = this.programs.get(rec.program);
    return program?.kind === 'process' ? program : undefined;
  }

  #fireTimer(pid: number, name: string): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    delete rec.timers[name];
    this.#program(rec)?.timer?.(this.#context(rec), name);
  }

  // --- resources -------------------------------------------------------------------------------

  /** memory.current of a sandbox's cgroup now: the resident memory of its processes. */
  memoryOf(sandbox: string): number {
    const now = this.engine.now;
    let total = 0;
    for (const pid of this.#bySandbox.get(sandbox) ?? []) total += rss(this.#procs.get(pid)!, now);
    return total;
  }

  pidCount(sandbox: string): number {
    return this.#bySandbox.get(sandbox)?.size ?? 0;
  }

  /** Re-plans the OOM check of a sandbox after its memory use or limit changed. */
  #accountMemory(sandbox: string): void {
    const box = this.client.sandbox(sandbox);
    if (box === undefined) return;
    const previous = this.#oomTasks.get(sandbox);
    if (previous !== undefined) this.engine.cancel(previous);
    this.#oomTasks.delete(sandbox);
    const now = this.engine.now;
    let used = 0;
    let growth = 0;
    for (const pid of this.#bySandbox.get(sandbox) ?? []) {
      const rec = this.#procs.get(pid)!;
      used += rss(rec, now);
      growth += rec.mem.growth;
    }
    box.cgroup.peak = Math.max(box.cgroup.peak, used);
    const limit = Math.min(box.cgroup.limits.memoryMax ?? Infinity, this.memTotal);
    if (used > limit) {
      this.#oomTasks.set(sandbox, this.engine.schedule(this.#oom, 0, { sandbox }));
    } else if (growth > 0) {
      const ms = Math.floor(((limit - used) / growth) * 1000) + 1;
      this.#oomTasks.set(sandbox, this.engine.schedule(this.#oom, ms, { sandbox }));
    }
  }

  /**
   * Makes a process's resident memory grow by `bytesPerSecond` from now on, on top of what it
   * already grows by (the memory-leak fault: a bug in the program, not something it asked for).
   */
  leak(pid: number, bytesPerSecond: number): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    const now = this.engine.now;
    rec.mem = { base: rss(rec, now), growth: rec.mem.growth + bytesPerSecond, since: now };
    this.#accountMemory(rec.sandbox);
  }

  /**
   * Makes a process busy with `cores` of CPU on top of what it uses by itself (the load fault:
   * requests arriving from outside cost CPU); 0 ends it.
   */
  addLoad(pid: number, cores: number): void {
    const rec = this.#procs.get(pid);
    if (rec === undefined) return;
    rec.load = cores;
    this.#accountCpu(rec.sandbox);
  }

  /** Call when a sandbox's cgroup limits changed (docker update). */
  limitsChanged(sandbox: string): void {
    this.#accountMemory(sandbox);
    this.#accountCpu(sandbox);
  }

  #oomCheck(sandbox: string): void {
    this.#oomTasks.delete(sandbox);
    const box = this.client.sandbox(sandbox);
    if (box === undefined) return;
    const now = this.engine.now;
    const limit = Math.min(box.cgroup.limits.memoryMax ?? Infinity, this.memTotal);
    const recs = this.pidsIn(sandbox).map((pid) => this.#procs.get(pid)!);
    const used = recs.reduce((sum, rec) => sum + rss(rec, now), 0);
    box.cgroup.peak = Math.max(box.cgroup.peak, Math.min(used, limit));
    if (used <= limit) {
      this.#accountMemory(sandbox);
      return;
    }
    // The OOM killer takes the process with the most memory (oom_badness is mostly RSS), or the
    // whole group when memory.oom.group is set.
    const victims = box.cgroup.limits.oomGroup ? recs : [recs.reduce((a, b) => (rss(b, now) > rss(a, now) ? b : a))];
    box.cgroup.events.max++;
    box.cgroup.events.oom++;
    box.cgroup.events.oom_kill += victims.length;
    this.client.oomKilled(sandbox, victims);
    // Children before their parents, so a parent that reaps them still runs to notice.
    for (const victim of [...victims].reverse()) this.exit(victim.pid, 128 + SIGNALS.SIGKILL);
    if (this.#bySandbox.get(sandbox)?.size) this.#accountMemory(sandbox);
  }

  #accountCpu(sandbox: string): void {
    const box = this.client.sandbox(sandbox);
    if (box === undefined) return;
    let demand = 0;
    for (const pid of this.#bySandbox.get(sandbox) ?? []) {
      const rec = this.#procs.get(pid)!;
      demand += rec.cpu + (rec.load ?? 0);
    }
    setCpuDemand(box.cgroup, demand, this.engine.now, this.cpus);
  }

  // --- the context a program runs with ---------------------------------------------------------

  #context(rec: ProcessRecord): Proc {
    let context = this.#contexts.get(rec);
    if (context === undefined) this.#contexts.set(rec, (context = this.#newContext(rec)));
    return context;
  }

  #newContext(rec: ProcessRecord): Proc {
    const kernel = this;
    const box = this.client.sandbox(rec.sandbox)!;
    const sys = new SystemView(this, box, rec);
    return {
      get pid() {
        return rec.nsPid;
      },
      get argv() {
        return rec.argv;
      },
      get stdin() {
        return rec.stdin;
      },
      sys,
      labels: box.labels,
      interactive: rec.interactive === true,
      awaitInput: (prompt) => void (rec.prompt = prompt),
      get cwd() {
        return rec.cwd;
      },
      set cwd(value: string) {
        rec.cwd = value;
      },
      out: (text) => kernel.client.write(rec.sandbox, rec.stdout, 'stdout', text),
      err: (text) => kernel.client.write(rec.sandbox, rec.stderr, 'stderr', text),
      getenv: (name) => envValue(rec.env, name),
      environ: () => [...rec.env],
      state: <T>() => rec.state as T,
      setState: (state) => void (rec.state = state),
      setTitle: (title) => void (rec.title = title),
      exit: (code) => kernel.exit(rec.pid, code),
      timer: (name, ms) => {
        if (rec.timers[name] !== undefined) kernel.engine.cancel(rec.timers[name]);
        rec.timers[name] = kernel.engine.schedule(kernel.#timer, Math.max(0, Math.round(ms)), { pid: rec.pid, name });
      },
      cancelTimer: (name) => {
        if (rec.timers[name] !== undefined) kernel.engine.cancel(rec.timers[name]);
        delete rec.timers[name];
      },
      work(name, cpuMs) {
        // Single-threaded work gets at most one core, and no more than cpu.max allows.
        const cores = Math.min(1, cpuLimitCores(box.cgroup, kernel.cpus));
        this.timer(name, Math.ceil(cpuMs / cores));
      },
      listen: (port) => void (box.netns.sockets[socketKey(port)] = { pid: rec.pid }),
      unlisten: (port) => void delete box.netns.sockets[socketKey(port)],
      spawn: (argv, options) => kernel.#spawnChild(rec, argv, options ?? {}),
      fork: (program, argv) => {
        const child = kernel.start(rec.sandbox, { argv, env: rec.env, cwd: rec.cwd, uid: rec.uid, gid: rec.gid, stdout: rec.stdout, stderr: rec.stderr, parent: rec.pid, program });
        return 'nsPid' in child ? child.nsPid : -1;
      },
      exec: (argv, env) => kernel.#exec(rec, argv, env),
      memory: (bytes, growth = 0) => {
        rec.mem = { base: Math.max(0, Math.round(bytes)), growth, since: kernel.engine.now };
        kernel.#accountMemory(rec.sandbox);
      },
      cpu: (cores) => {
        rec.cpu = cores;
        kernel.#accountCpu(rec.sandbox);
      },
      skipPids: (count) => {
        const first = kernel.#nsNext.get(rec.sandbox) ?? 1;
        kernel.#nsNext.set(rec.sandbox, first + count);
        return first;
      },
    };
  }

  #spawnChild(parent: ProcessRecord, argv: readonly string[], options: SpawnOptions): SpawnResult {
    const nul: Sink = { kind: 'null' };
    const started = this.start(parent.sandbox, {
      argv,
      env: options.env ?? parent.env,
      cwd: options.cwd ?? parent.cwd,
      uid: parent.uid,
      gid: parent.gid,
      stdout: options.output === 'null' ? nul : parent.stdout,
      stderr: options.output === 'null' ? nul : parent.stderr,
      stdin: options.stdin,
      parent: parent.pid,
    });
    if ('error' in started) return started;
    return started.status === undefined ? { pid: started.nsPid } : { pid: started.nsPid, status: started.status };
  }

  #exec(rec: ProcessRecord, argv: readonly string[], env?: string[]): { error: string; status: number } | undefined {
    const box = this.client.sandbox(rec.sandbox)!;
    const nextEnv = env ?? rec.env;
    const path = nextEnv.find((e) => e.startsWith('PATH='))?.slice(5);
    const fallback = Object.keys(box.labels).some((k) => k.startsWith('dockyard.app.')) ? this.programs.get('app') : undefined;
    const found = this.programs.resolve(box.fs, argv, path, rec.cwd, fallback);
    if ('kind' in found) return { error: describeExecFailure(found), status: execFailureStatus(found) };
    for (const task of Object.values(rec.timers)) this.engine.cancel(task);
    rec.timers = {};
    rec.program = found.program.name;
    rec.argv = found.argv;
    rec.env = nextEnv;
    rec.state = null;
    delete rec.title;
    this.#run(rec, found.program);
    return undefined;
  }

  // --- snapshots -------------------------------------------------------------------------------

  save(): KernelState {
    return {
      nextPid: this.#nextPid,
      processes: cloneJson([...this.#procs.values()]),
      nsNext: Object.fromEntries(this.#nsNext),
      oomTasks: Object.fromEntries(this.#oomTasks),
    };
  }

  load(state: KernelState): void {
    this.#nextPid = state.nextPid;
    this.#procs.clear();
    this.#bySandbox.clear();
    for (const rec of state.processes) {
      const copy = cloneJson(rec);
      this.#procs.set(copy.pid, copy);
      let set = this.#bySandbox.get(copy.sandbox);
      if (set === undefined) this.#bySandbox.set(copy.sandbox, (set = new Set()));
      set.add(copy.pid);
    }
    this.#nsNext = new Map(Object.entries(state.nsNext));
    this.#oomTasks = new Map(Object.entries(state.oomTasks));
    this.#contexts = new WeakMap();
  }
}

export function rss(rec: ProcessRecord, now: number): number {
  return rec.mem.base + Math.floor((rec.mem.growth * (now - rec.mem.since)) / 1000);
}

/** `NAME=value` entries of `overrides` replace those of `base` in place, new ones go at the end (Docker's ReplaceOrAppendEnvValues). */
export function mergeEnv(base: readonly string[], overrides: readonly string[]): string[] {
  const env = [...base];
  for (const entry of overrides) {
    const key = entry.split('=')[0]!;
    const index = env.findIndex((e) => e.split('=')[0] === key);
    if (index >= 0) env[index] = entry;
    else env.push(entry);
  }
  return env;
}

export function envValue(env: readonly string[], name: string): string | undefined {
  const prefix = `${name}=`;
  for (let i = env.length - 1; i >= 0; i--) if (env[i]!.startsWith(prefix)) return env[i]!.slice(prefix.length);
  return undefined;
}
