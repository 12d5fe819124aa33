// A container's environment as the kubelet builds it at start (k/k pkg/kubelet/kubelet_pods.go
// `makeEnvironmentVariables`): envFrom sources in order (with their prefix), then `env` entries,
// each `value` expanded with `$(VAR)` against what came before (`$$` escapes, unknown references
// stay as written); valueFrom reads ConfigMaps, Secrets, the pod's fields and the container's
// resources. A missing ConfigMap, Secret or key that is not optional stops the container with
// CreateContainerConfigError and the kubelet's message. Fixed at start: later changes to a
// ConfigMap do not reach a running container.
//
// A stand-in with the signature of the networking branch's `config/container-environment.ts`
// (which adds Service link variables); replace the import when that lands.

import { fromBase64 } from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { parseQuantity } from '../api/quantity.ts';

export type EnvironmentResult = { ok: true; env: [name: string, value: string][] } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

export interface EnvironmentOptions {
  /** Node allocatable, for resourceFieldRef of a limit the container does not set. */
  nodeAllocatable?: Readonly<Record<string, string>>;
}

class ConfigError extends Error {}

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
      out += lookup(name) ?? `$(${name})`;
      i = close;
    } else out += c;
  }
  return out;
}

function podField(pod: DeepReadonly<Pod>, path: string): string {
  const meta = pod.metadata ?? {};
  const labelled = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (labelled !== null) return (labelled[1] === 'labels' ? meta.labels : meta.annotations)?.[labelled[2]!] ?? '';
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
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((p) => p.ip).join(',');
    default:
      throw new ConfigError(`unsupported fieldPath: ${path}`);
  }
}

/** resourceFieldRef: the value divided by the divisor, rounded up (ExtractContainerResourceValue). */
function resourceValue(container: DeepReadonly<Container>, resource: string, divisor: string | undefined, allocatable: Readonly<Record<string, string>> | undefined): string {
  const [kind, name] = resource.split('.') as [string, string];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = list?.[name] ?? (kind === 'limits' ? allocatable?.[name] : undefined) ?? '0';
  const by = parseQuantity(divisor === undefined || divisor === '' ? '1' : divisor);
  return String(Math.ceil(parseQuantity(raw).milliValue() / by.milliValue()));
}

function secretValue(encoded: string): string {
  return new TextDecoder().decode(fromBase64(encoded));
}

/** The container's variables in the order the runtime receives them, or the config error. */
export function containerEnvironment(store: ApiStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, options: EnvironmentOptions = {}): EnvironmentResult {
  const namespace = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();
  const configMap = (name: string, optional: boolean) => {
    const found = store.tryGet('ConfigMap', namespace, name);
    if (found === undefined && !optional) throw new ConfigError(`configmap "${name}" not found`);
    return found;
  };
  const secret = (name: string, optional: boolean) => {
    const found = store.tryGet('Secret', namespace, name);
    if (found === undefined && !optional) throw new ConfigError(`secret "${name}" not found`);
    return found;
  };
  try {
    for (const source of container.envFrom ?? []) {
      const prefix = source.prefix ?? '';
      if (source.configMapRef !== undefined) {
        const cm = configMap(source.configMapRef.name ?? '', source.configMapRef.optional === true);
        for (const key of Object.keys(cm?.data ?? {}).sort()) env.set(prefix + key, cm!.data![key]!);
      } else if (source.secretRef !== undefined) {
        const s = secret(source.secretRef.name ?? '', source.secretRef.optional === true);
        for (const key of Object.keys(s?.data ?? {}).sort()) env.set(prefix + key, secretValue(s!.data![key]!));
      }
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (from === undefined) {
        env.set(variable.name, expandEnv(variable.value ?? '', (name) => env.get(name)));
        continue;
      }
      if (from.configMapKeyRef !== undefined) {
        const ref = from.configMapKeyRef;
        const cm = configMap(ref.name ?? '', ref.optional === true);
        const value = cm?.data?.[ref.key];
        if (value === undefined) {
          if (ref.optional === true) continue;
          throw new ConfigError(`couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}`);
        }
        env.set(variable.name, value);
      } else if (from.secretKeyRef !== undefined) {
        const ref = from.secretKeyRef;
        const s = secret(ref.name ?? '', ref.optional === true);
        const value = s?.data?.[ref.key];
        if (value === undefined) {
          if (ref.optional === true) continue;
          throw new ConfigError(`couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}`);
        }
        env.set(variable.name, secretValue(value));
      } else if (from.fieldRef !== undefined) {
        env.set(variable.name, podField(pod, from.fieldRef.fieldPath));
      } else if (from.resourceFieldRef !== undefined) {
        const ref = from.resourceFieldRef;
        const target = ref.containerName ? ([...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === ref.containerName) ?? container) : container;
        env.set(variable.name, resourceValue(target, ref.resource, ref.divisor === undefined ? undefined : String(ref.divisor), options.nodeAllocatable));
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, reason: 'CreateContainerConfigError', message: error.message };
    throw error;
  }
  return { ok: true, env: [...env] };
}
