// What the kubelet hands the runtime to create a pod's container (k/k pkg/kubelet/kuberuntime/
// kuberuntime_container.go `generateContainerConfig`, and containerd's CRI spec options):
// - the command: `command` replaces the image's ENTRYPOINT, `args` its CMD; `command` alone drops
//   the CMD; both get `$(VAR)` expansion against the container's environment;
// - the environment: the image's ENV with the pod's variables over it (containerd's WithEnv:
//   a variable the image has is replaced where it stands, new ones follow);
// - the user from securityContext.runAsUser/runAsGroup (container over pod), else the image's USER,
//   checked against runAsNonRoot with the kubelet's messages;
// - workingDir, the image's labels plus the kubelet's io.kubernetes.* labels and the pod's
//   `dockyard.app.*` annotations (app profiles), the stop signal, the pod sandbox's network, and
//   the cgroup limits of pod-cgroups.ts.

import { type ContainerSpec, type Image, type MountSpec, parseSignal, PROFILE_PREFIX } from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';
import { expandEnv } from '../config/container-environment.ts';
import { containerResources } from './pod-cgroups.ts';

export type ContainerConfig = { ok: true; spec: ContainerSpec } | { ok: false; reason: 'CreateContainerConfigError' | 'CreateContainerError'; message: string };

export interface ContainerConfigInput {
  pod: DeepReadonly<Pod>;
  container: DeepReadonly<Container>;
  image: Image;
  /** The kubelet's variables for the container, in order. */
  env: readonly [string, string][];
  sandboxId: string;
  cgroupParent: string;
  /** How many times this container was started before (the attempt number). */
  attempt: number;
  mounts: MountSpec[];
}

/** The pod as the kubelet names it in messages: `name_namespace(uid)` (format.Pod). */
export function formatPod(pod: DeepReadonly<Pod>): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** The command the container runs: entrypoint and arguments combined, `$(VAR)` expanded. */
export function containerCommand(container: DeepReadonly<Container>, image: Image, env: ReadonlyMap<string, string>): string[] {
  const lookup = (name: string) => env.get(name);
  const command = container.command !== undefined && container.command.length > 0 ? container.command.map((c) => expandEnv(c, lookup)) : undefined;
  const args = container.args !== undefined && container.args.length > 0 ? container.args.map((a) => expandEnv(a, lookup)) : undefined;
  if (command !== undefined) return [...command, ...(args ?? [])];
  return [...(image.config.Entrypoint ?? []), ...(args ?? image.config.Cmd ?? [])];
}

/** containerd's WithEnv: the image's variables, each replaced in place by the pod's, new ones after. */
function mergeEnvironment(image: readonly string[], pod: readonly [string, string][]): string[] {
  const out = [...image];
  for (const [name, value] of pod) {
    const entry = `${name}=${value}`;
    const at = out.findIndex((e) => e.slice(0, e.indexOf('=')) === name);
    if (at >= 0) out[at] = entry;
    else out.push(entry);
  }
  return out;
}

/** The user the container runs as, or the kubelet's runAsNonRoot refusal. */
function containerUser(pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, image: Image): { user: string } | { error: string } {
  const podContext = pod.spec?.securityContext;
  const context = container.securityContext;
  const uid = context?.runAsUser ?? podContext?.runAsUser;
  const gid = context?.runAsGroup ?? podContext?.runAsGroup;
  const nonRoot = context?.runAsNonRoot ?? podContext?.runAsNonRoot;
  const who = `(pod: ${JSON.stringify(formatPod(pod))}, container: ${container.name})`;
  const imageUser = image.config.User ?? '';
  if (nonRoot === true) {
    // [k/k pkg/kubelet/kuberuntime/security_context_others.go `verifyRunAsNonRoot`]
    if (uid !== undefined) {
      if (uid === 0) return { error: `container's runAsUser breaks non-root policy ${who}` };
    } else {
      const name = imageUser.split(':')[0] ?? '';
      if (name !== '' && !/^\d+$/.test(name)) return { error: `container has runAsNonRoot and image has non-numeric user (${name}), cannot verify user is non-root ${who}` };
      if (name === '' || Number(name) === 0) return { error: `container has runAsNonRoot and image will run as root ${who}` };
    }
  }
  if (uid === undefined) return { user: gid === undefined ? imageUser : `${imageUser.split(':')[0] || '0'}:${gid}` };
  return { user: gid === undefined ? String(uid) : `${uid}:${gid}` };
}

/** The runtime's spec for one start of a pod's container, or why it cannot be made. */
export function containerConfig(input: ContainerConfigInput): ContainerConfig {
  const { pod, container, image, env } = input;
  const meta = pod.metadata ?? {};
  const user = containerUser(pod, container, image);
  if ('error' in user) return { ok: false, reason: 'CreateContainerConfigError', message: user.error };
  const argv = containerCommand(container, image, new Map(env));
  if (argv.length === 0) return { ok: false, reason: 'CreateContainerError', message: 'failed to generate container spec: no command specified' };
  const labels: Record<string, string> = { ...(image.config.Labels ?? {}) };
  for (const [key, value] of Object.entries(meta.annotations ?? {})) if (key.startsWith(PROFILE_PREFIX)) labels[key] = value;
  labels['io.kubernetes.container.name'] = container.name;
  labels['io.kubernetes.pod.name'] = meta.name ?? '';
  labels['io.kubernetes.pod.namespace'] = meta.namespace ?? '';
  labels['io.kubernetes.pod.uid'] = meta.uid ?? '';
  const subdomain = pod.spec?.subdomain;
  return {
    ok: true,
    spec: {
      name: `k8s_${container.name}_${meta.name}_${meta.namespace}_${meta.uid}_${input.attempt}`,
      image: container.image ?? '',
      argv,
      env: mergeEnvironment(image.config.Env ?? [], env),
      workingDir: container.workingDir || image.config.WorkingDir || '',
      user: user.user,
      labels,
      hostname: podHostname(pod),
      ...(subdomain ? { domainname: `${subdomain}.${meta.namespace}.svc.cluster.local` } : {}),
      mounts: input.mounts,
      resources: containerResources(container),
      cgroupParent: input.cgroupParent,
      network: { mode: 'container', id: input.sandboxId },
      tty: container.tty === true,
      interactive: container.stdin === true,
      stopSignal: (image.config.StopSignal ? parseSignal(image.config.StopSignal) : undefined) ?? 'SIGTERM',
    },
  };
}

/** The pod's host name: spec.hostname, else its name (at most 63 characters). */
export function podHostname(pod: DeepReadonly<Pod>): string {
  return (pod.spec?.hostname || pod.metadata?.name || '').slice(0, 63);
}
