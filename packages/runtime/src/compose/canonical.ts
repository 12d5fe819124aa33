// One compose file's short syntaxes rewritten to compose's long, canonical forms (compose-go's
// transform.Canonical plus the list/map unification its decoder does), so that files merge key
// by key and `config` prints one shape: environment and labels as maps, ports and volumes as long
// syntax, depends_on and networks as maps, command as a word list, build as an object.
// Paths stay as written; they are resolved against the project directory after merging.

import { ComposeError } from './errors.ts';
import { parsePortSpec, PortSpecError, type PortConfig } from './port-spec.ts';
import { ShellWordsError, splitShellWords } from './shell-words.ts';
import { parseVolumeSpec, VolumeSpecError } from './volume-spec.ts';
import { type ComposeDict, OverrideValue, RESET } from './yaml-file.ts';

type Transform = (value: unknown, path: string) => unknown;

/** Applies `transform` under any `!override` wrapper, and leaves `!reset` alone. */
function tagged(transform: Transform): Transform {
  return (value, path) => {
    if (value === RESET) return value;
    if (value instanceof OverrideValue) return new OverrideValue(transform(value.value, path));
    return transform(value, path);
  };
}

function isDict(value: unknown): value is ComposeDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof OverrideValue);
}

/** compose's rendering of a scalar as a string (`true`, `8080`, `1.5`). */
export function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** `KEY=VALUE` lists and `KEY: VALUE` maps become maps; a bare `KEY` (or a null value) maps to null. */
export const toKeyValueMap = tagged((value) => {
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = item === RESET ? RESET : item === null || item === undefined ? null : scalarText(item);
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: Record<string, string | null> = {};
    for (const item of value) {
      const text = scalarText(item);
      const eq = text.indexOf('=');
      if (eq < 0) out[text] = null;
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    }
    return out;
  }
  return value;
});

/** Labels: as a key/value map, but a bare key means an empty label rather than an unset one. */
const toLabelMap = tagged((value, path) => {
  const map = toKeyValueMap(value, path);
  if (!isDict(map)) return map;
  return Object.fromEntries(Object.entries(map).map(([key, item]) => [key, item === null ? '' : item]));
});

const toStringList = tagged((value) => (typeof value === 'string' ? [value] : value));

const toCommand = tagged((value, path) => {
  if (typeof value !== 'string') return value;
  try {
    return splitShellWords(value);
  } catch (error) {
    if (error instanceof ShellWordsError) throw new ComposeError(`${path}: ${error.message}`);
    throw error;
  }
});

const toPorts = tagged((value, path) => {
  if (!Array.isArray(value)) return value;
  const out: PortConfig[] = [];
  for (const item of value) {
    if (typeof item === 'string' || typeof item === 'number') {
      try {
        out.push(...parsePortSpec(item));
      } catch (error) {
        if (error instanceof PortSpecError) throw new ComposeError(`${path}: ${error.message}`);
        throw error;
      }
    } else if (isDict(item)) {
      const port: Record<string, unknown> = { ...item };
      port.mode ??= 'ingress';
      port.protocol ??= 'tcp';
      if (port.published !== undefined) port.published = scalarText(port.published);
      if (typeof port.target === 'string') port.target = Number(port.target);
      out.push(port as unknown as PortConfig);
    }
  }
  return out;
});

const toVolumeMounts = tagged((value, path) => {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (typeof item !== 'string') return item;
    try {
      return parseVolumeSpec(item);
    } catch (error) {
      if (error instanceof VolumeSpecError) throw new ComposeError(`${path}: ${error.message}`);
      throw error;
    }
  });
});

/** `secrets:` / `configs:` of a service: a bare name means `{source: name}`. */
const toFileMounts = tagged((value) => {
  if (!Array.isArray(value)) return value;
  return value.map((item) => (typeof item === 'string' ? { source: item } : item));
});

const toDependsOn = tagged((value) => {
  let entries: [string, unknown][];
  if (Array.isArray(value)) entries = value.map((name) => [scalarText(name), {}]);
  else if (isDict(value)) entries = Object.entries(value);
  else return value;
  const out: ComposeDict = {};
  for (const [name, config] of entries) {
    const dependency: ComposeDict = isDict(config) ? { ...config } : {};
    dependency.condition ??= 'service_started';
    dependency.required ??= true;
    out[name] = dependency;
  }
  return out;
});

const toServiceNetworks = tagged((value) => {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(value.map((name) => [scalarText(name), null]));
});

const toEnvFiles = tagged((value) => {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) return value;
  return list.map((item) => {
    if (typeof item === 'string') return { path: item, required: true };
    const entry = { ...(item as ComposeDict) };
    entry.required ??= true;
    return entry;
  });
});

const toHealthcheckTest = tagged((value) => (typeof value === 'string' ? ['CMD-SHELL', value] : value));

const toBuild = tagged((value, path) => {
  if (!isDict(value) && typeof value !== 'string') return value;
  const build: ComposeDict = typeof value === 'string' ? { context: value } : { ...value };
  if (build.args !== undefined) build.args = toKeyValueMap(build.args, `${path}.args`);
  if (build.labels !== undefined) build.labels = toLabelMap(build.labels, `${path}.labels`);
  if (build.additional_contexts !== undefined) {
    build.additional_contexts = toKeyValueMap(build.additional_contexts, `${path}.additional_contexts`);
  }
  if (build.secrets !== undefined) build.secrets = toFileMounts(build.secrets, `${path}.secrets`);
  return build;
});

const toExpose = tagged((value) => (Array.isArray(value) ? value.map(scalarText) : value));

const SERVICE_TRANSFORMS: Record<string, Transform> = {
  annotations: toKeyValueMap,
  build: toBuild,
  command: toCommand,
  configs: toFileMounts,
  depends_on: toDependsOn,
  dns: toStringList,
  dns_search: toStringList,
  entrypoint: toCommand,
  env_file: toEnvFiles,
  environment: toKeyValueMap,
  expose: toExpose,
  labels: toLabelMap,
  networks: toServiceNetworks,
  ports: toPorts,
  secrets: toFileMounts,
  sysctls: toKeyValueMap,
  tmpfs: toStringList,
  volumes: toVolumeMounts,
};

/** A top-level network/volume/secret/config: `external: {name: x}` (legacy) means `name: x`. */
const toResource = tagged((value) => {
  if (!isDict(value)) return value ?? {};
  const out: ComposeDict = { ...value };
  if (isDict(out.external)) {
    const legacy = out.external;
    if (typeof legacy.name === 'string') out.name ??= legacy.name;
    out.external = true;
  }
  if (out.labels !== undefined) out.labels = toLabelMap(out.labels, '');
  return out;
});

export function canonicalizeFile(dict: ComposeDict): ComposeDict {
  const out: ComposeDict = { ...dict };
  if (isDict(out.services)) {
    const services: ComposeDict = {};
    for (const [name, service] of Object.entries(out.services)) {
      services[name] = tagged((value) => canonicalService(value, `services.${name}`))(service, '');
    }
    out.services = services;
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs']) {
    if (!isDict(out[kind])) continue;
    out[kind] = Object.fromEntries(Object.entries(out[kind]).map(([key, value]) => [key, toResource(value, `${kind}.${key}`)]));
  }
  return out;
}

function canonicalService(value: unknown, path: string): unknown {
  if (!isDict(value)) return value ?? {};
  const service: ComposeDict = { ...value };
  for (const [key, transform] of Object.entries(SERVICE_TRANSFORMS)) {
    if (key in service) service[key] = transform(service[key], `${path}.${key}`);
  }
  if (isDict(service.healthcheck) && 'test' in service.healthcheck) {
    service.healthcheck = { ...service.healthcheck, test: toHealthcheckTest(service.healthcheck.test, `${path}.healthcheck.test`) };
  }
  if (isDict(service.deploy) && service.deploy.labels !== undefined) {
    service.deploy = { ...service.deploy, labels: toLabelMap(service.deploy.labels, `${path}.deploy.labels`) };
  }
  return service;
}
