// `kubectl describe node`: roles, labels, taints, lease, conditions, addresses, capacity and
// allocatable, system info, the non-terminated pods with their requests and limits as shares
// of allocatable, the allocated totals, and events. [kubectl pkg/describe/describe.go
// `describeNode`, `describeNodeLease`, `describeNodeResource`, `getPodsTotalRequestsAndLimits`;
// kubectl pkg/util/resource `PodRequestsAndLimits`]
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Container, Event, Node, Pod } from 'kubernetes-types/core/v1';
import { formatAge } from '../age.ts';
import { compareStrings } from '../labels.ts';
import { nodeRoles } from '../node.ts';
import { canonical } from './containers.ts';
import { describeEvents } from './events.ts';
import type { Quantity } from './quantity.ts';
import { addQuantities, formatQuantity, maxQuantity, parseQuantity, quantityValue, ZERO } from './quantity.ts';
import type { DescribeWriter } from './writer.ts';
import {
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  tabbedString,
} from './writer.ts';

export interface NodeRelated {
  /** The pods of the cluster (the ones bound to this node and not finished are listed). */
  readonly pods: readonly Pod[];
  /** The node's Lease in kube-node-lease, when there is one. */
  readonly lease?: Lease;
}

export function describeNode(node: Node, related: NodeRelated, events: readonly Event[] | undefined, now: number): string {
  const name = node.metadata?.name ?? '';
  const pods = related.pods.filter(
    (p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    if (related.lease !== undefined) {
      const spec = related.lease.spec;
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${spec?.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${spec?.acquireTime ? formatRFC1123Z(spec.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${spec?.renewTime ? formatRFC1123Z(spec.renewTime) : '<unset>'}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    }
    const conditions = node.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const address of node.status?.addresses ?? []) w.write(LEVEL_1, `${address.type}:\t${address.address}\n`);
    for (const [title, list] of [
      ['Capacity', node.status?.capacity],
      ['Allocatable', node.status?.allocatable],
    ] as const) {
      const names = Object.keys(list ?? {}).sort(compareStrings);
      if (names.length === 0) continue;
      w.write(LEVEL_0, `${title}:\n`);
      for (const resource of names) w.write(LEVEL_0, `  ${resource}:\t${canonical(list![resource]!)}\n`);
    }
    const info = node.status?.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if ((node.spec?.podCIDRs?.length ?? 0) > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    describeNodeResource(pods, node, w, now);
    if (events !== undefined) describeEvents(events, w, now);
  });
}

type ResourceTotals = Map<string, Quantity>;

function describeNodeResource(pods: readonly Pod[], node: Node, w: DescribeWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status!.allocatable! : (node.status?.capacity ?? {});
  const allocCpu = parseQuantity(allocatable['cpu'] ?? '0') ?? ZERO;
  const allocMemory = parseQuantity(allocatable['memory'] ?? '0') ?? ZERO;
  const allocStorage = parseQuantity(allocatable['ephemeral-storage'] ?? '0') ?? ZERO;
  const share = (part: Quantity, whole: Quantity, milli: boolean): number => {
    const total = milli ? whole.milli : quantityValue(whole);
    if (total === 0n) return 0;
    return Math.trunc((Number(milli ? part.milli : quantityValue(part)) / Number(total)) * 100);
  };
  const totalRequests: ResourceTotals = new Map();
  const totalLimits: ResourceTotals = new Map();
  for (const pod of pods) {
    const [requests, limits] = podRequestsAndLimits(pod);
    const cpuReq = requests.get('cpu') ?? ZERO;
    const cpuLim = limits.get('cpu') ?? ZERO;
    const memReq = requests.get('memory') ?? ZERO;
    const memLim = limits.get('memory') ?? ZERO;
    // kubectl divides without a zero check per pod; a node without allocatable reads as 0% here.
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${formatQuantity(cpuReq)} (${share(cpuReq, allocCpu, true)}%)\t` +
        `${formatQuantity(cpuLim)} (${share(cpuLim, allocCpu, true)}%)\t${formatQuantity(memReq)} (${share(memReq, allocMemory, false)}%)\t` +
        `${formatQuantity(memLim)} (${share(memLim, allocMemory, false)}%)\t${formatAge(pod.metadata?.creationTimestamp, now)}\n`,
    );
    for (const [name, q] of requests) totalRequests.set(name, addQuantities(totalRequests.get(name) ?? ZERO, q));
    for (const [name, q] of limits) totalLimits.set(name, addQuantities(totalLimits.get(name) ?? ZERO, q));
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, alloc: Quantity, milli: boolean): void => {
    const req = totalRequests.get(name) ?? ZERO;
    const lim = totalLimits.get(name) ?? ZERO;
    w.write(LEVEL_1, `${name}\t${formatQuantity(req)} (${share(req, alloc, milli)}%)\t${formatQuantity(lim)} (${share(lim, alloc, milli)}%)\n`);
  };
  row('cpu', allocCpu, true);
  row('memory', allocMemory, false);
  row('ephemeral-storage', allocStorage, false);
  const names = Object.keys(allocatable).sort(compareStrings);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, parseQuantity(allocatable[name]!) ?? ZERO, false);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !isStandardResource(n))) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(totalRequests.get(name) ?? ZERO)}\t${formatQuantity(totalLimits.get(name) ?? ZERO)}\n`);
  }
}

function isStandardResource(name: string): boolean {
  return ['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods'].includes(name) || name.startsWith('requests.') || name.startsWith('limits.');
}

/**
 * A pod's effective requests and limits: the sum over its containers (and sidecars), at least
 * the largest init container's, plus the pod overhead. [kubectl pkg/util/resource]
 */
export function podRequestsAndLimits(pod: Pod): [ResourceTotals, ResourceTotals] {
  const requests: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  const add = (totals: ResourceTotals, list: Record<string, string> | undefined): void => {
    for (const [name, text] of Object.entries(list ?? {})) {
      const q = parseQuantity(text);
      if (q !== undefined) totals.set(name, addQuantities(totals.get(name) ?? ZERO, q));
    }
  };
  const max = (totals: ResourceTotals, list: Record<string, string> | undefined): void => {
    for (const [name, text] of Object.entries(list ?? {})) {
      const q = parseQuantity(text);
      if (q !== undefined) totals.set(name, maxQuantity(totals.get(name) ?? ZERO, q));
    }
  };
  const regular = (c: Container): boolean => c.restartPolicy !== 'Always';
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => !regular(c))]) {
    add(requests, c.resources?.requests);
    add(limits, c.resources?.limits);
  }
  for (const c of (pod.spec?.initContainers ?? []).filter(regular)) {
    max(requests, c.resources?.requests);
    max(limits, c.resources?.limits);
  }
  add(requests, pod.spec?.overhead);
  for (const [name, text] of Object.entries(pod.spec?.overhead ?? {})) {
    const q = parseQuantity(text);
    if (q !== undefined && limits.has(name)) limits.set(name, addQuantities(limits.get(name)!, q));
  }
  return [requests, limits];
}
