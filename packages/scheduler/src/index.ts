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
export { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, decodePatchBody, PatchError } from './api/patch.ts';
export { GoJsonSyntaxError, parseGoJson } from './api/go-json.ts';
export { hasScale } from './api/scale-subresource.ts';
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
export { templatePatch } from './controllers/controller-history.ts';
export { TaintEvictionController } from './controllers/taint-eviction-controller.ts';
export { matchingTolerations, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, toleratesTaint } from './controllers/taints.ts';

// events/: Kubernetes Events as client-go's EventRecorder writes them (shared by every component).
export { EventRecorder, referenceOf } from './events/event-recorder.ts';

// The cluster: the control plane and the nodes, started on one engine.
export { Cluster, ClusterFaultError, KIND_NETWORK_SUBNET } from './cluster.ts';
export { SchedulerProcess } from './kube-scheduler/scheduler-process.ts';

// networking/: Services, their endpoints, kube-proxy, cluster DNS and ingress (README "networking/").
export { EndpointsController, ENDPOINTS_DEPRECATION_WARNING } from './networking/endpoints-controller.ts';
export { EndpointSliceController, MANAGED_BY, MANAGED_BY_LABEL, MAX_ENDPOINTS_PER_SLICE, SERVICE_NAME_LABEL } from './networking/endpointslice-controller.ts';
export { EndpointSliceMirroringController, MIRRORING_MANAGED_BY, SKIP_MIRROR_LABEL } from './networking/endpointslice-mirroring-controller.ts';
export { LOAD_ANNOTATION, ServiceLoad } from './networking/service-load.ts';
export {
  CLUSTER_DNS_IP,
  KUBERNETES_SERVICE_IP,
  NODE_PORT_RANGE,
  SERVICE_CLUSTER_IP_RANGE,
  ServiceIpAllocator,
} from './networking/service-ip-allocator.ts';
export { chainHash, probability, renderIptablesSave } from './networking/iptables-proxier.ts';
export { DEFAULT_CLUSTER_CIDR, KubeProxy, MIN_SYNC_PERIOD_MS } from './networking/kube-proxy.ts';
export { BUSYBOX_NSLOOKUP_USAGE, busyboxNslookup } from './networking/busybox-nslookup.ts';
export { installClusterServices } from './networking/cluster-bootstrap.ts';
export {
  CLUSTER_DOMAIN,
  ClusterDns,
  DEFAULT_NODE_RESOLV_CONF,
  DNS_TTL,
  ndotsOf,
  podResolvConf,
  renderResolvConf,
  resolveName,
} from './networking/cluster-dns.ts';
export { DEFAULT_LB_ASSIGN_DELAY_MS, DEFAULT_LB_POOL, ServiceLbController } from './networking/service-lb-controller.ts';
export { ClusterDataPlane, HOST_ADDRESS } from './networking/cluster-data-plane.ts';
export {
  FAKE_CERTIFICATE_SUBJECT,
  INGRESS_CLASS,
  INGRESS_CONTROLLER,
  IngressNginxController,
  STATUS_UPDATE_INTERVAL_MS,
} from './networking/ingress-nginx-controller.ts';
export { buildServers, matchLocation, REWRITE_TARGET, serverFor, USE_REGEX } from './networking/ingress-routing.ts';
export { nginxPage, nginxReason } from './networking/nginx-pages.ts';

// config/: what ConfigMaps and Secrets become in pods, and kubectl's builders (README "config/").
export { containerEnvironment, expandEnv, serviceEnvironment } from './config/container-environment.ts';
export { createConfigMap } from './config/kubectl-create-configmap.ts';
export { createSecretDockerRegistry, createSecretGeneric, createSecretTls, DEFAULT_DOCKER_SERVER } from './config/kubectl-create-secret.ts';
export { KubectlError, parseFileSource, parseLiteralSource } from './config/kubectl-data-sources.ts';
export { atomicWriterLayout, DEFAULT_VOLUME_MODE, KUBELET_SYNC_FREQUENCY_MS, projectVolume } from './config/volume-projection.ts';
export { decodeGoBase64, encodeBase64, encodeBase64Text } from './api/go-base64.ts';

// storage/: StorageClass standard, the PV controller, kind's local-path provisioner (README "storage/").
export { DEFAULT_CLASS_ANNOTATION, installDefaultStorageClass, LOCAL_PATH_PROVISIONER, STANDARD_STORAGE_CLASS } from './storage/default-storage-class.ts';
export { HELPER_POD_DELAY_MS, LOCAL_PATH_ROOT, localPathFor, LocalPathProvisioner } from './storage/local-path-provisioner.ts';
export { BIND_COMPLETED, BOUND_BY_CONTROLLER, PersistentVolumeController, STORAGE_PROVISIONER } from './storage/pv-controller.ts';
export { claimMount, claimsBound, preBindVolumes, storeVolumeLister } from './storage/scheduler-volume-binder.ts';
export { SELECTED_NODE_ANNOTATION } from './kube-scheduler/volume-binding.ts';
export { RWOP_CONFLICT } from './kube-scheduler/volume-restrictions.ts';

// metrics/ and autoscaling/: metrics-server, kubectl top, the HPA controller (README "metrics/").
export { METRIC_RESOLUTION_MS, MetricsServer } from './metrics/metrics-server.ts';
export { METRICS_API_NOT_AVAILABLE, NODE_COLUMNS, POD_COLUMNS, topNodes, topPods } from './metrics/kubectl-top.ts';
export { HorizontalPodAutoscalerController, HPA_SYNC_PERIOD_MS } from './autoscaling/horizontal-pod-autoscaler.ts';
export { DOWNSCALE_STABILIZATION_SECONDS, normalizeWithBehaviors, scaleDownRules, scaleUpRules } from './autoscaling/hpa-behavior.ts';
export { CPU_INITIALIZATION_PERIOD_MS, DEFAULT_TOLERANCE, INITIAL_READINESS_DELAY_MS, resourceReplicas } from './autoscaling/replica-calculator.ts';

// yaml/: YAML as go-yaml v2 writes it, for kubectl -o yaml and helm's toYaml (README "yaml/").
export { emitGoYaml } from './yaml/go-yaml-emitter.ts';

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
export type { Scale } from './api/scale-subresource.ts';
export type { QOSClass } from './api/qos.ts';
export type { QuantityFormat } from './api/quantity.ts';
export type { ResourceType } from './api/resource-registry.ts';
export type { WatchEvent, WatchEventType, WatchHandle } from './api/watch.ts';
export type { CronSchedule } from './controllers/cron-schedule.ts';
export type { ControllerName, KubeControllerManagerOptions } from './controllers/kube-controller-manager.ts';
export type { NodeLifecycleOptions } from './controllers/node-lifecycle-controller.ts';
export type { ReplicaSetControllerOptions } from './controllers/replicaset-controller.ts';
export type { EventSink, EventType, InvolvedObject } from './events/event-recorder.ts';

export type { EnvironmentOptions, EnvironmentResult } from './config/container-environment.ts';
export type { CreateConfigMapOptions } from './config/kubectl-create-configmap.ts';
export type { CreateSecretDockerRegistryOptions, CreateSecretGenericOptions, CreateSecretTlsOptions } from './config/kubectl-create-secret.ts';
export type { LocalFiles } from './config/kubectl-data-sources.ts';
export type { LocalPathProvisionerOptions } from './storage/local-path-provisioner.ts';
export type { PersistentVolumeControllerOptions } from './storage/pv-controller.ts';
export type { ClaimMount } from './storage/scheduler-volume-binder.ts';
export type { VolumeLister } from './kube-scheduler/volume-lister.ts';
export type { GoYamlValue } from './yaml/go-yaml-emitter.ts';
export type { ContainerUsage, KubeletResourceMetrics, NodeMetricsSample, NodeUsageReport, PodMetricsSample, PodUsage } from './metrics/metrics-server.ts';
export type { TopPodOptions, TopResult } from './metrics/kubectl-top.ts';
export type { HorizontalPodAutoscalerOptions } from './autoscaling/horizontal-pod-autoscaler.ts';
export type { BehaviorState, Normalized, ScalingRules } from './autoscaling/hpa-behavior.ts';
export type { PodMetric, ReplicaProposal } from './autoscaling/replica-calculator.ts';
export type { AtomicWriterEntry, ProjectedFile, ProjectionResult } from './config/volume-projection.ts';
export type { ServiceIpAllocatorOptions } from './networking/service-ip-allocator.ts';
export type { NatRule, ProxiedServicePort, ProxyEndpoint, ProxyTables, RuleTarget } from './networking/iptables-proxier.ts';
export type { KubeProxyOptions, ProxyPacket, ProxyVerdict } from './networking/kube-proxy.ts';
export type { NslookupResult } from './networking/busybox-nslookup.ts';
export type { ClusterServicesOptions } from './networking/cluster-bootstrap.ts';
export type { ClusterDnsOptions, DnsAnswer, DnsResponse, DnsServer, DnsType, PodDnsOptions, ResolvConf } from './networking/cluster-dns.ts';
export type { ServiceLbControllerOptions } from './networking/service-lb-controller.ts';
export type { Upstream } from './networking/http-types.ts';
export type { PodCpuLoad } from './networking/service-load.ts';
export type { ClusterDataPlaneOptions, ExternalRequest, ExternalResult, FabricNamespace } from './networking/cluster-data-plane.ts';
export type { IngressNginxOptions, IngressRequest, IngressTrace } from './networking/ingress-nginx-controller.ts';
export type { IngressBackend, Location, LocationMatch, NginxServer, TlsBinding } from './networking/ingress-routing.ts';
export type { CycleOutcome, KubeSchedulerOptions, ScheduleResult, SchedulerEvent, WhyRecord, WhyRejection, WhyScoredNode } from './kube-scheduler/index.ts';
export type { ClusterOptions, ContainerRef } from './cluster.ts';
