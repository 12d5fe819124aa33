// Table printers of less common built-in kinds, column for column as the API server builds them:
// PodDisruptionBudget (NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE), NetworkPolicy
// (NAME POD-SELECTOR AGE), PriorityClass (NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY),
// ResourceQuota (NAME AGE REQUEST LIMIT), ControllerRevision (NAME CONTROLLER REVISION AGE) and
// RuntimeClass (NAME HANDLER AGE).
// [k/k pkg/printers/internalversion/printers.go `printPodDisruptionBudget`,
// `printNetworkPolicy`, `printPriorityClass`, `printResourceQuota`, `printControllerRevision`,
// `printRuntimeClass`]
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { formatAge } from './age.ts';
import { formatQuantity, parseQuantity, ZERO } from './describe/quantity.ts';
import { formatLabelSelector } from './labels.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const podDisruptionBudgetTablePrinter = defineTablePrinter<PodDisruptionBudget>({
  group: 'policy',
  kind: 'PodDisruptionBudget',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, AGE_COLUMN],
  cells: (pdb, now) => [
    pdb.metadata?.name,
    pdb.spec?.minAvailable === undefined ? 'N/A' : String(pdb.spec.minAvailable),
    pdb.spec?.maxUnavailable === undefined ? 'N/A' : String(pdb.spec.maxUnavailable),
    pdb.status?.disruptionsAllowed ?? 0,
    formatAge(pdb.metadata?.creationTimestamp, now),
  ],
});

export const networkPolicyTablePrinter = defineTablePrinter<NetworkPolicy>({
  group: 'networking.k8s.io',
  kind: 'NetworkPolicy',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Pod-Selector' }, AGE_COLUMN],
  cells: (policy, now) => [
    policy.metadata?.name,
    formatLabelSelector(policy.spec?.podSelector ?? {}),
    formatAge(policy.metadata?.creationTimestamp, now),
  ],
});

export const priorityClassTablePrinter = defineTablePrinter<PriorityClass>({
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  namespaced: false,
  columns: [NAME_COLUMN, { name: 'Value' }, { name: 'Global-Default' }, AGE_COLUMN, { name: 'PreemptionPolicy' }],
  cells: (pc, now) => [
    pc.metadata?.name,
    pc.value ?? 0,
    pc.globalDefault ?? false,
    formatAge(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
});

/** `requests.cpu: 500m/2, pods: 3/10` and the `limits.*` ones apart, by resource name. */
function quotaColumns(quota: ResourceQuota): [string, string] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort(byteCompare)) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
    target.push(`${resource}: ${quantityString(used[resource])}/${quantityString(hard[resource])}`);
  }
  return [requests.join(', '), limits.join(', ')];
}

/** Quantity.String() of a stored quantity (`0` when unset). */
function quantityString(value: string | undefined): string {
  if (value === undefined) return formatQuantity(ZERO);
  const quantity = parseQuantity(value);
  return quantity === undefined ? value : formatQuantity(quantity);
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const resourceQuotaTablePrinter = defineTablePrinter<ResourceQuota>({
  group: '',
  kind: 'ResourceQuota',
  namespaced: true,
  columns: [NAME_COLUMN, AGE_COLUMN, { name: 'Request' }, { name: 'Limit' }],
  cells: (quota, now) => [quota.metadata?.name, formatAge(quota.metadata?.creationTimestamp, now), ...quotaColumns(quota)],
});

export const controllerRevisionTablePrinter = defineTablePrinter<ControllerRevision>({
  group: 'apps',
  kind: 'ControllerRevision',
  namespaced: true,
  columns: [NAME_COLUMN, { name: 'Controller' }, { name: 'Revision' }, AGE_COLUMN],
  cells: (revision, now) => {
    const owner = revision.metadata?.ownerReferences?.find((ref) => ref.controller === true);
    let controller = '<none>';
    if (owner !== undefined) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0]! : '';
      const kind = group === '' ? owner.kind : `${owner.kind}.${group}`;
      controller = `${kind.toLowerCase()}/${owner.name}`;
    }
    return [revision.metadata?.name, controller, revision.revision ?? 0, formatAge(revision.metadata?.creationTimestamp, now)];
  },
});

export const runtimeClassTablePrinter = defineTablePrinter<RuntimeClass>({
  group: 'node.k8s.io',
  kind: 'RuntimeClass',
  namespaced: false,
  columns: [NAME_COLUMN, { name: 'Handler' }, AGE_COLUMN],
  cells: (rc, now) => [rc.metadata?.name, rc.handler ?? '', formatAge(rc.metadata?.creationTimestamp, now)],
});
