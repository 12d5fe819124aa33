// A test fixture standing in for the kube-scheduler and the kubelets until they exist: enough of
// their API traffic for the controllers to be driven end to end on virtual time.
// - scheduler: binds each pending pod to the next Ready node (round robin) that matches its
//   nodeSelector and required node affinity and whose NoSchedule and NoExecute taints it tolerates;
// - kubelet per node: registers the Node (Ready), renews its Lease in kube-node-lease every 10 s,
//   runs bound pods (Running after `startMs`, Ready after the pod's `readyAfterMs`), ends pods that
//   exit (restartPolicy Never: Succeeded/Failed; OnFailure: restarts with 10 s doubling back-off),
//   and finishes deletions (`finalizeDelete`) after `stopMs`;
// - faults: `stopNode` (the kubelet goes silent), `startNode`, `failPod`, `setPodReady`.
// Not part of the product: the real components replace it.

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { ContainerStatus, Node, Pod, PodCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { type ApiStore, deepCopy, nodeMatchesPod, StatusError, type Stored } from '../../src/index.ts';

export interface PodBehaviour {
  /** ms from running to Ready; null: never ready. Default 1000. */
  readyAfterMs?: number | null;
  /** ms from running to the container's exit; undefined: runs until stopped. */
  exitAfterMs?: number;
  exitCode?: number;
}

export interface FakeClusterOptions {
  nodes?: number | string[];
  /** ms from binding to Running. Default 1000. */
  startMs?: number;
  /** ms a deleted pod takes to stop on a live node. Default 1000. */
  stopMs?: number;
  /** What a pod does; the default is Ready after 1 s and runs forever. */
  behaviour?: (pod: Stored<'Pod'>) => PodBehaviour;
  /** Node labels by node name (topology, ...). */
  nodeLabels?: (name: string) => Record<string, string>;
}

interface PodTask {
  namespace: string;
  name: string;
  uid: string;
}

interface SavedFakeCluster {
  dead: string[];
  next: number;
}

export const LEASE_RENEW_MS = 10_000;
/** The kubelet's nodeStatusReportFrequency when nothing changes. */
export const NODE_STATUS_REPORT_MS = 300_000;

/** metav1.MicroTime as a Lease's renewTime prints it. */
export function microTime(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
    if (t.operator === 'Exists') return true;
    return (t.value ?? '') === (taint.value ?? '');
  });
}

export class FakeCluster implements EngineComponent {
  readonly name = 'fake-cluster';
  readonly nodeNames: string[];
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #options: FakeClusterOptions;
  #dead = new Set<string>();
  #next = 0;
  readonly #bind: TaskKind<PodTask>;
  readonly #start: TaskKind<PodTask>;
  readonly #ready: TaskKind<PodTask>;
  readonly #exit: TaskKind<PodTask>;
  readonly #restart: TaskKind<PodTask>;
  readonly #stop: TaskKind<PodTask>;
  readonly #renew: TaskKind<{ node: string }>;
  readonly #report: TaskKind<{ node: string }>;

  constructor(engine: Engine, store: ApiStore, options: FakeClusterOptions = {}) {
    this.#engine = engine;
    this.#store = store;
    this.#options = options;
    const nodes = options.nodes ?? 3;
    this.nodeNames = typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => `node-${i + 1}`) : nodes;
    this.#bind = engine.defineTask<PodTask>('fake-scheduler.bind', (task) => this.#bindPod(task));
    this.#start = engine.defineTask<PodTask>('fake-kubelet.start', (task) => this.#startPod(task));
    this.#ready = engine.defineTask<PodTask>('fake-kubelet.ready', (task) => this.#readyPod(task));
    this.#exit = engine.defineTask<PodTask>('fake-kubelet.exit', (task) => this.#exitPod(task));
    this.#restart = engine.defineTask<PodTask>('fake-kubelet.restart', (task) => this.#restartPod(task));
    this.#stop = engine.defineTask<PodTask>('fake-kubelet.stop', (task) => this.#stopPod(task));
    this.#renew = engine.defineTask<{ node: string }>('fake-kubelet.renew-lease', ({ node }) => this.#renewLease(node));
    this.#report = engine.defineTask<{ node: string }>('fake-kubelet.report-status', ({ node }) => this.#reportStatus(node, true));
    store.watch('Pod', { resourceVersion: store.resourceVersion }, ({ type, object, previous }) => {
      if (type === 'DELETED') return;
      const task = { namespace: object.metadata!.namespace!, name: object.metadata!.name!, uid: object.metadata!.uid! };
      const node = object.spec?.nodeName ?? '';
      if (node === '' && type === 'ADDED') engine.schedule(this.#bind, 0, task);
      if (node !== '' && (previous?.spec?.nodeName ?? '') === '' && object.metadata?.deletionTimestamp === undefined) {
        engine.schedule(this.#start, options.startMs ?? 1000, task);
      }
      if (node !== '' && object.metadata?.deletionTimestamp !== undefined && previous?.metadata?.deletionTimestamp === undefined) {
        engine.schedule(this.#stop, options.stopMs ?? 1000, task);
      }
    });
    // A node that turns schedulable again takes the pods still pending.
    store.watch('Node', { resourceVersion: store.resourceVersion }, ({ type }) => {
      if (type === 'DELETED') return;
      for (const pod of store.podsOnNode('')) {
        engine.schedule(this.#bind, 0, { namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! });
      }
    });
    engine.register(this);
    for (const node of this.nodeNames) this.#register(node);
  }

  snapshot(): SavedFakeCluster {
    return { dead: [...this.#dead], next: this.#next };
  }

  restore(state: unknown): void {
    const saved = state as SavedFakeCluster;
    this.#dead = new Set(saved.dead);
    this.#next = saved.next;
  }

  // ---- faults ----

  /** The node's kubelet stops: no more lease renewals, status posts or pod work. */
  stopNode(node: string): void {
    this.#dead.add(node);
    this.#engine.log.append('fake-kubelet.stopped', { node });
  }

  /** The kubelet comes back: renews its lease, posts Ready and finishes what it missed. */
  startNode(node: string): void {
    this.#dead.delete(node);
    this.#engine.log.append('fake-kubelet.started', { node });
    this.#renewLease(node);
    this.#reportStatus(node, false);
    for (const pod of this.#store.podsOnNode(node)) {
      const task = { namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! };
      if (pod.metadata?.deletionTimestamp !== undefined) this.#engine.schedule(this.#stop, this.#options.stopMs ?? 1000, task);
      else this.#engine.schedule(this.#start, 0, task);
    }
  }

  /** A new node joins: its kubelet registers it (not kept in snapshots of this fixture). */
  addNode(node: string): void {
    this.nodeNames.push(node);
    this.#register(node);
  }

  isAlive(node: string): boolean {
    return !this.#dead.has(node);
  }

  /** The pod's container exits with `exitCode` now. */
  failPod(namespace: string, name: string, exitCode = 1): void {
    const pod = this.#store.get('Pod', namespace, name);
    this.#exitPod({ namespace, name, uid: pod.metadata!.uid! }, exitCode);
  }

  /** Flips the pod's readiness (a readiness probe starting or stopping to pass). */
  setPodReady(namespace: string, name: string, ready: boolean): void {
    const pod = this.#store.get('Pod', namespace, name);
    const copy = deepCopy(pod);
    this.#setReady(copy.status!, ready);
    this.#store.updateStatus(copy);
  }

  // ---- scheduler ----

  #feasible(pod: Stored<'Pod'>): string[] {
    const tolerations = (pod.spec?.tolerations ?? []) as Toleration[];
    return this.nodeNames.filter((name) => {
      const node = this.#store.tryGet('Node', undefined, name);
      if (node === undefined || node.spec?.unschedulable === true) return false;
      if (node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') return false;
      if (!nodeMatchesPod(node, pod.spec)) return false;
      return (node.spec?.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tolerates(tolerations, t as Taint));
    });
  }

  #bindPod(task: PodTask): void {
    const pod = this.#current(task);
    if (pod === undefined || (pod.spec?.nodeName ?? '') !== '' || pod.metadata?.deletionTimestamp !== undefined) return;
    const nodes = this.#feasible(pod);
    if (nodes.length === 0) return;
    const node = nodes[this.#next % nodes.length]!;
    this.#next++;
    this.#store.bind(task.namespace, task.name, node);
  }

  // ---- kubelet: pods ----

  #current(task: PodTask): Stored<'Pod'> | undefined {
    const pod = this.#store.tryGet('Pod', task.namespace, task.name);
    return pod?.metadata?.uid === task.uid ? pod : undefined;
  }

  #onLiveNode(task: PodTask): Stored<'Pod'> | undefined {
    const pod = this.#current(task);
    const node = pod?.spec?.nodeName ?? '';
    return pod === undefined || node === '' || this.#dead.has(node) ? undefined : pod;
  }

  #behaviour(pod: Stored<'Pod'>): PodBehaviour {
    return this.#options.behaviour?.(pod) ?? {};
  }

  #containerStatuses(pod: Stored<'Pod'>, state: ContainerStatus['state'], ready: boolean): ContainerStatus[] {
    const previous = pod.status?.containerStatuses ?? [];
    return (pod.spec?.containers ?? []).map((c, i) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: `containerd://${task32(pod.metadata!.uid!, i)}`,
      ready,
      started: state?.running !== undefined,
      restartCount: previous[i]?.restartCount ?? 0,
      ...(previous[i]?.lastState === undefined ? {} : { lastState: deepCopy(previous[i]!.lastState) as ContainerStatus['lastState'] }),
      state,
    }));
  }

  #setCondition(status: NonNullable<Pod['status']>, type: string, value: boolean): void {
    const conditions = (status.conditions ??= []) as PodCondition[];
    const text = value ? 'True' : 'False';
    const at = conditions.findIndex((c) => c.type === type);
    const condition: PodCondition = { type, status: text, lastProbeTime: null as unknown as string, lastTransitionTime: toRFC3339(this.#engine.now) };
    if (at < 0) conditions.push(condition);
    else if (conditions[at]!.status !== text) conditions[at] = condition;
  }

  #setReady(status: NonNullable<Pod['status']>, ready: boolean): void {
    this.#setCondition(status, 'ContainersReady', ready);
    this.#setCondition(status, 'Ready', ready);
    for (const c of status.containerStatuses ?? []) c.ready = ready;
  }

  #startPod(task: PodTask): void {
    const pod = this.#onLiveNode(task);
    if (pod === undefined || pod.metadata?.deletionTimestamp !== undefined) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || pod.status?.containerStatuses !== undefined) return;
    const copy = deepCopy(pod);
    const status = copy.status!;
    status.phase = 'Running';
    status.startTime = toRFC3339(this.#engine.now);
    status.hostIP = '10.0.0.1';
    status.podIP = `10.244.0.${(this.#next % 250) + 2}`;
    this.#setCondition(status, 'PodReadyToStartContainers', true);
    this.#setCondition(status, 'Initialized', true);
    this.#setReady(status, false);
    status.containerStatuses = this.#containerStatuses(pod, { running: { startedAt: toRFC3339(this.#engine.now) } }, false);
    this.#store.updateStatus(copy);
    this.#scheduleRun(pod, task);
  }

  #scheduleRun(pod: Stored<'Pod'>, task: PodTask): void {
    const behaviour = this.#behaviour(pod);
    const readyAfter = behaviour.readyAfterMs === undefined ? 1000 : behaviour.readyAfterMs;
    if (readyAfter !== null && (behaviour.exitAfterMs === undefined || readyAfter < behaviour.exitAfterMs)) {
      this.#engine.schedule(this.#ready, readyAfter, task);
    }
    if (behaviour.exitAfterMs !== undefined) this.#engine.schedule(this.#exit, behaviour.exitAfterMs, task);
  }

  #readyPod(task: PodTask): void {
    const pod = this.#onLiveNode(task);
    if (pod === undefined || pod.status?.phase !== 'Running' || pod.status.containerStatuses?.[0]?.state?.running === undefined) return;
    const copy = deepCopy(pod);
    this.#setReady(copy.status!, true);
    this.#store.updateStatus(copy);
  }

  #exitPod(task: PodTask, forcedCode?: number): void {
    const pod = forcedCode === undefined ? this.#onLiveNode(task) : this.#current(task);
    if (pod === undefined || pod.status?.phase !== 'Running') return;
    if (pod.status.containerStatuses?.[0]?.state?.running === undefined) return;
    const exitCode = forcedCode ?? this.#behaviour(pod).exitCode ?? 0;
    const now = toRFC3339(this.#engine.now);
    const copy = deepCopy(pod);
    const status = copy.status!;
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: pod.status.containerStatuses[0].state.running.startedAt!,
      finishedAt: now,
      containerID: pod.status.containerStatuses[0].containerID!,
    };
    const policy = pod.spec?.restartPolicy ?? 'Always';
    this.#setReady(status, false);
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      for (const c of status.containerStatuses ?? []) {
        c.state = { terminated };
        c.started = false;
      }
    } else {
      // Restarted in place after the crash-loop back-off: 10 s doubling (first restart at once).
      const restarts = status.containerStatuses![0]!.restartCount;
      const backoff = restarts === 0 ? 0 : Math.min(10_000 * 2 ** (restarts - 1), 300_000);
      for (const c of status.containerStatuses ?? []) {
        c.lastState = { terminated };
        c.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container=${c.name}` } };
        c.started = false;
      }
      this.#engine.schedule(this.#restart, backoff, task);
    }
    this.#store.updateStatus(copy);
  }

  #restartPod(task: PodTask): void {
    const pod = this.#onLiveNode(task);
    if (pod === undefined || pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp !== undefined) return;
    const copy = deepCopy(pod);
    for (const c of copy.status!.containerStatuses ?? []) {
      c.restartCount++;
      c.state = { running: { startedAt: toRFC3339(this.#engine.now) } };
      c.started = true;
    }
    this.#store.updateStatus(copy);
    this.#scheduleRun(pod, task);
  }

  #stopPod(task: PodTask): void {
    const pod = this.#onLiveNode(task);
    if (pod === undefined || pod.metadata?.deletionTimestamp === undefined) return;
    try {
      this.#store.finalizeDelete(task.namespace, task.name);
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
    }
  }

  // ---- kubelet: node and lease ----

  #register(name: string): void {
    const now = toRFC3339(this.#engine.now);
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...this.#options.nodeLabels?.(name) } },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [
          { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
          { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: now, lastTransitionTime: now },
          { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: now, lastTransitionTime: now },
          { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
        ],
      },
    };
    this.#store.create(node);
    this.#store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(this.#engine.now) },
    });
    this.#engine.schedule(this.#renew, LEASE_RENEW_MS, { node: name });
    this.#engine.schedule(this.#report, NODE_STATUS_REPORT_MS, { node: name });
  }

  #renewLease(node: string): void {
    if (this.#dead.has(node)) {
      this.#engine.schedule(this.#renew, LEASE_RENEW_MS, { node });
      return;
    }
    const lease = this.#store.tryGet('Lease', 'kube-node-lease', node);
    if (lease !== undefined) {
      const copy = deepCopy(lease);
      copy.spec = { ...copy.spec, renewTime: microTime(this.#engine.now) };
      this.#store.update(copy);
    }
    this.#engine.schedule(this.#renew, LEASE_RENEW_MS, { node });
  }

  /** Posts node status: heartbeats, and Ready=True again after an outage. */
  #reportStatus(node: string, periodic: boolean): void {
    if (periodic) this.#engine.schedule(this.#report, NODE_STATUS_REPORT_MS, { node });
    if (this.#dead.has(node)) return;
    const current = this.#store.tryGet('Node', undefined, node);
    if (current === undefined) return;
    const copy = deepCopy(current);
    const now = toRFC3339(this.#engine.now);
    const healthy: Record<string, [string, string, string]> = {
      MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
    };
    for (const c of copy.status!.conditions ?? []) {
      const [status, reason, message] = healthy[c.type]!;
      if (c.status !== status) c.lastTransitionTime = now;
      Object.assign(c, { status, reason, message, lastHeartbeatTime: now });
    }
    this.#store.updateStatus(copy);
  }
}

/** A stable fake container id from the pod uid. */
function task32(uid: string, index: number): string {
  return `${uid.replace(/-/g, '')}${index}`.padEnd(64, '0').slice(0, 64);
}
