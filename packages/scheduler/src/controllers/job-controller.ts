// The Job controller of kube-controller-manager, v1.33 behaviour (k/k `pkg/controller/job/job_controller.go`),
// for NonIndexed Jobs:
// - runs min(parallelism, completions − succeeded) pods at a time (parallelism alone when
//   completions is unset, until one succeeds), in slow-start batches, each pod carrying the
//   `batch.kubernetes.io/job-tracking` finalizer;
// - counts finished pods exactly once: their uids go to status.uncountedTerminatedPods, the
//   finalizer comes off, then they move into succeeded / failed (a deleted pod counts as failed);
// - after failures, waits the pod failure back-off (`job-backoff.ts`: 10 s doubling, 6 min cap)
//   before creating the next pod;
// - fails the Job when failed > backoffLimit (or, for restartPolicy OnFailure, when the running
//   pods' restarts reach it): FailureTarget / BackoffLimitExceeded `Job has reached the specified
//   backoff limit`, its active pods deleted, then Failed once none is left terminating, and a
//   Warning event with that reason and message; likewise activeDeadlineSeconds (DeadlineExceeded);
// - completes it when succeeded ≥ completions with nothing active: SuccessCriteriaMet, then
//   Complete (reason CompletionsReached, `Reached expected number of succeeded pods`),
//   completionTime, and the event `Completed` / `Job completed`;
// - suspend: deletes the active pods, condition Suspended (JobSuspended / JobResumed).
// Pod events reach a Job's sync batched by 1 s (syncJobBatchPeriod), as in the real controller.
// Not simulated: Indexed completion, podFailurePolicy, successPolicy, backoffLimitPerIndex.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { fromRFC3339, toRFC3339 } from '@dockyard/runtime';
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type Mutable, type Stored } from '../api/kinds.ts';
import type { WatchEvent } from '../api/watch.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { compareActivePods } from './active-pods-ranking.ts';
import { claimObjects } from './controller-ref-manager.ts';
import { type BackoffRecord, nextBackoffRecord, remainingBackoff } from './job-backoff.ts';
import { PodControl, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './pod-control.ts';
import { controllerOf, isPodActive, isPodReady, isPodTerminating, podFromTemplate, type PodView } from './pod-util.ts';
import { workloadSelector } from './replicaset-controller.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export type JobView = Stored<'Job'>;
type WorkingJob = Mutable<Job>;

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** syncJobBatchPeriod: pod events reach the Job this much later, batched. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** MaxUncountedPods. */
const MAX_UNCOUNTED_PODS = 500;

interface SavedJobController {
  queue: SavedWorkQueue;
  backoff: [string, BackoffRecord][];
}

interface SyncContext {
  job: WorkingJob;
  pods: PodView[];
  activePods: PodView[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  finishedCondition: JobCondition | undefined;
  newBackoffRecord: BackoffRecord;
}

const hasTrackingFinalizer = (pod: PodView) => pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) === true;
const isSuspended = (job: JobView | WorkingJob) => job.spec?.suspend === true;

/** isPodFailed with the default podReplacementPolicy TerminatingOrFailed: a deleted unfinished pod counts as failed. */
function isPodFailed(pod: PodView, job: WorkingJob): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined) return false;
  return pod.metadata?.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

function findCondition(job: WorkingJob | JobView, type: string): JobCondition | undefined {
  return (job.status?.conditions as JobCondition[] | undefined)?.find((c) => c.type === type);
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function isJobFinished(job: JobView | WorkingJob): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export class JobController implements EngineComponent {
  readonly name = 'job-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;
  readonly #pods: PodControl;
  /** The pod failure back-off per Job key (the podBackoffStore). */
  #backoff = new Map<string, BackoffRecord>();

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'job-controller' });
    this.#pods = new PodControl(store, this.#recorder);
    this.#queue = new WorkQueue(engine, 'job-controller', (key) => this.#sync(key));
    store.watch('Job', {}, ({ type, object, previous }) => {
      const key = objectKeyOf(object.metadata?.namespace, object.metadata!.name!);
      if (type === 'DELETED') this.#backoff.delete(key);
      // updateJob: a status-only change is batched like pod events; a spec change syncs at once.
      if (previous !== undefined && previous.metadata?.generation === object.metadata?.generation) this.#queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
      else this.#queue.add(key);
    });
    store.watch('Pod', {}, (event) => this.#onPod(event));
    engine.register(this);
  }

  snapshot(): SavedJobController {
    return { queue: this.#queue.snapshot(), backoff: [...this.#backoff] };
  }

  restore(state: unknown): void {
    const saved = state as SavedJobController;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.backoff)) throw new Error('job-controller snapshot has no backoff list');
    this.#queue.restore(saved.queue);
    this.#backoff = new Map(saved.backoff.map(([key, record]) => [key, { ...record }]));
  }

  // ---- event handlers ----

  #onPod({ type, object: pod, previous }: WatchEvent<PodView>): void {
    const namespace = pod.metadata!.namespace!;
    const oldRef = previous === undefined ? undefined : controllerOf(previous);
    const ref = controllerOf(pod);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid) this.#enqueueRef(namespace, oldRef);
    if (ref !== undefined) {
      this.#enqueueRef(namespace, ref);
      return;
    }
    if (type === 'DELETED' || pod.metadata?.deletionTimestamp !== undefined) return;
    for (const job of this.#store.list('Job', { namespace }).items) {
      const selector = workloadSelector(job);
      if (selector !== undefined && !selector.isEmpty() && selector.matches(pod.metadata?.labels)) {
        this.#queue.addAfter(objectKeyOf(namespace, job.metadata!.name!), SYNC_JOB_BATCH_PERIOD_MS);
      }
    }
  }

  #enqueueRef(namespace: string, ref: { readonly kind: string; readonly name: string; readonly uid: string }): void {
    if (ref.kind !== 'Job') return;
    const job = this.#store.tryGet('Job', namespace, ref.name);
    if (job !== undefined && job.metadata?.uid === ref.uid) this.#queue.addAfter(objectKeyOf(namespace, ref.name), SYNC_JOB_BATCH_PERIOD_MS);
  }

  #log(job: WorkingJob, type: string, fields: Record<string, unknown>): void {
    this.#engine.log.append(`job-controller.${type}`, { namespace: job.metadata!.namespace, job: job.metadata!.name, ...fields });
  }

  // ---- sync ----

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.#store.tryGet('Job', namespace, name);
    if (stored === undefined) {
      this.#backoff.delete(key);
      return;
    }
    if (isJobFinished(stored)) {
      this.#backoff.delete(key);
      return;
    }
    const job = deepCopy(stored) as WorkingJob;
    const status = (job.status ??= {});
    status.uncountedTerminatedPods ??= {};
    const pods = this.#podsFor(stored);
    const activePods = pods.filter(isPodActive);
    const ctx: SyncContext = {
      job,
      pods,
      activePods,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter(isPodTerminating).length,
      uncountedSucceeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
      uncountedFailed: new Set(status.uncountedTerminatedPods.failed ?? []),
      succeeded: 0,
      failed: 0,
      finishedCondition: undefined,
      newBackoffRecord: { failuresAfterLastSuccess: 0 },
    };
    let active = activePods.length;
    const uncounted = (pod: PodView) => ctx.uncountedSucceeded.has(pod.metadata!.uid!) || ctx.uncountedFailed.has(pod.metadata!.uid!);
    const fresh = pods.filter((pod) => hasTrackingFinalizer(pod) && !uncounted(pod));
    const newSucceeded = fresh.filter((pod) => pod.status?.phase === 'Succeeded');
    const newFailed = fresh.filter((pod) => isPodFailed(pod, job));
    ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncountedSucceeded.size;
    ctx.failed = (status.failed ?? 0) + newFailed.length + ctx.uncountedFailed.size;
    if (status.startTime === undefined && !isSuspended(job)) status.startTime = toRFC3339(this.#engine.now);
    ctx.newBackoffRecord = nextBackoffRecord(this.#backoff.get(key), newSucceeded, newFailed);

    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const successCriteriaMet = findCondition(job, 'SuccessCriteriaMet');
    ctx.finishedCondition = successCriteriaMet?.status === 'True' ? successCriteriaMet : undefined;
    if (ctx.finishedCondition === undefined) {
      const failureTarget = findCondition(job, 'FailureTarget');
      if (failureTarget?.status === 'True') ctx.finishedCondition = this.#condition('Failed', failureTarget.reason!, failureTarget.message!);
    }
    if (ctx.finishedCondition === undefined) {
      if (ctx.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods)) {
        ctx.finishedCondition = this.#condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      } else if (this.#pastActiveDeadline(job)) {
        ctx.finishedCondition = this.#condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      } else if (job.spec?.activeDeadlineSeconds !== undefined && !isSuspended(job)) {
        this.#queue.addAfter(key, job.spec.activeDeadlineSeconds * 1000 - (this.#engine.now - fromRFC3339(status.startTime!)));
      }
    }

    let suspendChanged = false;
    if (ctx.finishedCondition !== undefined) {
      const { deleted, deletedReady } = this.#deletePods(job, activePods, false);
      if (deleted !== active) ctx.finishedCondition = undefined;
      active -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
    } else {
      let manageCalled = false;
      if (job.metadata?.deletionTimestamp === undefined) {
        active = this.#manageJob(key, ctx);
        manageCalled = true;
      }
      const completions = job.spec?.completions;
      const complete = completions === undefined || completions === null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
      if (complete) {
        ctx.finishedCondition = this.#condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
      } else if (manageCalled) {
        if (isSuspended(job)) {
          if (this.#ensureCondition(job, 'Suspended', 'True', 'JobSuspended', 'Job suspended')) {
            suspendChanged = true;
            this.#recorder.event(stored, 'Normal', 'Suspended', 'Job suspended');
          }
        } else if (this.#ensureCondition(job, 'Suspended', 'False', 'JobResumed', 'Job resumed')) {
          suspendChanged = true;
          this.#recorder.event(stored, 'Normal', 'Resumed', 'Job resumed');
          status.startTime = toRFC3339(this.#engine.now);
        }
      }
    }
    const needsUpdate = suspendChanged || active !== (status.active ?? 0) || ctx.ready !== status.ready || ctx.terminating !== status.terminating;
    if (active === 0) delete status.active;
    else status.active = active;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    this.#trackStatusAndRemoveFinalizers(key, ctx, needsUpdate);
  }

  #condition(type: string, reason: string, message: string): JobCondition {
    const now = toRFC3339(this.#engine.now);
    return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  /** ensureJobConditionStatus: a False condition is never added, only set. */
  #ensureCondition(job: WorkingJob, type: string, status: 'True' | 'False', reason: string, message: string): boolean {
    const conditions = ((job.status ??= {}).conditions ??= []) as JobCondition[];
    const at = conditions.findIndex((c) => c.type === type);
    const next = { ...this.#condition(type, reason, message), status };
    if (at >= 0) {
      const c = conditions[at]!;
      if (c.status === status && c.reason === reason && c.message === message) return false;
      conditions[at] = next;
      return true;
    }
    if (status === 'False') {
      if (conditions.length === 0) delete job.status!.conditions;
      return false;
    }
    conditions.push(next);
    return true;
  }

  #pastActiveDeadline(job: WorkingJob): boolean {
    const deadline = job.spec?.activeDeadlineSeconds;
    if (deadline === undefined || job.status?.startTime === undefined || isSuspended(job)) return false;
    return this.#engine.now - fromRFC3339(job.status.startTime) >= deadline * 1000;
  }

  /** getPodsForJob: every pod it selects or owns, claimed. */
  #podsFor(job: JobView): PodView[] {
    const selector = workloadSelector(job);
    if (selector === undefined) return [];
    const namespace = job.metadata!.namespace!;
    const seen = new Set<string>();
    const candidates: PodView[] = [];
    for (const pod of [...this.#store.list('Pod', { namespace, labelSelector: selector }).items, ...(this.#store.dependents(job.metadata!.uid!) as PodView[])]) {
      if (pod.kind !== 'Pod' || seen.has(pod.metadata!.uid!)) continue;
      seen.add(pod.metadata!.uid!);
      candidates.push(pod);
    }
    candidates.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    return claimObjects(this.#store, candidates, {
      owner: job,
      selector,
      log: (decision, pod) => this.#engine.log.append(`job-controller.${decision}`, { namespace, job: job.metadata!.name, pod: pod.metadata!.name }),
    });
  }

  /** manageJob: creates or deletes pods toward the wanted number of active ones; returns active. */
  #manageJob(key: string, ctx: SyncContext): number {
    const job = ctx.job;
    let active = ctx.activePods.length;
    if (isSuspended(job)) {
      const { deleted, deletedReady } = this.#deletePods(job, [...ctx.activePods].sort(compareActivePods), true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return active - deleted;
    }
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions;
    let wantActive: number;
    if (completions === undefined || completions === null) wantActive = ctx.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
    const excess = Math.max(0, active - wantActive);
    if (excess > 0) {
      const chosen = [...ctx.activePods].sort(compareActivePods).slice(0, Math.min(excess, MAX_POD_CREATE_DELETE_PER_SYNC));
      this.#log(job, 'delete-pods', { reason: 'too many active pods', want: wantActive, active, deleting: chosen.map((p) => p.metadata!.name) });
      const { deleted, deletedReady } = this.#deletePods(job, chosen, true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return active - deleted;
    }
    let diff = wantActive - active;
    if (job.spec?.podReplacementPolicy === 'Failed') diff -= ctx.terminating;
    if (diff <= 0) return active;
    const remaining = remainingBackoff(ctx.newBackoffRecord, this.#engine.now);
    if (remaining > 0) {
      // As the real manageJob does, the Job reports 0 active pods while it backs off.
      this.#log(job, 'backoff', { reason: 'pod failure back-off', failures: ctx.newBackoffRecord.failuresAfterLastSuccess, waitMs: remaining });
      this.#queue.addAfter(key, Math.max(remaining, SYNC_JOB_BATCH_PERIOD_MS));
      return 0;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    this.#log(job, 'create-pods', { reason: 'too few active pods', want: wantActive, active, creating: diff });
    const owner = this.#store.get('Job', job.metadata!.namespace!, job.metadata!.name!);
    const template = deepCopy(job.spec!.template);
    template.metadata = { ...template.metadata, finalizers: [...new Set([...(template.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER])] };
    const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      this.#pods.createPod(podFromTemplate(template, owner), owner);
    });
    if (error !== undefined) throw error;
    return active + successes;
  }

  /** deleteActivePods / deleteJobPods (which also drops the tracking finalizer first). */
  #deletePods(job: WorkingJob, pods: readonly PodView[], dropFinalizer: boolean): { deleted: number; deletedReady: number } {
    const owner = this.#store.get('Job', job.metadata!.namespace!, job.metadata!.name!);
    let deleted = 0;
    let deletedReady = 0;
    for (const pod of pods) {
      if (dropFinalizer) this.#removeFinalizer(pod);
      this.#pods.deletePod(pod.metadata!.namespace!, pod.metadata!.name!, owner);
      deleted++;
      if (isPodReady(pod)) deletedReady++;
    }
    return { deleted, deletedReady };
  }

  #removeFinalizer(pod: PodView): boolean {
    if (!hasTrackingFinalizer(pod)) return true;
    const current = this.#store.tryGet('Pod', pod.metadata!.namespace!, pod.metadata!.name!);
    if (current === undefined || current.metadata?.uid !== pod.metadata!.uid) return true;
    const copy = deepCopy(current);
    const finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (finalizers.length === 0) delete copy.metadata!.finalizers;
    else copy.metadata!.finalizers = finalizers;
    try {
      this.#store.update(copy);
      return true;
    } catch (error) {
      if (error instanceof StatusError && error.reason === 'NotFound') return true;
      throw error;
    }
  }

  #updateStatus(job: WorkingJob): void {
    const status = job.status!;
    const uncounted = status.uncountedTerminatedPods!;
    if ((uncounted.succeeded ?? []).length === 0) delete uncounted.succeeded;
    if ((uncounted.failed ?? []).length === 0) delete uncounted.failed;
    if ((status.conditions ?? []).length === 0) delete status.conditions;
    const written = this.#store.updateStatus(job);
    (job.metadata as { resourceVersion?: string }).resourceVersion = written.metadata!.resourceVersion!;
  }

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods' uids go to uncountedTerminatedPods (written
   * first), their finalizers come off, then they move into the counters; the interim condition
   * is written with them, and the final one once nothing is uncounted or terminating.
   */
  #trackStatusAndRemoveFinalizers(key: string, ctx: SyncContext, needsUpdate: boolean): void {
    const job = ctx.job;
    const status = job.status!;
    const uncounted = status.uncountedTerminatedPods!;
    uncounted.succeeded = [...(uncounted.succeeded ?? [])];
    uncounted.failed = [...(uncounted.failed ?? [])];
    const withFinalizer = new Set(ctx.pods.filter(hasTrackingFinalizer).map((p) => p.metadata!.uid!));
    let needsFlush = needsUpdate;
    if (this.#countRemoved(status, withFinalizer)) needsFlush = true;
    const toRemove: PodView[] = [];
    let reachedMax = false;
    for (const pod of ctx.pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const failed = isPodFailed(pod, job);
      const uid = pod.metadata!.uid!;
      if (!(job.metadata?.deletionTimestamp !== undefined || ctx.finishedCondition !== undefined || pod.status?.phase === 'Succeeded' || failed)) continue;
      toRemove.push(pod);
      if (pod.status?.phase === 'Succeeded' && !ctx.uncountedFailed.has(uid)) {
        if (!ctx.uncountedSucceeded.has(uid)) {
          uncounted.succeeded.push(uid);
          needsFlush = true;
        }
      } else if (failed || (ctx.finishedCondition !== undefined && ctx.finishedCondition.type !== 'SuccessCriteriaMet')) {
        if (!ctx.uncountedFailed.has(uid)) {
          uncounted.failed.push(uid);
          needsFlush = true;
        }
      }
      if (uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED_PODS) {
        reachedMax = true;
        break;
      }
    }
    const finished = ctx.finishedCondition;
    if (finished?.type === 'FailureTarget') {
      (status.conditions ??= []).push(finished);
      needsFlush = true;
      this.#log(job, 'condition', { type: finished.type, reason: finished.reason, message: finished.message });
      ctx.finishedCondition = this.#condition('Failed', finished.reason!, finished.message!);
    } else if (finished?.type === 'SuccessCriteriaMet') {
      if (findCondition(job, 'SuccessCriteriaMet') === undefined) {
        (status.conditions ??= []).push(finished);
        needsFlush = true;
        this.#log(job, 'condition', { type: finished.type, reason: finished.reason, message: finished.message });
      }
      ctx.finishedCondition = this.#condition('Complete', finished.reason!, finished.message!);
    }
    // Flush: record the uncounted pods before their finalizers go.
    if (needsFlush) {
      this.#updateStatus(job);
      this.#backoff.set(key, ctx.newBackoffRecord);
      needsFlush = false;
    }
    for (const pod of toRemove) if (this.#removeFinalizer(pod)) withFinalizer.delete(pod.metadata!.uid!);
    if (this.#countRemoved(status, withFinalizer)) needsFlush = true;
    const jobFinished = !reachedMax && this.#enactFinished(ctx);
    if (jobFinished) needsFlush = true;
    if (!needsFlush) return;
    this.#updateStatus(job);
    if (jobFinished) this.#recordFinished(job, ctx.finishedCondition!);
  }

  /** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone move into the counters. */
  #countRemoved(status: Mutable<JobStatus>, withFinalizer: Set<string>): boolean {
    const uncounted = status.uncountedTerminatedPods!;
    let changed = false;
    const succeeded = (uncounted.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
    if (succeeded.length !== (uncounted.succeeded ?? []).length) {
      status.succeeded = (status.succeeded ?? 0) + (uncounted.succeeded ?? []).length - succeeded.length;
      uncounted.succeeded = succeeded;
      changed = true;
    }
    const failed = (uncounted.failed ?? []).filter((uid) => withFinalizer.has(uid));
    if (failed.length !== (uncounted.failed ?? []).length) {
      status.failed = (status.failed ?? 0) + (uncounted.failed ?? []).length - failed.length;
      uncounted.failed = failed;
      changed = true;
    }
    return changed;
  }

  /** enactJobFinished: the final condition once nothing is uncounted or terminating. */
  #enactFinished(ctx: SyncContext): boolean {
    const finished = ctx.finishedCondition;
    if (finished === undefined) return false;
    const status = ctx.job.status!;
    const uncounted = status.uncountedTerminatedPods!;
    if ((uncounted.succeeded ?? []).length + (uncounted.failed ?? []).length > 0) return false;
    if (ctx.terminating > 0) return false;
    this.#ensureCondition(ctx.job, finished.type, 'True', finished.reason!, finished.message!);
    if (finished.type === 'Complete') status.completionTime = findCondition(ctx.job, 'Complete')!.lastTransitionTime!;
    this.#log(ctx.job, 'condition', { type: finished.type, reason: finished.reason, message: finished.message });
    return true;
  }

  #recordFinished(job: WorkingJob, finished: JobCondition): void {
    const owner = this.#store.get('Job', job.metadata!.namespace!, job.metadata!.name!);
    if (finished.type === 'Complete') {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
        this.#recorder.event(owner, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.#recorder.event(owner, 'Normal', 'Completed', 'Job completed');
    } else {
      this.#recorder.event(owner, 'Warning', finished.reason!, finished.message!);
    }
  }
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, restarts of running pods count as failures. */
function pastBackoffLimitOnFailure(job: WorkingJob, pods: readonly PodView[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const s of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) restarts += s.restartCount;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}
