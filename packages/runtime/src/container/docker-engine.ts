// The Docker daemon of one host (dockerd): names and configurations of containers over the
// runtime, bridge networks with IP addresses and an embedded DNS server, published ports, named
// and anonymous volumes, restart policies with moby's growing delay, HEALTHCHECK probes, and
// `--rm`. The docker CLI and Compose drive it; it answers in Docker API shapes (inspect JSON,
// container summaries) and fails with the daemon's own messages.

import type { FileSystem } from '../fs/file-system.ts';
import { FsError } from '../fs/file-system.ts';
import type { FileTree } from '../fs/file-tree.ts';
import type { Image, ImageResolver } from '../image/image.ts';
import type { DnsServer } from '../network/fabric.ts';
import { type Network, endpointFor, nextSubnet } from '../network/network.ts';
import type { NetNamespace } from '../network/net-namespace.ts';
import { socketKey } from '../network/net-namespace.ts';
import { parseSignal } from '../programs/program.ts';
import { cloneJson } from '../sim/clone.ts';
import type { Engine, EngineComponent, TaskKind } from '../sim/engine.ts';
import type { Volume } from '../volume/volume-store.ts';
import { mergeEnv } from '../host/kernel.ts';
import type { Container, ContainerSpec, Exec } from './container.ts';
import type { ContainerRuntime, ContainerStats, ExecOptions } from './container-runtime.ts';
import { type Healthcheck, type HealthState, healthTiming, nextProbeDelay, probeCommand, recordProbe, timeoutMessage } from './healthcheck.ts';
import type { LogQuery, LogStream } from './logs.ts';
import { inspectContainer } from './docker-inspect.ts';
import { generateName } from './names.ts';
import { type RestartPolicy, shouldRestart } from './restart-policy.ts';

/** A failure the daemon reports; the CLI prints it after `Error response from daemon: `. */
export class DockerError extends Error {
  override name = 'DockerError';
  constructor(
    message: string,
    /** The exit status `docker run` uses for it (125 for the daemon's own errors). */
    readonly exitCode = 125,
  ) {
    super(message);
  }
}

export interface PortBinding {
  containerPort: number;
  protocol: 'tcp' | 'udp';
  hostIp: string;
  /** 0 asks for an ephemeral port. */
  hostPort: number;
}

export interface DockerMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (empty for a new anonymous volume) or host path. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface CreateOptions {
  name?: string;
  image: string;
  /** Replaces the image's Cmd. */
  cmd?: string[];
  /** Replaces the image's Entrypoint (and resets its Cmd, as docker does). */
  entrypoint?: string[];
  env?: string[];
  labels?: Record<string, string>;
  workingDir?: string;
  user?: string;
  hostname?: string;
  domainname?: string;
  expose?: string[];
  tty?: boolean;
  openStdin?: boolean;
  stopSignal?: string;
  /** Seconds. */
  stopTimeout?: number;
  /** Overrides the image's; `{ Test: ['NONE'] }` disables it. */
  healthcheck?: Healthcheck;
  portBindings?: PortBinding[];
  publishAll?: boolean;
  restartPolicy?: RestartPolicy;
  autoRemove?: boolean;
  memory?: number;
  nanoCpus?: number;
  pidsLimit?: number;
  cpuShares?: number;
  /** `bridge` (default), `none`, `container:<id>` or a network's name. */
  networkMode?: string;
  networkAliases?: string[];
  ip?: string;
  mounts?: DockerMount[];
  extraHosts?: string[];
  dns?: string[];
  /** Run docker-init as PID 1 (`--init`). */
  init?: boolean;
}

export interface DockerContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: number;
  config: {
    Hostname: string;
    Domainname: string;
    User: string;
    ExposedPorts: Record<string, Record<string, never>>;
    Tty: boolean;
    OpenStdin: boolean;
    Env: string[];
    Cmd: string[] | null;
    Image: string;
    Volumes: Record<string, Record<string, never>> | null;
    WorkingDir: string;
    Entrypoint: string[] | null;
    Labels: Record<string, string>;
    StopSignal?: string;
    StopTimeout?: number;
    Healthcheck?: Healthcheck;
  };
  hostConfig: {
    PortBindings: PortBinding[];
    PublishAllPorts: boolean;
    RestartPolicy: RestartPolicy;
    AutoRemove: boolean;
    NetworkMode: string;
    Memory: number;
    NanoCpus: number;
    PidsLimit: number | null;
    CpuShares: number;
    Mounts: DockerMount[];
    ExtraHosts: string[];
    Dns: string[];
    Init: boolean | null;
  };
  /** Networks by name, with the aliases asked for. */
  networks: Record<string, { aliases: string[]; ip?: string }>;
  restartCount: number;
  restartDelayMs: number;
  manuallyStopped: boolean;
  /** Waiting out a restart delay (docker shows `Restarting`). */
  restarting: boolean;
  hasBeenStarted: boolean;
  health?: HealthState;
  healthProbe?: { exec: string; start: number; sinceStart: number };
  /** Host ports bound while running. */
  published: PortBinding[];
}

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  imageId: string;
  /** `"/docker-entrypoint.sh nginx -g 'daemon off;'"` without quotes. */
  command: string;
  created: number;
  state: 'created' | 'running' | 'restarting' | 'exited' | 'paused' | 'removing' | 'dead';
  /** `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Up 1 second (healthy)`. */
  status: string;
  ports: { ip?: string; privatePort: number; publicPort?: number; type: string }[];
  labels: Record<string, string>;
  mounts: string[];
  networks: string[];
  sizeRw?: number;
}

interface DockerState {
  containers: DockerContainer[];
  networks: Network[];
  tasks: Record<string, number>;
}

const DEFAULT_STOP_TIMEOUT_S = 10;
/** Docker Desktop's VM: the upstream DNS server containers on the default bridge use. */
export const HOST_DNS = '192.168.65.7';
const EMBEDDED_DNS = '127.0.0.11';
const EPHEMERAL_PORTS = [32768, 60999];

export interface DockerEngineOptions {
  /**
   * Address space this daemon's IPAM must leave alone because something it does not manage here
   * uses it, e.g. kind's `kind` network (172.18.0.0/16), whose node containers are machines of
   * their own in the simulation: on a real daemon that network is one of its own, so a new
   * network's default pool skips it (kind's nodes and a compose project's containers never
   * share an address).
   */
  reservedSubnets?: readonly string[];
}

export class DockerEngine implements EngineComponent {
  readonly name = 'docker';
  #containers = new Map<string, DockerContainer>();
  #networks = new Map<string, Network>();
  /** Pending task ids by purpose, e.g. `restart:<id>`, `health:<id>`, `health-timeout:<id>`. */
  #tasks = new Map<string, number>();
  readonly #restart: TaskKind<{ id: string }>;
  readonly #probe: TaskKind<{ id: string }>;
  readonly #probeTimeout: TaskKind<{ id: string; exec: string }>;
  readonly #autoRemove: TaskKind<{ id: string }>;
  readonly #reservedSubnets: readonly string[];

  constructor(
    readonly engine: Engine,
    readonly runtime: ContainerRuntime,
    readonly images: ImageResolver,
    options: DockerEngineOptions = {},
  ) {
    this.#reservedSubnets = options.reservedSubnets ?? [];
    this.#restart = engine.defineTask('docker.restart', ({ id }) => this.#restartNow(id));
    this.#probe = engine.defineTask('docker.health-probe', ({ id }) => this.#runProbe(id));
    this.#probeTimeout = engine.defineTask('docker.health-timeout', ({ id, exec }) => this.#probeTimedOut(id, exec));
    this.#autoRemove = engine.defineTask('docker.auto-remove', ({ id }) => {
      const c = this.#containers.get(id);
      if (c && this.runtime.get(id)?.state.status !== 'running') this.#destroy(c, true);
    });
    runtime.events.on('exit', (c) => this.#exited(c));
    runtime.events.on('exec-exit', (exec) => this.#probeEnded(exec));
    runtime.host.fabric.dnsServers.set(EMBEDDED_DNS, this.#embeddedDns());
    runtime.host.fabric.dnsServers.set(HOST_DNS, { lookup: (name) => (name === 'host.docker.internal' ? [runtime.host.ip] : undefined) });
    this.#createDefaultNetworks();
    engine.register(this);
  }

  get host() {
    return this.runtime.host;
  }

  #now(): number {
    return this.engine.now;
  }

  // --- lookups -----------------------------------------------------------------------------------

  /** A container by full id, name (with or without `/`) or unique id prefix. */
  find(ref: string): DockerContainer | undefined {
    const name = ref.replace(/^\//, '');
    const exact = this.#containers.get(ref);
    if (exact) return exact;
    for (const c of this.#containers.values()) if (c.name === name) return c;
    if (!/^[0-9a-f]+$/.test(ref)) return undefined;
    const matches = [...this.#containers.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length > 1) throw new DockerError(`multiple IDs found with provided prefix: ${ref}`, 1);
    return matches[0];
  }

  /** Like `find`, failing as docker does. */
  get(ref: string): DockerContainer {
    const c = this.find(ref);
    if (c === undefined) throw new DockerError(`No such container: ${ref}`, 1);
    return c;
  }

  runtimeContainer(id: string): Container {
    return this.runtime.get(id)!;
  }

  /** Containers, newest first (docker ps order). */
  containers(): DockerContainer[] {
    return [...this.#containers.values()].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  }

  /** Ids of containers (any state) created from an image; the image store refuses to remove those. */
  containersUsingImage(imageId: string): string[] {
    return this.containers().filter((c) => c.imageId === imageId).map((c) => c.id);
  }

  network(ref: string): Network | undefined {
    for (const n of this.#networks.values()) if (n.name === ref) return n;
    const byId = [...this.#networks.values()].filter((n) => n.id.startsWith(ref));
    return byId.length === 1 ? byId[0] : undefined;
  }

  networks(): Network[] {
    return [...this.#networks.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  // --- containers ----------------------------------------------------------------------------------

  create(options: CreateOptions): DockerContainer {
    const image = this.images.resolve(options.image);
    if (image === undefined) throw new DockerError(`No such image: ${options.image}`);
    if (options.name !== undefined && !/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(options.name)) {
      throw new DockerError(`Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    const name = options.name?.replace(/^\//, '') ?? generateName(this.engine.random, (n) => this.find(n) !== undefined);
    const taken = [...this.#containers.values()].find((c) => c.name === name);
    if (taken) {
      throw new DockerError(`Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
    if (options.autoRemove && options.restartPolicy && options.restartPolicy.Name !== 'no' && options.restartPolicy.Name !== '') {
      throw new DockerError('Conflicting options: --restart and --rm');
    }
    const networkMode = options.networkMode ?? 'bridge';
    const networkName = networkMode === 'default' ? 'bridge' : networkMode;
    if (networkName.startsWith('container:')) {
      const other = this.find(networkName.slice('container:'.length));
      if (other === undefined) throw new DockerError(`No such container: ${networkName.slice('container:'.length)}`);
    } else if (networkName === 'host') {
      throw new DockerError('the host network mode is not simulated by Dockyard; publish ports with -p instead');
    } else if (networkName !== 'none' && this.network(networkName) === undefined) {
      throw new DockerError(`network ${networkName} not found`, 125);
    }
    if ((options.networkAliases?.length ?? 0) > 0 && (networkName === 'bridge' || networkName === 'none')) {
      throw new DockerError('network-scoped alias is supported only for containers in user defined networks');
    }
    const id = this.runtime.newId();
    const cfg = image.config;
    const entrypoint = options.entrypoint !== undefined ? (options.entrypoint.length > 0 ? options.entrypoint : null) : (cfg.Entrypoint ?? null);
    const cmd = options.cmd !== undefined && options.cmd.length > 0 ? options.cmd : options.entrypoint !== undefined ? null : (cfg.Cmd ?? null);
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    if (argv.length === 0) throw new DockerError('no command specified', 125);
    const env = mergeEnv(cfg.Env ?? [], options.env ?? []);
    const exposed: Record<string, Record<string, never>> = { ...(cfg.ExposedPorts ?? {}) };
    for (const port of options.expose ?? []) exposed[port.includes('/') ? port : `${port}/tcp`] = {};
    for (const binding of options.portBindings ?? []) exposed[`${binding.containerPort}/${binding.protocol}`] = {};
    const mounts = this.#prepareMounts(image, options.mounts ?? [], id);
    const hostname = options.hostname ?? (networkName.startsWith('container:') ? '' : id.slice(0, 12));
    const record: DockerContainer = {
      id,
      name,
      image: options.image,
      imageId: image.id,
      created: this.#now(),
      config: {
        Hostname: hostname,
        Domainname: options.domainname ?? '',
        User: options.user ?? cfg.User ?? '',
        ExposedPorts: exposed,
        Tty: options.tty ?? false,
        OpenStdin: options.openStdin ?? false,
        Env: env,
        Cmd: cmd,
        Image: options.image,
        Volumes: cfg.Volumes ?? null,
        WorkingDir: options.workingDir ?? cfg.WorkingDir ?? '',
        Entrypoint: entrypoint,
        Labels: { ...(cfg.Labels ?? {}), ...(options.labels ?? {}) },
        ...(options.stopSignal ?? cfg.StopSignal ? { StopSignal: options.stopSignal ?? cfg.StopSignal } : {}),
        ...(options.stopTimeout !== undefined ? { StopTimeout: options.stopTimeout } : {}),
        ...(options.healthcheck ?? cfg.Healthcheck ? { Healthcheck: { ...(cfg.Healthcheck ?? {}), ...(options.healthcheck ?? {}) } } : {}),
      },
      hostConfig: {
        PortBindings: options.portBindings ?? [],
        PublishAllPorts: options.publishAll ?? false,
        RestartPolicy: options.restartPolicy ?? { Name: 'no', MaximumRetryCount: 0 },
        AutoRemove: options.autoRemove ?? false,
        NetworkMode: networkMode,
        Memory: options.memory ?? 0,
        NanoCpus: options.nanoCpus ?? 0,
        PidsLimit: options.pidsLimit ?? null,
        CpuShares: options.cpuShares ?? 0,
        Mounts: mounts,
        ExtraHosts: options.extraHosts ?? [],
        Dns: options.dns ?? [],
        Init: options.init ? true : null,
      },
      networks: networkName === 'none' || networkName.startsWith('container:') ? {} : { [networkName]: { aliases: options.networkAliases ?? [], ...(options.ip ? { ip: options.ip } : {}) } },
      restartCount: 0,
      restartDelayMs: 0,
      manuallyStopped: false,
      restarting: false,
      hasBeenStarted: false,
      published: [],
    };
    const signal = parseSignal(record.config.StopSignal ?? 'SIGTERM') ?? 'SIGTERM';
    const spec: ContainerSpec = {
      name,
      image: options.image,
      argv,
      env,
      workingDir: record.config.WorkingDir,
      user: record.config.User,
      labels: record.config.Labels,
      hostname: hostname || id.slice(0, 12),
      ...(record.config.Domainname ? { domainname: record.config.Domainname } : {}),
      mounts: mounts.map((m) => ({ type: m.type, source: m.source, target: m.target, readOnly: m.readOnly })),
      resources: {
        ...(record.hostConfig.Memory ? { memory: record.hostConfig.Memory } : {}),
        ...(record.hostConfig.NanoCpus ? { nanoCpus: record.hostConfig.NanoCpus } : {}),
        ...(record.hostConfig.PidsLimit ? { pidsLimit: record.hostConfig.PidsLimit } : {}),
        // cgroup v2 weight from docker's --cpu-shares (runc's conversion, k8s-docker-facts §3).
        ...(record.hostConfig.CpuShares ? { cpuWeight: 1 + Math.floor(((record.hostConfig.CpuShares - 2) * 9999) / 262142) } : {}),
      },
      cgroupParent: '/docker',
      network: networkName === 'none' ? { mode: 'none' } : networkName.startsWith('container:') ? { mode: 'container', id: this.find(networkName.slice(10))!.id } : { mode: 'own' },
      tty: record.config.Tty,
      interactive: record.config.OpenStdin,
      stopSignal: signal,
      extraHosts: record.hostConfig.ExtraHosts,
      ...(options.init ? { init: true } : {}),
    };
    this.#containers.set(id, record);
    this.runtime.create(spec, image, id);
    return record;
  }

  /** Docker mounts: named volumes created on first use and filled from the image, anonymous ones for the image's VOLUMEs. */
  #prepareMounts(image: Image, requested: DockerMount[], id: string): DockerMount[] {
    const mounts = requested.map((m) => ({ ...m }));
    for (const target of Object.keys(image.config.Volumes ?? {})) {
      if (!mounts.some((m) => m.target === target)) mounts.push({ type: 'volume', source: '', target, readOnly: false });
    }
    for (const mount of mounts) {
      if (mount.type !== 'volume') continue;
      const anonymous = mount.source === '';
      if (anonymous) mount.source = this.runtime.newId();
      const exists = this.runtime.volumes.get(mount.source) !== undefined;
      const volume = this.runtime.volumes.create(mount.source, { now: this.#now(), anonymous });
      if (!exists) this.engine.log.append('volume.create', { host: this.host.name, name: volume.name, driver: volume.driver, container: id });
      if (!exists || isEmpty(volume)) copyImageContent(image, mount.target, volume.tree);
    }
    return mounts;
  }

  /** Starts a created or stopped container: ports, networks, then its process. */
  start(ref: string): void {
    const c = this.get(ref);
    const rc = this.runtimeContainer(c.id);
    if (rc.state.status === 'running') return;
    this.#cancelTask(`restart:${c.id}`);
    c.restarting = false;
    if (!c.hasBeenStarted || c.manuallyStopped) {
      c.restartCount = c.hasBeenStarted ? 0 : c.restartCount;
      c.restartDelayMs = 0;
    }
    c.manuallyStopped = false;
    this.#startRuntime(c);
  }

  #startRuntime(c: DockerContainer): void {
    const bindings = this.#resolveBindings(c);
    let failure: DockerError | undefined;
    const result = this.runtime.start(c.id, (ns) => {
      try {
        this.#attachNetworks(c, ns);
      } catch (error) {
        if (!(error instanceof DockerError)) throw error;
        failure = error;
      }
    });
    // A container that ended at once (and was removed by --rm) is gone already.
    if (this.runtime.get(c.id) === undefined) return;
    if (failure === undefined && result.ok && this.runtimeContainer(c.id).state.status === 'running') {
      const conflict = this.#publish(c, bindings);
      if (conflict) {
        failure = conflict;
        this.runtime.kill(c.id, 'SIGKILL');
        const rc = this.runtimeContainer(c.id);
        rc.state = { ...rc.state, status: 'created', exitCode: 128, error: conflict.message };
        delete rc.state.startedAt;
        delete rc.state.finishedAt;
      }
    }
    if (failure) throw failure;
    c.hasBeenStarted = true;
    if (!result.ok) {
      throw new DockerError(
        `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${result.error}: unknown`,
        result.exitCode,
      );
    }
    if (this.runtimeContainer(c.id).state.status === 'running') this.#startHealth(c);
  }

  #resolveBindings(c: DockerContainer): PortBinding[] {
    const bindings = [...c.hostConfig.PortBindings];
    if (c.hostConfig.PublishAllPorts) {
      for (const port of Object.keys(c.config.ExposedPorts)) {
        const [n, proto] = port.split('/');
        if (!bindings.some((b) => b.containerPort === Number(n) && b.protocol === proto)) bindings.push({ containerPort: Number(n), protocol: proto as 'tcp', hostIp: '', hostPort: 0 });
      }
    }
    return bindings;
  }

  /** Binds the container's published ports on the host; the error docker gives when one is taken. */
  #publish(c: DockerContainer, bindings: PortBinding[]): DockerError | undefined {
    const sockets = this.host.netns.sockets;
    const ip = this.runtime.netns(c.id)?.interfaces.find((i) => i.name !== 'lo')?.ip;
    const chosen: PortBinding[] = [];
    for (const b of bindings) {
      let hostPort = b.hostPort;
      if (hostPort === 0) {
        hostPort = EPHEMERAL_PORTS[0]!;
        while (sockets[socketKey(hostPort, b.protocol)] !== undefined || chosen.some((x) => x.hostPort === hostPort)) hostPort++;
      }
      const hostIp = b.hostIp || '0.0.0.0';
      if (sockets[socketKey(hostPort, b.protocol)] !== undefined || chosen.some((x) => x.hostPort === hostPort && x.protocol === b.protocol)) {
        const endpoint = this.runtime.newId();
        return new DockerError(`driver failed programming external connectivity on endpoint ${c.name} (${endpoint}): Bind for ${hostIp}:${hostPort} failed: port is already allocated`);
      }
      chosen.push({ ...b, hostIp, hostPort });
    }
    if (ip === undefined) return undefined;
    for (const b of chosen) sockets[socketKey(b.hostPort, b.protocol)] = { forward: { ip, port: b.containerPort } };
    c.published = chosen;
    return undefined;
  }

  #unpublish(c: DockerContainer): void {
    for (const b of c.published) delete this.host.netns.sockets[socketKey(b.hostPort, b.protocol)];
    c.published = [];
  }

  #attachNetworks(c: DockerContainer, ns: NetNamespace): void {
    let index = 0;
    const names = Object.keys(c.networks).sort((a, b) => (a === 'bridge' ? -1 : b === 'bridge' ? 1 : 0));
    for (const name of names) {
      const network = this.network(name);
      if (network === undefined) throw new DockerError(`network ${name} not found`);
      const wanted = c.networks[name]!;
      const aliases = network.embeddedDns ? [c.name, c.id.slice(0, 12), ...wanted.aliases] : [];
      const endpoint = endpointFor(network, c.id, this.runtime.newId(), aliases, wanted.ip);
      if (endpoint === undefined) throw new DockerError(wanted.ip ? `Address already in use` : `no available IPv4 addresses on this network's address pools: ${network.name} (${network.id})`);
      network.endpoints[c.id] = endpoint;
      ns.interfaces.push({ name: `eth${index++}`, ip: endpoint.ip, prefix: Number(network.subnet.split('/')[1]), mac: endpoint.mac, network: network.id, ...(index === 1 ? { gateway: network.gateway } : {}) });
    }
    const userDefined = names.some((n) => this.network(n)?.embeddedDns);
    ns.nameservers = c.hostConfig.Dns.length > 0 && !userDefined ? c.hostConfig.Dns : [userDefined ? EMBEDDED_DNS : HOST_DNS];
    ns.search = [];
    ns.ndots = userDefined ? 0 : 1;
  }

  #detachNetworks(c: DockerContainer): void {
    for (const network of this.#networks.values()) delete network.endpoints[c.id];
  }

  /** Sends the stop signal, then SIGKILL after the timeout; returns at once (the exit comes later). */
  stop(ref: string, timeoutSeconds?: number, signal?: string): DockerContainer {
    const c = this.get(ref);
    const rc = this.runtimeContainer(c.id);
    if (c.restarting) {
      this.#cancelTask(`restart:${c.id}`);
      c.restarting = false;
      c.manuallyStopped = true;
      return c;
    }
    if (rc.state.status !== 'running') return c;
    c.manuallyStopped = true;
    const seconds = timeoutSeconds ?? c.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT_S;
    const sig = signal === undefined ? undefined : parseSignal(signal);
    if (signal !== undefined && sig === undefined) throw new DockerError(`Invalid signal: ${signal}`, 1);
    this.engine.log.append('container.stop-requested', { host: this.host.name, id: c.id, name: c.name, signal: sig ?? rc.spec.stopSignal, timeout: seconds });
    // A negative timeout waits for the container forever, as docker does.
    this.runtime.stop(c.id, seconds < 0 ? Infinity : seconds * 1000, sig);
    return c;
  }

  kill(ref: string, signal = 'SIGKILL'): DockerContainer {
    const c = this.get(ref);
    const sig = parseSignal(signal);
    if (sig === undefined) throw new DockerError(`Invalid signal: ${signal}`, 1);
    const rc = this.runtimeContainer(c.id);
    if (rc.state.status !== 'running') throw new DockerError(`cannot kill container: ${ref}: container ${c.id} is not running`, 1);
    if (sig === 'SIGKILL' || sig === rc.spec.stopSignal) c.manuallyStopped = true;
    this.runtime.kill(c.id, sig);
    return c;
  }

  /** Removes a container; a running one only with `force` (killed first). */
  remove(ref: string, options: { force?: boolean; volumes?: boolean } = {}): DockerContainer {
    const c = this.get(ref);
    const rc = this.runtimeContainer(c.id);
    if (rc.state.status === 'running' || c.restarting) {
      if (!options.force) {
        throw new DockerError(`cannot remove container "/${c.name}": container is ${c.restarting ? 'restarting' : 'running'}: stop the container before removing or force remove`, 1);
      }
      c.manuallyStopped = true;
      c.hostConfig.AutoRemove = false;
      this.#cancelTask(`restart:${c.id}`);
      c.restarting = false;
      if (rc.state.status === 'running') this.runtime.kill(c.id, 'SIGKILL');
    }
    this.#destroy(c, options.volumes ?? false);
    return c;
  }

  #destroy(c: DockerContainer, removeAnonymousVolumes: boolean): void {
    this.#cancelTask(`restart:${c.id}`);
    this.#stopHealth(c);
    this.#containers.delete(c.id);
    this.runtime.remove(c.id);
    if (removeAnonymousVolumes) {
      for (const m of c.hostConfig.Mounts) {
        const volume = m.type === 'volume' ? this.runtime.volumes.get(m.source) : undefined;
        if (volume?.anonymous && this.#volumeUsers(volume.name).length === 0) {
          this.runtime.volumes.remove(volume.name);
          this.engine.log.append('volume.destroy', { host: this.host.name, name: volume.name });
        }
      }
    }
  }

  /** The runtime reports an exit: release what the run held, then restart, remove or rest. */
  #exited(rc: Container): void {
    const c = this.#containers.get(rc.id);
    if (c === undefined) return;
    this.#unpublish(c);
    this.#detachNetworks(c);
    this.#stopHealth(c);
    if (c.hostConfig.AutoRemove) {
      // Removed once the exit has been handed out, so an attached `docker run --rm` still reads
      // the last output and the exit code.
      this.engine.schedule(this.#autoRemove, 0, { id: c.id });
      return;
    }
    const ranFor = this.#now() - (rc.state.startedAt ?? this.#now());
    const decision = shouldRestart(c.hostConfig.RestartPolicy, rc.state.exitCode, c.manuallyStopped, ranFor, c.restartDelayMs, c.restartCount);
    c.restartDelayMs = decision.delayMs;
    if (!decision.restart) return;
    c.restarting = true;
    this.engine.log.append('container.restart-scheduled', { host: this.host.name, id: c.id, name: c.name, exitCode: rc.state.exitCode, delay: decision.delayMs, restartCount: c.restartCount + 1, policy: c.hostConfig.RestartPolicy.Name });
    this.#setTask(`restart:${c.id}`, this.engine.schedule(this.#restart, decision.delayMs, { id: c.id }));
  }

  #restartNow(id: string): void {
    this.#tasks.delete(`restart:${id}`);
    const c = this.#containers.get(id);
    if (c === undefined || !c.restarting) return;
    c.restarting = false;
    c.restartCount++;
    try {
      this.#startRuntime(c);
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      this.engine.log.append('container.restart-failed', { host: this.host.name, id, name: c.name, error: error.message });
    }
  }

  /** docker restart: stop (with the timeout), then start once it has exited. */
  restart(ref: string, timeoutSeconds?: number): DockerContainer {
    const c = this.get(ref);
    this.stop(ref, timeoutSeconds);
    return c;
  }

  // --- health ------------------------------------------------------------------------------------

  #startHealth(c: DockerContainer): void {
    this.#stopHealth(c);
    if (probeCommand(c.config.Healthcheck) === undefined) {
      delete c.health;
      return;
    }
    c.health = { Status: 'starting', FailingStreak: 0, Log: [] };
    const timing = healthTiming(c.config.Healthcheck!);
    this.#setTask(`health:${c.id}`, this.engine.schedule(this.#probe, nextProbeDelay(timing, 'starting', 0), { id: c.id }));
  }

  #stopHealth(c: DockerContainer): void {
    this.#cancelTask(`health:${c.id}`);
    this.#cancelTask(`health-timeout:${c.id}`);
    delete c.healthProbe;
  }

  #runProbe(id: string): void {
    this.#tasks.delete(`health:${id}`);
    const c = this.#containers.get(id);
    const rc = this.runtime.get(id);
    const command = probeCommand(c?.config.Healthcheck);
    if (c === undefined || rc?.state.status !== 'running' || command === undefined || c.health === undefined) return;
    const timing = healthTiming(c.config.Healthcheck!);
    const sinceStart = this.#now() - (rc.state.startedAt ?? 0);
    const exec = this.runtime.execStart(id, command, {});
    if ('error' in exec) {
      this.#probeDone(c, { start: this.#now(), end: this.#now(), exitCode: -1, output: `OCI runtime exec failed: exec failed: unable to start container process: ${exec.error}: unknown` }, sinceStart);
      return;
    }
    c.healthProbe = { exec: exec.id, start: this.#now(), sinceStart };
    if (!exec.running) {
      this.#probeEnded(exec);
      return;
    }
    this.#setTask(`health-timeout:${id}`, this.engine.schedule(this.#probeTimeout, timing.timeoutMs, { id, exec: exec.id }));
  }

  #probeEnded(exec: Exec): void {
    const c = this.#containers.get(exec.container);
    if (c?.healthProbe?.exec !== exec.id) return;
    const output = this.runtime.takeExecOutput(exec.id).map(([, text]) => text).join('');
    this.runtime.execForget(exec.id);
    this.#cancelTask(`health-timeout:${c.id}`);
    const probe = c.healthProbe;
    delete c.healthProbe;
    this.#probeDone(c, { start: probe.start, end: this.#now(), exitCode: exec.exitCode ?? -1, output }, probe.sinceStart);
  }

  #probeTimedOut(id: string, execId: string): void {
    this.#tasks.delete(`health-timeout:${id}`);
    const c = this.#containers.get(id);
    if (c?.healthProbe?.exec !== execId) return;
    const probe = c.healthProbe;
    delete c.healthProbe;
    const exec = this.runtime.exec(execId);
    if (exec?.running) this.runtime.host.kernel.signal(exec.pid, 'SIGKILL');
    this.runtime.execForget(execId);
    this.#probeDone(c, { start: probe.start, end: this.#now(), exitCode: -1, output: timeoutMessage(healthTiming(c.config.Healthcheck!)) }, probe.sinceStart);
  }

  #probeDone(c: DockerContainer, result: { start: number; end: number; exitCode: number; output: string }, sinceStart: number): void {
    if (c.health === undefined) return;
    const timing = healthTiming(c.config.Healthcheck!);
    const before = c.health.Status;
    const after = recordProbe(c.health, timing, result, sinceStart);
    if (after !== before) this.engine.log.append('container.health_status', { host: this.host.name, id: c.id, name: c.name, status: after, failingStreak: c.health.FailingStreak, exitCode: result.exitCode });
    const rc = this.runtime.get(c.id);
    if (rc?.state.status !== 'running') return;
    const delay = nextProbeDelay(timing, c.health.Status, this.#now() - (rc.state.startedAt ?? 0));
    this.#setTask(`health:${c.id}`, this.engine.schedule(this.#probe, delay, { id: c.id }));
  }

  // --- exec, logs, stats -------------------------------------------------------------------------

  exec(ref: string, argv: string[], options: ExecOptions = {}): Exec {
    const c = this.get(ref);
    const rc = this.runtimeContainer(c.id);
    if (rc.state.status !== 'running' || c.restarting) throw new DockerError(`container ${c.id} is not running`, 1);
    const exec = this.runtime.execStart(c.id, argv, options);
    if ('error' in exec) {
      const status = exec.exitCode;
      throw new DockerError(`OCI runtime exec failed: exec failed: unable to start container process: ${exec.error}: unknown`, status);
    }
    return exec;
  }

  logs(ref: string, query: LogQuery = {}, from = 0): [LogStream, string][] {
    return this.runtime.logs(this.get(ref).id, query, from);
  }

  stats(ref: string): ContainerStats {
    return this.runtime.stats(this.get(ref).id)!;
  }

  // --- listing and inspecting ----------------------------------------------------------------------

  summary(c: DockerContainer): ContainerSummary {
    const rc = this.runtimeContainer(c.id);
    const state = c.restarting ? 'restarting' : rc.state.status;
    const ports: ContainerSummary['ports'] = [];
    for (const b of c.published) {
      ports.push({ ip: '0.0.0.0', privatePort: b.containerPort, publicPort: b.hostPort, type: b.protocol });
      if (b.hostIp === '0.0.0.0') ports.push({ ip: '::', privatePort: b.containerPort, publicPort: b.hostPort, type: b.protocol });
    }
    // A stopped container has no network settings, so no ports to list.
    for (const port of rc.state.status === 'running' ? Object.keys(c.config.ExposedPorts) : []) {
      const [n, proto] = port.split('/');
      if (!c.published.some((b) => b.containerPort === Number(n) && b.protocol === proto)) ports.push({ privatePort: Number(n), type: proto! });
    }
    return {
      id: c.id,
      names: [`/${c.name}`],
      image: c.image,
      imageId: c.imageId,
      command: commandLine(rc.spec.argv),
      created: c.created,
      state,
      status: this.#statusText(c, rc),
      ports,
      labels: c.config.Labels,
      mounts: c.hostConfig.Mounts.map((m) => m.source),
      networks: Object.keys(c.networks),
      sizeRw: sizeOf(rc.upper),
    };
  }

  /** STATUS as `docker ps` shows it (moby's State.String). */
  #statusText(c: DockerContainer, rc: Container): string {
    const now = this.#now();
    if (c.restarting) return `Restarting (${rc.state.exitCode}) ${dockerHumanDuration(now - (rc.state.finishedAt ?? now))} ago`;
    if (rc.state.status === 'running') {
      const up = `Up ${dockerHumanDuration(now - (rc.state.startedAt ?? now))}`;
      if (c.health) return `${up} (${c.health.Status === 'starting' ? 'health: starting' : c.health.Status})`;
      return up;
    }
    if (rc.state.startedAt === undefined) return 'Created';
    if (rc.state.finishedAt === undefined) return '';
    return `Exited (${rc.state.exitCode}) ${dockerHumanDuration(now - rc.state.finishedAt)} ago`;
  }

  /** `docker inspect` of a container: the Engine API's ContainerJSON. */
  inspect(ref: string): Record<string, unknown> {
    return inspectContainer(this, this.get(ref));
  }

  /** `docker top`: the container's processes as the host sees them. */
  top(ref: string): { pid: number; ppid: number; uid: string; command: string; started: number }[] {
    const c = this.get(ref);
    if (this.runtimeContainer(c.id).state.status !== 'running') throw new DockerError(`container ${c.id} is not running`, 1);
    const kernel = this.host.kernel;
    return kernel.hostProcessesIn(c.id).map((p) => ({ pid: p.hostPid, ppid: p.hostPpid || 1, uid: p.user, command: p.command, started: p.startedAt }));
  }

  /** The files of a container (docker cp, docker exec cat). */
  fs(ref: string): FileSystem {
    return this.runtime.fs(this.get(ref).id)!;
  }

  // --- networks ----------------------------------------------------------------------------------

  #createDefaultNetworks(): void {
    const defaults: [string, Network['driver'], string, string][] = [
      ['bridge', 'bridge', '172.17.0.0/16', '172.17.0.1'],
      ['host', 'host', '', ''],
      ['none', 'null', '', ''],
    ];
    for (const [name, driver, subnet, gateway] of defaults) {
      const id = this.runtime.newId();
      this.#networks.set(id, { id, name, driver, scope: 'local', subnet, gateway, internal: false, embeddedDns: false, labels: {}, created: 0, endpoints: {} });
    }
  }

  createNetwork(name: string, options: { driver?: string; subnet?: string; gateway?: string; internal?: boolean; labels?: Record<string, string> } = {}): Network {
    if (this.network(name)?.name === name) throw new DockerError(`network with name ${name} already exists`, 1);
    const driver = options.driver ?? 'bridge';
    if (driver !== 'bridge') throw new DockerError(`plugin "${driver}" not found`, 1);
    const taken = [...this.#networks.values()].map((n) => n.subnet).filter(Boolean);
    const pool = options.subnet ? { subnet: options.subnet, gateway: options.gateway ?? options.subnet.replace(/\.\d+\/\d+$/, '.1') } : nextSubnet([...taken, ...this.#reservedSubnets]);
    if (pool === undefined) throw new DockerError('all predefined address pools have been fully subnetted', 1);
    if (options.subnet && [...taken, ...this.#reservedSubnets].includes(options.subnet)) throw new DockerError('invalid pool request: Pool overlaps with other one on this address space', 1);
    const id = this.runtime.newId();
    const network: Network = { id, name, driver: 'bridge', scope: 'local', subnet: pool.subnet, gateway: pool.gateway, internal: options.internal ?? false, embeddedDns: true, labels: options.labels ?? {}, created: this.#now(), endpoints: {} };
    this.#networks.set(id, network);
    this.engine.log.append('network.create', { host: this.host.name, id, name, driver: 'bridge', subnet: pool.subnet });
    return network;
  }

  removeNetwork(ref: string): Network {
    const network = this.network(ref);
    if (network === undefined) throw new DockerError(`network ${ref} not found`, 1);
    if (['bridge', 'host', 'none'].includes(network.name)) throw new DockerError(`${network.name} is a pre-defined network and cannot be removed`, 1);
    const attached = this.containers().filter((c) => network.name in c.networks && this.runtimeContainer(c.id).state.status === 'running');
    if (attached.length > 0) {
      throw new DockerError(`error while removing network: network ${network.name} has active endpoints (${attached.map((c) => `name:"${c.name}" id:"${c.id.slice(0, 12)}"`).join(', ')})`, 1);
    }
    for (const c of this.containers()) delete c.networks[network.name];
    this.#networks.delete(network.id);
    this.engine.log.append('network.destroy', { host: this.host.name, id: network.id, name: network.name });
    return network;
  }

  /** docker network connect: takes effect at once for a running container. */
  connect(networkRef: string, containerRef: string, options: { aliases?: string[]; ip?: string } = {}): void {
    const network = this.network(networkRef);
    if (network === undefined) throw new DockerError(`network ${networkRef} not found`, 1);
    const c = this.get(containerRef);
    if (network.name in c.networks) throw new DockerError(`endpoint with name ${c.name} already exists in network ${network.name}`, 1);
    if (c.hostConfig.NetworkMode === 'none' || c.hostConfig.NetworkMode.startsWith('container:')) {
      throw new DockerError(`container cannot be disconnected from host network or connected to host network`, 1);
    }
    c.networks[network.name] = { aliases: options.aliases ?? [], ...(options.ip ? { ip: options.ip } : {}) };
    const ns = this.runtime.netns(c.id);
    if (ns !== undefined && this.runtimeContainer(c.id).state.status === 'running') {
      const aliases = network.embeddedDns ? [c.name, c.id.slice(0, 12), ...(options.aliases ?? [])] : [];
      const endpoint = endpointFor(network, c.id, this.runtime.newId(), aliases, options.ip);
      if (endpoint === undefined) throw new DockerError('no available IPv4 addresses on this network', 1);
      network.endpoints[c.id] = endpoint;
      ns.interfaces.push({ name: `eth${ns.interfaces.length - 1}`, ip: endpoint.ip, prefix: Number(network.subnet.split('/')[1]), mac: endpoint.mac, network: network.id });
      if (network.embeddedDns) {
        ns.nameservers = [EMBEDDED_DNS];
        ns.ndots = 0;
      }
      this.host.fabric.changed(ns);
    }
    this.engine.log.append('network.connect', { host: this.host.name, id: network.id, name: network.name, container: c.id });
  }

  disconnect(networkRef: string, containerRef: string): void {
    const network = this.network(networkRef);
    if (network === undefined) throw new DockerError(`network ${networkRef} not found`, 1);
    const c = this.get(containerRef);
    if (!(network.name in c.networks)) throw new DockerError(`container ${c.id} is not connected to network ${network.name}`, 1);
    delete c.networks[network.name];
    const endpoint = network.endpoints[c.id];
    delete network.endpoints[c.id];
    const ns = this.runtime.netns(c.id);
    if (ns && endpoint) {
      ns.interfaces = ns.interfaces.filter((i) => i.ip !== endpoint.ip);
      this.host.fabric.changed(ns);
    }
    this.engine.log.append('network.disconnect', { host: this.host.name, id: network.id, name: network.name, container: c.id });
  }

  /** Docker's DNS server at 127.0.0.11: names of containers on the asker's user-defined networks. */
  #embeddedDns(): DnsServer {
    return {
      lookup: (name, from) => {
        const wanted = name.toLowerCase().replace(/\.$/, '');
        const asker = [...this.#containers.values()].find((c) => this.runtimeContainer(c.id).netns === from.id);
        const networks = asker ? Object.keys(asker.networks).map((n) => this.network(n)).filter((n): n is Network => n?.embeddedDns === true) : [];
        const found: string[] = [];
        for (const network of networks) {
          for (const endpoint of Object.values(network.endpoints).sort((a, b) => (a.ip < b.ip ? -1 : 1))) {
            if (endpoint.aliases.some((a) => a.toLowerCase() === wanted) && !found.includes(endpoint.ip)) found.push(endpoint.ip);
          }
        }
        if (found.length > 0) return found;
        return wanted === 'host.docker.internal' ? [this.host.ip] : undefined;
      },
    };
  }

  // --- volumes -----------------------------------------------------------------------------------

  createVolume(name?: string, labels: Record<string, string> = {}): Volume {
    const volumeName = name ?? this.runtime.newId();
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(volumeName)) {
      throw new DockerError(`create ${volumeName}: "${volumeName}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`, 1);
    }
    const existed = this.runtime.volumes.get(volumeName) !== undefined;
    const volume = this.runtime.volumes.create(volumeName, { labels, now: this.#now(), anonymous: name === undefined });
    if (!existed) this.engine.log.append('volume.create', { host: this.host.name, name: volumeName, driver: 'local' });
    return volume;
  }

  removeVolume(name: string, force = false): void {
    const volume = this.runtime.volumes.get(name);
    if (volume === undefined) {
      if (force) return;
      throw new DockerError(`get ${name}: no such volume`, 1);
    }
    const users = this.#volumeUsers(name);
    if (users.length > 0) throw new DockerError(`remove ${name}: volume is in use - [${users.join(', ')}]`, 1);
    this.runtime.volumes.remove(name);
    this.engine.log.append('volume.destroy', { host: this.host.name, name });
  }

  #volumeUsers(name: string): string[] {
    return this.containers().filter((c) => c.hostConfig.Mounts.some((m) => m.type === 'volume' && m.source === name)).map((c) => c.id);
  }

  volumes(): Volume[] {
    return this.runtime.volumes.list();
  }

  volume(name: string): Volume {
    const volume = this.runtime.volumes.get(name);
    if (volume === undefined) throw new DockerError(`get ${name}: no such volume`, 1);
    return volume;
  }

  // --- tasks and snapshots -------------------------------------------------------------------------

  #setTask(key: string, task: number): void {
    this.#cancelTask(key);
    this.#tasks.set(key, task);
  }

  #cancelTask(key: string): void {
    const task = this.#tasks.get(key);
    if (task !== undefined) this.engine.cancel(task);
    this.#tasks.delete(key);
  }

  snapshot(): DockerState {
    return cloneJson({ containers: [...this.#containers.values()], networks: [...this.#networks.values()], tasks: Object.fromEntries(this.#tasks) });
  }

  restore(state: unknown): void {
    const s = cloneJson(state as DockerState);
    this.#containers = new Map(s.containers.map((c) => [c.id, c]));
    this.#networks = new Map(s.networks.map((n) => [n.id, n]));
    this.#tasks = new Map(Object.entries(s.tasks));
  }
}

/** The command as the Engine API lists it: arguments with spaces in single quotes. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((arg, i) => (i > 0 && arg.includes(' ') ? `'${arg}'` : arg)).join(' ');
}

/** go-units HumanDuration, as `docker ps` prints CREATED and STATUS. */
export function dockerHumanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

function isEmpty(volume: Volume): boolean {
  return volume.tree.readdir('/').length === 0;
}

/** Docker fills a new volume with what the image has at its mount point. */
function copyImageContent(image: Image, target: string, into: FileTree): void {
  for (const layer of image.layers) {
    const stat = layer.tree.stat(target);
    if (stat?.kind !== 'dir') continue;
    for (const { path, stat: entry } of layer.tree.walk(target)) {
      const rel = path.slice(target.length) || '/';
      if (rel === '/') continue;
      try {
        if (entry.kind === 'dir') into.mkdir(rel, { recursive: true, mode: entry.mode, uid: entry.uid, gid: entry.gid });
        else if (entry.kind === 'symlink') into.symlink(entry.target!, rel);
        else into.writeFile(rel, layer.tree.readContent(path), { mode: entry.mode, uid: entry.uid, gid: entry.gid });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
      }
    }
  }
}

function sizeOf(tree: FileTree): number {
  let size = 0;
  for (const { stat } of tree.walk('/')) if (stat.kind === 'file') size += stat.size;
  return size;
}
