// `--wait=legacy`: helm 3's readiness rules, kept in helm 4 as the legacy waiter (pkg/kube/
// ready.go ReadyChecker): Pods Ready; a Deployment's new ReplicaSet with at least replicas −
// maxUnavailable ready pods and its generation observed; PVCs Bound; Services with a cluster IP
// (LoadBalancers also an ingress IP or external IPs; ExternalName always); DaemonSets and
// StatefulSets rolled out; ReplicaSets and ReplicationControllers with every pod ready; Jobs
// complete only with --wait-for-jobs (a failed one is an error); CRDs Established. Anything
// else is ready.

import type { ApiStore } from '../../api/api-store.ts';
import type { KubeObject, Stored } from '../../api/kinds.ts';
import { selectorFromLabelSelector } from '../../api/label-selector.ts';
import { findNewReplicaSet, maxUnavailable, scaledValue } from '../../controllers/deployment-util.ts';
import { isPodReady } from '../../controllers/pod-util.ts';
import type { KubeClient, Resource } from './kube-client.ts';

export interface Readiness {
  ready: boolean;
  /** A condition that cannot recover (a failed Job): waiting ends with it. */
  error?: string;
}

const READY: Readiness = { ready: true };
const NOT_READY: Readiness = { ready: false };

type Json = Record<string, any>;

function podsReady(store: ApiStore, namespace: string | undefined, selector: Json | undefined): boolean {
  const pods = store.list('Pod', { namespace, labelSelector: selectorFromLabelSelector(selector as never) }).items;
  return pods.every((p) => isPodReady(p));
}

function deploymentReady(store: ApiStore, d: Stored<'Deployment'>): Readiness {
  // The legacy waiter counts a paused Deployment as ready (PausedAsReady).
  if (d.spec?.paused) return READY;
  const owned = store.list('ReplicaSet', { namespace: d.metadata!.namespace }).items.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata!.uid));
  const rs = findNewReplicaSet(d, owned);
  if (rs === undefined || !replicaSetReady(rs as Json)) return NOT_READY;
  if ((d.status?.observedGeneration ?? 0) !== d.metadata!.generation) return NOT_READY;
  const expected = (d.spec?.replicas ?? 1) - maxUnavailable(d);
  return (rs.status?.readyReplicas ?? 0) < expected ? NOT_READY : READY;
}

/** replicaSetReady (and replicationControllerReady): the controller has seen the latest generation. */
const replicaSetReady = (rs: Json): boolean => (rs.status?.observedGeneration ?? 0) === rs.metadata?.generation;

function serviceReady(s: Json): boolean {
  if (s.spec?.type === 'ExternalName') return true;
  if ((s.spec?.clusterIP ?? '') === '') return false;
  if (s.spec?.type === 'LoadBalancer') {
    if ((s.spec?.externalIPs ?? []).length > 0) return true;
    if (s.status?.loadBalancer?.ingress === undefined) return false;
  }
  return true;
}

function daemonSetReady(ds: Json): boolean {
  if ((ds.status?.observedGeneration ?? 0) !== ds.metadata?.generation) return false;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return true;
  const desired = ds.status?.desiredNumberScheduled ?? 0;
  if ((ds.status?.updatedNumberScheduled ?? 0) !== desired) return false;
  const unavailable = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
  return (ds.status?.numberReady ?? 0) >= desired - unavailable;
}

function statefulSetReady(sts: Json): boolean {
  if ((sts.status?.observedGeneration ?? 0) !== sts.metadata?.generation) return false;
  if ((sts.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return true;
  const replicas = sts.spec?.replicas ?? 1;
  const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if ((sts.status?.updatedReplicas ?? 0) < replicas - partition) return false;
  if ((sts.status?.readyReplicas ?? 0) !== replicas) return false;
  // With every partition updating, the update revision must be the current one.
  if (partition === 0 && sts.status?.currentRevision !== sts.status?.updateRevision) return false;
  return true;
}

function jobReady(job: Json): Readiness {
  if ((job.status?.failed ?? 0) > (job.spec?.backoffLimit ?? 6)) {
    return { ready: false, error: `job is failed: ${job.metadata?.namespace}/${job.metadata?.name}` };
  }
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) < completions) return NOT_READY;
  return READY;
}

function crdReady(crd: Json): boolean {
  for (const c of crd.status?.conditions ?? []) {
    if (c.type === 'Established' && c.status === 'True') return true;
    if (c.type === 'NamesAccepted' && c.status === 'False') return true;
  }
  return false;
}

/** ReadyChecker.IsReady for one object of a release (a missing object is not ready). */
export function legacyReadiness(kube: KubeClient, r: Resource, checkJobs: boolean): Readiness {
  const live = kube.get(r) as KubeObject | undefined;
  if (live === undefined) return NOT_READY;
  const obj = live as Json;
  const store = kube.store;
  switch (`${r.type.group}/${r.type.kind}`) {
    case '/Pod':
      return isPodReady(live as Stored<'Pod'>) ? READY : NOT_READY;
    case 'batch/Job':
      return checkJobs ? jobReady(obj) : READY;
    case 'apps/Deployment':
      return deploymentReady(store, live as Stored<'Deployment'>);
    case '/PersistentVolumeClaim':
      return obj.status?.phase === 'Bound' ? READY : NOT_READY;
    case '/Service':
      return serviceReady(obj) ? READY : NOT_READY;
    case 'apps/DaemonSet':
      return daemonSetReady(obj) ? READY : NOT_READY;
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      return crdReady(obj) ? READY : NOT_READY;
    case 'apps/StatefulSet':
      return statefulSetReady(obj) ? READY : NOT_READY;
    case '/ReplicationController':
      return replicaSetReady(obj) && podsReady(store, r.namespace, { matchLabels: obj.spec?.selector }) ? READY : NOT_READY;
    case 'apps/ReplicaSet':
      return replicaSetReady(obj) && podsReady(store, r.namespace, obj.spec?.selector) ? READY : NOT_READY;
    default:
      return READY;
  }
}
