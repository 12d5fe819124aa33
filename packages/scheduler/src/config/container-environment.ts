// A container's environment as the kubelet builds it when the container starts
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): Service link variables, then envFrom
// sources in order (with their prefix), then `env` entries, each `value` expanded with `$(VAR)`
// against what came before ($$ escapes, unknown references stay as written). valueFrom reads
// ConfigMaps, Secrets, the pod's fields and its container's resources. A missing ConfigMap,
// Secret or key that is not optional stops the container with CreateContainerConfigError and the
// kubelet's message. The environment is fixed at start: later changes to a ConfigMap or Secret do
// not reach a running container (mounted volumes do, see volume-projection.ts).
// Since v1.32 (RelaxedEnvironmentVariableValidation, on by default) any printable name without `=`
// is accepted, so envFrom skips no keys.

import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { parseQuantity } from '../api/quantity.ts';
import { decodeGoBase64 } from '../api/go-base64.ts';

export type EnvironmentResult = { ok: true; env: [name: string, value: string][] } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

export interface EnvironmentOptions {
  /** Node allocatable, for resourceFieldRef of a limit the container does not set. */
  nodeAllocatable?: Readonly<Record<string, string>>;
  /** The sandbox's IPs: the kubelet knows them before the pod's status carries them
   *  (makeEnvironmentVariables takes podIPs from the sandbox, not from the API object). */
  podIPs?: readonly string[];
}

class ConfigError extends Error {}

/** Service link variables (docker links style) for the Services a pod sees at start. */
export function serviceEnvironment(services: readonly DeepReadonly<Service>[]): [string, string][] {
  const out: [string, string][] = [];
  const sorted = [...services].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const svc of sorted) {
    const ip = svc.spec?.clusterIP;
    if (ip === undefined || ip === '' || ip === 'None' || svc.spec?.type === 'ExternalName') continue;
    const name = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
    const ports = svc.spec?.ports ?? [];
    const first = ports[0];
    if (first === undefined) continue;
    out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(first.port)]);
    for (const p of ports) if (p.name !== undefined && p.name !== '') out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.push([`${name}_PORT`, `${proto}://${ip}:${first.port}`]);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const prefix = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
      out.push([prefix, `${pr}://${ip}:${p.port}`], [`${prefix}_PROTO`, pr], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
    }
  }
  return out;
}

/** `$(VAR)` expansion (third_party/forked/golang/expansion): `$$` is `$`, unknown references stay. */
export function expandEnv(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const value = lookup(name);
      out += value ?? `$(${name})`;
      i = close;
    } else out += c;
  }
  return out;
}

function decodeSecretValue(value: string): string {
  const decoded = decodeGoBase64(value);
  return 'bytes' in decoded ? new TextDecoder().decode(decoded.bytes) : '';
}

function fieldValue(pod: DeepReadonly<Pod>, path: string, podIPs: readonly string[] | undefined): string {
  const meta = pod.metadata ?? {};
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label !== null) return (label[1] === 'labels' ? meta.labels : meta.annotations)?.[label[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((h) => h.ip).join(',');
    case 'status.podIP':
      return podIPs?.[0] ?? pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (podIPs ?? (pod.status?.podIPs ?? []).map((p) => p.ip)).join(',');
    default:
      throw new ConfigError(`unsupported fieldPath: ${path}`);
  }
}

/** resourceFieldRef: the value divided by the divisor, rounded up (as ExtractContainerResourceValue). */
export function resourceValue(container: DeepReadonly<Container>, resource: string, divisor: string | undefined, allocatable: Readonly<Record<string, string>> | undefined): string {
  const [kind, name] = resource.split('.') as [string, string];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = list?.[name] ?? (kind === 'limits' ? allocatable?.[name] : undefined) ?? '0';
  const value = parseQuantity(raw);
  const by = parseQuantity(divisor === undefined || divisor === '' ? '1' : divisor);
  return String(Math.ceil(value.milliValue() / by.milliValue()));
}

/** The environment of `container` in `pod`, or the CreateContainerConfigError the kubelet reports. */
export function containerEnvironment(store: ApiStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, options: EnvironmentOptions = {}): EnvironmentResult {
  const namespace = pod.metadata?.namespace ?? 'default';
  try {
    // The pod's namespace's Services (enableServiceLinks), and always the API server's `kubernetes`.
    const links = pod.spec?.enableServiceLinks !== false;
    const own = links ? store.list('Service', { namespace }).items : [];
    const master = links && namespace === 'default' ? [] : store.list('Service', { namespace: 'default', fieldSelector: 'metadata.name=kubernetes' }).items;
    const serviceEnv = new Map(serviceEnvironment([...master, ...own]));
    const env = new Map<string, string>();
    for (const source of container.envFrom ?? []) {
      const prefix = source.prefix ?? '';
      if (source.configMapRef !== undefined) {
        const cm = store.tryGet('ConfigMap', namespace, source.configMapRef.name ?? '');
        if (cm === undefined) {
          if (source.configMapRef.optional === true) continue;
          throw new ConfigError(`configmap "${source.configMapRef.name}" not found`);
        }
        for (const [key, value] of Object.entries(cm.data ?? {})) env.set(prefix + key, value);
      } else if (source.secretRef !== undefined) {
        const secret = store.tryGet('Secret', namespace, source.secretRef.name ?? '');
        if (secret === undefined) {
          if (source.secretRef.optional === true) continue;
          throw new ConfigError(`secret "${source.secretRef.name}" not found`);
        }
        for (const [key, value] of Object.entries(secret.data ?? {})) env.set(prefix + key, decodeSecretValue(value));
      }
    }
    const lookup = (name: string) => env.get(name) ?? serviceEnv.get(name);
    for (const variable of container.env ?? []) {
      const value = variableValue(store, pod, container, variable, lookup, options);
      if (value !== undefined) env.set(variable.name, value);
    }
    for (const [name, value] of serviceEnv) if (!env.has(name)) env.set(name, value);
    return { ok: true, env: [...env.entries()] };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, reason: 'CreateContainerConfigError', message: error.message };
    throw error;
  }
}

function variableValue(
  store: ApiStore,
  pod: DeepReadonly<Pod>,
  container: DeepReadonly<Container>,
  variable: DeepReadonly<EnvVar>,
  lookup: (name: string) => string | undefined,
  options: EnvironmentOptions,
): string | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  const from = variable.valueFrom;
  if (from === undefined) return expandEnv(variable.value ?? '', lookup);
  if (from.configMapKeyRef !== undefined) {
    const ref = from.configMapKeyRef;
    const cm = store.tryGet('ConfigMap', namespace, ref.name ?? '');
    if (cm === undefined) {
      if (ref.optional === true) return undefined;
      throw new ConfigError(`configmap "${ref.name}" not found`);
    }
    const value = ownKey(cm.data, ref.key);
    if (value === undefined) {
      if (ref.optional === true) return undefined;
      throw new ConfigError(`couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}`);
    }
    return value;
  }
  if (from.secretKeyRef !== undefined) {
    const ref = from.secretKeyRef;
    const secret = store.tryGet('Secret', namespace, ref.name ?? '');
    if (secret === undefined) {
      if (ref.optional === true) return undefined;
      throw new ConfigError(`secret "${ref.name}" not found`);
    }
    const value = ownKey(secret.data, ref.key);
    if (value === undefined) {
      if (ref.optional === true) return undefined;
      throw new ConfigError(`couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}`);
    }
    return decodeSecretValue(value);
  }
  if (from.fieldRef !== undefined) return fieldValue(pod, from.fieldRef.fieldPath, options.podIPs);
  if (from.resourceFieldRef !== undefined) {
    const ref = from.resourceFieldRef;
    const target = ref.containerName === undefined || ref.containerName === '' ? container : (pod.spec?.containers.find((c) => c.name === ref.containerName) ?? container);
    return resourceValue(target, ref.resource, ref.divisor as string | undefined, options.nodeAllocatable);
  }
  return undefined;
}

/** A data map's own key: `constructor` or `__proto__` are keys like any other, not Object's members. */
function ownKey(data: { readonly [key: string]: string } | undefined, key: string): string | undefined {
  return data !== undefined && Object.hasOwn(data, key) ? data[key] : undefined;
}
