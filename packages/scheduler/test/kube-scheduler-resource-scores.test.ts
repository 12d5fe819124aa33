// NodeResourcesFit's LeastAllocated and NodeResourcesBalancedAllocation scores with the v1.33
// formulas (reference §5), read from the why record of real cycles.

import { describe, expect, it } from 'vitest';
import type { ScheduleResult } from '../src/kube-scheduler/index.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

function scoresOf(result: ScheduleResult, node: string, plugin: string): readonly number[] | undefined {
  return result.why.scored?.find((s) => s.node === node)?.scores[plugin];
}

describe('resource scores', () => {
  it('LeastAllocated averages (free × 100 / allocatable) over cpu and memory, rounding down', () => {
    const nodes = [makeNode('a', { cpu: '4', memory: '2Gi' }), makeNode('b', { cpu: '4', memory: '4Gi' })];
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { cpu: '500m', memory: '1Gi' }));
    // a: cpu 3500×100/4000 = 87, memory 1Gi×100/2Gi = 50 → (87 + 50) / 2 = 68
    expect(scoresOf(result, 'a', 'NodeResourcesFit')).toEqual([68, 68, 68]);
    // b: cpu 87, memory 75 → 81
    expect(scoresOf(result, 'b', 'NodeResourcesFit')).toEqual([81, 81, 81]);
    expect(result.status === 'Scheduled' && result.node).toBe('b');
  });

  it('LeastAllocated counts 100m / 200Mi for containers without requests, on the node and for the pod', () => {
    const node = makeNode('a', { cpu: '1', memory: '1000Mi' });
    const framework = frameworkWith([node, makeNode('b', { cpu: '1', memory: '1000Mi' })], 1, [makePod('old', { node: 'a' })]);
    const result = framework.scheduleOne(makePod('p'));
    // a: cpu 1000 − 200 → 80, memory 1000Mi − 400Mi → 60 → 70; b: 90 and 80 → 85
    expect(scoresOf(result, 'a', 'NodeResourcesFit')?.[0]).toBe(70);
    expect(scoresOf(result, 'b', 'NodeResourcesFit')?.[0]).toBe(85);
  });

  it('BalancedAllocation is int((1 − |cpu fraction − memory fraction| / 2) × 100) with real requests', () => {
    const nodes = [makeNode('a', { cpu: '4', memory: '2Gi' }), makeNode('b', { cpu: '4', memory: '4Gi' })];
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { cpu: '500m', memory: '1Gi' }));
    // a: 0.125 vs 0.5 → std 0.1875 → 81; b: 0.125 vs 0.25 → 0.0625 → 93
    expect(scoresOf(result, 'a', 'NodeResourcesBalancedAllocation')).toEqual([81, 81, 81]);
    expect(scoresOf(result, 'b', 'NodeResourcesBalancedAllocation')).toEqual([93, 93, 93]);
  });

  it('BalancedAllocation caps a fraction at 1 and never goes below 50', () => {
    const nodes = [makeNode('a', { cpu: '1', memory: '64Gi' }), makeNode('b', { cpu: '1', memory: '64Gi' })];
    const framework = frameworkWith(nodes, 1, [makePod('hog', { node: 'a', cpu: '1' })]);
    const result = framework.scheduleOne(makePod('p', { memory: '1Mi' }));
    const a = scoresOf(result, 'a', 'NodeResourcesBalancedAllocation')![0]!;
    expect(a).toBe(50);
  });

  it('skips BalancedAllocation for a pod that requests neither cpu nor memory', () => {
    const result = frameworkWith([makeNode('a'), makeNode('b')]).scheduleOne(makePod('best-effort'));
    expect(result.why.scoresSkipped).toContain('NodeResourcesBalancedAllocation');
    expect(result.why.weights).not.toHaveProperty('NodeResourcesBalancedAllocation');
  });
});
