// NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go, v1.33): favours nodes whose
// cpu and memory would be equally used. With the pod's *real* requests added (no non-zero
// defaults), each fraction is requested / allocatable capped at 1; with two resources
// std = |f1 − f2| / 2 and the score is int((1 − std) × 100), so it lies in 50..100. Resources with
// nothing allocatable are left out (one fraction: std 0). A pod that requests neither cpu nor
// memory is skipped altogether (PreScore returns Skip, #129138). v1.36 scores the change in
// balance instead (#135573); we follow v1.33.

import { type Cycle, MAX_NODE_SCORE, type ScorePlugin } from './plugin.ts';

export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';
  readonly weight = 1;

  preScore(cycle: Cycle): boolean {
    const r = cycle.requests;
    return r.milliCPU !== 0 || r.memory !== 0;
  }

  score(cycle: Cycle, slot: number): number {
    const c = cycle.cache;
    const r = cycle.requests;
    const cpuAlloc = c.allocMilliCPU[slot]!;
    const memAlloc = c.allocMemory[slot]!;
    // Fewer than two fractions: the standard deviation is 0.
    if (cpuAlloc === 0 || memAlloc === 0) return MAX_NODE_SCORE;
    const cpu = Math.min((c.reqMilliCPU[slot]! + r.milliCPU) / cpuAlloc, 1);
    const memory = Math.min((c.reqMemory[slot]! + r.memory) / memAlloc, 1);
    const std = Math.abs((cpu - memory) / 2);
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
