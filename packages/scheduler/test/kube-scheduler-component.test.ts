// The kube-scheduler component fed like the API store's watches would feed it: pending pods wait,
// cluster events wake them, bindings are confirmed or forgotten, finished pods free their node,
// and a snapshot taken mid-way continues exactly like the original.

import type { Pod } from 'kubernetes-types/core/v1';
import { SeededRandom } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { KubeScheduler } from '../src/kube-scheduler/index.ts';
import { makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

function bound(pod: Pod, node: string): Pod {
  return { ...pod, spec: { ...pod.spec!, nodeName: node } };
}

describe('KubeScheduler', () => {
  it('files a pod no node fits, wakes it when a fitting node joins, and binds it there', () => {
    const s = new KubeScheduler({ random: new SeededRandom(1) });
    s.onNode('ADDED', makeNode('small', { memory: '1Gi' }), 0);
    const pod = makePod('web', { memory: '2Gi' });
    s.onPod('ADDED', pod, 0);
    const failed = s.scheduleNext(0)!;
    expect(failed.event).toEqual({
      type: 'Warning',
      reason: 'FailedScheduling',
      action: 'Scheduling',
      message: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
    expect(failed.condition).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    expect(s.scheduleNext(100)).toBeUndefined();

    // A node that does not fit either does not wake it (the queueing hint re-runs NodeResourcesFit).
    s.onNode('ADDED', makeNode('also-small', { memory: '1Gi' }), 5_000);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('unschedulablePods');
    s.onNode('ADDED', makeNode('big', { memory: '8Gi' }), 6_000);
    const scheduled = s.scheduleNext(6_000)!;
    expect(scheduled.bindTo).toBe('big');
    expect(scheduled.event).toEqual({ type: 'Normal', reason: 'Scheduled', action: 'Binding', message: 'Successfully assigned default/web to big' });
    expect(s.cache.isAssumed(pod.metadata!.uid!)).toBe(true);
    s.bindingSucceeded(pod.metadata!.uid!);
    s.onPod('MODIFIED', bound(pod, 'big'), 6_010, pod);
    expect(s.cache.isAssumed(pod.metadata!.uid!)).toBe(false);
    expect(s.cache.pod(pod.metadata!.uid!)?.nodeName).toBe('big');
  });

  it('forgets an assumed pod whose binding failed and retries it after its backoff', () => {
    const s = new KubeScheduler({ random: new SeededRandom(1) });
    s.onNode('ADDED', makeNode('n', { cpu: '1' }), 0);
    const pod = makePod('p', { cpu: '800m' });
    s.onPod('ADDED', pod, 0);
    expect(s.scheduleNext(0)?.bindTo).toBe('n');
    s.bindingFailed(pod.metadata!.uid!, 10);
    expect(s.cache.pod(pod.metadata!.uid!)).toBeUndefined();
    expect(s.scheduleNext(500)).toBeUndefined(); // backing off until 1.01 s, flushed at 2 s
    expect(s.nextWakeup()).toBe(2_000);
    expect(s.scheduleNext(2_000)?.bindTo).toBe('n');
  });

  it('frees a node when a pod on it finishes or is deleted, waking pods that need the room', () => {
    const s = new KubeScheduler({ random: new SeededRandom(1) });
    s.onNode('ADDED', makeNode('n', { cpu: '1' }), 0);
    const job = makePod('job', { cpu: '800m', node: 'n' });
    s.onPod('ADDED', job, 0);
    const waiting = makePod('waiting', { cpu: '500m' });
    s.onPod('ADDED', waiting, 0);
    expect(s.scheduleNext(0)?.event.reason).toBe('FailedScheduling');
    s.onPod('MODIFIED', { ...job, status: { phase: 'Succeeded' } }, 3_000, job);
    expect(s.cache.pod(job.metadata!.uid!)).toBeUndefined();
    expect(s.scheduleNext(3_000)?.bindTo).toBe('n');
  });

  it('ignores pods for another scheduler and pods being deleted', () => {
    const s = new KubeScheduler({ random: new SeededRandom(1) });
    s.onNode('ADDED', makeNode('n'), 0);
    s.onPod('ADDED', makePod('other', { spec: { schedulerName: 'my-scheduler' } }), 0);
    s.onPod('ADDED', { ...makePod('leaving'), metadata: { ...makePod('leaving').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }, 0);
    expect(s.scheduleNext(0)).toBeUndefined();
  });

  it('continues after a snapshot exactly as without one', () => {
    const run = (cut: boolean) => {
      let random = new SeededRandom(9);
      let s = new KubeScheduler({ random });
      for (let i = 0; i < 6; i++) s.onNode('ADDED', makeNode(`n${i}`, { labels: { 'topology.kubernetes.io/zone': `z${i % 2}` } }), 0);
      s.onWorkload('ReplicaSet', 'ADDED', 'default', 'web', { matchLabels: { app: 'web' } });
      const placements: string[] = [];
      for (let i = 0; i < 20; i++) {
        if (cut && i === 10) {
          const saved = JSON.parse(JSON.stringify({ scheduler: s.snapshot(), random: random.getState() }));
          random = new SeededRandom(1);
          random.setState(saved.random);
          s = KubeScheduler.restore({ random }, saved.scheduler);
        }
        const pod = makePod(`web-${i}`, { uid: `u${i}`, labels: { app: 'web' }, cpu: '100m', owner: { kind: 'ReplicaSet', name: 'web' } });
        s.onPod('ADDED', pod, i * 10);
        const outcome = s.scheduleNext(i * 10)!;
        placements.push(outcome.bindTo!);
        s.bindingSucceeded(pod.metadata!.uid!);
        if (i % 2 === 0) s.onPod('MODIFIED', bound(pod, outcome.bindTo!), i * 10 + 1, pod);
      }
      return placements;
    };
    const straight = run(false);
    expect(run(true)).toEqual(straight);
    expect(new Set(straight).size).toBe(6);
  });
});
