// @dockyard/scheduler: everything Kubernetes adds on top of a container runtime. This list is the
// package's public surface; add to it deliberately.

// api/: the API server + etcd in one, and what talks the API's language.
export { DEFAULT_TOLERATION_SECONDS, SERVICE_ACCOUNT_MOUNT_PATH } from './api/admission.ts';
export {
  alreadyExists,
  badRequest,
  conflict,
  fieldErrorText,
  forbidden,
  formatKubectlError,
  GoValue,
  invalid,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  StatusError,
} from './api/api-errors.ts';
export { ApiStore, INITIAL_NAMESPACES, NAME_SUFFIX_ALPHABET } from './api/api-store.ts';
export { LAST_APPLIED_ANNOTATION, lastApplied, sortedJson, threeWayMerge, withLastApplied } from './api/apply.ts';
export { toEventsV1 } from './api/conversion.ts';
export { applyDefaults, defaultPullPolicy } from './api/defaults.ts';
export { FieldSelector, FieldSelectorError, fieldValue, parseFieldSelector } from './api/field-selector.ts';
export { FOREGROUND_FINALIZER, GarbageCollector, ORPHAN_FINALIZER } from './api/garbage-collector.ts';
export { deepCopy, jsonEqual } from './api/kinds.ts';
export {
  EVERYTHING,
  formatLabelSelector,
  NOTHING,
  parseSelector,
  Selector,
  SelectorError,
  selectorFromLabelSelector,
  selectorFromSet,
} from './api/label-selector.ts';
export { ManifestError, parseManifests } from './api/manifest.ts';
export { NamespaceController } from './api/namespace-controller.ts';
export { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './api/patch.ts';
export { qosClass } from './api/qos.ts';
export {
  bytesOf,
  canonicalQuantity,
  compareQuantities,
  milliCPU,
  parseQuantity,
  Quantity,
  QUANTITY_REGEXP,
  QuantityError,
  tryParseQuantity,
} from './api/quantity.ts';
export {
  apiVersionOf,
  groupResource,
  NoKindMatchError,
  NoResourceMatchError,
  ResourceRegistry,
} from './api/resource-registry.ts';

// The control plane a workspace runs.
export { Cluster } from './cluster.ts';

// kube-scheduler/: the scheduling queue, cache and framework with the default plugins.
export { FitError, KubeScheduler, podRequests, scheduledMessage, SchedulingFramework } from './kube-scheduler/index.ts';

export type {
  FieldError,
  FieldErrorType,
  GroupKind,
  GroupResource,
  KubectlErrorContext,
  Status,
  StatusCause,
  StatusDetails,
  StatusReason,
} from './api/api-errors.ts';
export type {
  ApiStoreOptions,
  ApplyResult,
  DeleteOptions,
  FieldValidation,
  ListOptions,
  ListResult,
  PropagationPolicy,
  ServiceAllocator,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from './api/api-store.ts';
export type { ApplyOutcome } from './api/apply.ts';
export type { FieldRequirement } from './api/field-selector.ts';
export type { DeepReadonly, KindMap, KindName, KindOf, KubeObject, Mutable, ObjectInput, ObjectOf, Stored } from './api/kinds.ts';
export type { Labels, Requirement, SelectorOperator } from './api/label-selector.ts';
export type { ManifestObject } from './api/manifest.ts';
export type { JsonPatchOperation, PatchType } from './api/patch.ts';
export type { QOSClass } from './api/qos.ts';
export type { QuantityFormat } from './api/quantity.ts';
export type { ResourceType } from './api/resource-registry.ts';
export type { WatchEvent, WatchEventType, WatchHandle } from './api/watch.ts';
export type { CycleOutcome, KubeSchedulerOptions, ScheduleResult, SchedulerEvent } from './kube-scheduler/index.ts';
