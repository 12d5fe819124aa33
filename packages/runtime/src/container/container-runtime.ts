// The container runtime of one host (what containerd and runc are to Docker and to a kubelet):
// it creates containers from an image and a spec, starts them in their namespaces and cgroup,
// signals and stops them (the stop signal, then SIGKILL after the grace period), runs commands
// in them (exec), keeps their logs, and reports every change on its event emitter and in the
// engine's log. It knows nothing of container names, restart policies or published ports: the
// Docker daemon and the kubelet above it decide those.

import EventEmitter from 'eventemitter3';
import { FsError } from '../fs/file-system.ts';
import { FileTree } from '../fs/file-tree.ts';
import { type Mount, MountTable } from '../fs/mount-table.ts';
import { OverlayFs } from '../fs/overlay-fs.ts';
import { type CgroupState, CPU_PERIOD_US, newCgroup } from '../host/cgroup.ts';
import type { Host } from '../host/host.ts';
import { type KernelClient, mergeEnv, type ProcessRecord, type Sandbox, type Sink, type Stream } from '../host/kernel.ts';
import { type CgroupSource, containerCgroupFs, containerProcFs, hostCgroupFs } from '../host/proc-fs.ts';
import type { Image, ImageResolver } from '../image/image.ts';
import { type NetNamespace, newNetNamespace } from '../network/net-namespace.ts';
import type { HttpResponse } from '../network/http.ts';
import type { ConnectFailure } from '../network/fabric.ts';
import type { Signal, UserIdentity } from '../programs/program.ts';
import { cloneJson } from '../sim/clone.ts';
import type { Engine, EngineComponent, TaskKind } from '../sim/engine.ts';
import type { VolumeStore } from '../volume/volume-store.ts';
import type { Container, ContainerSpec, Exec, FailingEndpoint, ResourceSpec, SavedContainer } from './container.ts';
import { appendLog, type LogQuery, type LogStream, newLogBuffer, readLog } from './logs.ts';

export interface RuntimeEvents {
  start: (container: Container) => void;
  /** The container's first process ended; `state` already says how. */
  exit: (container: Container) => void;
  oom: (container: Container) => void;
  'exec-exit': (exec: Exec) => void;
}

export type StartResult = { ok: true } | { ok: false; error: string; exitCode: number };

export interface ExecOptions {
  env?: string[];
  user?: string;
  workingDir?: string;
  interactive?: boolean;
  /** Output is dropped (`docker exec -d`). */
  detached?: boolean;
  /** What the command reads from its standard input (`docker exec -i` with a pipe). */
  stdin?: string;
}

export interface ContainerStats {
  /** Percent of one CPU, as `docker stats` shows it. */
  cpuPercent: number;
  memory: number;
  memoryLimit: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** The inode numbers `/proc/<pid>/ns/*` show start here on Linux. */
const FIRST_NS_INODE = 4026532000;

interface SavedRuntime {
  containers: SavedContainer[];
  execs: Exec[];
  netns: NetNamespace[];
  kernel: ReturnType<Host['kernel']['save']>;
  hostFiles: ReturnType<FileTree['save']>;
  volumes: ReturnType<VolumeStore['save']>;
  /** The host's own namespace: its sockets hold the published ports. */
  hostNetns: NetNamespace;
  nextInode: number;
}

export class ContainerRuntime implements EngineComponent, KernelClient {
  readonly name: string;
  readonly events = new EventEmitter<RuntimeEvents>();
  readonly #containers = new Map<string, Container>();
  readonly #execs = new Map<string, Exec>();
  readonly #netns = new Map<string, NetNamespace>();
  readonly #sandboxes = new Map<string, Sandbox>();
  readonly #stopTimeout: TaskKind<{ id: string; generation: number }>;
  readonly #hex: () => string;
  #nextInode = FIRST_NS_INODE;

  constructor(
    readonly engine: Engine,
    readonly host: Host,
    readonly images: ImageResolver,
    readonly volumes: VolumeStore,
  ) {
    this.name = `runtime@${host.name}`;
    this.#hex = engine.random.strings('0123456789abcdef', 64);
    host.kernel.client = this;
    this.#stopTimeout = engine.defineTask(`runtime.stop-timeout@${host.name}`, ({ id, generation }) => {
      const c = this.#containers.get(id);
      if (c?.state.status === 'running' && c.state.generation === generation) this.#signal(c, 'SIGKILL');
    });
    host.fabric.attachHost(host.name, {
      deliver: (pid, port, request) => this.#failing(pid, port, request.path) ?? host.kernel.deliver(pid, port, request),
      accepts: (pid, port) => this.#failingOn(pid)?.some((e) => e.port === port && e.path === undefined) !== true,
    });
    engine.register(this);
    this.#mountHostSys();
  }

  /** A fresh 64-hex id from the engine's random (container and exec ids). */
  newId(): string {
    return this.#hex();
  }

  // --- queries ---------------------------------------------------------------------------------

  get(id: string): Container | undefined {
    return this.#containers.get(id);
  }

  /** Every container, oldest first. */
  list(): Container[] {
    return [...this.#containers.values()].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  }

  exec(id: string): Exec | undefined {
    return this.#execs.get(id);
  }

  /** The container's files as its processes see them (root, volumes, binds, /proc). */
  fs(id: string): MountTable | undefined {
    return this.sandbox(id)?.fs as MountTable | undefined;
  }

  netns(id: string): NetNamespace | undefined {
    const c = this.#containers.get(id);
    return c?.netns === undefined ? undefined : this.#netns.get(c.netns);
  }

  logs(id: string, query: LogQuery = {}, from = 0): [LogStream, string][] {
    const c = this.#containers.get(id);
    return c ? readLog(c.logs, query, from) : [];
  }

  /** Number of log lines so far (for following with `logs(id, query, from)`). */
  logSize(id: string): number {
    return this.#containers.get(id)?.logs.entries.length ?? 0;
  }

  stats(id: string): ContainerStats | undefined {
    const c = this.#containers.get(id);
    if (c === undefined) return undefined;
    const kernel = this.host.kernel;
    const ns = this.netns(id);
    const running = c.state.status === 'running';
    return {
      cpuPercent: running ? c.cgroup.cpuRate * 100 : 0,
      memory: running ? kernel.memoryOf(id) : 0,
      memoryLimit: Math.min(c.cgroup.limits.memoryMax ?? Infinity, this.host.memoryBytes),
      netRx: ns?.rxBytes ?? 0,
      netTx: ns?.txBytes ?? 0,
      blockRead: c.cgroup.blockRead,
      blockWrite: c.cgroup.blockWrite,
      pids: running ? kernel.pidCount(id) : 0,
    };
  }

  // --- lifecycle -------------------------------------------------------------------------------

  create(spec: ContainerSpec, image: Image, id = this.newId()): Container {
    const now = this.engine.now;
    const container: Container = {
      id,
      spec: cloneJson(spec),
      imageId: image.id,
      created: now,
      state: { status: 'created', pid: 0, exitCode: 0, oomKilled: false, error: '', generation: 0 },
      upper: new FileTree(),
      etc: new FileTree(),
      tmpfs: {},
      cgroup: newCgroup(`${spec.cgroupParent}/${id}`, cgroupLimits(spec.resources)),
      logs: newLogBuffer(),
    };
    this.#containers.set(id, container);
    this.engine.log.append('container.create', { host: this.host.name, id, name: spec.name, image: spec.image });
    return container;
  }

  /**
   * Starts the container's command. `setupNetwork` runs once its network namespace exists and
   * before its first process, so the process already has its addresses and DNS.
   */
  start(id: string, setupNetwork?: (ns: NetNamespace) => void): StartResult {
    const c = this.#containers.get(id);
    if (c === undefined) return { ok: false, error: `No such container: ${id}`, exitCode: 1 };
    if (c.state.status === 'running') return { ok: true };
    const image = this.images.resolve(c.imageId);
    if (image === undefined) return this.#startFailed(c, `unable to find image ${c.imageId}`, 125);
    this.#sandboxes.delete(id);
    for (const [target] of Object.entries(c.tmpfs)) c.tmpfs[target] = new FileTree();
    for (const mount of c.spec.mounts.filter((m) => m.type === 'tmpfs')) c.tmpfs[mount.target] = new FileTree();
    let ns: NetNamespace;
    if (c.spec.network.mode === 'container') {
      const other = this.netns(c.spec.network.id);
      if (other === undefined) return this.#startFailed(c, `cannot join network of a non running container: ${c.spec.network.id}`, 125);
      ns = other;
    } else {
      ns = newNetNamespace(`netns:${id}`, this.#nextInode++, this.host.name, 'container');
      this.#netns.set(ns.id, ns);
      this.host.fabric.register(ns);
    }
    c.netns = ns.id;
    c.state = { ...c.state, status: 'running', oomKilled: false, error: '', startedAt: this.engine.now, generation: c.state.generation + 1 };
    delete c.state.finishedAt;
    delete c.state.killedBy;
    if (setupNetwork && c.spec.network.mode === 'own') setupNetwork(ns);
    this.host.fabric.changed(ns);
    this.#writeEtc(c, ns);
    const box = this.sandbox(id)!;
    const identity = resolveUser(box.fs, c.spec.user);
    if (typeof identity === 'string') return this.#abortStart(c, `unable to find user ${c.spec.user}: ${identity}`, 126);
    const env = this.#environment(c, identity.uid, c.spec.env);
    const started = this.host.kernel.start(id, {
      argv: c.spec.init ? ['/sbin/docker-init', '--', ...c.spec.argv] : c.spec.argv,
      ...(c.spec.init ? { program: 'docker-init' } : {}),
      env,
      cwd: c.spec.workingDir || '/',
      uid: identity.uid,
      gid: identity.gid,
      stdout: { kind: 'log' },
      stderr: { kind: 'log' },
      interactive: c.spec.interactive && c.spec.tty,
    });
    if ('error' in started) return this.#abortStart(c, started.error, started.status);
    // A first process that ended during start already went through processExited.
    if (started.status === undefined) c.state.pid = started.pid;
    this.engine.log.append('container.start', { host: this.host.name, id, name: c.spec.name, image: c.spec.image });
    this.events.emit('start', c);
    return { ok: true };
  }

  /** runc failed before the process ran: the container stays `created` with the error, as Docker shows it. */
  #abortStart(c: Container, error: string, exitCode: number): StartResult {
    this.#teardownNetwork(c);
    c.state = { ...c.state, status: 'created', pid: 0, exitCode, error };
    delete c.state.startedAt;
    return this.#startFailed(c, error, exitCode);
  }

  #startFailed(c: Container, error: string, exitCode: number): StartResult {
    c.state.error = error;
    c.state.exitCode = exitCode;
    this.engine.log.append('container.start-failed', { host: this.host.name, id: c.id, name: c.spec.name, error, exitCode });
    return { ok: false, error, exitCode };
  }

  /** Sends a signal to the container's first process (docker kill). */
  kill(id: string, signal: Signal): boolean {
    const c = this.#containers.get(id);
    if (c?.state.status !== 'running') return false;
    this.#signal(c, signal);
    return true;
  }

  #signal(c: Container, signal: Signal): void {
    this.engine.log.append('container.kill', { host: this.host.name, id: c.id, name: c.spec.name, signal });
    if (signal === 'SIGKILL') c.state.killedBy = signal;
    this.host.kernel.signal(c.state.pid, signal);
  }

  /** Sends the stop signal, and SIGKILL if the container still runs after `graceMs` (never when infinite). */
  stop(id: string, graceMs: number, signal?: Signal): boolean {
    const c = this.#containers.get(id);
    if (c?.state.status !== 'running') return false;
    const first = graceMs <= 0 ? 'SIGKILL' : (signal ?? c.spec.stopSignal);
    this.#signal(c, first);
    if (c.state.status === 'running' && first !== 'SIGKILL' && Number.isFinite(graceMs)) {
      this.engine.schedule(this.#stopTimeout, graceMs, { id, generation: c.state.generation });
    }
    return true;
  }

  /** Removes a container that is not running, with its writable layer and logs. */
  remove(id: string): boolean {
    const c = this.#containers.get(id);
    if (c === undefined || c.state.status === 'running') return false;
    this.#containers.delete(id);
    this.#sandboxes.delete(id);
    for (const [execId, exec] of this.#execs) if (exec.container === id) this.#execs.delete(execId);
    this.engine.log.append('container.destroy', { host: this.host.name, id, name: c.spec.name, image: c.spec.image });
    return true;
  }

  /** Changes limits of a container, running or not (docker update). */
  updateResources(id: string, resources: ResourceSpec): void {
    const c = this.#containers.get(id);
    if (c === undefined) return;
    c.spec.resources = { ...c.spec.resources, ...resources };
    c.cgroup.limits = { ...c.cgroup.limits, ...cgroupLimits(c.spec.resources) };
    if (c.state.status === 'running') this.host.kernel.limitsChanged(id);
  }

  /** The memory-leak fault: the container's first process grows by `bytesPerSecond` until its cgroup's limit stops it. */
  leakMemory(id: string, bytesPerSecond: number): boolean {
    const c = this.#containers.get(id);
    if (c?.state.status !== 'running') return false;
    this.host.kernel.leak(c.state.pid, bytesPerSecond);
    this.engine.log.append('container.memory-leak', { host: this.host.name, id, name: c.spec.name, bytesPerSecond });
    return true;
  }

  /**
   * The break-readiness fault (`failing` true) and its end: the container's programs stop
   * answering `endpoint` (see FailingEndpoint), in this run only; the kubelet applies it again to
   * each new instance. False when there is no such container.
   */
  failEndpoint(id: string, endpoint: FailingEndpoint, failing: boolean): boolean {
    const c = this.#containers.get(id);
    if (c === undefined) return false;
    const others = (c.failing ?? []).filter((e) => e.port !== endpoint.port || e.path !== endpoint.path);
    const next = failing ? [...others, { ...endpoint }] : others;
    if (next.length > 0) c.failing = next;
    else delete c.failing;
    this.engine.log.append(failing ? 'container.endpoint-fail' : 'container.endpoint-fix', {
      host: this.host.name,
      id,
      name: c.spec.name,
      port: endpoint.port,
      ...(endpoint.path === undefined ? {} : { path: endpoint.path }),
    });
    return true;
  }

  /** The endpoints the container of process `pid` has stopped answering, if any. */
  #failingOn(pid: number): FailingEndpoint[] | undefined {
    const sandbox = this.host.kernel.process(pid)?.sandbox;
    return sandbox === undefined ? undefined : this.#containers.get(sandbox)?.failing;
  }

  /** The 503 a failing HTTP endpoint answers, as a program whose dependency check fails does. */
  #failing(pid: number, port: number, path: string): HttpResponse | undefined {
    const bare = path.split('?')[0];
    if (this.#failingOn(pid)?.some((e) => e.port === port && e.path === bare) !== true) return undefined;
    return { status: 503, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'Service Unavailable\n' };
  }

  /** The load fault: work sent to the container costs its first process `cores` of CPU from now on (0 ends it). */
  cpuLoad(id: string, cores: number): boolean {
    const c = this.#containers.get(id);
    if (c?.state.status !== 'running') return false;
    this.host.kernel.addLoad(c.state.pid, cores);
    return true;
  }

  // --- exec --------------------------------------------------------------------------------------

  /** Runs a command in a running container; instant commands are done when this returns. */
  execStart(id: string, argv: string[], options: ExecOptions = {}): Exec | { error: string; exitCode: number } {
    const c = this.#containers.get(id);
    if (c === undefined) return { error: `No such container: ${id}`, exitCode: 1 };
    if (c.state.status !== 'running') return { error: `container ${id} is not running`, exitCode: 1 };
    const box = this.sandbox(id)!;
    const identity = resolveUser(box.fs, options.user ?? c.spec.user);
    if (typeof identity === 'string') return { error: `unable to find user ${options.user}: ${identity}`, exitCode: 126 };
    const exec: Exec = {
      id: this.newId(),
      container: id,
      argv,
      pid: 0,
      running: true,
      output: [],
      detached: options.detached ?? false,
      interactive: options.interactive ?? false,
      started: this.engine.now,
    };
    this.#execs.set(exec.id, exec);
    const sink: Sink = exec.detached ? { kind: 'null' } : { kind: 'exec', exec: exec.id };
    const started = this.host.kernel.start(id, {
      argv,
      env: this.#environment(c, identity.uid, [...c.spec.env, ...(options.env ?? [])]),
      cwd: options.workingDir || c.spec.workingDir || '/',
      uid: identity.uid,
      gid: identity.gid,
      stdout: sink,
      stderr: sink,
      interactive: exec.interactive,
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    });
    if ('error' in started) {
      this.#execs.delete(exec.id);
      return { error: started.error, exitCode: started.status };
    }
    exec.pid = started.pid;
    this.engine.log.append('container.exec_start', { host: this.host.name, id, name: c.spec.name, exec: exec.id, command: argv.join(' ') });
    if (started.status !== undefined) this.#execEnded(exec, started.status);
    return exec;
  }

  /** Takes the output an exec has produced since the last call. */
  takeExecOutput(execId: string): ['stdout' | 'stderr', string][] {
    const exec = this.#execs.get(execId);
    if (exec === undefined) return [];
    return exec.output.splice(0);
  }

  /** The prompt of an interactive exec waiting for a line, or undefined while it is busy. */
  execPrompt(execId: string): string | undefined {
    const exec = this.#execs.get(execId);
    return exec?.running ? this.host.kernel.prompt(exec.pid) : undefined;
  }

  /** Types a line into an interactive exec (null: end of input). */
  execInput(execId: string, line: string | null): void {
    const exec = this.#execs.get(execId);
    if (exec?.running) this.host.kernel.input(exec.pid, line);
  }

  /** Forgets a finished exec once its output was read. */
  execForget(execId: string): void {
    if (this.#execs.get(execId)?.running === false) this.#execs.delete(execId);
  }

  /** The prompt of a container started with -it whose first process waits for a line. */
  containerPrompt(id: string): string | undefined {
    const c = this.#containers.get(id);
    return c?.state.status === 'running' ? this.host.kernel.prompt(c.state.pid) : undefined;
  }

  containerInput(id: string, line: string | null): void {
    const c = this.#containers.get(id);
    if (c?.state.status === 'running') this.host.kernel.input(c.state.pid, line);
  }

  // --- probes (the kubelet's HTTP/TCP probes; exec probes use execStart) -------------------------

  /** An HTTP GET from the host to the container's address, as the kubelet probes. */
  httpGet(id: string, port: number, path: string, headers: Record<string, string> = {}): HttpResponse | ConnectFailure | 'empty' {
    const ns = this.netns(id);
    const ip = ns?.interfaces.find((i) => i.name !== 'lo')?.ip;
    if (ns === undefined || ip === undefined) return 'unreachable';
    return this.host.fabric.http(this.host.netns, ip, port, { method: 'GET', path, headers: { host: `${ip}:${port}`, 'user-agent': 'kube-probe/1.33', ...headers }, body: '' });
  }

  tcpConnect(id: string, port: number): true | ConnectFailure {
    const ns = this.netns(id);
    const ip = ns?.interfaces.find((i) => i.name !== 'lo')?.ip;
    if (ip === undefined) return 'unreachable';
    const connection = this.host.fabric.connect(this.host.netns, ip, port);
    return typeof connection === 'string' ? connection : true;
  }

  // --- what the kernel asks ----------------------------------------------------------------------

  sandbox(id: string): Sandbox | undefined {
    const cached = this.#sandboxes.get(id);
    if (cached) return cached;
    const c = this.#containers.get(id);
    if (c === undefined) return undefined;
    const runtime = this;
    let fs: MountTable | undefined;
    const box: Sandbox = {
      id,
      get fs() {
        return (fs ??= runtime.#mountNamespace(c));
      },
      get hostname() {
        return c.spec.hostname;
      },
      get netns() {
        return runtime.#netns.get(c.netns ?? '') ?? newNetNamespace('none', 0, runtime.host.name, 'container');
      },
      cgroup: c.cgroup,
      labels: c.spec.labels,
      user: (uid, gid) => identityOf(box.fs, uid, gid),
    };
    this.#sandboxes.set(id, box);
    return box;
  }

  write(sandboxId: string, sink: Sink, stream: Stream, text: string): void {
    if (sink.kind === 'null') return;
    if (sink.kind === 'exec') {
      this.#execs.get(sink.exec)?.output.push([stream, text]);
      return;
    }
    const c = this.#containers.get(sandboxId);
    // A terminal has one stream: with -t, stderr arrives on stdout.
    if (c) appendLog(c.logs, this.engine.now, c.spec.tty ? 'stdout' : stream, text);
  }

  processExited(record: ProcessRecord, status: number): void {
    const c = this.#containers.get(record.sandbox);
    for (const exec of this.#execs.values()) if (exec.running && exec.pid === record.pid) this.#execEnded(exec, status);
    if (c === undefined || record.nsPid !== 1 || c.state.status !== 'running') return;
    for (const stream of ['stdout', 'stderr'] as const) if (c.logs.partial[stream]) appendLog(c.logs, this.engine.now, stream, '\n');
    c.state = { ...c.state, status: 'exited', pid: 0, exitCode: status, finishedAt: this.engine.now };
    this.engine.log.append('container.die', {
      host: this.host.name,
      id: c.id,
      name: c.spec.name,
      image: c.spec.image,
      exitCode: status,
      ...(c.state.oomKilled ? { reason: 'OOMKilled' } : c.state.killedBy ? { reason: `killed by ${c.state.killedBy}` } : {}),
    });
    this.events.emit('exit', c);
    this.#teardownNetwork(c);
  }

  oomKilled(sandboxId: string, victims: ProcessRecord[]): void {
    const c = this.#containers.get(sandboxId);
    if (c === undefined) return;
    c.state.oomKilled = true;
    this.engine.log.append('container.oom', {
      host: this.host.name,
      id: c.id,
      name: c.spec.name,
      image: c.spec.image,
      limit: c.cgroup.limits.memoryMax ?? this.host.memoryBytes,
      killed: victims.map((v) => `${v.nsPid} (${v.argv[0]?.split('/').pop()})`).join(', '),
    });
    this.events.emit('oom', c);
  }

  #execEnded(exec: Exec, status: number): void {
    if (!exec.running) return;
    exec.running = false;
    exec.exitCode = status;
    this.engine.log.append('container.exec_die', { host: this.host.name, id: exec.container, exec: exec.id, exitCode: status });
    this.events.emit('exec-exit', exec);
  }

  #teardownNetwork(c: Container): void {
    const id = c.netns;
    delete c.netns;
    if (id === undefined || c.spec.network.mode !== 'own') return;
    this.#netns.delete(id);
    this.host.fabric.unregister(id);
  }

  /** Docker's environment: PATH and HOSTNAME first, the configured variables over them, HOME last. */
  #environment(c: Container, uid: number, configured: string[]): string[] {
    const env = mergeEnv([`PATH=${DEFAULT_PATH}`, `HOSTNAME=${c.spec.hostname}`, ...(c.spec.tty ? ['TERM=xterm'] : [])], configured);
    if (!env.some((e) => e.startsWith('HOME='))) {
      const home = homeOf(this.sandbox(c.id)!.fs, uid);
      env.push(`HOME=${home}`);
    }
    return env;
  }

  #writeEtc(c: Container, ns: NetNamespace): void {
    const ip = ns.interfaces.find((i) => i.name !== 'lo')?.ip;
    const fqdn = c.spec.domainname ? `${c.spec.hostname}.${c.spec.domainname} ` : '';
    const hosts = [
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::\tip6-localnet',
      'ff00::\tip6-mcastprefix',
      'ff02::1\tip6-allnodes',
      'ff02::2\tip6-allrouters',
      ...(c.spec.extraHosts ?? []).map((h) => h.replace(':', '\t').split('\t').reverse().join('\t')),
      ...(ip ? [`${ip}\t${fqdn}${c.spec.hostname}`] : []),
    ];
    c.etc.writeFile('/hosts', hosts.join('\n') + '\n');
    c.etc.writeFile('/hostname', c.spec.hostname + '\n');
    const search = ns.search.length > 0 ? `search ${ns.search.join(' ')}\n` : '';
    const options = ns.ndots !== 1 ? `options ndots:${ns.ndots}\n` : '';
    c.etc.writeFile('/resolv.conf', `${search}${ns.nameservers.map((n) => `nameserver ${n}\n`).join('')}${options}`);
  }

  #mountNamespace(c: Container): MountTable {
    const image = this.images.resolve(c.imageId);
    const root = new OverlayFs(image?.layers.map((l) => l.tree) ?? [], c.upper);
    const mounts: Mount[] = [
      { target: '/proc', fs: containerProcFs(this.host.kernel, c.id, () => c.spec.hostname) },
      { target: '/sys/fs/cgroup', fs: containerCgroupFs(() => this.#cgroupSource(c)), readOnly: true },
      { target: '/etc/hosts', fs: c.etc, source: '/hosts' },
      { target: '/etc/hostname', fs: c.etc, source: '/hostname' },
      { target: '/etc/resolv.conf', fs: c.etc, source: '/resolv.conf' },
    ];
    for (const m of c.spec.mounts) {
      if (m.type === 'volume') {
        const volume = this.volumes.get(m.source) ?? this.volumes.create(m.source, { now: this.engine.now });
        mounts.push({ target: m.target, fs: volume.tree, readOnly: m.readOnly ?? false });
      } else if (m.type === 'bind') {
        if (this.host.files.stat(m.source) === undefined) this.host.files.mkdir(m.source, { recursive: true });
        mounts.push({ target: m.target, fs: this.host.files, source: m.source, readOnly: m.readOnly ?? false });
      } else {
        mounts.push({ target: m.target, fs: (c.tmpfs[m.target] ??= new FileTree()), readOnly: m.readOnly ?? false });
      }
    }
    return new MountTable(root, mounts);
  }

  #cgroupSource(c: Container): CgroupSource {
    const kernel = this.host.kernel;
    return {
      cgroup: c.cgroup,
      usage: () => ({ memory: c.state.status === 'running' ? kernel.memoryOf(c.id) : 0, pids: kernel.pidCount(c.id), now: this.engine.now, hostCpus: this.host.cpus }),
    };
  }

  /** The host's /sys/fs/cgroup shows every container's group. */
  #mountHostSys(): void {
    const groups = () => new Map(this.list().map((c) => [c.cgroup.path, this.#cgroupSource(c)] as const));
    this.hostFs = new MountTable(this.host.files, [{ target: '/sys/fs/cgroup', fs: hostCgroupFs(groups), readOnly: true }]);
  }

  /** The host's files as `cat` on the host sees them, /sys/fs/cgroup included. */
  hostFs!: MountTable;

  // --- snapshots ---------------------------------------------------------------------------------

  snapshot(): SavedRuntime {
    return cloneJson({
      containers: this.list().map((c) => ({ ...c, upper: c.upper.save(), etc: c.etc.save(), tmpfs: Object.fromEntries(Object.entries(c.tmpfs).map(([k, t]) => [k, t.save()])) })),
      execs: [...this.#execs.values()],
      netns: [...this.#netns.values()],
      kernel: this.host.kernel.save(),
      hostFiles: this.host.files.save(),
      volumes: this.volumes.save(),
      hostNetns: this.host.netns,
      nextInode: this.#nextInode,
    });
  }

  restore(state: unknown): void {
    const saved = cloneJson(state as SavedRuntime);
    for (const id of this.#netns.keys()) this.host.fabric.unregister(id);
    this.#containers.clear();
    this.#execs.clear();
    this.#netns.clear();
    this.#sandboxes.clear();
    for (const c of saved.containers) {
      this.#containers.set(c.id, {
        ...c,
        upper: FileTree.load(c.upper),
        etc: FileTree.load(c.etc),
        tmpfs: Object.fromEntries(Object.entries(c.tmpfs).map(([k, t]) => [k, FileTree.load(t)])),
      });
    }
    for (const exec of saved.execs) this.#execs.set(exec.id, exec);
    for (const ns of saved.netns) {
      this.#netns.set(ns.id, ns);
      this.host.fabric.register(ns);
    }
    this.host.kernel.load(saved.kernel);
    this.host.files = FileTree.load(saved.hostFiles);
    this.volumes.load(saved.volumes);
    // The host's namespace object stays (the fabric holds it); its content comes back.
    Object.assign(this.host.netns, saved.hostNetns);
    this.host.fabric.changed();
    this.#nextInode = saved.nextInode;
    this.#mountHostSys();
  }
}

function cgroupLimits(resources: ResourceSpec): Partial<CgroupState['limits']> {
  return {
    ...(resources.memory ? { memoryMax: resources.memory } : {}),
    // Docker's --cpus: quota = cpus × period (k8s-docker-facts §3, the same arithmetic as the kubelet's).
    ...(resources.nanoCpus ? { cpuQuotaUs: Math.max(1000, Math.round((resources.nanoCpus / 1e9) * CPU_PERIOD_US)) } : {}),
    ...(resources.cpuWeight ? { cpuWeight: resources.cpuWeight } : {}),
    ...(resources.pidsLimit && resources.pidsLimit > 0 ? { pidsMax: resources.pidsLimit } : {}),
    ...(resources.oomGroup ? { oomGroup: true } : {}),
  };
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function readTable(fs: { readText(p: string): string }, path: string): string[][] {
  try {
    return fs
      .readText(path)
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(':'));
  } catch (error) {
    if (error instanceof FsError) return [];
    throw error;
  }
}

function passwd(fs: { readText(p: string): string }): PasswdEntry[] {
  return readTable(fs, '/etc/passwd').map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' }));
}

function homeOf(fs: { readText(p: string): string }, uid: number): string {
  return passwd(fs).find((p) => p.uid === uid)?.home ?? '/';
}

/** `USER` as runc resolves it against the container's /etc/passwd and /etc/group. */
export function resolveUser(fs: { readText(p: string): string }, user: string): { uid: number; gid: number } | string {
  if (user === '') return { uid: 0, gid: 0 };
  const [u = '', g] = user.split(':');
  const users = passwd(fs);
  const entry = /^\d+$/.test(u) ? users.find((p) => p.uid === Number(u)) : users.find((p) => p.name === u);
  if (entry === undefined && !/^\d+$/.test(u)) return 'no matching entries in passwd file';
  const uid = entry?.uid ?? Number(u);
  let gid = entry?.gid ?? 0;
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const group = readTable(fs, '/etc/group').find((f) => f[0] === g);
      if (group === undefined) return 'no matching entries in group file';
      gid = Number(group[2]);
    }
  }
  return { uid, gid };
}

export function identityOf(fs: { readText(p: string): string }, uid: number, gid: number): UserIdentity {
  const users = passwd(fs);
  const groups = readTable(fs, '/etc/group').map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
  const name = users.find((p) => p.uid === uid)?.name ?? String(uid);
  const groupName = (id: number) => groups.find((g) => g.gid === id)?.name ?? String(id);
  const supplementary = groups.filter((g) => g.gid !== gid && g.members.includes(name)).map((g) => ({ gid: g.gid, name: g.name }));
  return { uid, gid, name, group: groupName(gid), groups: [{ gid, name: groupName(gid) }, ...supplementary] };
}
