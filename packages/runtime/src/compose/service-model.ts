// The typed view of one canonical service, with compose's and docker's defaults filled in:
// healthcheck 30s interval / 30s timeout / 3 retries / 0s start period / 5s start interval (the
// Dockerfile HEALTHCHECK defaults, which compose uses), one replica, restart "no", 10s stop grace.

import { parseDuration } from '../sim/duration.ts';
import type {
  ComposeBuild,
  ComposeDependency,
  ComposeFileMount,
  ComposeHealthcheck,
  ComposePort,
  ComposeResources,
  ComposeRestartPolicy,
  ComposeService,
  ComposeServiceNetwork,
  ComposeServiceVolume,
  DependencyCondition,
} from './model.ts';
import type { ComposeDict } from './yaml-file.ts';

// docs.docker.com/reference/dockerfile/#healthcheck; reference §9 and §11.
export const HEALTHCHECK_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
} as const;

/** docker stop's default grace period before SIGKILL. */
export const DEFAULT_STOP_GRACE_MS = 10_000;

type Dict = ComposeDict;
const dict = (value: unknown): Dict => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));
const bool = (value: unknown): boolean => value === true || value === 'true';

/** The image compose runs for a service: its `image:`, else the one it builds, `<project>-<service>`. */
export function serviceImageName(project: string, name: string, service: Dict): string {
  return typeof service.image === 'string' ? service.image : `${project}-${name}`;
}

export function buildServiceModel(project: string, name: string, service: Dict): ComposeService {
  const deploy = dict(service.deploy);
  const resources = dict(deploy.resources);
  return {
    name,
    image: serviceImageName(project, name, service),
    build: service.build === undefined ? undefined : buildConfig(dict(service.build)),
    command: Array.isArray(service.command) ? service.command.map(String) : undefined,
    entrypoint: Array.isArray(service.entrypoint) ? service.entrypoint.map(String) : undefined,
    environment: Object.fromEntries(Object.entries(dict(service.environment)).map(([k, v]) => [k, text(v) ?? null])),
    envFiles: list(service.env_file).map((entry) => ({ path: String(dict(entry).path), required: dict(entry).required !== false })),
    ports: list(service.ports).map((port) => portModel(dict(port))),
    expose: list(service.expose).map(String),
    volumes: list(service.volumes).map((volume) => volumeModel(dict(volume))),
    networks: networksModel(service.networks),
    networkMode: text(service.network_mode),
    dependsOn: Object.entries(dict(service.depends_on))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([dependency, config]) => dependencyModel(dependency, dict(config))),
    healthcheck: service.healthcheck === undefined ? undefined : healthcheckModel(dict(service.healthcheck)),
    restart: restartPolicy(text(service.restart)),
    replicas: Number(deploy.replicas ?? service.scale ?? 1),
    limits: resourcesModel(dict(resources.limits)),
    reservations: resourcesModel(dict(resources.reservations)),
    labels: Object.fromEntries(Object.entries(dict(service.labels)).map(([k, v]) => [k, String(v ?? '')])),
    containerName: text(service.container_name),
    hostname: text(service.hostname),
    user: text(service.user),
    workingDir: text(service.working_dir),
    profiles: list(service.profiles).map(String),
    secrets: list(service.secrets).map((mount) => fileMount(dict(mount), '/run/secrets/')),
    configs: list(service.configs).map((mount) => fileMount(dict(mount), '/')),
    stopGracePeriodMs: service.stop_grace_period === undefined ? DEFAULT_STOP_GRACE_MS : parseDuration(String(service.stop_grace_period)),
    stopSignal: text(service.stop_signal),
    tty: bool(service.tty),
    stdinOpen: bool(service.stdin_open),
    init: bool(service.init),
    privileged: bool(service.privileged),
    readOnly: bool(service.read_only),
    pullPolicy: text(service.pull_policy),
    platform: text(service.platform),
    model: service,
  };
}

function buildConfig(build: Dict): ComposeBuild {
  return {
    context: String(build.context),
    dockerfile: String(build.dockerfile ?? 'Dockerfile'),
    dockerfileInline: text(build.dockerfile_inline),
    target: text(build.target),
    args: Object.fromEntries(Object.entries(dict(build.args)).map(([k, v]) => [k, text(v) ?? null])),
    labels: Object.fromEntries(Object.entries(dict(build.labels)).map(([k, v]) => [k, String(v ?? '')])),
    noCache: bool(build.no_cache),
    pull: bool(build.pull),
    tags: list(build.tags).map(String),
  };
}

function portModel(port: Dict): ComposePort {
  return {
    target: Number(port.target),
    published: text(port.published),
    hostIp: text(port.host_ip),
    protocol: String(port.protocol ?? 'tcp'),
    mode: String(port.mode ?? 'ingress'),
    name: text(port.name),
    appProtocol: text(port.app_protocol),
  };
}

function volumeModel(volume: Dict): ComposeServiceVolume {
  const bind = dict(volume.bind);
  const options = dict(volume.volume);
  const tmpfs = dict(volume.tmpfs);
  return {
    type: String(volume.type) as ComposeServiceVolume['type'],
    source: text(volume.source),
    target: String(volume.target ?? ''),
    readOnly: bool(volume.read_only),
    createHostPath: bool(bind.create_host_path),
    noCopy: bool(options.nocopy),
    subpath: text(options.subpath),
    tmpfsSizeBytes: tmpfs.size === undefined ? undefined : Number(tmpfs.size),
  };
}

function networksModel(networks: unknown): ComposeServiceNetwork[] {
  return Object.entries(dict(networks))
    .map(([network, config]) => {
      const options = dict(config);
      return {
        network,
        aliases: list(options.aliases).map(String),
        ipv4Address: text(options.ipv4_address),
        ipv6Address: text(options.ipv6_address),
        priority: Number(options.priority ?? 0),
      };
    })
    .sort((a, b) => b.priority - a.priority || (a.network < b.network ? -1 : 1));
}

function dependencyModel(service: string, config: Dict): ComposeDependency {
  return {
    service,
    condition: String(config.condition ?? 'service_started') as DependencyCondition,
    required: config.required !== false,
    restart: bool(config.restart),
  };
}

function durationMs(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(String(value));
  // Zero means "use the default", as the engine reads a healthcheck.
  return ms === 0 ? fallback : ms;
}

export function healthcheckModel(healthcheck: Dict): ComposeHealthcheck {
  const test = list(healthcheck.test).map(String);
  const disabled = bool(healthcheck.disable) || test[0] === 'NONE';
  return {
    test: disabled ? ['NONE'] : test,
    intervalMs: durationMs(healthcheck.interval, HEALTHCHECK_DEFAULTS.intervalMs),
    timeoutMs: durationMs(healthcheck.timeout, HEALTHCHECK_DEFAULTS.timeoutMs),
    retries: Number(healthcheck.retries ?? 0) || HEALTHCHECK_DEFAULTS.retries,
    startPeriodMs: durationMs(healthcheck.start_period, HEALTHCHECK_DEFAULTS.startPeriodMs),
    startIntervalMs: durationMs(healthcheck.start_interval, HEALTHCHECK_DEFAULTS.startIntervalMs),
    disabled,
  };
}

/** `no`, `always`, `unless-stopped`, `on-failure[:N]`; anything else is the engine's to refuse. */
export function restartPolicy(value: string | undefined): ComposeRestartPolicy {
  if (value === undefined || value === '') return { name: 'no', maxRetries: 0 };
  const [name, retries] = value.split(':');
  return { name: name!, maxRetries: retries === undefined ? 0 : Number(retries) };
}

function resourcesModel(resource: Dict): ComposeResources {
  return {
    cpus: resource.cpus === undefined ? undefined : Number(resource.cpus),
    memoryBytes: resource.memory === undefined ? undefined : Number(resource.memory),
    pids: resource.pids === undefined ? undefined : Number(resource.pids),
  };
}

function fileMount(mount: Dict, defaultDir: string): ComposeFileMount {
  const source = String(mount.source);
  return {
    source,
    target: text(mount.target) ?? `${defaultDir}${source}`,
    uid: text(mount.uid),
    gid: text(mount.gid),
    mode: mount.mode === undefined ? undefined : Number(mount.mode),
  };
}
