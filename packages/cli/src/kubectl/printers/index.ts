// kubectl's output, as pure functions over Kubernetes objects (the shapes of kubernetes-types)
// and the virtual time `now` in ms: what `kubectl get` (tables, -o yaml|json|name|jsonpath|
// custom-columns, --sort-by) and `kubectl describe` print. Nothing here reads the API store:
// callers pass the objects. Every function returns the text for stdout unless it says stderr.

// get: everything -o can print, with stdout, stderr and the exit code
export { printGet } from './get-output.ts';
// get: tables
export { printTable, tablePrinterFor } from './registry.ts';
export { multipleTypesRequested, noResourcesFound, printTables, sectionsOf } from './table.ts';
export { printWatchObject, TableWatchPrinter, WATCH_SINGLE_TYPE_ERROR } from './watch.ts';
export { podTemplateText, printRolloutHistory } from './rollout-history.ts';
export { rolloutStatus } from './rollout-status.ts';
export { METRICS_API_NOT_AVAILABLE, NODE_METRICS_NOT_AVAILABLE, printTopNodes, printTopPods } from './top.ts';
export { GET_ALL_KINDS } from './get-all.ts';
export { podStatusReason, summarizePod } from './pod.ts';
export { nodeStatus } from './node.ts';
export { jobStatus } from './job.ts';
export { formatAge } from './age.ts';
export { alignTabs, DESCRIBE_TABWRITER, GET_TABWRITER } from './tabwriter.ts';
export { groupKindOf, kindPrefix } from './object.ts';
export { formatLabels, formatLabelSelector, selectorString } from './labels.ts';
// get: other output formats
export { toYaml, YamlError } from './yaml.ts';
export { toJson } from './json.ts';
export { asList } from './list.ts';
export { printNames } from './name.ts';
export { JsonPath, JsonPathError, printJsonPath } from './jsonpath.ts';
export { parseCustomColumns, printCustomColumns } from './custom-columns.ts';
export { sortObjects } from './sort-by.ts';
// describe
export { describeObject, eventsFor } from './describe/describe.ts';
export { eventInterval, sortEventsByTime } from './event.ts';
export { describePod } from './describe/pod.ts';
export { describeDeployment } from './describe/deployment.ts';
export { describeReplicaSet } from './describe/replicaset.ts';
export { describeNode } from './describe/node.ts';
export { describeService } from './describe/service.ts';
export { describeConfigMap, describeSecret } from './describe/config.ts';
export { describePersistentVolume, describePersistentVolumeClaim } from './describe/storage.ts';
export { describeJob } from './describe/job.ts';
export { describeHorizontalPodAutoscaler } from './describe/hpa.ts';
export { describeNamespace } from './describe/namespace.ts';
export { describeIngress } from './describe/ingress.ts';
export { describeCronJob, describeDaemonSet, describeStatefulSet } from './describe/controllers.ts';
export { describeEndpoints, describeEndpointSlice, describeIngressClass } from './describe/endpoints.ts';
export { describeRoleBinding, describeServiceAccount } from './describe/access.ts';
export { describeStorageClass } from './describe/storage.ts';
export { describeGeneric } from './describe/generic.ts';

export type { GetOutput, GetOutputOptions } from './get-output.ts';
export type { WatchEventType, WatchFormat, WatchTableOptions } from './watch.ts';
export type { RolloutHistory } from './rollout-history.ts';
export type { RolloutStatus } from './rollout-status.ts';
export type { NodeMetrics, PodMetrics, ResourceUsage, TopNodeOptions, TopPodOptions, TopSortBy } from './top.ts';
export type { GroupKind, KubeObject } from './object.ts';
export type { ColumnDefinition, KindTablePrinter, Table, TableCell, TableOptions, TableRow, TableSection } from './table.ts';
export type { PodSummary } from './pod.ts';
export type { KubeList } from './list.ts';
export type { CustomColumn } from './custom-columns.ts';
export type { DescribeOptions } from './describe/describe.ts';
export type { TabWriterOptions } from './tabwriter.ts';
export type { NodeRelated } from './describe/node.ts';
export type { IngressRelated } from './describe/ingress.ts';
