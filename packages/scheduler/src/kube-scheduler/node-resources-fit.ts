// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go).
// Filter: the node's pod count and every resource the pod requests must fit what is allocatable
// minus what the pods already there request; every shortage is a reason (`Too many pods`,
// `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
// `Insufficient <extended>`), all Unschedulable (v1.33: v1.34 made a request larger than the
// whole node UnschedulableAndUnresolvable, #131345).
// Score (LeastAllocated, cpu and memory with weight 1 each, plugin weight 1): for each resource
// (allocatable − requested) × 100 / allocatable in integer maths, 0 when over, resources with
// nothing allocatable skipped; the average rounded down. "Requested" is the node's non-zero
// requests plus the pod's (a container without a request counts 100m cpu and 200Mi memory).

import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, type PreFilterOutcome, type ScorePlugin, status, type Status } from './plugin.ts';

const FIXED_REASONS = ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'] as const;

/** leastRequestedScore: integer maths on whole numbers below 2^53, so the division is exact. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';
  readonly weight = 1;
  /** Statuses by shortage bitmask (pods, cpu, memory, ephemeral-storage) for pods without extended resources. */
  readonly #byMask: (Status | undefined)[] = [];

  preFilter(): PreFilterOutcome {
    return 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const c = cycle.cache;
    const r = cycle.requests;
    let mask = 0;
    if (c.podCount[slot]! + 1 > c.allocPods[slot]!) mask |= 1;
    if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalars.length === 0) return mask === 0 ? null : this.#status(mask);
    if (r.milliCPU > 0 && r.milliCPU > c.allocMilliCPU[slot]! - c.reqMilliCPU[slot]!) mask |= 2;
    if (r.memory > 0 && r.memory > c.allocMemory[slot]! - c.reqMemory[slot]!) mask |= 4;
    if (r.ephemeralStorage > 0 && r.ephemeralStorage > c.allocEphemeral[slot]! - c.reqEphemeral[slot]!) mask |= 8;
    if (r.scalars.length === 0) return mask === 0 ? null : this.#status(mask);
    const entry = c.entries[slot]!;
    let extra: string[] | undefined;
    for (const [name, amount] of r.scalars) {
      const free = (entry.allocatableScalars.get(name) ?? 0) - (entry.requestedScalars.get(name) ?? 0);
      if (amount > free) (extra ??= []).push(`Insufficient ${name}`);
    }
    if (extra === undefined) return mask === 0 ? null : this.#status(mask);
    return status(this.name, 'Unschedulable', ...FIXED_REASONS.filter((_, i) => (mask & (1 << i)) !== 0), ...extra);
  }

  #status(mask: number): Status {
    return (this.#byMask[mask] ??= status(this.name, 'Unschedulable', ...FIXED_REASONS.filter((_, i) => (mask & (1 << i)) !== 0)));
  }

  preScore(): boolean {
    return true;
  }

  score(cycle: Cycle, slot: number): number {
    const c = cycle.cache;
    const r = cycle.requests;
    const cpuAlloc = c.allocMilliCPU[slot]!;
    const memAlloc = c.allocMemory[slot]!;
    let sum = 0;
    let weights = 0;
    if (cpuAlloc !== 0) {
      sum += leastRequested(c.nonZeroMilliCPU[slot]! + r.nonZeroMilliCPU, cpuAlloc);
      weights++;
    }
    if (memAlloc !== 0) {
      sum += leastRequested(c.nonZeroMemory[slot]! + r.nonZeroMemory, memAlloc);
      weights++;
    }
    return weights === 0 ? 0 : Math.floor(sum / weights);
  }
}
