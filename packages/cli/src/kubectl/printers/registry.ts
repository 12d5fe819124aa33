// Which table printer a kind gets, and `kubectl get` in one call for a list of objects.
import { configMapTablePrinter } from './configmap.ts';
import { cronJobTablePrinter } from './cronjob.ts';
import { daemonSetTablePrinter } from './daemonset.ts';
import { createdAtTablePrinter, customResourceTablePrinter, isBuiltInGroup } from './default-table.ts';
import { deploymentTablePrinter } from './deployment.ts';
import { endpointsTablePrinter } from './endpoints.ts';
import { endpointSliceTablePrinter } from './endpointslice.ts';
import { eventTablePrinter } from './event.ts';
import { hpaTablePrinter } from './hpa.ts';
import { ingressTablePrinter } from './ingress.ts';
import { ingressClassTablePrinter } from './ingressclass.ts';
import { jobTablePrinter } from './job.ts';
import { leaseTablePrinter } from './lease.ts';
import {
  controllerRevisionTablePrinter,
  networkPolicyTablePrinter,
  podDisruptionBudgetTablePrinter,
  priorityClassTablePrinter,
  resourceQuotaTablePrinter,
  runtimeClassTablePrinter,
} from './misc-kinds.ts';
import { namespaceTablePrinter } from './namespace.ts';
import { nodeTablePrinter } from './node.ts';
import type { GroupKind, KubeObject } from './object.ts';
import { persistentVolumeTablePrinter } from './persistentvolume.ts';
import { persistentVolumeClaimTablePrinter } from './persistentvolumeclaim.ts';
import { podTablePrinter } from './pod.ts';
import { replicaSetTablePrinter } from './replicaset.ts';
import { clusterRoleBindingTablePrinter, roleBindingTablePrinter } from './rolebinding.ts';
import { secretTablePrinter } from './secret.ts';
import { serviceTablePrinter } from './service.ts';
import { serviceAccountTablePrinter } from './serviceaccount.ts';
import { statefulSetTablePrinter } from './statefulset.ts';
import { storageClassTablePrinter } from './storageclass.ts';
import type { KindTablePrinter, TableOptions } from './table.ts';
import { printTables, sectionsOf } from './table.ts';

const PRINTERS: readonly KindTablePrinter[] = [
  podTablePrinter,
  deploymentTablePrinter,
  replicaSetTablePrinter,
  statefulSetTablePrinter,
  daemonSetTablePrinter,
  jobTablePrinter,
  cronJobTablePrinter,
  serviceTablePrinter,
  endpointsTablePrinter,
  endpointSliceTablePrinter,
  nodeTablePrinter,
  namespaceTablePrinter,
  configMapTablePrinter,
  secretTablePrinter,
  serviceAccountTablePrinter,
  persistentVolumeTablePrinter,
  persistentVolumeClaimTablePrinter,
  storageClassTablePrinter,
  ingressTablePrinter,
  ingressClassTablePrinter,
  hpaTablePrinter,
  eventTablePrinter,
  leaseTablePrinter,
  roleBindingTablePrinter,
  clusterRoleBindingTablePrinter,
  podDisruptionBudgetTablePrinter,
  networkPolicyTablePrinter,
  priorityClassTablePrinter,
  resourceQuotaTablePrinter,
  controllerRevisionTablePrinter,
  runtimeClassTablePrinter,
];

const BY_GROUP_KIND = new Map(PRINTERS.map((p) => [`${p.groupKind.kind}.${p.groupKind.group}`, p]));

/** Built-in cluster-scoped kinds that have no printer of their own. */
const CLUSTER_SCOPED_DEFAULTS = new Set([
  'ClusterRole.rbac.authorization.k8s.io',
  'CustomResourceDefinition.apiextensions.k8s.io',
  'APIService.apiregistration.k8s.io',
]);

/**
 * The table printer of a kind. `namespaced` tells the scope of kinds this module does not know
 * (custom resources; it defaults to namespaced).
 */
export function tablePrinterFor(groupKind: GroupKind, namespaced = true): KindTablePrinter {
  const key = `${groupKind.kind}.${groupKind.group}`;
  const printer = BY_GROUP_KIND.get(key);
  if (printer !== undefined) return printer;
  if (isBuiltInGroup(groupKind.group)) {
    return createdAtTablePrinter(groupKind, namespaced && !CLUSTER_SCOPED_DEFAULTS.has(key));
  }
  return customResourceTablePrinter(groupKind, namespaced);
}

/**
 * kubectl get's table output (stdout) for objects of one or more kinds, in their order: a table
 * per run of one kind. Empty when nothing printed: then write `noResourcesFound(...)` to stderr.
 */
export function printTable(objects: readonly KubeObject[], options: TableOptions, now: number): string {
  return printTables(sectionsOf(objects, (gk) => tablePrinterFor(gk)), options, now);
}
