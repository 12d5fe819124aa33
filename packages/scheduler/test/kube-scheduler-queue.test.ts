// The scheduling queue: activeQ by priority then age, backoff of 1 s doubling to 10 s flushed in
// whole seconds, pop from backoffQ when activeQ is empty, unschedulable pods woken by the events
// their plugins registered or after 5 minutes at the next 30 s flush.

import { describe, expect, it } from 'vitest';
import { SchedulingQueue } from '../src/kube-scheduler/index.ts';
import { makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const names = (pods: { metadata?: { name?: string } }[]) => pods.map((p) => p.metadata?.name);

describe('scheduling queue', () => {
  it('pops the highest priority first, then the pod that waited longest', () => {
    const q = new SchedulingQueue();
    q.add(makePod('low-old', { priority: 0 }), 0);
    q.add(makePod('high', { priority: 1000 }), 5);
    q.add(makePod('low-new', { priority: 0 }), 10);
    expect([q.pop(20), q.pop(20), q.pop(20)].map((i) => i?.pod.metadata?.name)).toEqual(['high', 'low-old', 'low-new']);
    expect(q.pop(20)).toBeUndefined();
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, then 10 s', () => {
    const q = new SchedulingQueue();
    expect([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(q.backoffDuration(0)).toBe(0);
  });

  it('keeps a rejected pod in unschedulablePods until an event its plugin registered for', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    const info = q.pop(0)!;
    expect(q.addUnschedulable(info, ['NodeResourcesFit'], 100)).toBe('unschedulablePods');
    expect(q.onEvent({ kind: 'AssignedPodAdd', pod: makePod('other') }, 200)).toBe(0); // Fit does not care
    expect(q.where(info.uid)).toBe('unschedulablePods');
    // A node arrives 0.5 s later: still backing off (until 1.1 s), so backoffQ.
    expect(q.onEvent({ kind: 'NodeAdd', node: makeNode('new') }, 600)).toBe(1);
    expect(q.where(info.uid)).toBe('backoffQ');
  });

  it('flushes backoffQ in whole-second windows, and nextWakeup says when', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    q.add(makePod('blocker'), 0);
    const info = q.pop(0)!; // p
    q.addUnschedulable(info, ['NodeResourcesFit'], 300); // backoff until 1.3 s, window 1 s
    q.onEvent({ kind: 'NodeAdd', node: makeNode('n') }, 400);
    expect(q.nextWakeup()).toBe(2000);
    q.flush(1999);
    expect(q.where(info.uid)).toBe('backoffQ');
    q.flush(2000);
    expect(q.where(info.uid)).toBe('activeQ');
  });

  it('pops straight from backoffQ when activeQ is empty (SchedulerPopFromBackoffQ), counting the attempt', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    const info = q.pop(0)!;
    q.addUnschedulable(info, ['NodeAffinity'], 100);
    q.onEvent({ kind: 'NodeUpdate', oldNode: makeNode('n'), node: makeNode('n', { labels: { disk: 'ssd' } }) }, 200);
    const again = q.pop(200);
    expect(again?.uid).toBe(info.uid);
    expect(again?.attempts).toBe(2);
  });

  it('makes pods that failed with an error serve their whole backoff', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    const info = q.pop(0)!;
    expect(q.addUnschedulable(info, [], 0)).toBe('backoffQ');
    expect(q.pop(500)).toBeUndefined();
    q.flush(2000);
    expect(q.pop(2000)?.uid).toBe(info.uid);
  });

  it('moves pods left unschedulable for more than 5 minutes at the next 30 s flush', () => {
    const q = new SchedulingQueue({ startedAt: 0 });
    q.add(makePod('p'), 0);
    const info = q.pop(0)!;
    q.addUnschedulable(info, ['TaintToleration'], 10_000);
    // due after 310 s; flush ticks every 30 s from the start: 330 s
    expect(q.nextWakeup()).toBe(330_000);
    q.flush(329_999);
    expect(q.where(info.uid)).toBe('unschedulablePods');
    q.flush(330_000);
    expect(q.where(info.uid)).toBe('activeQ');
  });

  it('holds gated pods until their scheduling gates are removed', () => {
    const q = new SchedulingQueue();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    q.add(gated, 0);
    expect(q.pop(0)).toBeUndefined();
    expect(q.where(gated.metadata!.uid!)).toBe('unschedulablePods');
    q.update({ ...gated, spec: { ...gated.spec!, schedulingGates: [] } }, 5);
    expect(q.pop(5)?.pod.metadata?.name).toBe('g');
  });

  it('lists pending pods and survives a snapshot round trip', () => {
    const q = new SchedulingQueue();
    q.add(makePod('a'), 0);
    q.add(makePod('b'), 1);
    const info = q.pop(2)!;
    q.addUnschedulable(info, ['NodeResourcesFit'], 3);
    const copy = new SchedulingQueue();
    copy.restore(JSON.parse(JSON.stringify(q.snapshot())));
    expect(names(copy.pending().unschedulablePods)).toEqual(['a']);
    expect(names(copy.pending().activeQ)).toEqual(['b']);
    expect(copy.pop(4)?.pod.metadata?.name).toBe('b');
  });
});
