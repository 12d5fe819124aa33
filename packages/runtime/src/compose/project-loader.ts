// Loading a compose project the way `docker compose` does before it talks to an engine:
// find the files, read `.env`, settle the project name, then for each file parse, interpolate,
// validate against the schema, canonicalize and merge; normalize names and paths; apply profiles;
// check the model is consistent (images, networks, volumes, secrets, dependencies, cycles).

import { checkDependencyCycles, type DependencyMap } from './dependency-graph.ts';
import { DotEnvError, parseDotEnv } from './dotenv.ts';
import { canonicalizeFile } from './canonical.ts';
import { applyExtends, type ReadComposeFile } from './extends.ts';
import { ComposeError, ComposeWarnings } from './errors.ts';
import { basename, type ComposeFileSource, dirname, joinPath, resolvePath } from './file-source.ts';
import { interpolateDict, type Lookup, substitute } from './interpolation.ts';
import { dedupeLists, mergeComposeFiles, stripTags } from './merge.ts';
import type { ComposeFileObject, ComposeNetwork, ComposeProject, ComposeService, ComposeVolume } from './model.ts';
import { normalizeModel, type NormalizeContext, resolveServiceEnvironment } from './normalize.ts';
import { selectByProfiles, serviceProfiles } from './profiles.ts';
import { validateComposeSchema } from './schema-validation.ts';
import { buildServiceModel } from './service-model.ts';
import { type ComposeDict, parseComposeYaml } from './yaml-file.ts';

export interface ComposeLoadOptions {
  source: ComposeFileSource;
  /** The directory the command runs in (absolute). */
  cwd: string;
  /** The caller's environment (the shell's, in the CLI). */
  env?: Record<string, string>;
  /** `-f` files, in order; relative to cwd. Without them compose looks for compose.yaml & co. */
  files?: string[];
  /** `-p` */
  projectName?: string;
  /** `--project-directory` */
  projectDirectory?: string;
  /** `--profile` (else COMPOSE_PROFILES) */
  profiles?: string[];
  /** `--env-file` (else `.env` in the project directory) */
  envFiles?: string[];
  /** Services named on the command line: they must exist, and their profiles are enabled. */
  services?: string[];
}

export interface LoadedComposeProject {
  project: ComposeProject;
  /** Compose's warnings, without the CLI's `WARN[0000] ` prefix. */
  warnings: string[];
}

export class ComposeLoadError extends ComposeError {
  constructor(
    message: string,
    /** Warnings compose would have printed before failing. */
    readonly warnings: string[],
  ) {
    super(message);
  }
}

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const COMPOSE_OVERRIDE_FILE_NAMES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

export function loadComposeProject(options: ComposeLoadOptions): LoadedComposeProject {
  const warnings = new ComposeWarnings();
  try {
    return { project: load(options, warnings), warnings: warnings.list() };
  } catch (error) {
    if (error instanceof ComposeError) throw new ComposeLoadError(error.message, warnings.list());
    throw error;
  }
}

/** compose-go's NormalizeProjectName: lower case, only [a-z0-9_-], no leading `_` or `-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

function isFile(source: ComposeFileSource, path: string): boolean {
  return source.exists(path) && !source.isDirectory(path);
}

/**
 * The files compose reads: `-f` files, else COMPOSE_FILE, else the first of compose.yaml,
 * compose.yml, docker-compose.yaml, docker-compose.yml found in the directory or its parents,
 * plus its override file from the same directory.
 */
export function findComposeFiles(options: ComposeLoadOptions, warnings: ComposeWarnings): string[] {
  const { source, cwd } = options;
  const env = options.env ?? {};
  const base = options.projectDirectory ? resolvePath(cwd, options.projectDirectory) : cwd;
  let files = options.files ?? [];
  if (files.length === 0 && env.COMPOSE_FILE) files = env.COMPOSE_FILE.split(env.COMPOSE_PATH_SEPARATOR ?? ':').filter(Boolean);
  if (files.length > 0) {
    const paths = files.map((file) => resolvePath(cwd, file));
    for (const path of paths) {
      if (!isFile(source, path)) {
        throw new ComposeError(`open ${path}: ${source.exists(path) ? 'is a directory' : 'no such file or directory'}`);
      }
    }
    return paths;
  }
  for (let dir = base; ; dir = dirname(dir)) {
    const found = COMPOSE_FILE_NAMES.map((name) => joinPath(dir, name)).filter((path) => isFile(source, path));
    if (found.length > 0) {
      if (found.length > 1) {
        warnings.add(`Found multiple config files with supported names: ${found.join(', ')}`);
        warnings.add(`Using ${found[0]}`);
      }
      const overrides = COMPOSE_OVERRIDE_FILE_NAMES.map((name) => joinPath(dir, name)).filter((path) => isFile(source, path));
      if (overrides.length > 1) {
        warnings.add(`Found multiple override files with supported names: ${overrides.join(', ')}`);
        warnings.add(`Using ${overrides[0]}`);
      }
      return overrides.length > 0 ? [found[0]!, overrides[0]!] : [found[0]!];
    }
    if (dir === '/') throw new ComposeError('no configuration file provided: not found');
  }
}

/** The caller's environment over the project's env files (`--env-file`, else `.env`). */
function projectEnvironment(options: ComposeLoadOptions, workingDir: string, warnings: ComposeWarnings) {
  const osEnv = options.env ?? {};
  const { source, cwd } = options;
  let envFiles: string[];
  if (options.envFiles && options.envFiles.length > 0) {
    envFiles = options.envFiles.map((file) => resolvePath(cwd, file));
    for (const file of envFiles) {
      if (!isFile(source, file)) throw new ComposeError(`couldn't find env file: ${file}`);
    }
  } else {
    const dotEnv = joinPath(workingDir, '.env');
    envFiles = isFile(source, dotEnv) ? [dotEnv] : [];
  }
  const fromFiles: Record<string, string> = {};
  for (const file of envFiles) {
    const lookup: Lookup = (name) => osEnv[name] ?? fromFiles[name];
    try {
      for (const [key, value] of parseDotEnv(source.readText(file), lookup, warnings)) fromFiles[key] = value;
    } catch (error) {
      if (error instanceof DotEnvError) throw new ComposeError(`failed to read ${file}: ${error.message}`);
      throw error;
    }
  }
  return { environment: { ...fromFiles, ...osEnv }, envFiles };
}

function invalidProjectName(name: string): ComposeError {
  return new ComposeError(
    `invalid project name ${JSON.stringify(name)}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
  );
}

interface ParsedFile {
  path: string;
  docs: ComposeDict[];
}

/** -p, then COMPOSE_PROJECT_NAME, then the files' `name:`, then the project directory's name. */
function projectName(options: ComposeLoadOptions, env: Record<string, string>, files: ParsedFile[], workingDir: string, warnings: ComposeWarnings): string {
  for (const imperative of [options.projectName, env.COMPOSE_PROJECT_NAME]) {
    if (imperative) {
      if (normalizeProjectName(imperative) !== imperative) throw invalidProjectName(imperative);
      return imperative;
    }
  }
  let fromFiles = '';
  for (const file of files) {
    for (const doc of file.docs) if (typeof doc.name === 'string' && doc.name !== '') fromFiles = doc.name;
  }
  if (fromFiles !== '') {
    try {
      fromFiles = substitute(fromFiles, (name) => env[name], warnings);
    } catch {
      throw new ComposeError(`invalid interpolation format for name.\nYou may need to escape any $ with another $.\n${fromFiles}`);
    }
  }
  const name = normalizeProjectName(fromFiles) || normalizeProjectName(basename(workingDir));
  if (name === '') throw new ComposeError('project name must not be empty');
  return name;
}

function load(options: ComposeLoadOptions, warnings: ComposeWarnings): ComposeProject {
  const { source, cwd } = options;
  const configFiles = findComposeFiles(options, warnings);
  const workingDir = options.projectDirectory ? resolvePath(cwd, options.projectDirectory) : dirname(configFiles[0]!);
  const { environment, envFiles } = projectEnvironment(options, workingDir, warnings);

  const parsed = configFiles.map((path) => ({ path, docs: parseComposeYaml(source.readText(path), path) }));
  const name = projectName(options, environment, parsed, workingDir, warnings);
  environment.COMPOSE_PROJECT_NAME = name;
  const lookup: Lookup = (key) => environment[key];

  // One document of a compose file: interpolated, validated, in canonical form.
  const prepare = (doc: ComposeDict, path: string): ComposeDict => {
    const interpolated = interpolateDict(doc, lookup, warnings);
    const problem = validateComposeSchema(stripTags(interpolated));
    if (problem !== undefined) throw new ComposeError(`validating ${path}: ${problem}`);
    if ('version' in interpolated) {
      warnings.add(`${path}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
      delete interpolated.version;
    }
    return dedupeLists(canonicalizeFile(interpolated));
  };
  // Files named by `extends: {file: ...}`, read once each.
  const extended = new Map<string, ComposeDict>();
  const readExtended: ReadComposeFile = (path) => {
    if (!extended.has(path)) {
      if (!isFile(source, path)) throw new ComposeError(`open ${path}: no such file or directory`);
      const docs = parseComposeYaml(source.readText(path), path).map((doc) => prepare(doc, path));
      extended.set(path, docs.reduce(mergeComposeFiles, {}));
    }
    return extended.get(path)!;
  };

  let merged: ComposeDict = {};
  for (const file of parsed) {
    for (const doc of file.docs) merged = mergeComposeFiles(merged, applyExtends(prepare(doc, file.path), file.path, readExtended));
  }
  if (Object.keys(merged).length === 0) throw new ComposeError('empty compose file');
  if ('include' in merged) throw new ComposeError('include is not supported yet by Dockyard');
  delete merged.name;

  const ctx: NormalizeContext = { projectName: name, workingDir, lookup, source, warnings };
  const normalized = normalizeModel(merged, ctx);
  const allServices = (normalized.services as ComposeDict | undefined) ?? {};
  const requested = options.profiles ?? (environment.COMPOSE_PROFILES ?? '').split(',').filter(Boolean);
  const selection = selectByProfiles(allServices, requested, options.services ?? []);

  const active: ComposeDict = {};
  for (const service of selection.active) active[service] = allServices[service];
  checkConsistency(active, allServices, normalized, warnings);
  for (const service of selection.active) active[service] = resolveServiceEnvironment(active[service] as ComposeDict, ctx);
  checkDependencyCycles(dependencyMap(active));

  const model: ComposeDict = { name, services: active };
  for (const [key, value] of Object.entries(normalized)) if (key !== 'services') model[key] = value;

  const services: Record<string, ComposeService> = {};
  for (const [service, config] of Object.entries(active)) services[service] = buildServiceModel(name, service, config as ComposeDict);
  const disabledServices: Record<string, ComposeService> = {};
  for (const service of selection.disabled) {
    disabledServices[service] = buildServiceModel(name, service, allServices[service] as ComposeDict);
  }

  return {
    name,
    workingDir,
    configFiles,
    environment,
    envFiles,
    profiles: selection.profiles,
    services,
    disabledServices,
    networks: resources(normalized.networks, networkModel),
    volumes: resources(normalized.volumes, volumeModel),
    secrets: resources(normalized.secrets, fileObjectModel),
    configs: resources(normalized.configs, fileObjectModel),
    model,
  };
}

export function dependencyMap(services: ComposeDict): DependencyMap {
  const graph: DependencyMap = {};
  for (const [name, service] of Object.entries(services)) {
    graph[name] = Object.keys(((service as ComposeDict).depends_on as ComposeDict | undefined) ?? {});
  }
  return graph;
}

const INVALID = 'invalid compose project';

/**
 * compose-go's checkConsistency on the active services. A dependency on a service that is not
 * active fails unless it is marked `required: false`; then it is dropped with a warning.
 */
function checkConsistency(active: ComposeDict, all: ComposeDict, model: ComposeDict, warnings: ComposeWarnings): void {
  const declared = (kind: string) => (model[kind] as ComposeDict | undefined) ?? {};
  for (const [name, value] of Object.entries(active)) {
    const service = value as ComposeDict;
    if ((service.image === undefined || service.image === '') && service.build === undefined) {
      throw new ComposeError(`service ${JSON.stringify(name)} has neither an image nor a build context specified: ${INVALID}`);
    }
    const build = (service.build as ComposeDict | undefined) ?? {};
    if (build.dockerfile !== undefined && build.dockerfile_inline !== undefined) {
      throw new ComposeError(`service ${JSON.stringify(name)} declares mutualy exclusive dockerfile and dockerfile_inline: ${INVALID}`);
    }
    for (const network of Object.keys((service.networks as ComposeDict | undefined) ?? {})) {
      if (!(network in declared('networks'))) {
        throw new ComposeError(`service ${JSON.stringify(name)} refers to undefined network ${network}: ${INVALID}`);
      }
    }
    const test = ((service.healthcheck as ComposeDict | undefined)?.test as unknown[] | undefined) ?? [];
    if (test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(String(test[0]))) {
      throw new ComposeError('healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"');
    }
    for (const volume of (service.volumes as ComposeDict[] | undefined) ?? []) {
      if (volume.type === 'volume' && typeof volume.source === 'string' && !(volume.source in declared('volumes'))) {
        throw new ComposeError(`service ${JSON.stringify(name)} refers to undefined volume ${volume.source}: ${INVALID}`);
      }
    }
    for (const [kind, what] of [
      ['secrets', 'secret'],
      ['configs', 'config'],
    ] as const) {
      for (const mount of (service[kind] as ComposeDict[] | undefined) ?? []) {
        if (!(String(mount.source) in declared(kind))) {
          throw new ComposeError(`service ${JSON.stringify(name)} refers to undefined ${what} ${String(mount.source)}: ${INVALID}`);
        }
      }
    }
    const dependsOn = { ...((service.depends_on as ComposeDict | undefined) ?? {}) };
    for (const [dependency, config] of Object.entries(dependsOn)) {
      if (dependency in active) continue;
      if ((config as ComposeDict).required === false) {
        const why = dependency in all ? `disabled by its profiles ${JSON.stringify(serviceProfiles(all[dependency]))}` : 'not defined';
        warnings.add(`service ${JSON.stringify(name)} depends on service ${JSON.stringify(dependency)} which is ${why}; the dependency is optional and is ignored`);
        delete dependsOn[dependency];
        continue;
      }
      throw new ComposeError(`service ${JSON.stringify(name)} depends on undefined service ${JSON.stringify(dependency)}: ${INVALID}`);
    }
    if (service.depends_on !== undefined) active[name] = { ...service, depends_on: dependsOn };
  }
}

function resources<T>(section: unknown, build: (key: string, value: ComposeDict) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys((section as ComposeDict | undefined) ?? {}).sort()) {
    out[key] = build(key, (section as ComposeDict)[key] as ComposeDict);
  }
  return out;
}

const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((value as ComposeDict | undefined) ?? {}).map(([k, v]) => [k, String(v ?? '')]));

function networkModel(key: string, network: ComposeDict): ComposeNetwork {
  return {
    key,
    name: String(network.name),
    external: network.external === true,
    driver: network.driver === undefined ? undefined : String(network.driver),
    driverOpts: stringMap(network.driver_opts),
    internal: network.internal === true,
    attachable: network.attachable === true,
    labels: stringMap(network.labels),
  };
}

function volumeModel(key: string, volume: ComposeDict): ComposeVolume {
  return {
    key,
    name: String(volume.name),
    external: volume.external === true,
    driver: volume.driver === undefined ? undefined : String(volume.driver),
    driverOpts: stringMap(volume.driver_opts),
    labels: stringMap(volume.labels),
  };
}

function fileObjectModel(key: string, object: ComposeDict): ComposeFileObject {
  return {
    key,
    name: String(object.name),
    file: typeof object.file === 'string' ? object.file : undefined,
    environment: typeof object.environment === 'string' ? object.environment : undefined,
    content: typeof object.content === 'string' ? object.content : undefined,
    external: object.external === true,
  };
}
