// `kubectl describe TYPE NAME` for any object: picks the describer of its kind and hands it what
// kubectl would have fetched from the API server -- the events about the object and the related
// objects (a Deployment's ReplicaSets, a node's pods and lease, a service's EndpointSlices...) --
// out of the objects the caller passes. [kubectl pkg/describe/describe.go `describerMap`,
// `searchEvents` (events by involvedObject kind, name, namespace and uid)]
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type {
  ConfigMap,
  Endpoints,
  Event,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../object.ts';
import { groupOf } from '../object.ts';
import { describeRoleBinding, describeServiceAccount } from './access.ts';
import { describeConfigMap, describeSecret } from './config.ts';
import { describeCronJob, describeDaemonSet, describeStatefulSet } from './controllers.ts';
import { describeEndpoints, describeEndpointSlice, describeIngressClass } from './endpoints.ts';
import { describeDeployment } from './deployment.ts';
import { describeGeneric } from './generic.ts';
import { describeHorizontalPodAutoscaler } from './hpa.ts';
import { describeIngress } from './ingress.ts';
import { describeJob } from './job.ts';
import { describeNamespace } from './namespace.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describeReplicaSet } from './replicaset.ts';
import { describeService } from './service.ts';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage.ts';

export interface DescribeOptions {
  /** `--show-events` (default true). */
  readonly showEvents?: boolean;
}

/**
 * The page of `kubectl describe` for `object` at virtual time `now`. `cluster` holds the objects
 * the describer may look up: Events, Pods, ReplicaSets, EndpointSlices, Services, Leases,
 * ResourceQuotas, LimitRanges (anything else is ignored).
 */
export function describeObject(
  object: KubeObject,
  cluster: readonly KubeObject[],
  now: number,
  options: DescribeOptions = {},
): string {
  const namespace = object.metadata?.namespace;
  const ofKind = <T>(kind: string, inNamespace = true): T[] =>
    cluster.filter((o) => o.kind === kind && (!inNamespace || o.metadata?.namespace === namespace)) as T[];
  const events = options.showEvents === false ? undefined : eventsFor(object, ofKind<Event>('Event', false));
  const group = groupOf(object.apiVersion);
  switch (`${object.kind}.${group}`) {
    case 'Pod.':
      return describePod(object as Pod, events, now);
    case 'Deployment.apps':
      return describeDeployment(object as Deployment, ofKind<ReplicaSet>('ReplicaSet'), events, now);
    case 'ReplicaSet.apps':
      return describeReplicaSet(object as ReplicaSet, ofKind<Pod>('Pod'), events, now);
    case 'Node.': {
      const lease = ofKind<Lease>('Lease', false).find(
        (l) => l.metadata?.namespace === 'kube-node-lease' && l.metadata?.name === object.metadata?.name,
      );
      return describeNode(object as Node, { pods: ofKind<Pod>('Pod', false), lease }, events, now);
    }
    case 'Service.':
      return describeService(object as Service, slicesOf(object.metadata?.name, ofKind<EndpointSlice>('EndpointSlice')), events, now);
    case 'ConfigMap.':
      return describeConfigMap(object as ConfigMap, events, now);
    case 'Secret.':
      return describeSecret(object as Secret);
    case 'PersistentVolumeClaim.':
      return describePersistentVolumeClaim(object as PersistentVolumeClaim, ofKind<Pod>('Pod'), events, now);
    case 'PersistentVolume.':
      return describePersistentVolume(object as PersistentVolume, events, now);
    case 'Job.batch':
      return describeJob(object as Job, events, now);
    case 'HorizontalPodAutoscaler.autoscaling':
      return describeHorizontalPodAutoscaler(object as HorizontalPodAutoscaler, events, now);
    case 'Namespace.':
      return describeNamespace(
        object as Namespace,
        cluster.filter((o) => o.kind === 'ResourceQuota' && o.metadata?.namespace === object.metadata?.name) as ResourceQuota[],
        cluster.filter((o) => o.kind === 'LimitRange' && o.metadata?.namespace === object.metadata?.name) as LimitRange[],
      );
    case 'Ingress.networking.k8s.io':
      return describeIngress(
        object as Ingress,
        { services: ofKind<Service>('Service'), endpointSlices: ofKind<EndpointSlice>('EndpointSlice') },
        events,
        now,
      );
    case 'StatefulSet.apps':
      return describeStatefulSet(object as StatefulSet, ofKind<Pod>('Pod'), events, now);
    case 'DaemonSet.apps':
      return describeDaemonSet(object as DaemonSet, ofKind<Pod>('Pod'), events, now);
    case 'CronJob.batch':
      return describeCronJob(object as CronJob, events, now);
    case 'ServiceAccount.':
      return describeServiceAccount(object as ServiceAccount, ofKind<Secret>('Secret'), events, now);
    case 'Endpoints.':
      return describeEndpoints(object as Endpoints, events, now);
    case 'EndpointSlice.discovery.k8s.io':
      return describeEndpointSlice(object as EndpointSlice, events, now);
    case 'IngressClass.networking.k8s.io':
      return describeIngressClass(object as IngressClass, events, now);
    case 'StorageClass.storage.k8s.io':
      return describeStorageClass(object as StorageClass, events, now);
    case 'RoleBinding.rbac.authorization.k8s.io':
    case 'ClusterRoleBinding.rbac.authorization.k8s.io':
      return describeRoleBinding(object as RoleBinding | ClusterRoleBinding);
    default:
      return describeGeneric(object, events, now);
  }
}

/**
 * The events kubectl finds for an object: involvedObject with its name, namespace and uid, and
 * its kind (pods are searched without kind; a node's events may carry its name as uid).
 */
export function eventsFor(object: KubeObject, events: readonly Event[]): Event[] {
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace ?? '';
  const uid = object.metadata?.uid;
  const about = (refUid: string | undefined) =>
    events.filter((e) => {
      const ref = e.involvedObject ?? {};
      if (ref.name !== name || (ref.namespace ?? '') !== namespace) return false;
      if (object.kind !== 'Pod' && ref.kind !== object.kind) return false;
      return refUid === undefined || ref.uid === refUid;
    });
  if (uid === undefined) return about(undefined);
  // A Node's events come from two searches, appended: the controllers' (by the node's uid), then
  // the kubelet's (whose uid is the node's name). [kubectl describe.go NodeDescriber]
  if (object.kind === 'Node' && name !== undefined) return [...about(uid), ...about(name)];
  return about(uid);
}

function slicesOf(service: string | undefined, slices: readonly EndpointSlice[]): EndpointSlice[] {
  return slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service);
}
