// The CronJob controller (v2) of kube-controller-manager (k/k `pkg/controller/cronjob/cronjob_controllerv2.go`,
// `utils.go`): at each schedule time it creates a Job `<cronjob>-<minutes since the Unix epoch of
// the scheduled time>` from the jobTemplate, owned by the CronJob and annotated
// `batch.kubernetes.io/cronjob-scheduled-timestamp`, 100 ms after the time (nextScheduleDelta);
// keeps status.active, lastScheduleTime and lastSuccessfulTime; applies concurrencyPolicy (Allow,
// Forbid: skip while one runs, Replace: delete the running one), startingDeadlineSeconds (a start
// missed by more is skipped: `MissSchedule`), suspend, and successfulJobsHistoryLimit /
// failedJobsHistoryLimit (the oldest finished Jobs beyond them are deleted). Events:
// `SuccessfulCreate` `Created job hello-28929600`, `SawCompletedJob`
// `Saw completed job: hello-28929600, condition: Complete`, `SuccessfulDelete` `Deleted job ...`.
// Schedules are parsed by `cron-schedule.ts`; virtual time 0 is 2025-01-01T00:00:00Z.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, jsonEqual, type Mutable, type Stored } from '../api/kinds.ts';
import { EventRecorder } from '../events/event-recorder.ts';
import { CronParseError, type CronSchedule, isKnownTimeZone, parseCronSchedule } from './cron-schedule.ts';
import type { JobView } from './job-controller.ts';
import { controllerOf, newControllerRef } from './pod-util.ts';
import { objectKeyOf, type SavedWorkQueue, splitKey, WorkQueue } from './work-queue.ts';

export type CronJobView = Stored<'CronJob'>;

export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: the controller wakes this long after a schedule time. */
const NEXT_SCHEDULE_DELTA_MS = 100;

const unix = (now: number) => VIRTUAL_EPOCH_MS + now;
const virtual = (unixMs: number) => unixMs - VIRTUAL_EPOCH_MS;

/** The finished condition of a Job (Complete or Failed), if any. */
function finishedCondition(job: JobView): string | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

/** RFC 3339 of a Unix instant in a time zone (Go's Format(time.RFC3339) after In(location)). */
function rfc3339In(unixMs: number, zone: string | undefined): string {
  if (zone === undefined) return new Date(unixMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(unixMs);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const wall = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second')));
  const offset = Math.round((wall - Math.floor(unixMs / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zoneText = offset === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zoneText}`;
}

export class CronJobController implements EngineComponent {
  readonly name = 'cronjob-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #queue: WorkQueue;
  readonly #recorder: EventRecorder;

  constructor(engine: Engine, store: ApiStore) {
    this.#engine = engine;
    this.#store = store;
    this.#recorder = new EventRecorder(engine, store, { component: 'cronjob-controller' });
    this.#queue = new WorkQueue(engine, 'cronjob-controller', (key) => this.#sync(key));
    store.watch('CronJob', {}, ({ object }) => this.#queue.add(objectKeyOf(object.metadata?.namespace, object.metadata!.name!)));
    store.watch('Job', {}, ({ object, previous }) => {
      const ref = controllerOf(object) ?? (previous === undefined ? undefined : controllerOf(previous));
      if (ref?.kind === 'CronJob') this.#queue.add(objectKeyOf(object.metadata?.namespace, ref.name));
    });
    engine.register(this);
  }

  snapshot(): SavedWorkQueue {
    return this.#queue.snapshot();
  }

  restore(state: unknown): void {
    this.#queue.restore(state as SavedWorkQueue);
  }

  #log(cj: CronJobView, type: string, fields: Record<string, unknown>): void {
    this.#engine.log.append(`cronjob-controller.${type}`, { namespace: cj.metadata!.namespace, cronjob: cj.metadata!.name, ...fields });
  }

  #sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.#store.tryGet('CronJob', namespace, name);
    if (stored === undefined) return;
    const jobs = this.#store.list('Job', { namespace: namespace! }).items.filter((j) => controllerOf(j)?.uid === stored.metadata!.uid);
    const cj = deepCopy(stored) as Mutable<CronJob>;
    const status: Mutable<CronJobStatus> = (cj.status ??= {});
    const requeue = this.#syncCronJob(stored, status, jobs);
    this.#cleanupFinishedJobs(stored, status, this.#store.list('Job', { namespace: namespace! }).items.filter((j) => controllerOf(j)?.uid === stored.metadata!.uid));
    if ((status.active ?? []).length === 0) delete status.active;
    if (!jsonEqual(stored.status ?? {}, status)) this.#store.updateStatus(cj);
    if (requeue !== undefined) this.#queue.addAfter(key, requeue);
  }

  /** syncCronJob: reconciles status.active with the Jobs, then maybe starts one; returns when to look again. */
  #syncCronJob(cj: CronJobView, status: Mutable<CronJobStatus>, jobs: readonly JobView[]): number | undefined {
    const now = unix(this.#engine.now);
    const active = () => (status.active ??= []) as ObjectReference[];
    const inActive = (uid: string) => active().some((r) => r.uid === uid);
    const children = new Set(jobs.map((j) => j.metadata!.uid!));
    for (const job of jobs) {
      const finished = finishedCondition(job);
      const uid = job.metadata!.uid!;
      if (!inActive(uid) && finished === undefined) {
        this.#recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata!.name}`);
      } else if (inActive(uid) && finished !== undefined) {
        status.active = active().filter((r) => r.uid !== uid);
        this.#recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata!.name}, condition: ${finished}`);
      } else if (finished === 'Complete' && job.status?.completionTime !== undefined) {
        if (status.lastSuccessfulTime === undefined || job.status.completionTime > status.lastSuccessfulTime) status.lastSuccessfulTime = job.status.completionTime;
      }
    }
    // An active Job gone missing (deleted by hand) leaves the list.
    for (const ref of [...active()]) {
      if (children.has(ref.uid!) || this.#store.tryGet('Job', ref.namespace, ref.name!) !== undefined) continue;
      this.#recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = active().filter((r) => r.uid !== ref.uid);
    }
    if (cj.metadata?.deletionTimestamp !== undefined) return undefined;
    const zone = cj.spec?.timeZone;
    if (zone !== undefined && !isKnownTimeZone(zone)) {
      this.#recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(zone)}: unknown time zone ${zone}`);
      return undefined;
    }
    if (cj.spec?.suspend === true) return undefined;
    const schedule = cj.spec?.schedule ?? '';
    if (schedule.includes('TZ')) {
      this.#recorder.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    }
    let sched: CronSchedule;
    try {
      sched = parseCronSchedule(schedule, zone);
    } catch (error) {
      if (!(error instanceof CronParseError)) throw error;
      this.#recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(schedule)} : ${error.message}`);
      return undefined;
    }
    const scheduled = this.#mostRecentScheduleTime(cj, status, now, sched, true);
    if (scheduled === undefined) return this.#nextScheduleDelay(cj, status, now, sched);
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.#recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString().replace('GMT', '+0000')}`);
      return this.#nextScheduleDelay(cj, status, now, sched);
    }
    const jobName = `${cj.metadata!.name}-${Math.floor(scheduled / 60_000)}`;
    if (active().some((r) => r.name === jobName) || status.lastScheduleTime === toRFC3339(virtual(scheduled))) return this.#nextScheduleDelay(cj, status, now, sched);
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active().length > 0) {
      this.#log(cj, 'skip', { reason: 'concurrencyPolicy Forbid: a job is still running', scheduled: toRFC3339(virtual(scheduled)) });
      this.#recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return this.#nextScheduleDelay(cj, status, now, sched);
    }
    if (policy === 'Replace') {
      for (const ref of [...active()]) {
        const job = this.#store.tryGet('Job', ref.namespace, ref.name!);
        if (job !== undefined) this.#deleteJob(cj, status, job, 'concurrencyPolicy Replace: the next run replaces it');
      }
    }
    const job = this.#jobFromTemplate(cj, scheduled, jobName, sched.timeZone);
    let created: JobView;
    try {
      created = this.#store.create(job);
      this.#log(cj, 'create-job', { job: jobName, scheduled: toRFC3339(virtual(scheduled)), reason: `schedule ${schedule}` });
      this.#recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      if (error.reason !== 'AlreadyExists') {
        this.#recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${error.message}`);
        throw error;
      }
      const existing = this.#store.get('Job', cj.metadata!.namespace, jobName);
      if (controllerOf(existing)?.uid !== cj.metadata!.uid || inActive(existing.metadata!.uid!)) return undefined;
      created = existing;
    }
    active().push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: created.metadata!.name!,
      namespace: created.metadata!.namespace!,
      resourceVersion: created.metadata!.resourceVersion!,
      uid: created.metadata!.uid!,
    });
    status.lastScheduleTime = toRFC3339(virtual(scheduled));
    return this.#nextScheduleDelay(cj, status, now, sched);
  }

  /** mostRecentScheduleTime: the latest schedule time after the last one (or creation) that is not after now. */
  #mostRecentScheduleTime(cj: CronJobView, status: CronJobStatus, now: number, sched: CronSchedule, withDeadline: boolean): number | undefined {
    let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata!.creationTimestamp!);
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (withDeadline && deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
    let recent: number | undefined;
    // Beyond 100 missed starts Kubernetes estimates; walking them is enough here.
    for (let t = sched.next(earliest), i = 0; t !== undefined && t <= now && i < 100_000; t = sched.next(t), i++) recent = t;
    return recent;
  }

  /** nextScheduleTimeDuration: ms until 100 ms after the next schedule time. */
  #nextScheduleDelay(cj: CronJobView, status: CronJobStatus, now: number, sched: CronSchedule): number | undefined {
    const recent = this.#mostRecentScheduleTime(cj, status, now, sched, false);
    const from = recent ?? Date.parse(status.lastScheduleTime ?? cj.metadata!.creationTimestamp!);
    const next = sched.next(Math.min(from, now));
    return next === undefined ? undefined : Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - now);
  }

  /** getJobFromTemplate2. */
  #jobFromTemplate(cj: CronJobView, scheduled: number, name: string, zone: string | undefined): Job {
    const template = deepCopy(cj.spec!.jobTemplate);
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata!.namespace!,
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations, [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, zone) },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: template.spec as Job['spec'],
    };
  }

  #deleteJob(cj: CronJobView, status: Mutable<CronJobStatus>, job: JobView, reason: string): void {
    this.#log(cj, 'delete-job', { job: job.metadata!.name, reason });
    try {
      this.#store.delete('Job', job.metadata!.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'NotFound')) {
        if (error instanceof StatusError) this.#recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${error.message}`);
        throw error;
      }
    }
    if (status.active !== undefined) status.active = status.active.filter((r) => r.uid !== job.metadata!.uid);
    this.#recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata!.name}`);
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits go. */
  #cleanupFinishedJobs(cj: CronJobView, status: Mutable<CronJobStatus>, jobs: readonly JobView[]): void {
    const byStart = (a: JobView, b: JobView) => {
      const sa = a.status?.startTime;
      const sb = b.status?.startTime;
      if (sa === undefined && sb !== undefined) return 1;
      if (sb === undefined && sa !== undefined) return -1;
      if (sa !== sb) return sa! < sb! ? -1 : 1;
      return a.metadata!.name! < b.metadata!.name! ? -1 : 1;
    };
    const limits: [string, number | undefined][] = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit],
      ['Failed', cj.spec?.failedJobsHistoryLimit],
    ];
    for (const [condition, limit] of limits) {
      if (limit === undefined || limit === null) continue;
      const finished = jobs.filter((j) => finishedCondition(j) === condition).sort(byStart);
      for (const job of finished.slice(0, Math.max(0, finished.length - limit))) {
        this.#deleteJob(cj, status, job, `more than ${condition === 'Complete' ? 'successfulJobsHistoryLimit' : 'failedJobsHistoryLimit'} ${limit}`);
      }
    }
  }
}
