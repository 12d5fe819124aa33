// Faults a scenario (or the visualizer) can inject: a node going down and coming back, a network
// partition cutting a node off and healing, a killed pod or container, a memory leak, a broken
// readiness probe, a registry outage.
// Each one is a call on the cluster or the registry hub; this file reads and checks the step's
// fields and says what happened for the timeline.

import { ALL_REGISTRIES } from '@dockyard/runtime';
import { ClusterFaultError, tryParseQuantity } from '@dockyard/scheduler';
import type { Pod } from 'kubernetes-types/core/v1';
import type { World } from '../world.ts';

export interface FaultDefinition {
  readonly type: string;
  /** One line for docs and error messages: what it does and its parameters. */
  readonly summary: string;
  /** Checks the parameters' names and types (nothing about the world); throws a FaultError naming the bad one. */
  check(params: Readonly<Record<string, unknown>>): void;
  /** Applies the fault now; returns a line for the timeline, or throws a FaultError naming the bad parameter. */
  apply(world: World, params: Readonly<Record<string, unknown>>): string;
}

/** A fault's parameter is missing, of the wrong type, or names nothing in the world. */
export class FaultError extends Error {
  override name = 'FaultError';
  constructor(
    /** The parameter at fault (`node`, `rate`); empty when it is the fault as a whole. */
    readonly field: string,
    message: string,
  ) {
    super(field === '' ? message : `${field}: ${message}`);
  }
}

type ParamKind = 'string' | 'quantity' | 'seconds';

interface ParamSpec {
  kind: ParamKind;
  required?: boolean;
  /** What a good value looks like, for the error message. */
  example: string;
}

/** Reads `params` against `spec`: unknown names and wrong types throw a FaultError naming the field. */
function readParams(spec: Readonly<Record<string, ParamSpec>>, params: Readonly<Record<string, unknown>>): Record<string, string | undefined> {
  const known = Object.keys(spec);
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) throw new FaultError(name, `unknown field; expected ${known.length === 0 ? 'none' : `one of ${known.join(', ')}`}`);
  }
  const out: Record<string, string | undefined> = {};
  for (const [name, { kind, required, example }] of Object.entries(spec)) {
    const value = params[name];
    if (value === undefined || value === null) {
      if (required) throw new FaultError(name, `is required (such as ${example})`);
      out[name] = undefined;
      continue;
    }
    if (kind === 'seconds') {
      const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) throw new FaultError(name, `${JSON.stringify(value)} is not a whole number of seconds, 0 or more (such as ${example})`);
      out[name] = String(seconds);
    } else if (kind === 'quantity') {
      const text = typeof value === 'string' ? value.replace(/\/s$/, '') : value;
      const quantity = tryParseQuantity(text);
      if (quantity === undefined || !(quantity.value() > 0)) throw new FaultError(name, `${JSON.stringify(value)} is not a positive quantity (such as ${example})`);
      out[name] = String(text);
    } else {
      if (typeof value !== 'string' || value === '') throw new FaultError(name, `must be a string (such as ${example})`);
      out[name] = value;
    }
  }
  return out;
}

/** Runs a cluster call, turning its complaint into one about `field`. */
function about<T>(field: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof ClusterFaultError) throw new FaultError(field, error.message);
    throw error;
  }
}

const NODE: Record<string, ParamSpec> = { node: { kind: 'string', required: true, example: 'node-2' } };

/** Which pod: by name or by label selector (the first Running match by name). */
const POD: Record<string, ParamSpec> = {
  pod: { kind: 'string', example: 'web-7d4b9c-x2x9z' },
  selector: { kind: 'string', example: 'app=web' },
  namespace: { kind: 'string', example: 'default' },
};

/** Which container of which pod (the pod's first container when not named). */
const CONTAINER: Record<string, ParamSpec> = { ...POD, container: { kind: 'string', example: 'web' } };

interface PodTarget {
  namespace: string;
  pod: string;
}

interface ContainerTarget extends PodTarget {
  container: string;
}

function onePodOrSelector(p: Record<string, string | undefined>): void {
  if ((p['pod'] === undefined) === (p['selector'] === undefined)) throw new FaultError('pod', 'give exactly one of pod or selector');
}

function podTarget(world: World, p: Record<string, string | undefined>): PodTarget & { object: Pod } {
  const namespace = p['namespace'] ?? 'default';
  const { store } = world.cluster;
  let pod: Pod | undefined;
  if (p['pod'] !== undefined) {
    pod = store.tryGet('Pod', namespace, p['pod']) as Pod | undefined;
    if (pod === undefined) throw new FaultError('pod', `pod ${namespace}/${p['pod']} not found`);
  } else {
    let matches: Pod[];
    try {
      matches = store.list('Pod', { namespace, labelSelector: p['selector'] }).items as Pod[];
    } catch (error) {
      throw new FaultError('selector', (error as Error).message);
    }
    const running = matches.filter((m) => m.status?.phase === 'Running' && m.metadata?.deletionTimestamp === undefined);
    pod = running.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))[0];
    if (pod === undefined) throw new FaultError('selector', `no Running pod in namespace ${namespace} matches ${JSON.stringify(p['selector'])}`);
  }
  return { namespace, pod: pod.metadata!.name!, object: pod };
}

function containerTarget(world: World, p: Record<string, string | undefined>): ContainerTarget {
  const { namespace, pod, object } = podTarget(world, p);
  return { namespace, pod, container: p['container'] ?? object.spec?.containers[0]?.name ?? '' };
}

function fault(
  type: string,
  summary: string,
  spec: Record<string, ParamSpec>,
  apply: (world: World, params: Record<string, string | undefined>) => string,
  /** Checks between parameters, beyond each one's type. */
  together?: (params: Record<string, string | undefined>) => void,
): FaultDefinition {
  const read = (params: Readonly<Record<string, unknown>>) => {
    const p = readParams(spec, params);
    together?.(p);
    return p;
  };
  return { type, summary, check: (params) => void read(params), apply: (world, params) => apply(world, read(params)) };
}

export const FAULTS: readonly FaultDefinition[] = [
  fault('node-down', 'node-down node: the machine stops; its containers die and its kubelet stops posting status', NODE, (world, p) => {
    about('node', () => world.cluster.nodeDown(p['node']!));
    return `node ${p['node']} is down: its kubelet stopped posting status and its containers died`;
  }),
  fault('node-up', 'node-up node: the machine boots again; its kubelet registers and runs its pods', NODE, (world, p) => {
    about('node', () => world.cluster.nodeUp(p['node']!));
    return `node ${p['node']} is up again: its kubelet is starting`;
  }),
  fault(
    'network-partition',
    'network-partition node: cuts the node off the API server and the other nodes; its containers run on, its kubelet cannot post status',
    NODE,
    (world, p) => {
      about('node', () => world.cluster.partitionNode(p['node']!));
      return `node ${p['node']} is cut off: its kubelet cannot reach the API server and its pods cannot reach the other nodes`;
    },
  ),
  fault('network-heal', 'network-heal node: ends the partition; the kubelet posts status again and stops the pods evicted meanwhile', NODE, (world, p) => {
    about('node', () => world.cluster.healNode(p['node']!));
    return `node ${p['node']} is reachable again: its kubelet reconnects to the API server`;
  }),
  fault('kill-container', 'kill-container pod|selector [namespace] [container]: SIGKILL (exit 137); the kubelet restarts it', CONTAINER, (world, p) => {
    const t = containerTarget(world, p);
    about('container', () => world.cluster.killContainer(t.namespace, t.pod, t.container));
    return `killed container ${t.container} of pod ${t.namespace}/${t.pod} (SIGKILL, exit code 137)`;
  }, onePodOrSelector),
  // Chaos tools kill a pod by deleting it through the API with a grace period, and its controller
  // replaces it: Chaos Mesh's pod-kill (chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/,
  // `gracePeriod`), LitmusChaos' pod-delete, chaoskube. Deleting, rather than killing the sandbox,
  // is what a student sees chaos engineering do: Terminating, then a new pod with a new name.
  fault(
    'kill-pod',
    'kill-pod pod|selector [namespace] [gracePeriod]: deletes the pod as kubectl delete pod does (its terminationGracePeriodSeconds, 30 s by default, unless gracePeriod says); its controller replaces it',
    { ...POD, gracePeriod: { kind: 'seconds', example: '0' } },
    (world, p) => {
      const t = podTarget(world, p);
      const grace = p['gracePeriod'] === undefined ? undefined : Number(p['gracePeriod']);
      const deleted = world.cluster.store.delete('Pod', t.namespace, t.pod, grace === undefined ? {} : { gracePeriodSeconds: grace });
      const seconds = deleted.metadata?.deletionGracePeriodSeconds ?? 0;
      const owner = deleted.metadata?.ownerReferences?.find((o) => o.controller === true);
      return `killed pod ${t.namespace}/${t.pod}: deleted with a ${seconds} s grace period${owner === undefined ? '' : `; its ${owner.kind} ${owner.name} replaces it`}`;
    },
    onePodOrSelector,
  ),
  fault(
    'break-readiness',
    'break-readiness pod|selector [namespace] [container]: the container stops answering its readiness probe (503 on an httpGet path, no accept on a tcpSocket port, the file an exec probe reads removed); after failureThreshold × periodSeconds it is not ready and leaves its Services\' endpoints',
    CONTAINER,
    (world, p) => {
      const t = containerTarget(world, p);
      const what = about('container', () => world.cluster.breakReadiness(t.namespace, t.pod, t.container, true));
      return `container ${t.container} of pod ${t.namespace}/${t.pod} ${what}`;
    },
    onePodOrSelector,
  ),
  fault(
    'fix-readiness',
    'fix-readiness pod|selector [namespace] [container]: ends a break-readiness of the same container; the probe passes again at its next run',
    CONTAINER,
    (world, p) => {
      const t = containerTarget(world, p);
      about('container', () => world.cluster.breakReadiness(t.namespace, t.pod, t.container, false));
      return `container ${t.container} of pod ${t.namespace}/${t.pod} answers its readiness probe again`;
    },
    onePodOrSelector,
  ),
  fault(
    'memory-leak',
    'memory-leak pod|selector [namespace] [container] rate: the container grows by rate (such as 2Mi) a second until its memory limit OOM-kills it',
    { ...CONTAINER, rate: { kind: 'quantity', required: true, example: '2Mi' } },
    (world, p) => {
      const t = containerTarget(world, p);
      const bytesPerSecond = tryParseQuantity(p['rate'])!.value();
      about('container', () => world.cluster.leakMemory(t.namespace, t.pod, t.container, bytesPerSecond));
      return `container ${t.container} of pod ${t.namespace}/${t.pod} leaks ${p['rate']} a second (${bytesPerSecond} bytes)`;
    },
    onePodOrSelector,
  ),
  fault(
    'registry-outage',
    'registry-outage [registry]: pulls from the registry (docker.io, or every one when left out) fail with 503 Service Unavailable',
    { registry: { kind: 'string', example: 'docker.io' } },
    (world, p) => {
      const host = p['registry'] ?? ALL_REGISTRIES;
      if (host !== ALL_REGISTRIES && world.images.registries.get(host) === undefined) throw new FaultError('registry', `no registry at ${JSON.stringify(host)}`);
      world.cluster.registryOutage(host, true);
      return host === ALL_REGISTRIES ? 'every registry answers 503 Service Unavailable' : `registry ${host} answers 503 Service Unavailable`;
    },
  ),
  fault('registry-restore', 'registry-restore [registry]: ends the outage a registry-outage of the same registry started', { registry: { kind: 'string', example: 'docker.io' } }, (world, p) => {
    const host = p['registry'] ?? ALL_REGISTRIES;
    world.cluster.registryOutage(host, false);
    return host === ALL_REGISTRIES ? 'registries answer again' : `registry ${host} answers again`;
  }),
];

export function findFault(type: string): FaultDefinition | undefined {
  return FAULTS.find((f) => f.type === type);
}
