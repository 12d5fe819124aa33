// Properties over random clusters and pods (fast-check):
// - a scheduled pod passes every filter on its node, checked by an independent oracle;
// - no node's requests ever exceed what is allocatable, nor its pods the pod limit;
// - the same seed gives the same placements;
// - on identical nodes LeastAllocated spreads the pods, and ties are broken only among the best;
// - the cache's shared selector counters always equal a recount.

import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import fc from 'fast-check';
import { SeededRandom } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { SchedulerCache, SchedulingFramework } from '../src/kube-scheduler/index.ts';
import { compileLabelSet } from '../src/kube-scheduler/label-match.ts';
import { bytesOf, milliCPU } from '../src/api/quantity.ts';
import { makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom('dedicated', 'spot', 'gpu'),
  value: fc.constantFrom('', 'a', 'b'),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
});
const tolerationArb: fc.Arbitrary<Toleration> = fc.oneof(
  fc.record({ key: fc.constantFrom('dedicated', 'spot', 'gpu'), operator: fc.constant('Exists') }),
  fc.record({ key: fc.constantFrom('dedicated', 'spot', 'gpu'), operator: fc.constant('Equal'), value: fc.constantFrom('', 'a', 'b') }),
);
const nodeArb = fc.record({
  cpu: fc.constantFrom('1', '2', '4'),
  memory: fc.constantFrom('1Gi', '2Gi', '4Gi'),
  pods: fc.constantFrom('2', '5', '110'),
  disk: fc.constantFrom('ssd', 'hdd', undefined),
  taints: fc.array(taintArb, { maxLength: 2 }),
  unschedulable: fc.boolean(),
});
const podArb = fc.record({
  cpu: fc.constantFrom(undefined, '100m', '500m', '1'),
  memory: fc.constantFrom(undefined, '128Mi', '512Mi', '1Gi'),
  disk: fc.constantFrom(undefined, 'ssd'),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
  hostPort: fc.constantFrom(undefined, 80, 443),
});

type Spec<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildNodes(specs: Spec<typeof nodeArb>[]): Node[] {
  return specs.map((s, i) =>
    makeNode(`n${i}`, {
      cpu: s.cpu,
      memory: s.memory,
      pods: s.pods,
      labels: s.disk ? { disk: s.disk } : {},
      taints: s.taints,
      unschedulable: s.unschedulable,
    }),
  );
}

function buildPod(s: Spec<typeof podArb>, i: number): Pod {
  return makePod(`p${i}`, {
    uid: `p${i}`,
    cpu: s.cpu,
    memory: s.memory,
    spec: { tolerations: s.tolerations, ...(s.disk ? { nodeSelector: { disk: s.disk } } : {}) },
    ...(s.hostPort ? { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: s.hostPort }], resources: { requests: { ...(s.cpu ? { cpu: s.cpu } : {}), ...(s.memory ? { memory: s.memory } : {}) } } }] } : {}),
  });
}

/** An independent statement of the filters, over plain objects. */
function oracleFits(pod: Pod, node: Node, placed: Pod[]): boolean {
  const tolerates = (t: Taint) =>
    (pod.spec?.tolerations ?? []).some(
      (tol) => (!tol.key || tol.key === t.key) && (!tol.effect || tol.effect === t.effect) && (tol.operator === 'Exists' || (tol.value ?? '') === (t.value ?? '')),
    );
  if (node.spec?.unschedulable && !tolerates({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return false;
  if ((node.spec?.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule' && !tolerates(t))) return false;
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (node.metadata?.labels?.[k] !== v) return false;
  const ports = (p: Pod) => (p.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((port) => port.hostPort ?? 0)).filter((x) => x > 0);
  if (ports(pod).some((port) => placed.some((q) => ports(q).includes(port)))) return false;
  const sum = (f: (p: Pod) => number) => placed.reduce((a, p) => a + f(p), 0);
  const cpu = (p: Pod) => (p.spec?.containers ?? []).reduce((a, c) => a + milliCPU(c.resources?.requests?.['cpu']), 0);
  const mem = (p: Pod) => (p.spec?.containers ?? []).reduce((a, c) => a + bytesOf(c.resources?.requests?.['memory']), 0);
  const alloc = node.status!.allocatable!;
  if (placed.length + 1 > Number(alloc['pods'])) return false;
  if (cpu(pod) > 0 && cpu(pod) > milliCPU(alloc['cpu']) - sum(cpu)) return false;
  if (mem(pod) > 0 && mem(pod) > bytesOf(alloc['memory']) - sum(mem)) return false;
  return true;
}

function place(nodes: Node[], pods: Pod[], seed: number) {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  const framework = new SchedulingFramework(cache, { random: new SeededRandom(seed) });
  const placed = new Map<string, Pod[]>(nodes.map((n) => [n.metadata!.name!, []]));
  const decisions: (string | undefined)[] = [];
  const violations: string[] = [];
  for (const pod of pods) {
    const result = framework.scheduleOne(pod);
    if (result.status === 'Scheduled') {
      const node = nodes.find((n) => n.metadata!.name === result.node)!;
      if (!oracleFits(pod, node, placed.get(result.node)!)) violations.push(`${pod.metadata!.name} on ${result.node}`);
      cache.assumePod(pod, result.node);
      placed.get(result.node)!.push(pod);
      decisions.push(result.node);
    } else {
      const fitsSomewhere = nodes.some((n) => oracleFits(pod, n, placed.get(n.metadata!.name!)!));
      if (fitsSomewhere) violations.push(`${pod.metadata!.name} left pending though it fits`);
      decisions.push(undefined);
    }
  }
  return { cache, decisions, violations };
}

describe('kube-scheduler properties', () => {
  it('places pods only where every filter passes, and leaves pending only pods that fit nowhere', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { maxLength: 25 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const { violations } = place(buildNodes(nodeSpecs), podSpecs.map(buildPod), seed);
        expect(violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never lets requests exceed allocatable or pods exceed the pod limit', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 5 }), fc.array(podArb, { maxLength: 40 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const { cache } = place(buildNodes(nodeSpecs), podSpecs.map(buildPod), seed);
        for (const slot of cache.order()) {
          expect(cache.reqMilliCPU[slot]!).toBeLessThanOrEqual(cache.allocMilliCPU[slot]!);
          expect(cache.reqMemory[slot]!).toBeLessThanOrEqual(cache.allocMemory[slot]!);
          expect(cache.podCount[slot]!).toBeLessThanOrEqual(cache.allocPods[slot]!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same placements for the same seed', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { maxLength: 25 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const nodes = buildNodes(nodeSpecs);
        const pods = podSpecs.map(buildPod);
        expect(place(nodes, pods, seed).decisions).toEqual(place(nodes, pods, seed).decisions);
      }),
      { numRuns: 100 },
    );
  });

  it('spreads identical pods over identical nodes and breaks ties only among the best totals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (nodeCount, perNode, seed) => {
        const cache = new SchedulerCache();
        for (let i = 0; i < nodeCount; i++) cache.addNode(makeNode(`n${i}`));
        const framework = new SchedulingFramework(cache, { random: new SeededRandom(seed), whyLimit: 20 });
        for (let i = 0; i < nodeCount * perNode; i++) {
          const pod = makePod(`p${i}`, { uid: `p${i}`, cpu: '100m', memory: '100Mi' });
          const result = framework.scheduleOne(pod);
          if (result.status !== 'Scheduled') throw new Error('identical pods must fit');
          const best = Math.max(...result.why.scored!.map((s) => s.total));
          const chosen = result.why.scored!.find((s) => s.node === result.node)!;
          expect(chosen.total).toBe(best);
          const bestNodes = result.why.scored!.filter((s) => s.total === best).map((s) => s.node);
          expect([...result.why.ties!.nodes].sort()).toEqual(bestNodes.sort());
          cache.assumePod(pod, result.node);
        }
        const counts = Array.from(cache.order(), (slot) => cache.podCount[slot]!);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the shared selector counters and label columns equal to a recount through any sequence of changes', () => {
    type Op =
      | { op: 'addPod'; i: number; node: number; app: string; terminating: boolean }
      | { op: 'removePod'; i: number }
      | { op: 'relabel'; node: number; zone: string }
      | { op: 'removeNode'; node: number }
      | { op: 'addNode'; node: number; zone: string };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('addPod' as const), i: fc.nat(30), node: fc.nat(4), app: fc.constantFrom('a', 'b'), terminating: fc.boolean() }),
      fc.record({ op: fc.constant('removePod' as const), i: fc.nat(30) }),
      fc.record({ op: fc.constant('relabel' as const), node: fc.nat(4), zone: fc.constantFrom('z1', 'z2', 'z3') }),
      fc.record({ op: fc.constant('removeNode' as const), node: fc.nat(4) }),
      fc.record({ op: fc.constant('addNode' as const), node: fc.nat(4), zone: fc.constantFrom('z1', 'z2') }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const cache = new SchedulerCache();
        const zoneNode = (n: number, zone: string) => makeNode(`n${n}`, { labels: { 'topology.kubernetes.io/zone': zone } });
        for (let n = 0; n < 5; n++) cache.addNode(zoneNode(n, 'z1'));
        const selector = compileLabelSet({ app: 'a' });
        const counter = cache.counter('default', selector, ['topology.kubernetes.io/zone']);
        const column = cache.labelColumn('topology.kubernetes.io/zone');
        for (const o of ops) {
          if (o.op === 'addPod') {
            const pod = makePod(`p${o.i}`, { uid: `p${o.i}`, node: `n${o.node}`, labels: { app: o.app } });
            cache.addPod(o.terminating ? { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } } : pod);
          } else if (o.op === 'removePod') cache.removePod(`p${o.i}`);
          else if (o.op === 'relabel' || o.op === 'addNode') cache.addNode(zoneNode(o.node, o.zone));
          else cache.removeNode(`n${o.node}`);
        }
        const expectedZones = new Map<string, number>();
        for (const slot of cache.order()) {
          const entry = cache.entries[slot]!;
          const n = entry.pods.filter((p) => !p.terminating && p.labels?.['app'] === 'a').length;
          expect(counter.perSlot[slot]).toBe(n);
          expect(column[slot]).toBe(entry.labels!['topology.kubernetes.io/zone']);
          const zone = entry.labels!['topology.kubernetes.io/zone']!;
          if (n > 0) expectedZones.set(zone, (expectedZones.get(zone) ?? 0) + n);
        }
        expect(new Map([...counter.domains.get('topology.kubernetes.io/zone')!.values].sort())).toEqual(new Map([...expectedZones].sort()));
      }),
      { numRuns: 300 },
    );
  });
});
