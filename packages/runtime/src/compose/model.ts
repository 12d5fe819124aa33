// The typed compose project that `up` walks: every service with its defaults applied, paths
// absolute, names final. Built from the merged, interpolated, canonical model (kept as `model`,
// which `docker compose config` prints).

import type { ComposeDict } from './yaml-file.ts';

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface ComposeDependency {
  service: string;
  condition: DependencyCondition;
  /** Default true; when false a missing dependency is only a warning. */
  required: boolean;
  /** Restart this service when compose restarts or updates the dependency. */
  restart: boolean;
}

export interface ComposePort {
  target: number;
  /** Host port or range (`8080`, `8000-8010`); absent when compose picks a free one. */
  published?: string;
  hostIp?: string;
  protocol: string;
  mode: string;
  name?: string;
  appProtocol?: string;
}

export interface ComposeServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** bind: absolute host path; volume: the project's volume key (absent when anonymous). */
  source?: string;
  target: string;
  readOnly: boolean;
  /** bind only: create a missing host path (short syntax) rather than fail (long syntax). */
  createHostPath: boolean;
  noCopy: boolean;
  subpath?: string;
  tmpfsSizeBytes?: number;
}

export interface ComposeServiceNetwork {
  /** The project's network key (`default`, `backend`). */
  network: string;
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  priority: number;
}

export interface ComposeHealthcheck {
  /** `["NONE"]`, `["CMD", ...]` or `["CMD-SHELL", "..."]`; empty means the image's own test. */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
  disabled: boolean;
}

export interface ComposeBuild {
  /** Absolute directory (or a URL, kept as written). */
  context: string;
  /** Relative to the context, as docker build takes it. */
  dockerfile: string;
  dockerfileInline?: string;
  target?: string;
  args: Record<string, string | null>;
  labels: Record<string, string>;
  noCache: boolean;
  pull: boolean;
  tags: string[];
}

export interface ComposeResources {
  cpus?: number;
  memoryBytes?: number;
  pids?: number;
}

export interface ComposeRestartPolicy {
  /** `no`, `always`, `on-failure` or `unless-stopped`; anything else is kept for the engine to refuse. */
  name: string;
  /** on-failure[:N] */
  maxRetries: number;
}

export interface ComposeFileMount {
  /** The project's secret/config key. */
  source: string;
  target: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface ComposeService {
  name: string;
  /** The image to run: `image:`, or `<project>-<service>` for a build without one. */
  image: string;
  build?: ComposeBuild;
  /** undefined: the image's CMD. */
  command?: string[];
  entrypoint?: string[];
  /** Final container environment: env_file values, then `environment:`; null = unset. */
  environment: Record<string, string | null>;
  envFiles: { path: string; required: boolean }[];
  ports: ComposePort[];
  expose: string[];
  volumes: ComposeServiceVolume[];
  /** Sorted by priority, then name. Empty with a network_mode. */
  networks: ComposeServiceNetwork[];
  networkMode?: string;
  dependsOn: ComposeDependency[];
  healthcheck?: ComposeHealthcheck;
  restart: ComposeRestartPolicy;
  /** deploy.replicas or scale; 1 by default. */
  replicas: number;
  limits: ComposeResources;
  reservations: ComposeResources;
  /** The service's own labels (compose adds its own on containers, see composeContainerLabels). */
  labels: Record<string, string>;
  containerName?: string;
  hostname?: string;
  user?: string;
  workingDir?: string;
  profiles: string[];
  secrets: ComposeFileMount[];
  configs: ComposeFileMount[];
  stopGracePeriodMs: number;
  stopSignal?: string;
  tty: boolean;
  stdinOpen: boolean;
  init: boolean;
  privileged: boolean;
  readOnly: boolean;
  pullPolicy?: string;
  platform?: string;
  /** The canonical model of this service, for anything not modelled above. */
  model: ComposeDict;
}

export interface ComposeNetwork {
  key: string;
  /** The engine network's name: `<project>_<key>`, or `name:`, or the key when external. */
  name: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
}

export interface ComposeVolume {
  key: string;
  /** The engine volume's name: `<project>_<key>`, or `name:`, or the key when external. */
  name: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

export interface ComposeFileObject {
  key: string;
  name: string;
  /** Absolute path on the host, for file-backed secrets and configs. */
  file?: string;
  environment?: string;
  content?: string;
  external: boolean;
}

export interface ComposeProject {
  name: string;
  /** Absolute project directory: relative paths in the files are resolved against it. */
  workingDir: string;
  /** Absolute paths of the files merged, in order. */
  configFiles: string[];
  /** Variables interpolation saw: the caller's environment over `.env`. */
  environment: Record<string, string>;
  /** Env files read for interpolation (`.env` or `--env-file`). */
  envFiles: string[];
  /** Profiles enabled (`--profile`, COMPOSE_PROFILES). */
  profiles: string[];
  /** Active services, by name (sorted). */
  services: Record<string, ComposeService>;
  /** Services left out because none of their profiles is enabled. */
  disabledServices: Record<string, ComposeService>;
  networks: Record<string, ComposeNetwork>;
  volumes: Record<string, ComposeVolume>;
  secrets: Record<string, ComposeFileObject>;
  configs: Record<string, ComposeFileObject>;
  /** The merged, interpolated, canonical model of the active project (what `config` prints). */
  model: ComposeDict;
}
