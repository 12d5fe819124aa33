// A service's container as compose asks the daemon for it (docker/compose pkg/compose/create.go):
// image, command, environment, labels (the project's and compose's own, with the config hash that
// tells `up` whether a running container still matches the file), ports, mounts (named volumes
// `<project>_<name>`, binds from the user's files, secrets and configs as read-only files),
// the first network with the service name as alias, restart policy, resource limits,
// healthcheck and stop settings.

import {
  COMPOSE_LABELS,
  type ComposeProject,
  type ComposeService,
  composeContainerLabels,
  type CreateOptions,
  digestOf,
  DockerError,
  type DockerMount,
  type Healthcheck,
  parseDuration,
  type PortBinding,
  type RestartPolicy,
} from '@dockyard/runtime';
import { copyHostPath } from '../create-options.ts';
import { parseMemory } from '../flags.ts';
import type { ComposeContext } from './compose-context.ts';

type Dict = Record<string, unknown>;
const NS_PER_MS = 1_000_000;

/**
 * compose's ServiceHash: the service's configuration without what may change without a new
 * container (build settings, pull policy, scale and replicas).
 */
export function serviceConfigHash(service: ComposeService): string {
  const config: Dict = { ...service.model };
  delete config.build;
  delete config.pull_policy;
  delete config.scale;
  if (config.deploy !== null && typeof config.deploy === 'object') config.deploy = { ...(config.deploy as Dict), replicas: 1 };
  return digestOf(JSON.stringify(config)).slice('sha256:'.length);
}

export interface ContainerRequest {
  name: string;
  number: number;
  /** The image id the service's image reference resolves to (the `com.docker.compose.image` label). */
  imageId: string;
  oneOff?: boolean;
  /** `run`'s command and overrides. */
  command?: string[];
  entrypoint?: string[];
  extraEnv?: string[];
  tty?: boolean;
  interactive?: boolean;
  /** `run --rm` */
  autoRemove?: boolean;
  /** `run` without --service-ports publishes nothing. */
  publish?: boolean;
  /** A recreated container's anonymous volumes, kept for its successor (compose's inherit). */
  inheritedMounts?: DockerMount[];
  /** One-offs are not given the service name as alias (unless `run --use-aliases`). */
  useAliases?: boolean;
  /** `run -l`, and the one-off's slug. */
  labels?: Record<string, string>;
  /** `run -p` */
  ports?: PortBinding[];
}

/** The create request for one container of a service. Copies bind sources into the Docker host. */
export function containerOptions(ctx: ComposeContext, project: ComposeProject, service: ComposeService, request: ContainerRequest): CreateOptions {
  const model = service.model as Dict;
  const labels: Record<string, string> = {
    ...composeContainerLabels(project, service, request.number, { oneoff: request.oneOff ?? false }),
    [COMPOSE_LABELS.configHash]: serviceConfigHash(service),
    [COMPOSE_LABELS.image]: request.imageId,
    ...request.labels,
  };
  const env = Object.entries(service.environment)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  const options: CreateOptions = {
    name: request.name,
    image: service.image,
    labels,
    env: [...env, ...(request.extraEnv ?? [])],
    tty: request.tty ?? service.tty,
    openStdin: request.interactive ?? service.stdinOpen,
  };
  const command = request.command ?? service.command;
  if (command !== undefined) options.cmd = command;
  const entrypoint = request.entrypoint ?? service.entrypoint;
  if (entrypoint !== undefined) options.entrypoint = entrypoint;
  if (service.workingDir !== undefined) options.workingDir = service.workingDir;
  if (service.user !== undefined) options.user = service.user;
  if (service.hostname !== undefined) options.hostname = service.hostname;
  if (typeof model.domainname === 'string') options.domainname = model.domainname;
  if (service.stopSignal !== undefined) options.stopSignal = service.stopSignal;
  if (model.stop_grace_period !== undefined) options.stopTimeout = Math.floor(service.stopGracePeriodMs / 1000);
  if (service.init) options.init = true;
  if (request.autoRemove) options.autoRemove = true;
  if (service.expose.length > 0) options.expose = service.expose;
  const bindings = [...(request.publish ?? true ? service.ports.map(portBinding) : []), ...(request.ports ?? [])];
  if (bindings.length > 0) options.portBindings = bindings;
  const healthcheck = healthcheckOf(service);
  if (healthcheck !== undefined) options.healthcheck = healthcheck;
  const restart = restartPolicy(service);
  if (restart !== undefined) options.restartPolicy = restart;
  Object.assign(options, resources(service));
  Object.assign(options, networking(ctx, project, service, request));
  const mounts = [...serviceMounts(ctx, project, service), ...(request.inheritedMounts ?? [])];
  if (mounts.length > 0) options.mounts = mounts;
  const dns = Array.isArray(model.dns) ? model.dns.map(String) : [];
  if (dns.length > 0) options.dns = dns;
  const extraHosts = extraHostsOf(model.extra_hosts);
  if (extraHosts.length > 0) options.extraHosts = extraHosts;
  return options;
}

function portBinding(port: ComposeService['ports'][number]): PortBinding {
  const published = port.published === undefined || port.published === '' ? 0 : Number(port.published.split('-')[0]);
  return { containerPort: port.target, protocol: port.protocol === 'udp' ? 'udp' : 'tcp', hostIp: port.hostIp ?? '', hostPort: published };
}

/**
 * The file's healthcheck as compose sends it: only what the file sets (the daemon applies its
 * defaults when it runs the checks, so `docker inspect` shows no defaults), in Go's field order.
 */
function healthcheckOf(service: ComposeService): Healthcheck | undefined {
  const check = service.healthcheck;
  const raw = (service.model as Dict).healthcheck as Dict | undefined;
  if (check === undefined || raw === undefined) return undefined;
  if (check.disabled) return { Test: ['NONE'] };
  const ns = (key: string) => (raw[key] === undefined ? 0 : parseDuration(String(raw[key])) * NS_PER_MS);
  const out: Healthcheck = {};
  // Without a test of its own the image's HEALTHCHECK test runs, on the service's timings.
  if (check.test.length > 0) out.Test = check.test;
  if (ns('interval')) out.Interval = ns('interval');
  if (ns('timeout')) out.Timeout = ns('timeout');
  if (ns('start_period')) out.StartPeriod = ns('start_period');
  if (ns('start_interval')) out.StartInterval = ns('start_interval');
  if (raw.retries !== undefined && Number(raw.retries) > 0) out.Retries = Number(raw.retries);
  return out;
}

/** `restart:`, else swarm's `deploy.restart_policy` as compose maps it for a plain engine. */
function restartPolicy(service: ComposeService): RestartPolicy | undefined {
  if ('restart' in service.model) return { Name: service.restart.name as RestartPolicy['Name'], MaximumRetryCount: service.restart.maxRetries };
  const deploy = (service.model as Dict).deploy as Dict | undefined;
  const policy = deploy?.restart_policy as Dict | undefined;
  if (policy === undefined) return undefined;
  const condition = String(policy.condition ?? 'any');
  const name = condition === 'none' ? 'no' : condition === 'on-failure' ? 'on-failure' : 'always';
  return { Name: name, MaximumRetryCount: name === 'on-failure' ? Number(policy.max_attempts ?? 0) : 0 };
}

function resources(service: ComposeService): Partial<CreateOptions> {
  const model = service.model as Dict;
  const out: Partial<CreateOptions> = {};
  const memory = service.limits.memoryBytes ?? bytes(model.mem_limit);
  if (memory !== undefined) out.memory = memory;
  const cpus = service.limits.cpus ?? (model.cpus === undefined ? undefined : Number(model.cpus));
  if (cpus !== undefined) out.nanoCpus = Math.round(cpus * 1e9);
  const pids = service.limits.pids ?? (model.pids_limit === undefined ? undefined : Number(model.pids_limit));
  if (pids !== undefined) out.pidsLimit = pids;
  if (model.cpu_shares !== undefined) out.cpuShares = Number(model.cpu_shares);
  return out;
}

function bytes(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseMemory(value);
  return undefined;
}

/**
 * The network the container is created on (the service's first, by priority), with the service
 * name and its aliases: the others are connected before it starts (see `connectOtherNetworks`).
 */
function networking(ctx: ComposeContext, project: ComposeProject, service: ComposeService, request: ContainerRequest): Partial<CreateOptions> {
  const mode = service.networkMode;
  if (mode !== undefined) {
    if (mode.startsWith('service:')) {
      const other = mode.slice('service:'.length);
      const target = ctx.containers(project.name, { services: [other] }).find((c) => ctx.world.runtime.get(c.id)?.state.status === 'running');
      if (target === undefined) throw new DockerError(`service ${other} is not running`, 1);
      return { networkMode: `container:${target.id}` };
    }
    return { networkMode: mode };
  }
  const first = service.networks[0];
  if (first === undefined) return { networkMode: 'none' };
  const network = project.networks[first.network]!;
  const aliases = request.useAliases === false ? first.aliases : [service.name, ...first.aliases];
  return { networkMode: network.name, ...(aliases.length > 0 && network.name !== 'bridge' ? { networkAliases: aliases } : {}), ...(first.ipv4Address ? { ip: first.ipv4Address } : {}) };
}

/** Connects a created container to the service's other networks, each with its aliases. */
export function connectOtherNetworks(ctx: ComposeContext, project: ComposeProject, service: ComposeService, containerId: string, useAliases = true): void {
  if (service.networkMode !== undefined) return;
  for (const attachment of service.networks.slice(1)) {
    const network = project.networks[attachment.network]!;
    const aliases = useAliases ? [service.name, ...attachment.aliases] : attachment.aliases;
    ctx.docker.connect(network.name, containerId, { aliases, ...(attachment.ipv4Address ? { ip: attachment.ipv4Address } : {}) });
  }
}

const bindMissing = (path: string) => new DockerError(`invalid mount config for type "bind": bind source path does not exist: ${path}`, 1);

function serviceMounts(ctx: ComposeContext, project: ComposeProject, service: ComposeService): DockerMount[] {
  const { session } = ctx;
  const mounts: DockerMount[] = [];
  for (const volume of service.volumes) {
    if (volume.type === 'volume') {
      const source = volume.source === undefined ? '' : (project.volumes[volume.source]?.name ?? volume.source);
      mounts.push({ type: 'volume', source, target: volume.target, readOnly: volume.readOnly });
    } else if (volume.type === 'bind' && volume.source !== undefined) {
      if (!volume.createHostPath && session.files.stat(volume.source) === undefined) throw bindMissing(volume.source);
      copyHostPath(session, volume.source);
      mounts.push({ type: 'bind', source: volume.source, target: volume.target, readOnly: volume.readOnly });
    } else if (volume.type === 'tmpfs') {
      mounts.push({ type: 'tmpfs', source: '', target: volume.target, readOnly: false });
    }
  }
  // Without swarm, compose mounts file-backed secrets and configs read-only from the host.
  for (const [mountsOf, objects] of [
    [service.secrets, project.secrets],
    [service.configs, project.configs],
  ] as const) {
    for (const mount of mountsOf) {
      const file = objects[mount.source]?.file;
      if (file === undefined) continue;
      if (session.files.stat(file) === undefined) throw bindMissing(file);
      copyHostPath(session, file);
      mounts.push({ type: 'bind', source: file, target: mount.target, readOnly: true });
    }
  }
  return mounts;
}

/** Secrets and configs given as `environment:` or `content:` are written into the created container. */
export function injectFileObjects(ctx: ComposeContext, project: ComposeProject, service: ComposeService, containerId: string): void {
  for (const [mountsOf, objects] of [
    [service.secrets, project.secrets],
    [service.configs, project.configs],
  ] as const) {
    for (const mount of mountsOf) {
      const object = objects[mount.source];
      if (object === undefined || object.file !== undefined) continue;
      const content = object.content ?? (object.environment !== undefined ? (project.environment[object.environment] ?? '') : undefined);
      if (content === undefined) continue;
      const fs = ctx.docker.fs(containerId);
      const dir = mount.target.slice(0, mount.target.lastIndexOf('/')) || '/';
      fs.mkdir(dir, { recursive: true });
      fs.writeFile(mount.target, content, { mode: mount.mode ?? 0o444 });
    }
  }
}

/** `extra_hosts` as a list of `host:ip` (compose accepts `host=ip` and a mapping too). */
function extraHostsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((entry) => String(entry).replace('=', ':'));
  if (value !== null && typeof value === 'object') return Object.entries(value as Dict).map(([host, ip]) => `${host}:${Array.isArray(ip) ? ip[0] : ip}`);
  return [];
}
