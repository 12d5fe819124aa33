// The kubelet's pod workers (k/k pkg/kubelet/pod_workers.go, kubelet.go `SyncPod`,
// kuberuntime_manager.go `computePodActions` / `SyncPod`): each pod is synced whenever something
// about it changes (the API object, a container's exit, a finished pull, a probe, a back-off
// running out). A sync first posts the status of what it observes, then acts:
// 1. a pod deleted from the API, or being deleted, is stopped (termination.ts) and finished;
// 2. the sandbox and volumes are set up (a new sandbox when the old one died);
// 3. init containers run one at a time, to completion (sidecars: until started);
// 4. regular containers start in order; an exited one restarts as restartPolicy says, after the
//    crash-loop back-off; a pull in progress holds the containers after it (serialized pulls);
// 5. a pod whose containers all stopped for good is Succeeded or Failed.
// What a sync changes shows in the status one PLEG relist (1 s) later, as in a real cluster
// (`Error` or `OOMKilled` first, `CrashLoopBackOff` next).

import { type Container as RuntimeContainer, type ContainerRuntime, type Engine, formatGoDuration, fullString, type Host, type ImageService, parseReference } from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, jsonEqual, type Stored } from '../api/kinds.ts';
import type { EventRecorder, EventType } from '../events/event-recorder.ts';
import { containerEnvironment } from '../config/container-environment.ts';
import { containerConfig, formatPod } from './container-start.ts';
import { type ImageManager, pullCredentials } from './image-manager.ts';
import { podCgroupParent, podQos } from './pod-cgroups.ts';
import { type ContainerRecord, fieldPathOf, newPodRecord, type PodRecord, specOf } from './pod-record.ts';
import { readinessTarget } from './readiness-fault.ts';
import { podResolvConf } from '../networking/cluster-dns.ts';
import { allocatePodIp, PAUSE_IMAGE, podHostsFile, sandboxSpec, wireSandbox } from './pod-sandbox.ts';
import { generatePodStatus, type InstanceView, terminationOf } from './pod-status.ts';
import { containerMounts, refreshPodVolumes, setUpPodVolumes, tearDownPodVolumes } from './pod-volumes.ts';
import { firstProbeDelayMs, initialProbeState, PROBE_LABEL, PROBE_TYPES, probeOf, type ProbeType, periodMs, recordProbe, runProbe } from './probes.ts';
import { type BackoffState, crashLoopBackoff } from './restart-backoff.ts';
import { killingMessage, MINIMUM_GRACE_AFTER_PRESTOP_MS, podGraceMs, preStopAction, probeKillGraceMs } from './termination.ts';

/** How long the PLEG takes to notice what a sync did (its relist period). */
export const PLEG_RELIST_MS = 1000;
/** The pod worker's retry after a config or mount error (backOffPeriod). */
export const WORKER_BACKOFF_MS = 10_000;
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

/** A preStop hook in progress: the container is stopped when it ends or its time is up. */
export interface PendingPreStop {
  uid: string;
  container: string;
  instance: string;
  startedAt: number;
  graceMs: number;
  execId?: string;
}

export interface PodWorkersState {
  pods: Record<string, PodRecord>;
  crashBackoff: BackoffState;
  /** host-local's last handed-out address (index in the pod range). */
  lastIp: number;
  preStops: Record<string, PendingPreStop>;
}

export function newPodWorkersState(): PodWorkersState {
  return { pods: {}, crashBackoff: {}, lastIp: 1, preStops: {} };
}

/** What the pod workers need from their kubelet. */
export interface PodWorkerContext {
  readonly engine: Engine;
  readonly store: ApiStore;
  readonly runtime: ContainerRuntime;
  readonly host: Host;
  readonly imageService: ImageService;
  readonly images: ImageManager;
  readonly events: EventRecorder;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly podCIDR: string;
  readonly allocatable: Readonly<Record<string, string>>;
  /** Whether the API server answers (false while the node is cut off by a network partition). */
  connected(): boolean;
  scheduleSync(uid: string, delayMs: number): void;
  scheduleProbe(uid: string, container: string, type: ProbeType, instance: string, delayMs: number): void;
  schedulePreStop(instance: string, delayMs: number): void;
}

export class PodWorkers {
  /** Runtime container id → pod uid, rebuilt from the state. */
  readonly #owners = new Map<string, string>();

  constructor(
    private readonly ctx: PodWorkerContext,
    private state: PodWorkersState,
  ) {
    this.#reindex();
  }

  load(state: PodWorkersState): void {
    this.state = state;
    this.#reindex();
  }

  get records(): Readonly<Record<string, PodRecord>> {
    return this.state.pods;
  }

  /** The pod a runtime container belongs to. */
  ownerOf(containerId: string): string | undefined {
    return this.#owners.get(containerId);
  }

  /** Takes on a pod bound to this node (a record the first time) and syncs it. */
  admit(pod: Stored<'Pod'>): void {
    const uid = pod.metadata!.uid!;
    if (this.state.pods[uid] === undefined) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      this.state.pods[uid] = newPodRecord(pod, this.ctx.engine.now);
    }
    this.ctx.scheduleSync(uid, 0);
  }

  // ---- the sync ----

  sync(uid: string): void {
    const record = this.state.pods[uid];
    if (record === undefined) return;
    const pod = this.#podOf(record);
    if (pod === undefined) {
      // Gone from the API (force-deleted, or deleted while the node was down): kill what is left.
      this.#killAll(record, 0, undefined);
      this.#cleanUp(record);
      return;
    }
    record.dirty = false;
    this.writeStatus(uid);
    if (record.terminal !== undefined) {
      this.#finishTerminal(pod, record);
    } else if (pod.metadata?.deletionTimestamp !== undefined || record.evicted !== undefined) {
      this.#terminate(pod, record);
    } else if (this.#ensureSandbox(pod, record)) {
      if (this.#runInitContainers(pod, record)) this.#runContainers(pod, record);
    }
    if (record.dirty && this.state.pods[uid] !== undefined) this.ctx.scheduleSync(uid, PLEG_RELIST_MS);
  }

  /** Posts the pod's status if it changed (the status manager). */
  writeStatus(uid: string): void {
    const record = this.state.pods[uid];
    if (record === undefined || !this.ctx.connected()) return;
    const pod = this.#podOf(record);
    if (pod === undefined) return;
    const sandbox = record.sandbox === undefined ? undefined : this.ctx.runtime.get(record.sandbox);
    const status = generatePodStatus({
      pod,
      record,
      hostIP: this.ctx.nodeIP,
      instance: (id) => instanceView(this.ctx.runtime.get(id)),
      sandboxReady: sandbox?.state.status === 'running',
      now: this.ctx.engine.now,
    });
    if (jsonEqual(status, pod.status)) return;
    const copy = deepCopy(pod);
    copy.status = status;
    try {
      this.ctx.store.updateStatus(copy);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
    }
  }

  // ---- sandbox ----

  #ensureSandbox(pod: Stored<'Pod'>, record: PodRecord): boolean {
    const runtime = this.ctx.runtime;
    const current = record.sandbox === undefined ? undefined : runtime.get(record.sandbox);
    if (current?.state.status === 'running') {
      refreshPodVolumes(this.ctx.store, pod, this.ctx.host.files, this.ctx.engine.now);
      return true;
    }
    if (record.sandbox !== undefined) {
      // The sandbox died under the pod (the node rebooted): a new one, and the containers again.
      this.#event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      this.#killAll(record, 0, pod);
      this.#removeContainer(record.sandbox);
      delete record.sandbox;
      delete record.podIP;
      record.sandboxAttempt++;
    }
    if (!record.volumesReady) {
      const volumes = setUpPodVolumes(this.ctx.store, pod, this.ctx.host.files, this.ctx.engine.now);
      if (!volumes.ok) {
        this.#event(pod, 'Warning', 'FailedMount', volumes.message);
        const retry = record.mountRetryMs === undefined ? MOUNT_RETRY_INITIAL_MS : Math.min(record.mountRetryMs * 2, MOUNT_RETRY_MAX_MS);
        record.mountRetryMs = retry;
        this.ctx.scheduleSync(record.uid, retry);
        return false;
      }
      record.volumesReady = true;
      delete record.mountRetryMs;
    }
    const pause = this.ctx.imageService.resolve(PAUSE_IMAGE);
    const inUse = new Set<string>();
    for (const other of Object.values(this.state.pods)) if (other.podIP !== undefined) inUse.add(other.podIP);
    const address = allocatePodIp(this.ctx.podCIDR, this.state.lastIp, inUse);
    if (pause === undefined || address === undefined) {
      const why = pause === undefined ? `failed to get sandbox image "${PAUSE_IMAGE}"` : `failed to allocate for range 0: no IP addresses available in range set: ${this.ctx.podCIDR}`;
      this.#event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${why}`);
      this.ctx.scheduleSync(record.uid, WORKER_BACKOFF_MS);
      return false;
    }
    this.state.lastIp = address.index;
    const cgroup = podCgroupParent(record.uid, podQos(pod));
    const sandbox = runtime.create(sandboxSpec(pod, cgroup), pause);
    this.#owners.set(sandbox.id, record.uid);
    const dns = podResolvConf(pod);
    runtime.start(sandbox.id, (ns) => wireSandbox(ns, address.ip, this.ctx.podCIDR, dns));
    runtime.get(sandbox.id)?.etc.writeFile('/hosts', podHostsFile(pod, address.ip));
    record.sandbox = sandbox.id;
    record.podIP = address.ip;
    record.dirty = true;
    this.ctx.engine.log.append('kubelet.sandbox', { node: this.ctx.nodeName, pod: `${record.namespace}/${record.name}`, id: sandbox.id, ip: address.ip });
    return true;
  }

  // ---- containers ----

  /** Runs the init containers in order; true once every one is done (sidecars started). */
  #runInitContainers(pod: Stored<'Pod'>, record: PodRecord): boolean {
    for (const c of record.containers) {
      if (c.kind === 'regular') continue;
      const spec = specOf(pod, c);
      if (spec === undefined) continue;
      const instance = c.id === undefined ? undefined : this.ctx.runtime.get(c.id);
      if (c.kind === 'sidecar') {
        if (instance?.state.status === 'running') {
          if (!c.started) return false;
          continue;
        }
        if (c.id === undefined) this.#start(pod, record, c, spec);
        else this.#restart(pod, record, c, spec, instance);
        return false;
      }
      if (instance?.state.status === 'running') return false;
      if (c.id === undefined) {
        this.#start(pod, record, c, spec);
        return false;
      }
      const ended = terminationOf(c, c.id, instanceView(instance));
      if (ended?.exitCode === 0) continue;
      // A failed init container: again after the back-off, unless restartPolicy is Never.
      if ((pod.spec?.restartPolicy ?? 'Always') === 'Never') {
        this.#becomeTerminal(pod, record, 'Failed');
        return false;
      }
      this.#restart(pod, record, c, spec, instance);
      return false;
    }
    return true;
  }

  #runContainers(pod: Stored<'Pod'>, record: PodRecord): void {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    let stoppedForGood = 0;
    let failed = 0;
    let regular = 0;
    for (const c of record.containers) {
      if (c.kind !== 'regular') continue;
      regular++;
      const spec = specOf(pod, c);
      if (spec === undefined) continue;
      const instance = c.id === undefined ? undefined : this.ctx.runtime.get(c.id);
      if (c.id === undefined) {
        // A pull in progress holds the containers after it, as the serialized puller does.
        if (this.#start(pod, record, c, spec) === 'pulling') return;
        continue;
      }
      if (instance?.state.status === 'running') {
        if (c.image !== undefined && spec.image !== undefined && !sameImage(c.image, spec.image) && c.killedBy === undefined) {
          // `kubectl set image` on the pod: the container is restarted with the new image.
          this.#event(pod, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, fieldPathOf(c));
          this.#kill(pod, record, c, podGraceMs(pod), undefined);
        }
        continue;
      }
      const ended = terminationOf(c, c.id, instanceView(instance));
      if (ended === undefined) continue;
      const restart = policy === 'Always' || (policy === 'OnFailure' && ended.exitCode !== 0);
      if (restart) {
        this.#restart(pod, record, c, spec, instance);
        continue;
      }
      stoppedForGood++;
      if (ended.exitCode !== 0) failed++;
    }
    if (regular > 0 && stoppedForGood === regular) this.#becomeTerminal(pod, record, failed > 0 ? 'Failed' : 'Succeeded');
  }

  /** Restarts an exited container once its crash-loop back-off allows (the first restart at once). */
  #restart(pod: Stored<'Pod'>, record: PodRecord, c: ContainerRecord, spec: DeepReadonly<Container>, instance: RuntimeContainer | undefined): void {
    const finishedAt = c.startError?.at ?? instance?.state.finishedAt ?? this.ctx.engine.now;
    const backoff = crashLoopBackoff(this.state.crashBackoff);
    const key = `${record.name}_${record.namespace}_${record.uid}_${c.name}`;
    const now = this.ctx.engine.now;
    // The back-off already let this restart through; it waited for its image pull.
    if (c.restartOf !== undefined && c.restartOf === c.id) {
      this.#start(pod, record, c, spec);
      return;
    }
    if (backoff.inBackoffSince(key, finishedAt, now)) {
      const window = backoff.get(key);
      const message = `back-off ${formatGoDuration(window)} restarting failed container=${c.name} pod=${formatPod(pod)}`;
      if (c.waiting?.reason !== 'CrashLoopBackOff' || c.waiting.message !== message) {
        this.#event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`, fieldPathOf(c));
        c.waiting = { reason: 'CrashLoopBackOff', message };
        record.dirty = true;
      }
      this.ctx.scheduleSync(record.uid, Math.max(0, finishedAt + window - now));
      return;
    }
    backoff.next(key, finishedAt, now);
    c.restartOf = c.id;
    this.#start(pod, record, c, spec);
  }

  /** Pulls, configures, creates and starts a new instance of the container. */
  #start(pod: Stored<'Pod'>, record: PodRecord, c: ContainerRecord, spec: DeepReadonly<Container>): 'started' | 'pulling' | 'failed' {
    const ctx = this.ctx;
    const fieldPath = fieldPathOf(c);
    const requester = { uid: record.uid, namespace: record.namespace, pod: record.name, container: c.name, fieldPath };
    const waitLeft = c.waiting?.reason === 'ImagePullBackOff' ? ctx.images.backoffRemaining(record.uid, spec.image ?? '') : 0;
    if (waitLeft > 0) {
      // Still backing off: nothing new to say until the window ends.
      ctx.scheduleSync(record.uid, waitLeft);
      return 'failed';
    }
    const outcome = ctx.images.ensure(requester, pod, spec, () => pullCredentials(ctx.store, pod, safeDomain(spec.image ?? '')));
    if (outcome.kind === 'pulling') {
      if (c.waiting !== undefined && c.id === undefined) record.dirty = true;
      if (c.id === undefined) delete c.waiting;
      return 'pulling';
    }
    if (outcome.kind === 'failed') {
      this.#setWaiting(record, c, outcome.reason, outcome.message);
      if (outcome.reason === 'ErrImagePull') ctx.scheduleSync(record.uid, PLEG_RELIST_MS);
      else if (outcome.reason === 'ImagePullBackOff') ctx.scheduleSync(record.uid, ctx.images.backoffRemaining(record.uid, spec.image ?? ''));
      else ctx.scheduleSync(record.uid, WORKER_BACKOFF_MS);
      return 'failed';
    }
    const environment = containerEnvironment(ctx.store, pod, spec, { nodeAllocatable: ctx.allocatable, ...(record.podIP === undefined ? {} : { podIPs: [record.podIP] }) });
    const config = environment.ok
      ? containerConfig({
          pod,
          container: spec,
          image: outcome.image,
          env: environment.env,
          sandboxId: record.sandbox!,
          cgroupParent: podCgroupParent(record.uid, podQos(pod)),
          attempt: c.id === undefined ? c.restartCount : c.restartCount + 1,
          mounts: containerMounts(ctx.store, pod, spec, ctx.host.files),
        })
      : environment;
    if (!config.ok) {
      this.#event(pod, 'Warning', 'Failed', `Error: ${config.message}`, fieldPath);
      this.#setWaiting(record, c, config.reason, config.message);
      ctx.scheduleSync(record.uid, WORKER_BACKOFF_MS);
      return 'failed';
    }
    const created = ctx.runtime.create(config.spec, outcome.image);
    this.#owners.set(created.id, record.uid);
    this.#rotate(c, created.id);
    const ref = parseReference(spec.image ?? '');
    c.image = fullString(ref);
    const digest = ctx.imageService.store.repoDigests(outcome.image).find((d) => parseReference(d, { defaultTag: false }).path === ref.path);
    c.imageID = digest === undefined ? outcome.image.id : fullString(parseReference(digest, { defaultTag: false }));
    this.#event(pod, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
    const started = ctx.runtime.start(created.id);
    record.dirty = true;
    if (!started.ok) {
      // runc could not start the process: containerd reports StartError (exit 128).
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${started.error}: unknown`;
      c.startError = { message, at: ctx.engine.now };
      c.waiting = { reason: 'RunContainerError', message };
      this.#event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      ctx.scheduleSync(record.uid, PLEG_RELIST_MS);
      return 'failed';
    }
    this.#event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
    if (record.podIP !== undefined) ctx.runtime.get(created.id)?.etc.writeFile('/hosts', podHostsFile(pod, record.podIP));
    if (c.leak !== undefined) ctx.runtime.leakMemory(created.id, c.leak);
    if (c.failing !== undefined) ctx.runtime.failEndpoint(created.id, c.failing, true);
    this.#postStart(pod, record, c, spec, created.id);
    c.started = spec.startupProbe === undefined;
    c.ready = c.started && spec.readinessProbe === undefined;
    for (const type of PROBE_TYPES) {
      const probe = probeOf(spec, type);
      if (probe === undefined) continue;
      c.probes[type] = initialProbeState(type);
      ctx.scheduleProbe(record.uid, c.name, type, created.id, firstProbeDelayMs(probe));
    }
    return 'started';
  }

  /** A new instance replaces the latest: it becomes the previous one, the one before goes. */
  #rotate(c: ContainerRecord, id: string): void {
    if (c.id !== undefined) {
      const ended = terminationOf(c, c.id, instanceView(this.ctx.runtime.get(c.id)));
      if (ended !== undefined) c.last = ended;
      if (c.previousId !== undefined) this.#removeContainer(c.previousId);
      c.previousId = c.id;
      c.restartCount++;
    }
    c.id = id;
    delete c.waiting;
    delete c.startError;
    delete c.killedBy;
    delete c.restartOf;
    c.probes = {};
    c.started = false;
    c.ready = false;
  }

  #postStart(pod: Stored<'Pod'>, record: PodRecord, c: ContainerRecord, spec: DeepReadonly<Container>, id: string): void {
    const hook = spec.lifecycle?.postStart;
    if (hook?.exec === undefined) return;
    const exec = this.ctx.runtime.execStart(id, [...(hook.exec.command ?? [])]);
    const failed = 'error' in exec ? exec.error : exec.running ? undefined : exec.exitCode !== 0 ? `command '${(hook.exec.command ?? []).join(' ')}' exited with ${exec.exitCode}: ` : undefined;
    if (!('error' in exec) && !exec.running) this.ctx.runtime.execForget(exec.id);
    if (failed === undefined) return;
    this.#event(pod, 'Warning', 'FailedPostStartHook', `PostStartHook failed`, fieldPathOf(c));
    this.#kill(pod, record, c, podGraceMs(pod), undefined);
  }

  #setWaiting(record: PodRecord, c: ContainerRecord, reason: string, message: string): void {
    if (c.waiting?.reason === reason && c.waiting.message === message) return;
    c.waiting = { reason, message };
    record.dirty = true;
  }

  // ---- stopping ----

  /**
   * Stops one container: the Killing event (unless the caller recorded its own), the preStop
   * hook, then the stop signal with what is left of the grace period.
   */
  #kill(pod: DeepReadonly<Pod> | undefined, record: PodRecord, c: ContainerRecord, graceMs: number, cause: 'stop' | 'liveness' | 'startup' | undefined): void {
    const id = c.id;
    if (id === undefined || this.ctx.runtime.get(id)?.state.status !== 'running') return;
    if (this.state.preStops[id] !== undefined) return;
    if (pod !== undefined && cause !== undefined) this.#event(pod, 'Normal', 'Killing', killingMessage(c.name, cause), fieldPathOf(c));
    const spec = pod === undefined ? undefined : specOf(pod, c);
    const action = spec === undefined || graceMs === 0 ? { kind: 'none' as const } : preStopAction(spec);
    if (action.kind === 'none') {
      this.ctx.runtime.stop(id, graceMs);
      return;
    }
    const pending: PendingPreStop = { uid: record.uid, container: c.name, instance: id, startedAt: this.ctx.engine.now, graceMs };
    this.state.preStops[id] = pending;
    if (action.kind === 'exec') {
      const exec = this.ctx.runtime.execStart(id, action.command);
      if (!('error' in exec) && exec.running) {
        pending.execId = exec.id;
        this.ctx.schedulePreStop(id, graceMs);
        return;
      }
      if (!('error' in exec)) this.ctx.runtime.execForget(exec.id);
      if ('error' in exec && pod !== undefined) this.#event(pod, 'Warning', 'FailedPreStopHook', `PreStopHook failed`, fieldPathOf(c));
      this.preStopDone(id);
      return;
    }
    if (action.kind === 'http') {
      const port = typeof action.port === 'number' ? action.port : Number(action.port);
      this.ctx.runtime.httpGet(id, port, action.path);
      this.preStopDone(id);
      return;
    }
    this.ctx.schedulePreStop(id, Math.min(action.ms, graceMs));
  }

  /** A preStop hook ended (or its time ran out): the stop signal, with the rest of the grace period. */
  preStopDone(instance: string): void {
    const pending = this.state.preStops[instance];
    if (pending === undefined) return;
    delete this.state.preStops[instance];
    const elapsed = this.ctx.engine.now - pending.startedAt;
    if (pending.execId !== undefined) this.ctx.runtime.execForget(pending.execId);
    this.ctx.runtime.stop(instance, Math.max(pending.graceMs - elapsed, MINIMUM_GRACE_AFTER_PRESTOP_MS));
  }

  /** An exec ended: maybe a preStop hook. */
  execEnded(execId: string): void {
    for (const [instance, pending] of Object.entries(this.state.preStops)) if (pending.execId === execId) this.preStopDone(instance);
  }

  /** Stops every container of the pod (regular ones first, sidecars after them). */
  #killAll(record: PodRecord, graceMs: number, pod: DeepReadonly<Pod> | undefined): void {
    for (const c of record.containers) if (c.kind !== 'sidecar') this.#kill(pod, record, c, graceMs, pod === undefined ? undefined : 'stop');
    for (const c of [...record.containers].reverse()) if (c.kind === 'sidecar') this.#kill(pod, record, c, graceMs, pod === undefined ? undefined : 'stop');
  }

  #running(record: PodRecord, kind?: 'sidecar'): boolean {
    return record.containers.some((c) => (kind === undefined || c.kind === kind) && c.id !== undefined && this.ctx.runtime.get(c.id)?.state.status === 'running');
  }

  /** A pod being deleted or evicted: stop its containers, then its sandbox, then let the API delete it. */
  #terminate(pod: Stored<'Pod'>, record: PodRecord): void {
    const now = this.ctx.engine.now;
    if (record.terminating === undefined) {
      const graceMs = record.evicted !== undefined ? 0 : podGraceMs(pod);
      record.terminating = { since: now, graceMs };
      this.ctx.images.forget(record.uid);
      for (const c of record.containers) if (c.kind !== 'sidecar') this.#kill(pod, record, c, graceMs, 'stop');
    }
    const mainRunning = record.containers.some((c) => c.kind !== 'sidecar' && c.id !== undefined && this.ctx.runtime.get(c.id)?.state.status === 'running');
    if (mainRunning) return;
    if (this.#running(record, 'sidecar')) {
      // Sidecars go after the main containers, in reverse order, with what is left of the grace.
      const left = Math.max(0, record.terminating.since + record.terminating.graceMs - now);
      for (const c of [...record.containers].reverse()) if (c.kind === 'sidecar') this.#kill(pod, record, c, left, 'stop');
      return;
    }
    this.#stopSandbox(record);
    const allZero = record.containers
      .filter((c) => c.kind === 'regular')
      .every((c) => c.id !== undefined && terminationOf(c, c.id, instanceView(this.ctx.runtime.get(c.id)))?.exitCode === 0);
    record.terminal = allZero ? 'Succeeded' : 'Failed';
    this.writeStatus(record.uid);
    if (pod.metadata?.deletionTimestamp !== undefined) this.#finalize(record);
  }

  /** A pod whose containers stopped for good: its phase is final, the sandbox goes. */
  #becomeTerminal(pod: Stored<'Pod'>, record: PodRecord, phase: 'Succeeded' | 'Failed'): void {
    record.terminal = phase;
    record.dirty = true;
    this.#killAll(record, podGraceMs(pod), pod);
    this.ctx.engine.log.append('kubelet.pod-finished', { node: this.ctx.nodeName, pod: `${record.namespace}/${record.name}`, phase });
  }

  #finishTerminal(pod: Stored<'Pod'>, record: PodRecord): void {
    if (this.#running(record)) return;
    if (record.sandbox !== undefined && this.ctx.runtime.get(record.sandbox)?.state.status === 'running') {
      this.#stopSandbox(record);
      record.dirty = true;
    }
    if (pod.metadata?.deletionTimestamp !== undefined) this.#finalize(record);
  }

  #stopSandbox(record: PodRecord): void {
    if (record.sandbox !== undefined) this.ctx.runtime.stop(record.sandbox, 0);
  }

  /** The kubelet's last word: the API may delete the pod now; the node forgets it. */
  #finalize(record: PodRecord): void {
    try {
      this.ctx.store.finalizeDelete(record.namespace, record.name);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
    }
    this.#cleanUp(record);
  }

  #cleanUp(record: PodRecord): void {
    for (const c of record.containers) {
      for (const id of [c.id, c.previousId]) if (id !== undefined) this.#removeContainer(id);
    }
    if (record.sandbox !== undefined) {
      this.ctx.runtime.stop(record.sandbox, 0);
      this.#removeContainer(record.sandbox);
    }
    tearDownPodVolumes(record.uid, this.ctx.host.files);
    this.ctx.images.forget(record.uid);
    crashLoopBackoff(this.state.crashBackoff).forget(`${record.name}_${record.namespace}_${record.uid}_`);
    delete this.state.pods[record.uid];
    this.ctx.engine.log.append('kubelet.pod-removed', { node: this.ctx.nodeName, pod: `${record.namespace}/${record.name}` });
  }

  #removeContainer(id: string): void {
    const runtime = this.ctx.runtime;
    if (runtime.get(id)?.state.status === 'running') runtime.kill(id, 'SIGKILL');
    runtime.remove(id);
    this.#owners.delete(id);
  }

  // ---- probes ----

  probe(uid: string, name: string, type: ProbeType, instance: string): void {
    const record = this.state.pods[uid];
    const c = record?.containers.find((x) => x.name === name);
    if (record === undefined || c === undefined || c.id !== instance || c.killedBy !== undefined) return;
    if (this.ctx.runtime.get(instance)?.state.status !== 'running' || record.terminating !== undefined) return;
    const pod = this.#podOf(record);
    const spec = pod === undefined ? undefined : specOf(pod, c);
    const probe = spec === undefined ? undefined : probeOf(spec, type);
    if (pod === undefined || spec === undefined || probe === undefined) return;
    const period = periodMs(probe);
    if (type === 'startup' && c.started) return;
    if (type !== 'startup' && spec.startupProbe !== undefined && !c.started) {
      this.ctx.scheduleProbe(uid, name, type, instance, period);
      return;
    }
    const outcome = runProbe(this.ctx.runtime, instance, spec, probe, record.podIP ?? '');
    if (!outcome.ok) this.#event(pod, 'Warning', 'Unhealthy', `${PROBE_LABEL[type]} probe failed: ${outcome.output}`, fieldPathOf(c));
    const state = (c.probes[type] ??= initialProbeState(type));
    const flipped = recordProbe(state, probe, outcome.ok);
    if (flipped !== undefined) this.ctx.engine.log.append('kubelet.probe', { node: this.ctx.nodeName, pod: `${record.namespace}/${record.name}`, container: name, probe: type, result: flipped });
    if (flipped === 'failure' && type !== 'readiness') {
      // The container stays Running (and as ready as it was) until it has stopped.
      c.killedBy = type;
      this.#kill(pod, record, c, probeKillGraceMs(pod, probe), type);
      return;
    }
    if (flipped !== undefined) {
      if (type === 'startup') {
        c.started = true;
        c.ready = spec.readinessProbe === undefined;
      } else if (type === 'readiness') {
        c.ready = flipped === 'success';
      }
      this.writeStatus(uid);
    }
    this.ctx.scheduleProbe(uid, name, type, instance, period);
  }

  // ---- faults ----

  /** Kills the container's running instance with SIGKILL, as `crictl stop -t 0` or an OOM killer outside the cgroup would. */
  killContainer(uid: string, name: string): boolean {
    const c = this.state.pods[uid]?.containers.find((x) => x.name === name);
    if (c?.id === undefined) return false;
    return this.ctx.runtime.kill(c.id, 'SIGKILL');
  }

  /** Makes the container leak memory from now on, in this instance and the ones after it. */
  leakMemory(uid: string, name: string, bytesPerSecond: number): boolean {
    const c = this.state.pods[uid]?.containers.find((x) => x.name === name);
    if (c === undefined) return false;
    c.leak = (c.leak ?? 0) + bytesPerSecond;
    if (c.id !== undefined) this.ctx.runtime.leakMemory(c.id, bytesPerSecond);
    return true;
  }

  /**
   * The break-readiness fault (`broken`) or fix-readiness: makes the container's readiness probe
   * fail as a real failure would (see readiness-fault.ts). Returns what changed, or an error.
   */
  breakReadiness(uid: string, name: string, broken: boolean): { what: string } | { error: string } {
    const record = this.state.pods[uid];
    const c = record?.containers.find((x) => x.name === name);
    const pod = record === undefined ? undefined : this.#podOf(record);
    const spec = pod === undefined || c === undefined ? undefined : specOf(pod, c);
    if (c === undefined || spec === undefined) return { error: 'the kubelet runs no such container' };
    const target = readinessTarget(spec);
    if (typeof target === 'string') return { error: target };
    const running = c.id !== undefined && this.ctx.runtime.get(c.id)?.state.status === 'running' ? c.id : undefined;
    if (target.kind === 'endpoint') {
      if (broken) c.failing = target.endpoint;
      else delete c.failing;
      if (c.id !== undefined) this.ctx.runtime.failEndpoint(c.id, target.endpoint, broken);
      return { what: target.what };
    }
    const files = running === undefined ? undefined : this.ctx.runtime.fs(running);
    if (files === undefined) return { error: 'the container is not running' };
    if (broken) files.remove(target.path, { force: true });
    else if (!files.exists(target.path)) files.writeFile(target.path, '');
    this.ctx.engine.log.append(broken ? 'container.file-removed' : 'container.file-written', { node: this.ctx.nodeName, id: running, path: target.path });
    return { what: target.what };
  }

  /** The node went down: every instance died with it; preStop hooks and pulls are gone. */
  nodeDown(): void {
    this.state.preStops = {};
    for (const record of Object.values(this.state.pods)) {
      for (const c of record.containers) if (c.id !== undefined && this.ctx.runtime.get(c.id)?.state.status === 'running') this.ctx.runtime.kill(c.id, 'SIGKILL');
      if (record.sandbox !== undefined && this.ctx.runtime.get(record.sandbox)?.state.status === 'running') this.ctx.runtime.kill(record.sandbox, 'SIGKILL');
    }
  }

  /** Pod records the API no longer has (deleted while the node was down) or that moved away. */
  forgetMissing(): void {
    for (const uid of Object.keys(this.state.pods).sort()) {
      const record = this.state.pods[uid]!;
      if (this.#podOf(record) === undefined) {
        this.#killAll(record, 0, undefined);
        this.#cleanUp(record);
      }
    }
  }

  /** Which runtime instance a pod's container name stands for (`previous`: the one before). */
  containerId(uid: string, name: string, previous: boolean): string | undefined {
    const c = this.state.pods[uid]?.containers.find((x) => x.name === name);
    return previous ? c?.previousId : c?.id;
  }

  // ---- helpers ----

  #podOf(record: PodRecord): Stored<'Pod'> | undefined {
    const pod = this.ctx.store.tryGet('Pod', record.namespace, record.name);
    return pod?.metadata?.uid === record.uid && pod.spec?.nodeName === this.ctx.nodeName ? pod : undefined;
  }

  #event(pod: DeepReadonly<Pod>, type: EventType, reason: string, message: string, fieldPath?: string): void {
    if (!this.ctx.connected()) return;
    this.ctx.events.event(pod as Stored<'Pod'>, type, reason, message, fieldPath);
  }

  #reindex(): void {
    this.#owners.clear();
    for (const record of Object.values(this.state.pods)) {
      if (record.sandbox !== undefined) this.#owners.set(record.sandbox, record.uid);
      for (const c of record.containers) for (const id of [c.id, c.previousId]) if (id !== undefined) this.#owners.set(id, record.uid);
    }
  }
}

export function instanceView(container: RuntimeContainer | undefined): InstanceView | undefined {
  if (container === undefined) return undefined;
  const state = container.state;
  if (state.status === 'created') return undefined;
  return {
    running: state.status === 'running',
    ...(state.startedAt === undefined ? {} : { startedAt: state.startedAt }),
    ...(state.finishedAt === undefined ? {} : { finishedAt: state.finishedAt }),
    exitCode: state.exitCode,
    oomKilled: state.oomKilled,
  };
}

/** Whether a spec's image and the running one's full name are the same reference. */
function sameImage(full: string, spec: string): boolean {
  try {
    return fullString(parseReference(spec)) === full;
  } catch {
    return false;
  }
}

function safeDomain(image: string): string {
  try {
    return parseReference(image).domain;
  } catch {
    return '';
  }
}
