// Whether an object has reached the state helm waits for, as helm 4's status watcher computes it:
// kstatus (sigs.k8s.io/cli-utils pkg/kstatus/status, core.go and generic.go) for `--wait`, and
// helm's own Job and Pod readers (pkg/kube/job_status_reader.go, pod_status_reader.go) for hooks,
// which count a Job as done only when Complete and a Pod only when Succeeded.

import type { KubeObject } from '../../api/kinds.ts';

export type StatusKind = 'InProgress' | 'Failed' | 'Current' | 'Terminating' | 'NotFound' | 'Unknown';

export interface ResourceStatus {
  status: StatusKind;
  message: string;
}

type Json = Record<string, unknown>;

function field(obj: Json, path: string): unknown {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[part];
  }
  return current;
}

const int = (obj: Json, path: string, fallback: number): number => {
  const v = field(obj, path);
  return typeof v === 'number' ? v : fallback;
};
const str = (obj: Json, path: string, fallback: string): string => {
  const v = field(obj, path);
  return typeof v === 'string' ? v : fallback;
};

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

function conditions(obj: Json): Condition[] {
  const list = field(obj, 'status.conditions');
  if (!Array.isArray(list)) return [];
  return list.map((c: Json) => ({ type: String(c['type'] ?? ''), status: String(c['status'] ?? ''), reason: String(c['reason'] ?? ''), message: String(c['message'] ?? '') }));
}

const current = (message: string): ResourceStatus => ({ status: 'Current', message });
const inProgress = (message: string): ResourceStatus => ({ status: 'InProgress', message });
const failed = (message: string): ResourceStatus => ({ status: 'Failed', message });

function deploymentStatus(obj: Json): ResourceStatus {
  let progressing = false;
  let available = false;
  for (const c of conditions(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed('Progress deadline exceeded');
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') available = true;
  }
  const spec = int(obj, 'spec.replicas', 1);
  const replicas = int(obj, 'status.replicas', 0);
  const updated = int(obj, 'status.updatedReplicas', 0);
  const ready = int(obj, 'status.readyReplicas', 0);
  const availableReplicas = int(obj, 'status.availableReplicas', 0);
  if (spec > replicas) return inProgress(`replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress(`Updated: ${updated}/${spec}`);
  if (replicas > updated) return inProgress(`Pending termination: ${replicas - updated}`);
  if (updated > availableReplicas) return inProgress(`Available: ${availableReplicas}/${updated}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress('ReplicaSet not Available');
  if (!available) return inProgress('Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}

function statefulSetStatus(obj: Json): ResourceStatus {
  if (str(obj, 'spec.updateStrategy.type', '') === 'ondelete') return current('StatefulSet is using the ondelete update strategy');
  const spec = int(obj, 'spec.replicas', 1);
  const ready = int(obj, 'status.readyReplicas', 0);
  const currentReplicas = int(obj, 'status.currentReplicas', 0);
  const updated = int(obj, 'status.updatedReplicas', 0);
  const replicas = int(obj, 'status.replicas', 0);
  const partition = int(obj, 'spec.updateStrategy.rollingUpdate.partition', -1);
  if (spec > replicas) return inProgress(`Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (partition !== -1) {
    if (updated < spec - partition) return inProgress(`updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress(`current: ${currentReplicas}/${spec}`);
  if (str(obj, 'status.currentRevision', '') !== str(obj, 'status.updatedRevision', '')) return inProgress('Waiting for updated revision to match current');
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function replicaSetStatus(obj: Json): ResourceStatus {
  for (const c of conditions(obj)) if (c.type === 'ReplicaFailure' && c.status === 'True') return inProgress('Replica Failure condition. Check Pods');
  const spec = int(obj, 'spec.replicas', 1);
  const replicas = int(obj, 'status.replicas', 0);
  const ready = int(obj, 'status.readyReplicas', 0);
  const available = int(obj, 'status.availableReplicas', 0);
  const labelled = int(obj, 'status.labelledReplicas', 0);
  if (spec === 0 && labelled === 0 && available === 0 && ready === 0) return inProgress('.spec.replica is 0');
  if (spec > labelled) return inProgress(`Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress(`Available: ${available}/${spec}`);
  if (spec > ready) return inProgress(`Ready: ${ready}/${spec}`);
  if (spec < replicas) return inProgress(`replicas: ${replicas}/${spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

function daemonSetStatus(obj: Json): ResourceStatus {
  const desired = int(obj, 'status.desiredNumberScheduled', -1);
  const scheduled = int(obj, 'status.currentNumberScheduled', 0);
  const updated = int(obj, 'status.updatedNumberScheduled', 0);
  const available = int(obj, 'status.numberAvailable', 0);
  const ready = int(obj, 'status.numberReady', 0);
  if (desired === -1) return inProgress('Missing .status.desiredNumberScheduled');
  if (desired > scheduled) return inProgress(`Current: ${scheduled}/${desired}`);
  if (desired > updated) return inProgress(`Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress(`Available: ${available}/${desired}`);
  if (desired > ready) return inProgress(`Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

function podStatus(obj: Json): ResourceStatus {
  const phase = str(obj, 'status.phase', 'unknown');
  if (phase === 'Succeeded') return current('Pod has completed successfully');
  for (const c of conditions(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') return current('Pod has reached the ready state');
    if (c.status === 'False' && c.reason === 'PodCompleted' && phase !== 'Succeeded') return failed('Pod has completed, but not successfully.');
  }
  return inProgress('Pod has not become ready');
}

function jobStatus(obj: Json): ResourceStatus {
  const parallelism = int(obj, 'spec.parallelism', 1);
  const completions = int(obj, 'spec.completions', parallelism);
  const succeeded = int(obj, 'status.succeeded', 0);
  const active = int(obj, 'status.active', 0);
  const failedCount = int(obj, 'status.failed', 0);
  for (const c of conditions(obj)) {
    if (c.type === 'Complete' && c.status === 'True') return current(`Job Completed. succeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed' && c.status === 'True') return failed(`Job Failed. failed: ${failedCount}/${completions}`);
  }
  if (str(obj, 'status.startTime', '') === '') return inProgress('Job not started');
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedCount}`);
}

function pvcStatus(obj: Json): ResourceStatus {
  const phase = str(obj, 'status.phase', 'unknown');
  return phase === 'Bound' ? current('PVC is Bound') : inProgress(`PVC is not Bound. phase: ${phase}`);
}

function serviceStatus(obj: Json): ResourceStatus {
  if (str(obj, 'spec.type', 'ClusterIP') === 'LoadBalancer' && str(obj, 'spec.clusterIP', '') === '') {
    return inProgress('ClusterIP not set. Service type: LoadBalancer');
  }
  return current('Service is ready');
}

function pdbStatus(obj: Json): ResourceStatus {
  const healthy = int(obj, 'status.currentHealthy', 0);
  const desired = int(obj, 'status.desiredHealthy', 0);
  if (desired === 0) return inProgress('Missing or zero .status.desiredHealthy');
  if (desired > healthy) return inProgress(`Budget not met. healthy replicas: ${healthy}/${desired}`);
  return current(`Budget is met. Replicas: ${healthy}/${desired}`);
}

const alwaysReady = (): ResourceStatus => current('Resource is always ready');

/** kstatus's built-in types, keyed group/Kind ("Kind" for the core group). */
const LEGACY: Record<string, (obj: Json) => ResourceStatus> = {
  Service: serviceStatus,
  Pod: podStatus,
  PersistentVolumeClaim: pvcStatus,
  'apps/StatefulSet': statefulSetStatus,
  'apps/DaemonSet': daemonSetStatus,
  'apps/Deployment': deploymentStatus,
  'apps/ReplicaSet': replicaSetStatus,
  'policy/PodDisruptionBudget': pdbStatus,
  'batch/CronJob': alwaysReady,
  ConfigMap: alwaysReady,
  'batch/Job': jobStatus,
};

const groupOf = (obj: KubeObject): string => {
  const apiVersion = String(obj.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
};

/** The generic checks every object gets first: deletion, then an unobserved generation. */
function genericStatus(obj: Json, kind: string): ResourceStatus | undefined {
  if (str(obj, 'metadata.deletionTimestamp', '') !== '') return { status: 'Terminating', message: 'Resource scheduled for deletion' };
  const generation = int(obj, 'metadata.generation', -1);
  const observed = int(obj, 'status.observedGeneration', generation);
  if (observed !== generation) return inProgress(`${kind} generation is ${generation}, but latest observed generation is ${observed}`);
  return undefined;
}

/** kstatus Compute: the status `helm install --wait` waits to be Current. */
export function computeStatus(object: KubeObject | undefined): ResourceStatus {
  if (object === undefined) return { status: 'NotFound', message: 'Resource not found' };
  const obj = object as Json;
  const kind = String(object.kind ?? '');
  const generic = genericStatus(obj, kind);
  if (generic) return generic;
  const group = groupOf(object);
  const legacy = LEGACY[group === '' ? kind : `${group}/${kind}`];
  if (legacy) return legacy(obj);
  for (const c of conditions(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.message);
    if (c.type === 'Stalled' && c.status === 'True') return failed(c.message);
  }
  return current('Resource is current');
}

/** What helm waits for on a hook: a Job Complete, a Pod Succeeded, anything else at once. */
export function hookStatus(object: KubeObject | undefined): ResourceStatus {
  if (object === undefined) return { status: 'NotFound', message: 'Resource not found' };
  const obj = object as Json;
  const group = groupOf(object);
  if (group === 'batch' && object.kind === 'Job') {
    const parallelism = int(obj, 'spec.parallelism', 1);
    const completions = int(obj, 'spec.completions', parallelism);
    for (const c of conditions(obj)) {
      if (c.type === 'Complete' && c.status === 'True') return current(`Job Completed. succeeded: ${int(obj, 'status.succeeded', 0)}/${completions}`);
      if (c.type === 'Failed' && c.status === 'True') return failed(`Job Failed. failed: ${int(obj, 'status.failed', 0)}/${completions}`);
    }
    return inProgress('Job in progress');
  }
  if (group === '' && object.kind === 'Pod') {
    const phase = str(obj, 'status.phase', '');
    const name = str(obj, 'metadata.name', '');
    if (phase === 'Succeeded') return current(`pod ${name} succeeded`);
    if (phase === 'Failed') return failed(`pod ${name} failed`);
    return inProgress('Pod in progress');
  }
  return current('Resource is current');
}
