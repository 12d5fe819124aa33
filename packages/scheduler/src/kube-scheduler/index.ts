// kube-scheduler's public surface: the component, its cache, queue and framework, the messages it
// writes and the why record. Hand-picked; add to it deliberately.

export { NO_VICTIMS, NOT_HELPFUL, preemptedMessage } from './default-preemption.ts';
export { EVENT_MESSAGE_LIMIT, FitError, NO_NODES_AVAILABLE, truncateEventMessage } from './fit-error.ts';
export {
  MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
  MIN_FEASIBLE_NODES_TO_FIND,
  numFeasibleNodesToFind,
  SchedulingFramework,
} from './framework.ts';
export { IMAGE_MAX_CONTAINER_THRESHOLD, IMAGE_MIN_THRESHOLD, normalizedImageName } from './image-locality.ts';
export { HARD_POD_AFFINITY_WEIGHT } from './inter-pod-affinity.ts';
export { DEFAULT_SCHEDULER_NAME, KubeScheduler, scheduledMessage } from './kube-scheduler.ts';
export { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests } from './pod-requests.ts';
export { LABEL_HOSTNAME, SYSTEM_DEFAULT_CONSTRAINTS } from './pod-topology-spread.ts';
export { restoreCache, SchedulerCache } from './scheduler-cache.ts';
export {
  BACKOFF_ORDERING_WINDOW_MS,
  EVENTS_BY_PLUGIN,
  POD_INITIAL_BACKOFF_MS,
  POD_MAX_BACKOFF_MS,
  POD_MAX_IN_UNSCHEDULABLE_PODS_MS,
  SchedulingQueue,
  UNSCHEDULABLE_FLUSH_INTERVAL_MS,
} from './scheduling-queue.ts';
export { toleratesTaint } from './taint-toleration.ts';

export type { PreemptionResult } from './default-preemption.ts';
export type { FrameworkOptions, RandomSource, Scheduled, ScheduleResult, Unschedulable } from './framework.ts';
export type {
  CycleOutcome,
  KubeSchedulerOptions,
  KubeSchedulerSnapshot,
  SchedulerEvent,
  WatchEventType,
} from './kube-scheduler.ts';
export type { Status, StatusCode } from './plugin.ts';
export type { PodRequests } from './pod-requests.ts';
export type { CachedPod, CacheSnapshot, HostPort, NodeEntry, WorkloadKind } from './scheduler-cache.ts';
export type {
  ClusterEvent,
  QueuedPodInfo,
  QueueingHint,
  QueueName,
  QueueSnapshot,
  SchedulingQueueOptions,
} from './scheduling-queue.ts';
export type { WhyRecord, WhyRejection, WhyScoredNode } from './why-record.ts';
