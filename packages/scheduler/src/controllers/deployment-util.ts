// The Deployment controller's arithmetic and bookkeeping (k/k `pkg/controller/deployment/util/deployment_util.go`,
// the ReplicaSet sort orders of `pkg/controller/controller_utils.go`, apimachinery's intstr):
// fenceposts (maxSurge rounds up, maxUnavailable down, both 0 makes unavailable 1), replica
// counts over ReplicaSets, finding the new and old ReplicaSets, proportional scaling, and the
// Deployment conditions with their reasons.

import { fromRFC3339, toRFC3339 } from '@dockyard/runtime';
import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { deepCopy, type DeepReadonly, type Stored } from '../api/kinds.ts';
import type { ReplicaSetView } from './replicaset-controller.ts';

export type DeploymentView = Stored<'Deployment'>;

export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** `kubectl rollout restart` sets this template annotation. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

// Condition reasons (deployment_util.go constants).
export const NEW_RS_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const RS_UPDATED_REASON = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const PAUSED_REASON = 'DeploymentPaused';
export const RESUMED_REASON = 'DeploymentResumed';
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

type ReadonlyDeployment = DeepReadonly<Deployment>;

// ---- fenceposts ----

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, `N%` of `total` rounded up or down.
 * Validation has refused anything else.
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = Number(value.slice(0, -1));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function isRollingUpdate(d: ReadonlyDeployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function specReplicas(d: ReadonlyDeployment): number {
  return d.spec?.replicas ?? 1;
}

/** ResolveFenceposts: [maxSurge, maxUnavailable] for `desired` replicas. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  // Both rounding to 0 would stall a rollout; Kubernetes allows one unavailable then.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: ReadonlyDeployment): number {
  if (!isRollingUpdate(d)) return 0;
  const rolling = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, specReplicas(d))[0];
}

/** MaxUnavailable: 0 for Recreate or 0 replicas, never more than the replicas. */
export function maxUnavailable(d: ReadonlyDeployment): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const rolling = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicas)[1], replicas);
}

// ---- counts over ReplicaSets ----

export const rsReplicas = (rs: ReplicaSetView | undefined): number => rs?.spec?.replicas ?? 1;

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function replicaCount(rss: readonly (ReplicaSetView | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs === undefined ? 0 : rsReplicas(rs)), 0);
}

/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export function actualReplicaCount(rss: readonly (ReplicaSetView | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

export function readyReplicaCount(rss: readonly (ReplicaSetView | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

export function availableReplicaCount(rss: readonly (ReplicaSetView | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);
}

/** FilterActiveReplicaSets: those with replicas to run. */
export function activeReplicaSets(rss: readonly (ReplicaSetView | undefined)[]): ReplicaSetView[] {
  return rss.filter((rs): rs is ReplicaSetView => rs !== undefined && rsReplicas(rs) > 0);
}

// ---- orders ----

function creation(rs: ReplicaSetView): number {
  return fromRFC3339(rs.metadata?.creationTimestamp ?? '');
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreationTimestamp(a: ReplicaSetView, b: ReplicaSetView): number {
  const ta = creation(a);
  const tb = creation(b);
  if (ta !== tb) return ta - tb;
  return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, older first among equals (scaling down). */
export function bySizeOlder(a: ReplicaSetView, b: ReplicaSetView): number {
  if (rsReplicas(a) !== rsReplicas(b)) return rsReplicas(b) - rsReplicas(a);
  return byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, newer first among equals (scaling up). */
export function bySizeNewer(a: ReplicaSetView, b: ReplicaSetView): number {
  if (rsReplicas(a) !== rsReplicas(b)) return rsReplicas(b) - rsReplicas(a);
  return byCreationTimestamp(b, a);
}

// ---- templates and the new ReplicaSet ----

/** The template without the pod-template-hash label, for comparison. */
function withoutHash(template: DeepReadonly<PodTemplateSpec> | undefined): unknown {
  const copy = deepCopy(template ?? {}) as PodTemplateSpec;
  if (copy.metadata?.labels !== undefined) delete copy.metadata.labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  return copy;
}

/**
 * apimachinery's Semantic.DeepEqual on JSON: an empty map or list equals a missing one. (Quantities
 * are stored canonical, so comparing their text is comparing their values.)
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => (v as Record<string, unknown>)[k] === undefined));
  if (empty(a) && empty(b)) return true;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => semanticEqual(v, bb[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) if (!semanticEqual(x[key], y[key])) return false;
  return true;
}

/** EqualIgnoreHash: the same pod template, pod-template-hash label aside. */
export function equalIgnoreHash(a: DeepReadonly<PodTemplateSpec> | undefined, b: DeepReadonly<PodTemplateSpec> | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: ReadonlyDeployment, rsList: readonly ReplicaSetView[]): ReplicaSetView | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: [the old ones with replicas, all old ones]. */
export function findOldReplicaSets(d: ReadonlyDeployment, rsList: readonly ReplicaSetView[]): [ReplicaSetView[], ReplicaSetView[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => newRS === undefined || rs.metadata!.uid !== newRS.metadata!.uid);
  return [all.filter((rs) => rsReplicas(rs) !== 0), all];
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: ReadonlyDeployment, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView): number {
  if (!isRollingUpdate(d)) return specReplicas(d);
  const desired = specReplicas(d);
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, desired, true);
  const current = replicaCount(allRSs);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return rsReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, desired - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUp;
}

/** IsSaturated: the new ReplicaSet runs all the replicas, all available. */
export function isSaturated(d: ReadonlyDeployment, rs: ReplicaSetView | undefined): boolean {
  if (rs === undefined) return false;
  const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  if (!Number.isInteger(desired)) return false;
  const replicas = specReplicas(d);
  return rsReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** FindActiveOrLatest: the one ReplicaSet with replicas, the newest when none has, else undefined. */
export function findActiveOrLatest(newRS: ReplicaSetView | undefined, oldRSs: readonly ReplicaSetView[]): ReplicaSetView | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function annotationInt(rs: ReplicaSetView, key: string): number | undefined {
  const text = rs.metadata?.annotations?.[key];
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

export function desiredReplicasAnnotation(rs: ReplicaSetView): number | undefined {
  return annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
}

/** GetProportion: this ReplicaSet's share of `toAdd` replicas, `added` of which are handed out. */
export function proportion(rs: ReplicaSetView, d: ReadonlyDeployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** getReplicaSetFraction: its size scaled from the max-replicas it was sized for to today's max. */
function replicaSetFraction(rs: ReplicaSetView, d: ReadonlyDeployment): number {
  if (specReplicas(d) === 0) return -rsReplicas(rs);
  const maxNow = specReplicas(d) + maxSurge(d);
  let maxBefore = annotationInt(rs, MAX_REPLICAS_ANNOTATION);
  if (maxBefore === undefined || maxBefore === 0) {
    maxBefore = d.status?.replicas ?? 0;
    if (maxBefore === 0) return 0;
  }
  return roundHalfAway((rsReplicas(rs) * maxNow) / maxBefore) - rsReplicas(rs);
}

// ---- conditions ----

export function getCondition(status: DeepReadonly<DeploymentStatus> | undefined, type: string): DeepReadonly<DeploymentCondition> | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const time = toRFC3339(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/**
 * SetDeploymentCondition: nothing when the status and reason are the same; the transition time
 * kept when only the reason changes; the condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = status.conditions?.find((c) => c.type === condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime!;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (status.conditions === undefined) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export function hasProgressDeadline(d: ReadonlyDeployment): boolean {
  const deadline = d.spec?.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== 2 ** 31 - 1;
}

export function hasRevisionHistoryLimit(d: ReadonlyDeployment): boolean {
  const limit = d.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== 2 ** 31 - 1;
}

/** DeploymentComplete: every replica updated and available, and this generation observed. */
export function deploymentComplete(d: ReadonlyDeployment, status: DeepReadonly<DeploymentStatus>): boolean {
  const replicas = specReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: ReadonlyDeployment, status: DeepReadonly<DeploymentStatus>): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition's last update. */
export function deploymentTimedOut(d: ReadonlyDeployment, status: DeepReadonly<DeploymentStatus>, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, 'Progressing');
  if (condition === undefined) return false;
  if (condition.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (condition.reason === TIMED_OUT_REASON) return true;
  return fromRFC3339(condition.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 < now;
}
