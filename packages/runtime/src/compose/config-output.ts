// `docker compose config`: the project model printed as compose v2 prints it. Compose marshals its
// Go structs, so keys come in struct-field order (name first, then services, networks, volumes,
// secrets, configs; within a service build, ..., command, ..., depends_on, ..., environment, ...),
// maps (services, environment, labels) are sorted by key, and Go's YAML encoder quotes strings
// that would read back as another type (`"8080"`, `"no"`).

import { Document, isScalar, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { ComposeProject } from './model.ts';
import type { ComposeDict } from './yaml-file.ts';

// Struct field orders from compose-go's types (ServiceConfig, BuildConfig, ...). Keys not listed
// follow in alphabetical order, `x-` extensions last.
const ORDERS: Record<string, string[]> = {
  project: ['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'],
  service: [
    'profiles', 'annotations', 'attach', 'build', 'develop', 'blkio_config', 'cap_add', 'cap_drop', 'cgroup_parent', 'cgroup',
    'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpus', 'cpuset', 'cpu_shares',
    'command', 'configs', 'container_name', 'credential_spec', 'depends_on', 'deploy', 'device_cgroup_rules', 'devices', 'dns',
    'dns_opt', 'dns_search', 'dockerfile', 'domainname', 'entrypoint', 'provider', 'environment', 'env_file', 'expose', 'extends',
    'external_links', 'extra_hosts', 'group_add', 'gpus', 'hostname', 'healthcheck', 'image', 'init', 'ipc', 'isolation', 'labels',
    'label_file', 'links', 'logging', 'log_driver', 'log_opt', 'mem_limit', 'mem_reservation', 'memswap_limit', 'mem_swappiness',
    'mac_address', 'models', 'net', 'network_mode', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform',
    'ports', 'privileged', 'pull_policy', 'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt', 'shm_size',
    'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'use_api_socket', 'user',
    'userns_mode', 'uts', 'volume_driver', 'volumes', 'volumes_from', 'working_dir', 'post_start', 'pre_stop',
  ],
  build: [
    'context', 'dockerfile', 'dockerfile_inline', 'entitlements', 'args', 'ssh', 'labels', 'cache_from', 'cache_to', 'no_cache',
    'additional_contexts', 'pull', 'extra_hosts', 'isolation', 'network', 'target', 'secrets', 'shm_size', 'tags', 'ulimits',
    'platforms', 'privileged',
  ],
  healthcheck: ['test', 'timeout', 'interval', 'retries', 'start_period', 'start_interval', 'disable'],
  port: ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'],
  mount: ['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image'],
  bind: ['selinux', 'propagation', 'create_host_path', 'recursive'],
  volumeOptions: ['labels', 'nocopy', 'subpath'],
  tmpfs: ['size', 'mode'],
  dependency: ['condition', 'restart', 'required'],
  deploy: ['mode', 'replicas', 'labels', 'update_config', 'rollback_config', 'resources', 'restart_policy', 'placement', 'endpoint_mode'],
  resources: ['limits', 'reservations'],
  resource: ['cpus', 'memory', 'pids', 'devices', 'generic_resources'],
  serviceNetwork: [
    'aliases', 'driver_opts', 'gw_priority', 'interface_name', 'ipv4_address', 'ipv6_address', 'link_local_ips', 'mac_address', 'priority',
  ],
  fileMount: ['source', 'target', 'uid', 'gid', 'mode'],
  envFile: ['path', 'required', 'format'],
  network: ['name', 'driver', 'driver_opts', 'ipam', 'external', 'internal', 'attachable', 'labels', 'enable_ipv4', 'enable_ipv6'],
  volume: ['name', 'driver', 'driver_opts', 'external', 'labels'],
  fileObject: ['name', 'file', 'environment', 'content', 'external', 'labels', 'driver', 'driver_opts', 'template_driver'],
  logging: ['driver', 'options'],
};

// Which order applies below a key. `*` marks maps whose values share one shape; `[]` list items.
const CHILDREN: Record<string, Record<string, string>> = {
  project: { services: '*service', networks: '*network', volumes: '*volume', secrets: '*fileObject', configs: '*fileObject' },
  service: {
    build: 'build', healthcheck: 'healthcheck', ports: '[]port', volumes: '[]mount', depends_on: '*dependency', deploy: 'deploy',
    networks: '*serviceNetwork', secrets: '[]fileMount', configs: '[]fileMount', env_file: '[]envFile', logging: 'logging',
  },
  build: { secrets: '[]fileMount' },
  mount: { bind: 'bind', volume: 'volumeOptions', tmpfs: 'tmpfs' },
  deploy: { resources: 'resources' },
  resources: { limits: 'resource', reservations: 'resource' },
};

function isDict(value: unknown): value is ComposeDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Go's `omitempty` drops empty strings, lists and maps, false booleans and empty structs, but not
// pointers: these print even when empty (`volume: {}`) or false (`init: false`). `services` has
// no omitempty at all.
const KEPT_WHEN_EMPTY = new Set([
  'services', 'build', 'deploy', 'healthcheck', 'logging', 'develop', 'bind', 'volume', 'tmpfs', 'limits', 'reservations',
]);
const POINTER_BOOLS = new Set(['required', 'init', 'attach']);

function omitted(key: string, value: unknown): boolean {
  if (value === '' || (Array.isArray(value) && value.length === 0)) return true;
  if (value === false) return !POINTER_BOOLS.has(key);
  return isDict(value) && Object.keys(value).length === 0 && !KEPT_WHEN_EMPTY.has(key);
}

function orderedKeys(value: ComposeDict, shape: string | undefined): string[] {
  const order = shape ? ORDERS[shape] : undefined;
  // Struct fields follow omitempty; map entries (environment, labels, services) always print.
  const keys = Object.keys(value).filter((key) => !order || !omitted(key, value[key]));
  if (!order) return keys.sort();
  const known = order.filter((key) => keys.includes(key));
  const rest = keys.filter((key) => !order.includes(key));
  return [...known, ...rest.filter((k) => !k.startsWith('x-')).sort(), ...rest.filter((k) => k.startsWith('x-')).sort()];
}

/** The project as plain data in compose's key order (for JSON), and as YAML nodes (for YAML). */
function toNode(value: unknown, shape: string | undefined, doc: Document): unknown {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    const itemShape = shape?.startsWith('[]') ? shape.slice(2) : undefined;
    for (const item of value) seq.items.push(toNode(item, itemShape, doc) as never);
    return seq;
  }
  if (isDict(value)) {
    const map = new YAMLMap();
    const own = shape?.startsWith('*') ? undefined : shape;
    const valueShape = shape?.startsWith('*') ? shape.slice(1) : undefined;
    for (const key of orderedKeys(value, own)) {
      const childShape = valueShape ?? (own ? CHILDREN[own]?.[key] : undefined);
      map.items.push(new Pair(new Scalar(key), toNode(value[key], childShape, doc)));
    }
    return map;
  }
  return new Scalar(value);
}

function toPlain(value: unknown, shape: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => toPlain(item, shape?.startsWith('[]') ? shape.slice(2) : undefined));
  if (!isDict(value)) return value;
  const own = shape?.startsWith('*') ? undefined : shape;
  const valueShape = shape?.startsWith('*') ? shape.slice(1) : undefined;
  const out: ComposeDict = {};
  for (const key of orderedKeys(value, own)) out[key] = toPlain(value[key], valueShape ?? (own ? CHILDREN[own]?.[key] : undefined));
  return out;
}

// Go's YAML encoder also quotes YAML 1.1 booleans and base-60 numbers, which YAML 1.2 reads as text.
const OLD_BOOL = /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/;
const BASE_60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

// compose doubles every `$` of its output so that the printed file reads back the same (docker/compose#8632).
function escapeDollars(text: string): string {
  return text.replace(/\$/g, () => '$$');
}

export function renderComposeYaml(model: ComposeDict): string {
  const doc = new Document();
  doc.contents = toNode(model, 'project', doc) as YAMLMap;
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && (OLD_BOOL.test(node.value) || BASE_60.test(node.value))) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return escapeDollars(
    doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN', nullStr: 'null' }),
  );
}

export function renderComposeJson(model: ComposeDict): string {
  return escapeDollars(`${JSON.stringify(toPlain(model, 'project'), null, 2)}\n`);
}

/**
 * What `docker compose config` prints for a loaded project; with `services`, only those services
 * (the caller adds their dependencies, as compose does).
 */
export function composeConfigOutput(project: ComposeProject, format: 'yaml' | 'json' = 'yaml', services?: string[]): string {
  let model = project.model;
  if (services) {
    const all = model.services as ComposeDict;
    model = { ...model, services: Object.fromEntries(services.filter((name) => name in all).map((name) => [name, all[name]])) };
  }
  return format === 'json' ? renderComposeJson(model) : renderComposeYaml(model);
}
