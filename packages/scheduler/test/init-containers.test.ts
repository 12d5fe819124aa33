// Init containers run one at a time, to completion, before the app containers (STATUS Init:0/2,
// Init:1/2, PodInitializing, Running); a failing one backs off (Init:Error, Init:CrashLoopBackOff)
// or, under restartPolicy Never, fails the pod. A sidecar (an init container with restartPolicy
// Always) starts before the app and keeps running beside it, counted in READY.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

function statusTrail(c: ReturnType<typeof kubeletCluster>, name: string) {
  const trail: string[] = [];
  c.store.watch('Pod', {}, ({ object }) => {
    if (object.metadata!.name !== name) return;
    const s = summarizePod(object as Pod, c.engine.now).status;
    if (trail.at(-1) !== s) trail.push(s);
  });
  return trail;
}

describe('init containers', () => {
  it('run in order before the app container', () => {
    const c = kubeletCluster();
    const trail = statusTrail(c, 'myapp');
    c.apply(
      podManifest('myapp', {
        initContainers: [
          { name: 'init-db', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting for db; sleep 5'] },
          { name: 'init-cache', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] },
        ],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
      }),
    );
    c.engine.runFor(30_000);
    expect(trail).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const status = c.pod('myapp').status!;
    expect(status.initContainerStatuses!.map((s) => [s.name, s.state!.terminated?.reason, s.ready])).toEqual([
      ['init-db', 'Completed', true],
      ['init-cache', 'Completed', true],
    ]);
    expect(status.conditions!.find((x) => x.type === 'Initialized')!.status).toBe('True');
    expect(c.row('myapp')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('back off a failing init container, and fail the pod under restartPolicy Never', () => {
    const c = kubeletCluster();
    const trail = statusTrail(c, 'retry');
    c.apply(podManifest('retry', { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.apply(podManifest('once', { restartPolicy: 'Never', initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.engine.runFor(40_000);
    expect(trail.slice(0, 4)).toEqual(['Pending', 'Init:0/1', 'Init:Error', 'Init:CrashLoopBackOff']);
    expect(c.pod('retry').status!.conditions!.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' });
    expect(c.pod('retry').status!.containerStatuses![0]!.state!.waiting).toEqual({ reason: 'PodInitializing' });
    expect(c.pod('once').status!.phase).toBe('Failed');
    expect(c.row('once').status).toBe('Init:Error');
  });

  it('start a sidecar first and keep it running beside the app', () => {
    const c = kubeletCluster();
    c.apply(
      podManifest('with-sidecar', {
        initContainers: [{ name: 'logshipper', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 3600'] }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      }),
    );
    c.engine.runFor(20_000);
    expect(c.row('with-sidecar')).toEqual({ ready: '2/2', status: 'Running', restarts: '0' });
    const status = c.pod('with-sidecar').status!;
    expect(status.initContainerStatuses![0]).toMatchObject({ name: 'logshipper', ready: true, started: true, state: { running: {} } });
    expect(status.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True');
  });
});
