// Structural checks against the OpenAPI schemas that `kubernetes-models` v4 compiles (ajv
// validators; v4 runs on Node 20 and in browsers), turned into what the API server answers:
// - wrong JSON types and bad quantities are decode errors, a 400 BadRequest:
//   `Deployment in version "v1" cannot be handled as a Deployment: <why>`;
// - unknown fields under strict field validation (kubectl's default) are a 400 too:
//   `... strict decoding error: unknown field "spec.template.spec.contianers"`;
// - missing required fields are field errors (`spec.containers: Required value`) that join the
//   semantic checks of validation.ts in one Invalid answer.
//
// The compiled schemas do not list their properties, and carry no `additionalProperties: false`.
// To find unknown fields the validator is run once over a Proxy of the object that records which
// keys each object's schema looks at (a schema reads every property it declares); those key sets
// are cached per kind and path pattern, so later objects are checked by a plain walk. An object
// whose schema reads no key at all, or enumerates its keys (a map), accepts any field.

import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { ControllerRevision } from 'kubernetes-models/apps/v1/ControllerRevision';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler as HorizontalPodAutoscalerV1 } from 'kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Lease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Event as EventsV1Event } from 'kubernetes-models/events.k8s.io/v1/Event';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { Event } from 'kubernetes-models/v1/Event';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Node } from 'kubernetes-models/v1/Node';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { PodTemplate } from 'kubernetes-models/v1/PodTemplate';
import { ReplicationController } from 'kubernetes-models/v1/ReplicationController';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { FieldError } from './api-errors.ts';
import { parseQuantity, QuantityError } from './quantity.ts';

interface ModelClass {
  prototype: { validate(): void };
}

/** One ajv error as the compiled schemas report it. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string; type?: string; format?: string };
}

const MODELS: Record<string, ModelClass> = {};
function model(apiVersion: string, kind: string, cls: ModelClass): void {
  MODELS[`${apiVersion}/${kind}`] = cls;
}
model('v1', 'ConfigMap', ConfigMap);
model('v1', 'Endpoints', Endpoints);
model('v1', 'Event', Event);
model('v1', 'LimitRange', LimitRange);
model('v1', 'Namespace', Namespace);
model('v1', 'Node', Node);
model('v1', 'PersistentVolume', PersistentVolume);
model('v1', 'PersistentVolumeClaim', PersistentVolumeClaim);
model('v1', 'Pod', Pod);
model('v1', 'PodTemplate', PodTemplate);
model('v1', 'ReplicationController', ReplicationController);
model('v1', 'ResourceQuota', ResourceQuota);
model('v1', 'Secret', Secret);
model('v1', 'Service', Service);
model('v1', 'ServiceAccount', ServiceAccount);
model('apiextensions.k8s.io/v1', 'CustomResourceDefinition', CustomResourceDefinition);
model('apps/v1', 'ControllerRevision', ControllerRevision);
model('apps/v1', 'DaemonSet', DaemonSet);
model('apps/v1', 'Deployment', Deployment);
model('apps/v1', 'ReplicaSet', ReplicaSet);
model('apps/v1', 'StatefulSet', StatefulSet);
model('autoscaling/v1', 'HorizontalPodAutoscaler', HorizontalPodAutoscalerV1);
model('autoscaling/v2', 'HorizontalPodAutoscaler', HorizontalPodAutoscaler);
model('batch/v1', 'CronJob', CronJob);
model('batch/v1', 'Job', Job);
model('coordination.k8s.io/v1', 'Lease', Lease);
model('discovery.k8s.io/v1', 'EndpointSlice', EndpointSlice);
model('events.k8s.io/v1', 'Event', EventsV1Event);
model('networking.k8s.io/v1', 'Ingress', Ingress);
model('networking.k8s.io/v1', 'IngressClass', IngressClass);
model('networking.k8s.io/v1', 'NetworkPolicy', NetworkPolicy);
model('policy/v1', 'PodDisruptionBudget', PodDisruptionBudget);
model('rbac.authorization.k8s.io/v1', 'ClusterRole', ClusterRole);
model('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', ClusterRoleBinding);
model('rbac.authorization.k8s.io/v1', 'Role', Role);
model('rbac.authorization.k8s.io/v1', 'RoleBinding', RoleBinding);
model('scheduling.k8s.io/v1', 'PriorityClass', PriorityClass);
model('storage.k8s.io/v1', 'StorageClass', StorageClass);

export interface SchemaVerdict {
  /** Why the object cannot be decoded (wrong types, bad quantities), if it cannot. */
  decodeError?: string;
  /** Unknown fields, as strict decoding names them (`spec.template.spec.contianers`). */
  unknownFields: string[];
  /** Missing required fields as field errors. */
  required: FieldError[];
}

/**
 * Subtrees the compiled schemas describe too narrowly, taken as free-form: a CRD's OpenAPI schema
 * (its `x-kubernetes-*` extensions are missing from the kubernetes-models JSONSchemaProps).
 */
const FREE_FORM: Record<string, readonly string[]> = {
  'apiextensions.k8s.io/v1/CustomResourceDefinition': ['spec.versions[].schema'],
};

/** Known keys per object path pattern (`spec.template.spec.containers[]`), or 'any'. */
type KeyTable = Map<string, ReadonlySet<string> | 'any'>;
const keyTables = new Map<string, KeyTable>();

function runValidator(cls: ModelClass, data: unknown): SchemaError[] {
  try {
    cls.prototype.validate.call(data);
    return [];
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (errors === undefined) throw error;
    return errors;
  }
}

/** Runs the validator over a Proxy, recording the keys each object's schema reads. */
function learnKeys(cls: ModelClass, data: unknown, table: KeyTable): void {
  const records = new Map<string, { keys: Set<string>; enumerated: boolean }>();
  const track = (value: unknown, pattern: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const isArray = Array.isArray(value);
    let record = records.get(pattern);
    if (record === undefined && !isArray) {
      record = { keys: new Set(), enumerated: false };
      records.set(pattern, record);
    }
    return new Proxy(value as object, {
      get(target, key) {
        const child = (target as Record<string | symbol, unknown>)[key];
        if (typeof key !== 'string') return child;
        if (isArray) return /^\d+$/.test(key) ? track(child, `${pattern}[]`) : child;
        record!.keys.add(key);
        return track(child, pattern === '' ? key : `${pattern}.${key}`);
      },
      ownKeys(target) {
        if (record !== undefined) record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  // A copy: the Proxy invariants forbid wrapping frozen objects (what the store hands out).
  runValidator(cls, track(JSON.parse(JSON.stringify(data)), ''));
  for (const [pattern, record] of records) {
    if (table.get(pattern) === 'any') continue;
    table.set(pattern, record.enumerated || record.keys.size === 0 ? 'any' : record.keys);
  }
}

/** Collects unknown fields; returns false when it met a path the table does not know yet. */
function findUnknown(value: unknown, pattern: string, path: string, table: KeyTable, out: string[]): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!findUnknown(value[i], `${pattern}[]`, `${path}[${i}]`, table, out)) return false;
    }
    return true;
  }
  const known = table.get(pattern);
  if (known === undefined) return false;
  if (known === 'any') return true;
  const keys = Object.keys(value).sort();
  for (const key of keys) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (!known.has(key)) {
      out.push(childPath);
      continue;
    }
    const childPattern = pattern === '' ? key : `${pattern}.${key}`;
    if (!findUnknown((value as Record<string, unknown>)[key], childPattern, childPath, table, out)) return false;
  }
  return true;
}

/** `/spec/containers/0/name` → `spec.containers[0].name` */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const part of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** The Go struct behind common fields, for decode errors that name the struct (`NodeAffinity.spec...`). */
const GO_STRUCTS: Record<string, string> = {
  metadata: 'ObjectMeta',
  template: 'PodTemplateSpec',
  containers: 'Container',
  initContainers: 'Container',
  ports: 'ContainerPort',
  env: 'EnvVar',
  valueFrom: 'EnvVarSource',
  resources: 'ResourceRequirements',
  volumes: 'Volume',
  volumeMounts: 'VolumeMount',
  selector: 'LabelSelector',
  strategy: 'DeploymentStrategy',
  rollingUpdate: 'RollingUpdateDeployment',
  affinity: 'Affinity',
  nodeAffinity: 'NodeAffinity',
  podAffinity: 'PodAffinity',
  podAntiAffinity: 'PodAntiAffinity',
  requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector',
  livenessProbe: 'Probe',
  readinessProbe: 'Probe',
  startupProbe: 'Probe',
  httpGet: 'HTTPGetAction',
  securityContext: 'SecurityContext',
  tolerations: 'Toleration',
};

/** The Go struct a field at this path (its parent segments) belongs to. */
function goStruct(kind: string, parents: readonly string[]): string {
  const last = parents[parents.length - 1];
  if (last === undefined) return kind;
  if (last === 'spec') {
    const before = parents[parents.length - 2];
    if (before === undefined) return `${kind}Spec`;
    if (before === 'template') return 'PodSpec';
    if (before === 'jobTemplate') return 'JobSpec';
  }
  return GO_STRUCTS[last] ?? kind;
}

const GO_TYPES: Record<string, string> = { integer: 'int32', string: 'string', boolean: 'bool', number: 'float64', array: 'array', object: 'object' };

/** Whether the schemas know this apiVersion/kind (custom resources have none here). */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return MODELS[`${apiVersion}/${kind}`] !== undefined;
}

/** Checks `data` (as sent, in its own apiVersion) against its kind's schema. */
export function checkSchema(apiVersion: string, kind: string, data: unknown): SchemaVerdict {
  const cls = MODELS[`${apiVersion}/${kind}`];
  if (cls === undefined) return { unknownFields: [], required: [] };
  const errors = runValidator(cls, data);

  let decodeError: string | undefined;
  const required: FieldError[] = [];
  const handled = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const field = fieldPath(error.instancePath, error.params.missingProperty);
      if (field !== 'apiVersion' && field !== 'kind') required.push({ type: 'Required value', field });
      continue;
    }
    if (decodeError !== undefined || handled.has(error.instancePath)) continue;
    handled.add(error.instancePath);
    const value = valueAt(data, error.instancePath);
    if (value === null) continue;
    const isQuantity = errors.some((e) => e.instancePath === error.instancePath && e.params.format === 'quantity');
    if (isQuantity) {
      try {
        parseQuantity(value as string | number);
        continue;
      } catch (quantityError) {
        if (quantityError instanceof QuantityError) {
          decodeError = quantityError.message;
          continue;
        }
        throw quantityError;
      }
    }
    if (error.keyword === 'type' || error.keyword === 'oneOf') {
      // Go's decoder names the field by its JSON path without list indices, after its struct.
      const segments = error.instancePath.split('/').filter((p) => p !== '' && !/^\d+$/.test(p));
      const field = segments.join('.');
      const own = segments[segments.length - 1] ?? '';
      const parent = goStruct(kind, segments.slice(0, -1));
      const goType =
        error.keyword === 'oneOf'
          ? 'intstr.IntOrString'
          : error.params.type === 'object' && GO_STRUCTS[own] !== undefined
            ? `v1.${GO_STRUCTS[own]}`
            : (GO_TYPES[error.params.type ?? ''] ?? 'string');
      decodeError = `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${parent}.${field} of type ${goType}`;
    }
  }
  // Quantities the schema leaves alone (numbers that pass its type check) are still parsed later.

  const tableKey = `${apiVersion}/${kind}`;
  let table = keyTables.get(tableKey);
  if (table === undefined) {
    table = new Map();
    for (const pattern of FREE_FORM[tableKey] ?? []) table.set(pattern, 'any');
    keyTables.set(tableKey, table);
  }
  let unknownFields: string[] = [];
  if (!findUnknown(data, '', '', table, unknownFields)) {
    learnKeys(cls, data, table);
    unknownFields = [];
    findUnknown(data, '', '', table, unknownFields);
  }
  return { ...(decodeError === undefined ? {} : { decodeError }), unknownFields, required };
}
