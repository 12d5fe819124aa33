// The merged model made final, as compose-go's Normalize and path resolution do it: relative paths
// absolute (against the project directory, `~` against $HOME), build defaults, every service on
// the `default` network unless it names its own, final names for networks, volumes, secrets and
// configs (`<project>_<key>`), durations and sizes in compose's printed form, and each service's
// environment resolved from its env files and the project environment.

import { parseRamBytes, ByteUnitsError } from './byte-units.ts';
import { DotEnvError, parseDotEnv } from './dotenv.ts';
import { ComposeError, type ComposeWarnings } from './errors.ts';
import { type ComposeFileSource, resolvePath } from './file-source.ts';
import type { Lookup } from './interpolation.ts';
import type { VolumeMountConfig } from './volume-spec.ts';
import type { ComposeDict } from './yaml-file.ts';
import { DurationError, formatGoDuration, parseDuration } from '../sim/duration.ts';

export interface NormalizeContext {
  projectName: string;
  workingDir: string;
  lookup: Lookup;
  source: ComposeFileSource;
  warnings: ComposeWarnings;
}

function isDict(value: unknown): value is ComposeDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Remote build contexts (git URLs, tarballs over HTTP) are not paths. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/');
}

export function expandHome(path: string, lookup: Lookup): string {
  if (path === '~' || path.startsWith('~/')) return `${lookup('HOME') ?? '/root'}${path.slice(1)}`;
  return path;
}

/** Final names and resolved paths for the whole model (all services, enabled or not). */
export function normalizeModel(model: ComposeDict, ctx: NormalizeContext): ComposeDict {
  const out: ComposeDict = { ...model };
  const services = isDict(out.services) ? out.services : {};
  out.services = Object.fromEntries(
    Object.entries(services).map(([name, service]) => [name, normalizeService(name, isDict(service) ? service : {}, ctx)]),
  );
  const usesDefault = Object.values(out.services as ComposeDict).some(
    (service) => isDict((service as ComposeDict).networks) && 'default' in ((service as ComposeDict).networks as ComposeDict),
  );
  const networks: ComposeDict = isDict(out.networks) ? { ...out.networks } : {};
  if (usesDefault && !('default' in networks)) networks.default = {};
  out.networks = nameResources(networks, ctx.projectName);
  out.volumes = nameResources(isDict(out.volumes) ? out.volumes : {}, ctx.projectName);
  for (const kind of ['secrets', 'configs']) {
    if (!isDict(out[kind])) continue;
    const named = nameResources(out[kind], ctx.projectName);
    for (const resource of Object.values(named) as ComposeDict[]) {
      if (typeof resource.file === 'string') resource.file = resolvePath(ctx.workingDir, expandHome(resource.file, ctx.lookup));
    }
    out[kind] = named;
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs']) {
    if (isDict(out[kind]) && Object.keys(out[kind]).length === 0) delete out[kind];
  }
  return out;
}

function nameResources(resources: ComposeDict, project: string): ComposeDict {
  const out: ComposeDict = {};
  for (const [key, value] of Object.entries(resources)) {
    const resource: ComposeDict = isDict(value) ? { ...value } : {};
    if (typeof resource.name !== 'string') resource.name = resource.external === true ? key : `${project}_${key}`;
    // compose prints `name` first.
    out[key] = { name: resource.name, ...resource };
  }
  return out;
}

function normalizeService(name: string, input: ComposeDict, ctx: NormalizeContext): ComposeDict {
  const service: ComposeDict = { ...input };
  const path = `services.${name}`;

  if (service.networks === undefined && service.network_mode === undefined) service.networks = { default: null };
  addImplicitDependencies(service);

  if (isDict(service.build)) {
    const build: ComposeDict = { ...service.build };
    const context = typeof build.context === 'string' ? build.context : '.';
    build.context = isRemoteContext(context) ? context : resolvePath(ctx.workingDir, expandHome(context, ctx.lookup));
    if (build.dockerfile === undefined && build.dockerfile_inline === undefined) build.dockerfile = 'Dockerfile';
    if (isDict(build.args)) build.args = resolveNulls(build.args, ctx.lookup);
    service.build = build;
  }

  if (Array.isArray(service.env_file)) {
    service.env_file = service.env_file.map((entry) => {
      const file = entry as ComposeDict;
      return { ...file, path: resolvePath(ctx.workingDir, expandHome(String(file.path), ctx.lookup)) };
    });
  }

  if (Array.isArray(service.volumes)) {
    service.volumes = service.volumes.map((mount) => {
      const volume = { ...(mount as VolumeMountConfig) };
      if (volume.type === 'bind' && typeof volume.source === 'string') {
        volume.source = resolvePath(ctx.workingDir, expandHome(volume.source, ctx.lookup));
      }
      return volume;
    });
  }

  if (isDict(service.healthcheck)) {
    const healthcheck: ComposeDict = { ...service.healthcheck };
    for (const key of ['interval', 'timeout', 'start_period', 'start_interval']) {
      if (healthcheck[key] !== undefined) healthcheck[key] = goDuration(healthcheck[key], `${path}.healthcheck.${key}`);
    }
    if (typeof healthcheck.retries === 'string') healthcheck.retries = Number(healthcheck.retries);
    service.healthcheck = healthcheck;
  }
  if (service.stop_grace_period !== undefined) service.stop_grace_period = goDuration(service.stop_grace_period, `${path}.stop_grace_period`);

  if (isDict(service.deploy) && isDict(service.deploy.resources)) {
    const resources: ComposeDict = { ...service.deploy.resources };
    for (const kind of ['limits', 'reservations']) {
      if (!isDict(resources[kind])) continue;
      const resource: ComposeDict = { ...(resources[kind] as ComposeDict) };
      if (resource.cpus !== undefined) resource.cpus = cpus(resource.cpus, `${path}.deploy.resources.${kind}.cpus`);
      if (resource.memory !== undefined) resource.memory = String(bytes(resource.memory, `${path}.deploy.resources.${kind}.memory`));
      resources[kind] = resource;
    }
    service.deploy = { ...service.deploy, resources };
  }
  for (const key of ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size']) {
    if (service[key] !== undefined) service[key] = String(bytes(service[key], `${path}.${key}`));
  }

  const replicas = isDict(service.deploy) ? service.deploy.replicas : undefined;
  if (service.scale !== undefined && replicas !== undefined && Number(service.scale) !== Number(replicas)) {
    throw new ComposeError(`services.${name}: can't set distinct values on 'scale' and 'deploy.replicas'`);
  }
  return service;
}

/**
 * Links, `service:` namespaces (network_mode, ipc, pid, uts, cgroup) and volumes_from make a
 * service depend on another one, as if listed in depends_on (compose-go's Normalize).
 */
function addImplicitDependencies(service: ComposeDict): void {
  const implicit: [string, boolean][] = [];
  for (const link of (service.links as unknown[] | undefined) ?? []) implicit.push([String(link).split(':')[0]!, true]);
  for (const key of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const value = service[key];
    if (typeof value === 'string' && value.startsWith('service:')) implicit.push([value.slice('service:'.length), true]);
  }
  for (const from of (service.volumes_from as unknown[] | undefined) ?? []) {
    const text = String(from);
    if (!text.startsWith('container:')) implicit.push([text.split(':')[0]!, false]);
  }
  if (implicit.length === 0) return;
  const dependsOn: ComposeDict = { ...((service.depends_on as ComposeDict | undefined) ?? {}) };
  for (const [name, restart] of implicit) {
    dependsOn[name] ??= restart
      ? { condition: 'service_started', restart: true, required: true }
      : { condition: 'service_started', required: true };
  }
  service.depends_on = dependsOn;
}

function resolveNulls(map: ComposeDict, lookup: Lookup): ComposeDict {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, value === null ? (lookup(key) ?? null) : value]));
}

function goDuration(value: unknown, path: string): string {
  try {
    return formatGoDuration(parseDuration(String(value)));
  } catch (error) {
    if (error instanceof DurationError) throw new ComposeError(`${path}: ${error.message}`);
    throw error;
  }
}

function bytes(value: unknown, path: string): number {
  try {
    return parseRamBytes(value as string | number);
  } catch (error) {
    if (error instanceof ByteUnitsError) throw new ComposeError(`${path}: ${error.message}`);
    throw error;
  }
}

function cpus(value: unknown, path: string): number {
  const number = Number(value);
  if (Number.isNaN(number)) {
    throw new ComposeError(`${path}: strconv.ParseFloat: parsing ${JSON.stringify(String(value))}: invalid syntax`);
  }
  return number;
}

/**
 * A service's container environment: its env files in order (each may use the variables of the
 * ones before), then `environment:` on top; a bare variable takes the project environment's value
 * or stays unset (null). A missing required env file is compose's error.
 */
export function resolveServiceEnvironment(service: ComposeDict, ctx: NormalizeContext): ComposeDict {
  const environment: Record<string, string | null> = {};
  const envLookup: Lookup = (key) => environment[key] ?? ctx.lookup(key);
  for (const entry of (service.env_file as ComposeDict[] | undefined) ?? []) {
    const file = String(entry.path);
    if (!ctx.source.exists(file) || ctx.source.isDirectory(file)) {
      if (entry.required === false) continue;
      throw new ComposeError(`env file ${file} not found: stat ${file}: no such file or directory`);
    }
    try {
      for (const [key, value] of parseDotEnv(ctx.source.readText(file), envLookup, ctx.warnings)) environment[key] = value;
    } catch (error) {
      if (error instanceof DotEnvError) throw new ComposeError(`failed to read ${file}: ${error.message}`);
      throw error;
    }
  }
  const own = isDict(service.environment) ? service.environment : {};
  for (const [key, value] of Object.entries(own)) environment[key] = value === null ? (ctx.lookup(key) ?? null) : String(value);
  if (Object.keys(environment).length === 0 && service.environment === undefined) return service;
  return { ...service, environment };
}
