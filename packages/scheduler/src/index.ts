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

// kube-scheduler/: the scheduling queue, cache and framework with the default plugins.
export { FitError, KubeScheduler, podRequests, scheduledMessage, SchedulingFramework } from './kube-scheduler/index.ts';

// controllers/: kube-controller-manager's controllers, each talking only through the store.
export { compareRankedPods, podDeletionCost, podsToDelete, POD_DELETION_COST_ANNOTATION } from './controllers/active-pods-ranking.ts';
export { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION, CronJobController } from './controllers/cronjob-controller.ts';
export { CronParseError, parseCronSchedule } from './controllers/cron-schedule.ts';
export { addDaemonPodTolerations, DAEMONSET_REVISION_LABEL, DaemonSetController, nodeMatchesPod } from './controllers/daemonset-controller.ts';
export { DeploymentController } from './controllers/deployment-controller.ts';
export {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  RESTARTED_AT_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from './controllers/deployment-util.ts';
export { DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS } from './controllers/job-backoff.ts';
export { isJobFinished, JOB_TRACKING_FINALIZER, JobController } from './controllers/job-controller.ts';
export { CONTROLLER_NAMES, KubeControllerManager } from './controllers/kube-controller-manager.ts';
export {
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_PERIOD_MS,
  NodeLifecycleController,
} from './controllers/node-lifecycle-controller.ts';
export { PodGCController } from './controllers/pod-gc-controller.ts';
export { isPodAvailable, isPodReady } from './controllers/pod-util.ts';
export { computePodTemplateHash, safeEncodeString } from './controllers/pod-template-hash.ts';
export { BURST_REPLICAS, ReplicaSetController } from './controllers/replicaset-controller.ts';
export { revisionOf } from './controllers/revision.ts';
export { CONTROLLER_REVISION_LABEL, POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL, StatefulSetController } from './controllers/statefulset-controller.ts';
export { TaintEvictionController } from './controllers/taint-eviction-controller.ts';
export { matchingTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, toleratesTaint } from './controllers/taints.ts';

// events/: Kubernetes Events as client-go's EventRecorder writes them (shared by every component).
export { EventRecorder, referenceOf } from './events/event-recorder.ts';

// The cluster: the control plane and the nodes, started on one engine.
export { Cluster } from './cluster.ts';
export { SchedulerProcess } from './kube-scheduler/scheduler-process.ts';

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
export type { CronSchedule } from './controllers/cron-schedule.ts';
export type { ControllerName, KubeControllerManagerOptions } from './controllers/kube-controller-manager.ts';
export type { NodeLifecycleOptions } from './controllers/node-lifecycle-controller.ts';
export type { ReplicaSetControllerOptions } from './controllers/replicaset-controller.ts';
export type { EventType, InvolvedObject } from './events/event-recorder.ts';
export type { CycleOutcome, KubeSchedulerOptions, ScheduleResult, SchedulerEvent } from './kube-scheduler/index.ts';
export type { ClusterOptions, ContainerRef } from './cluster.ts';
