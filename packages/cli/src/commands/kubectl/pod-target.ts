// Finding the pod and container that `logs`, `exec`, `attach` and `port-forward` talk to: a pod
// by name, or the best pod of a workload or service (`deployment/web`), and a container by -c,
// by the `kubectl.kubernetes.io/default-container` annotation, or the first one, with kubectl's
// "Defaulted container" note. Then the container itself on its node, through the kubelet
// (`Cluster.containerRef`), or the kubelet's reason why it cannot be reached.
// [kubectl pkg/polymorphichelpers attachablepodforobject.go, logsforobject.go; pkg/cmd/util/podcmd;
// k8s.io/kubectl pkg/util/podutils ByLogging; kubelet validateContainerLogStatus]

import { type ContainerRef, isPodReady, parseSelector, type Selector, selectorFromLabelSelector, selectorFromSet } from '@dockyard/scheduler';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { CommandError } from '../../session.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import { resolveType, storeKind } from './resource-builder.ts';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** `a, b, c (init), d (ephem)`: every container of a pod, as kubectl lists them. */
export function allContainerNames(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ].join(', ');
}

/** The container `-c` names, or the default one (with kubectl's note on stderr when there was a choice). */
export function defaultContainer(client: Client, pod: Pod, name: string, quiet = false): Container {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];
  if (name !== '') {
    const found = all.find((c) => c.name === name);
    if (found === undefined) throw client.error(`container ${name} not found in pod ${pod.metadata?.name}`);
    return found;
  }
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined && annotated !== '') {
    const found = all.find((c) => c.name === annotated);
    if (found !== undefined) return found;
  }
  const first = pod.spec?.containers?.[0];
  if (first === undefined) throw client.error(`pod ${pod.metadata?.namespace}/${pod.metadata?.name} does not have any containers`);
  if (!quiet && all.length > 1) client.err(`Defaulted container ${JSON.stringify(first.name)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

/** The pod an argument names: `web-abc`, `pod/web-abc`, or a workload or service whose pods are searched. */
export async function podFor(client: Client, argument: string, timeoutMs: number): Promise<Pod> {
  const slash = argument.indexOf('/');
  const type = slash < 0 ? resolveType(client.store, 'pods') : resolveType(client.store, argument.slice(0, slash));
  const name = slash < 0 ? argument : argument.slice(slash + 1);
  let object: { spec?: { selector?: unknown } };
  try {
    object = client.store.get(storeKind(type), type.namespaced ? client.namespace : undefined, name) as never;
  } catch (error) {
    throw client.failure(error);
  }
  if (type.kind === 'Pod' && type.group === '') return object as Pod;
  const selector = selectorOf(client, type.kind, object);
  const engine = client.session.world.engine;
  const deadline = engine.now + timeoutMs;
  const candidates = () => client.store.list('Pod', { namespace: client.namespace, labelSelector: selector }).items as unknown as Pod[];
  await waitFor(client.session, () => candidates().length > 0 || engine.now >= deadline);
  const pods = [...candidates()].sort(byLogging);
  if (pods.length === 0) throw client.error('timed out waiting for the condition');
  if (pods.length > 1) client.err(`Found ${pods.length} pods, using pod/${pods[0]!.metadata?.name}\n`);
  return pods[0]!;
}

/** The label selector of a workload or service, as AttachablePodForObject reads it. */
function selectorOf(client: Client, kind: string, object: { spec?: { selector?: unknown } }): Selector {
  const selector = object.spec?.selector;
  switch (kind) {
    case 'Service':
    case 'ReplicationController': {
      const labels = (selector ?? {}) as Record<string, string>;
      if (Object.keys(labels).length === 0) throw client.error('invalid label selector');
      return selectorFromSet(labels);
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return selectorFromLabelSelector(selector as never);
    default:
      throw client.error(`cannot attach to ${kind}: selector for ${kind} not implemented`);
  }
}

/** controller.ByLogging: assigned, running, ready (longest), most restarts, oldest first. */
function byLogging(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ?? '') !== '';
  if (assigned(a) !== assigned(b)) return assigned(a) ? -1 : 1;
  const phase = (p: Pod) => ({ Running: 0, Unknown: 1, Pending: 2 })[p.status?.phase as 'Running'] ?? 3;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod) => isPodReady(p as never);
  if (ready(a) !== ready(b)) return ready(a) ? -1 : 1;
  const readySince = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
  if (ready(a) && ready(b) && readySince(a) !== readySince(b)) return readySince(a) < readySince(b) ? -1 : 1;
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: Pod) => p.metadata?.creationTimestamp ?? '';
  return created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : 0;
}

/**
 * The container to read logs from, or the kubelet's reason why there is none, as the API server
 * passes it on (`Error from server (BadRequest): container "app" in pod "web" is waiting to
 * start: ContainerCreating`). Undefined for a pod not on a node yet (the API server answers
 * such a log request with nothing).
 */
export function logTarget(client: Client, pod: Pod, container: string, previous: boolean): ContainerRef | undefined {
  const name = pod.metadata?.name ?? '';
  if ((pod.spec?.nodeName ?? '') === '') return undefined;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  const refuse = (message: string) => new CommandError(`Error from server (BadRequest): ${message}`);
  if (status === undefined) throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is not available`);
  const terminated = status.state?.terminated;
  const lastTerminated = status.lastState?.terminated;
  if (previous) {
    if (lastTerminated === undefined || (lastTerminated.containerID ?? '') === '') {
      throw refuse(`previous terminated container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} not found`);
    }
  } else if (status.state?.running === undefined && terminated === undefined && lastTerminated === undefined) {
    const reason = status.state?.waiting?.reason;
    if (reason === 'ErrImagePull') throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: trying and failing to pull image`);
    if (reason !== undefined) throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start: ${reason}`);
    throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is waiting to start - no logs yet`);
  }
  const ref = client.session.world.cluster.containerRef(pod.metadata?.namespace ?? client.namespace, name, container, previous);
  if (ref === undefined) throw refuse(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is terminated`);
  return ref;
}

/** A label selector argument checked as kubectl parses it. */
export function checkSelector(client: Client, selector: string): void {
  try {
    parseSelector(selector);
  } catch (error) {
    throw client.error((error as Error).message);
  }
}
