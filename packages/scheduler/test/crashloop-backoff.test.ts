// A container that keeps failing (reference §1): the kubelet restarts it at once the first time,
// then waits 10 s, 20 s, 40 s ... up to 300 s from each exit, showing CrashLoopBackOff with
// `back-off 20s restarting failed container=app pod=crash_default(<uid>)` meanwhile; RESTARTS
// counts the restarts with the time of the last exit. Ten minutes of running without a crash
// start the back-off over.

import { fromRFC3339, humanDuration } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

function lifecycle(c: ReturnType<typeof kubeletCluster>, container: string) {
  const events: { type: 'start' | 'die'; t: number }[] = [];
  c.engine.bus.on('record', (r) => {
    if ((r.type === 'container.start' || r.type === 'container.die') && String(r['name']).startsWith(`k8s_${container}_`)) {
      events.push({ type: r.type === 'container.start' ? 'start' : 'die', t: r.t });
    }
  });
  /** Seconds from each exit to the next start. */
  return () => {
    const gaps: number[] = [];
    for (let i = 0; i < events.length - 1; i++) if (events[i]!.type === 'die' && events[i + 1]!.type === 'start') gaps.push((events[i + 1]!.t - events[i]!.t) / 1000);
    return gaps;
  };
}

describe('CrashLoopBackOff', () => {
  it('restarts at once, then after 10, 20, 40, 80, 160, 300, 300 s, with the waiting message and RESTARTS', () => {
    const c = kubeletCluster();
    const gaps = lifecycle(c, 'app');
    const statuses: string[] = [];
    c.store.watch('Pod', {}, ({ object }) => {
      const s = summarizePod(object as Pod, c.engine.now).status;
      if (statuses.at(-1) !== s) statuses.push(s);
    });
    c.apply(podManifest('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 5; exit 1'] }] }));
    c.engine.runFor(30 * 60_000);
    expect(gaps().slice(0, 9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(statuses.slice(0, 8)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Error', 'Running', 'Error', 'CrashLoopBackOff', 'Running']);

    // In a back-off window: the waiting state, the last exit, and kubectl's cells.
    const uid = c.pod('crash').metadata!.uid!;
    c.runUntil(() => c.pod('crash').status!.containerStatuses![0]!.state!.waiting !== undefined);
    const status = c.pod('crash').status!.containerStatuses![0]!;
    expect(status.state!.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=app pod=crash_default(${uid})` });
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status.ready).toBe(false);
    const ago = humanDuration(c.engine.now - fromRFC3339(status.lastState!.terminated!.finishedAt!));
    expect(c.row('crash')).toEqual({ ready: '0/1', status: 'CrashLoopBackOff', restarts: `${status.restartCount} (${ago} ago)` });
    expect(c.pod('crash').status!.phase).toBe('Running');
    const backoff = c.eventObjects('Pod', 'crash').find((e) => e.reason === 'BackOff')!;
    expect([backoff.type, backoff.message, backoff.involvedObject.fieldPath]).toEqual(['Warning', `Back-off restarting failed container app in pod crash_default(${uid})`, 'spec.containers{app}']);
    // Repeats raise the count; the spam filter (25 events per object, then one per 5 min) holds some back.
    expect(backoff.count).toBeGreaterThanOrEqual(5);
  });

  it('shows the growing window in the waiting message: 10s, 20s, 40s, 1m20s, 2m40s, 5m0s', () => {
    const c = kubeletCluster();
    const messages: string[] = [];
    c.store.watch('Pod', {}, ({ object }) => {
      const m = object.status?.containerStatuses?.[0]?.state?.waiting?.message;
      if (m !== undefined && messages.at(-1) !== m) messages.push(m);
    });
    c.apply(podManifest('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }] }));
    c.engine.runFor(20 * 60_000);
    expect(messages.map((m) => /^back-off (\S+) restarting failed container=app pod=crash_default\(/.exec(m)?.[1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
  });

  it('starts the back-off over after ten minutes of running without a crash', () => {
    const c = kubeletCluster();
    const gaps = lifecycle(c, 'app');
    c.apply(podManifest('slow', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 610; exit 1'] }] }));
    c.engine.runFor(45 * 60_000);
    expect(gaps()).toEqual([0, 0, 0, 0]);
  });

  it('does not restart a Never pod, and OnFailure only after a failure', () => {
    const c = kubeletCluster();
    c.apply(podManifest('once', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] }));
    c.apply(podManifest('fine', { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: 'busybox:1.36', command: ['true'] }] }));
    c.engine.runFor(60_000);
    expect(c.pod('once').status!.phase).toBe('Failed');
    expect(c.row('once')).toEqual({ ready: '0/1', status: 'Error', restarts: '0' });
    expect(c.pod('once').status!.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(c.pod('fine').status!.phase).toBe('Succeeded');
    expect(c.row('fine')).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
    expect(c.pod('fine').status!.conditions!.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['PodReadyToStartContainers', 'False', undefined],
      ['Initialized', 'True', undefined],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', undefined],
    ]);
  });
});
