// What the cluster map shows, read from the API store and metrics-server: one card per node
// (kubectl's STATUS, cordon and taints, CPU and memory as requested by its pods' specs and as used
// at the last metrics scrape, its pods as chips) and the lane of pods no node holds yet.

import { nodeStatus, type World } from '@dockyard/cli';
import { bytesOf, milliCPU, podRequests, type Stored } from '@dockyard/scheduler';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { type PodChip, podChip } from './pod-chip.ts';
import { perObject } from './per-object.ts';

export interface ResourceBar {
  /** What the node offers pods (status.allocatable, else capacity): millicores or bytes. */
  readonly allocatable: number;
  /** The sum of the requests of the pods bound to it that are not finished. */
  readonly requested: number;
  /** metrics-server's last sample of the node's usage; undefined before the first scrape. */
  readonly used: number | undefined;
}

export interface NodeCard {
  readonly name: string;
  /** kubectl's STATUS: `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` when cordoned. */
  readonly status: string;
  readonly ready: boolean;
  readonly cordoned: boolean;
  /** `key=value:Effect`, as `kubectl describe node` lists them. */
  readonly taints: readonly string[];
  readonly cpu: ResourceBar;
  readonly memory: ResourceBar;
  /** Pods bound to it, by name. */
  readonly pods: readonly PodChip[];
  /** False when pods name a node that has no Node object (yet, or any more). */
  readonly registered: boolean;
}

export interface ClusterMapModel {
  readonly nodes: readonly NodeCard[];
  /** Pods no node holds: Pending without spec.nodeName. */
  readonly unscheduled: readonly PodChip[];
  /** Every pod in the store, finished ones too. */
  readonly podCount: number;
}

// One collator for every comparison: `localeCompare` with options builds one per call, which
// sorting 1,000 pods on every frame paid for (a tenth of the frame budget).
const NATURAL_ORDER = new Intl.Collator('en', { numeric: true });

/** node-2 before node-10. */
export function byNaturalName(a: string, b: string): number {
  return NATURAL_ORDER.compare(a, b);
}

function isFinished(pod: Stored<'Pod'>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function taintText(taint: { key: string; value?: string; effect: string }): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** A pod's requests, the same object while the pod is (see perObject). */
const requestsOf = perObject((pod: Stored<'Pod'>) => podRequests(pod.spec as PodSpec));

export function clusterMap(world: World): ClusterMapModel {
  const { store, metrics } = world.cluster;
  const usage = new Map(metrics.nodes().map((n) => [n.name, n]));
  const byNode = new Map<string, { chips: PodChip[]; cpu: number; memory: number }>();
  const unscheduled: PodChip[] = [];
  const pods = store.list('Pod').items;
  for (const pod of pods) {
    const chip = podChip(pod);
    if (chip.node === undefined) {
      if (!isFinished(pod)) unscheduled.push(chip);
      continue;
    }
    let entry = byNode.get(chip.node);
    if (entry === undefined) byNode.set(chip.node, (entry = { chips: [], cpu: 0, memory: 0 }));
    entry.chips.push(chip);
    if (!isFinished(pod)) {
      const requests = requestsOf(pod);
      entry.cpu += requests.milliCPU;
      entry.memory += requests.memory;
    }
  }
  const nodes: NodeCard[] = [];
  const names = new Set<string>();
  for (const node of store.list('Node').items) {
    const name = node.metadata!.name!;
    names.add(name);
    const offered = node.status?.allocatable ?? node.status?.capacity ?? {};
    const entry = byNode.get(name);
    const used = usage.get(name);
    nodes.push({
      name,
      status: nodeStatus(node as Node),
      ready: (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
      cordoned: node.spec?.unschedulable === true,
      taints: (node.spec?.taints ?? []).map(taintText),
      cpu: { allocatable: milliCPU(offered['cpu']), requested: entry?.cpu ?? 0, used: used?.cpuMillicores },
      memory: { allocatable: bytesOf(offered['memory']), requested: entry?.memory ?? 0, used: used?.memoryBytes },
      pods: NATURAL_ORDER_OF_CHIPS.sort(name, entry?.chips ?? []),
      registered: true,
    });
  }
  for (const [name, entry] of byNode) {
    if (names.has(name)) continue;
    nodes.push({
      name,
      status: 'Unknown',
      ready: false,
      cordoned: false,
      taints: [],
      cpu: { allocatable: 0, requested: entry.cpu, used: undefined },
      memory: { allocatable: 0, requested: entry.memory, used: undefined },
      pods: NATURAL_ORDER_OF_CHIPS.sort(name, entry.chips),
      registered: false,
    });
  }
  nodes.sort((a, b) => byNaturalName(a.name, b.name));
  return { nodes, unscheduled: NATURAL_ORDER_OF_CHIPS.sort('', unscheduled), podCount: pods.length };
}

/**
 * Chips in the natural order of their pods' keys (web-2 before web-10), for each group (a node's
 * card, the lane). The store lists pods in another order (by code unit), so each group is sorted,
 * and the order is kept while the group holds the same pods in the same store order: sorting a
 * thousand chips on every frame cost as much as the rest of the map.
 */
class ChipOrder {
  readonly #last = new Map<string, { readonly keys: readonly string[]; readonly order: readonly number[] }>();

  sort(group: string, chips: readonly PodChip[]): PodChip[] {
    const last = this.#last.get(group);
    if (last !== undefined && last.keys.length === chips.length && chips.every((chip, i) => chip.key === last.keys[i])) return last.order.map((i) => chips[i]!);
    const order = chips.map((_, i) => i).sort((a, b) => byNaturalName(chips[a]!.key, chips[b]!.key));
    this.#last.set(group, { keys: chips.map((chip) => chip.key), order });
    return order.map((i) => chips[i]!);
  }
}

const NATURAL_ORDER_OF_CHIPS = new ChipOrder();
