// What a pod asks of a node, as the scheduler adds it up (k8s.io/component-helpers
// resource.PodRequests / AggregateContainerRequests, used by NodeInfo and NodeResourcesFit):
// - app containers are summed;
// - an init container runs alone, so it counts as the maximum with its own request plus the
//   sidecars (restartPolicy: Always init containers) started before it; sidecars also add to the sum;
// - pod overhead (RuntimeClass) is added on top.
// The "non-zero" view used by LeastAllocated and by NodeInfo.NonZeroRequested replaces a container's
// *missing* cpu request with 100m and memory request with 200Mi (schedutil DefaultMilliCPURequest /
// DefaultMemoryRequest); an explicit 0 stays 0.

import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { bytesOf, milliCPU } from '../api/quantity.ts';

/** schedutil.DefaultMilliCPURequest: 0.1 core for a container that names no cpu request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MiB for a container that names no memory request. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodRequests {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  /** Extended resources and hugepages (`nvidia.com/gpu`, `hugepages-2Mi`), by name order. */
  readonly scalars: readonly (readonly [name: string, value: number])[];
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
}

/** A resource the scheduler accounts for as a plain number (v1helper.IsScalarResourceName). */
export function isScalarResource(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

type Amounts = Map<string, number>;

function amountOf(name: string, quantity: string | number): number {
  return name === 'cpu' ? milliCPU(quantity) : bytesOf(quantity);
}

function containerAmounts(container: Container, nonZero: boolean): Amounts {
  const out: Amounts = new Map();
  const requests = container.resources?.requests;
  if (requests !== undefined) {
    for (const name of Object.keys(requests)) {
      if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isScalarResource(name)) {
        out.set(name, amountOf(name, requests[name]!));
      }
    }
  }
  if (nonZero) {
    if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function addInto(target: Amounts, source: Amounts): void {
  for (const [name, value] of source) target.set(name, (target.get(name) ?? 0) + value);
}

function maxInto(target: Amounts, source: Amounts): void {
  for (const [name, value] of source) if (value > (target.get(name) ?? 0)) target.set(name, value);
}

function aggregate(spec: PodSpec, nonZero: boolean): Amounts {
  const total: Amounts = new Map();
  for (const container of spec.containers ?? []) addInto(total, containerAmounts(container, nonZero));
  const sidecars: Amounts = new Map();
  const initPeak: Amounts = new Map();
  for (const container of spec.initContainers ?? []) {
    const own = containerAmounts(container, nonZero);
    if (container.restartPolicy === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const running = new Map(own);
      addInto(running, sidecars);
      maxInto(initPeak, running);
    }
  }
  maxInto(total, initPeak);
  const overhead = spec.overhead;
  if (overhead !== undefined) {
    for (const name of Object.keys(overhead)) {
      if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isScalarResource(name)) {
        total.set(name, (total.get(name) ?? 0) + amountOf(name, overhead[name]!));
      }
    }
  }
  return total;
}

export function podRequests(spec: PodSpec): PodRequests {
  const real = aggregate(spec, false);
  const nonZero = aggregate(spec, true);
  const scalars = [...real]
    .filter(([name, value]) => isScalarResource(name) && value !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    milliCPU: real.get('cpu') ?? 0,
    memory: real.get('memory') ?? 0,
    ephemeralStorage: real.get('ephemeral-storage') ?? 0,
    scalars,
    nonZeroMilliCPU: nonZero.get('cpu') ?? 0,
    nonZeroMemory: nonZero.get('memory') ?? 0,
  };
}
