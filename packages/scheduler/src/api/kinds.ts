// The typed shapes of the kinds the store serves (from `kubernetes-types`), keyed by kind name, so
// `store.get('Deployment', ns, name)` is a Deployment. Custom resources are plain KubeObjects.

import { setOwn } from '@dockyard/runtime';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
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
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';

export interface KindMap {
  ClusterRole: ClusterRole;
  ClusterRoleBinding: ClusterRoleBinding;
  ConfigMap: ConfigMap;
  ControllerRevision: ControllerRevision;
  CronJob: CronJob;
  CustomResourceDefinition: CustomResourceDefinition;
  DaemonSet: DaemonSet;
  Deployment: Deployment;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  Event: Event;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Ingress: Ingress;
  IngressClass: IngressClass;
  Job: Job;
  Lease: Lease;
  LimitRange: LimitRange;
  Namespace: Namespace;
  NetworkPolicy: NetworkPolicy;
  Node: Node;
  PersistentVolume: PersistentVolume;
  PersistentVolumeClaim: PersistentVolumeClaim;
  Pod: Pod;
  PodDisruptionBudget: PodDisruptionBudget;
  PodTemplate: PodTemplate;
  PriorityClass: PriorityClass;
  ReplicaSet: ReplicaSet;
  ReplicationController: ReplicationController;
  ResourceQuota: ResourceQuota;
  Role: Role;
  RoleBinding: RoleBinding;
  Secret: Secret;
  Service: Service;
  ServiceAccount: ServiceAccount;
  StatefulSet: StatefulSet;
  StorageClass: StorageClass;
}

export type KindName = keyof KindMap;

/** Any object the store holds: what every kind has in common. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** The shape of a kind: typed for built-in kinds, a KubeObject for custom ones. */
export type ObjectOf<K extends string> = K extends KindName ? KindMap[K] : KubeObject;

/**
 * An object while it is decoded, defaulted, validated or merged: plain JSON whose shape is checked
 * as it is read (the typed kinds are what goes in and comes out).
 */
export type JsonObject = Record<string, any>;

/** What the store hands out: frozen at run time, read-only for the type checker. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
    : T;

export type Stored<K extends string> = DeepReadonly<ObjectOf<K>>;

/** What the store accepts: any object with a kind (typed kinds, custom resources, stored objects). */
export interface ObjectInput {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: DeepReadonly<ObjectMeta> | ObjectMeta | undefined;
}

/** The kind name of an input's type: `'Pod'` for a Pod literal or a stored Pod, else `string`. */
export type KindOf<T> = 0 extends 1 & T
  ? string
  : T extends { readonly kind?: infer K extends string | undefined }
  ? string extends Exclude<K, undefined>
    ? string
    : Exclude<K, undefined>
  : string;

/** The mutable form of a read-only type. */
export type Mutable<T> = T extends readonly (infer E)[]
  ? Mutable<E>[]
  : T extends object
    ? { -readonly [P in keyof T]: Mutable<T[P]> }
    : T;

/** A mutable deep copy of a stored object (plain JSON), to change and send back. */
export function deepCopy<T>(object: T): Mutable<T> {
  return cloneJson(object) as Mutable<T>;
}

function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) setOwn(out, key, cloneJson(field));
  }
  return out;
}

/** Deep equality of plain JSON values; key order does not matter, absent equals undefined. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    count++;
    if (!jsonEqual(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) count--;
  return count === 0;
}
