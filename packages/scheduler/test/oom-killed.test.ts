// OOM kills (reference §3): a container that passes its memory limit is killed by the kernel's
// OOM killer (the whole cgroup: memory.oom.group); the kubelet reports lastState.terminated
// OOMKilled with exit code 137, STATUS shows OOMKilled, then CrashLoopBackOff as restarts back off.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster, nodeAppConfigMap, nodeAppSpec, podManifest } from './support/kubelet-cluster.ts';

describe('OOMKilled', () => {
  it('kills the docs stress example (250M in a 100Mi limit) and backs off its restarts', () => {
    const c = kubeletCluster();
    const statuses: string[] = [];
    c.store.watch('Pod', {}, ({ object }) => {
      const s = summarizePod(object as Pod, c.engine.now).status;
      if (statuses.at(-1) !== s) statuses.push(s);
    });
    c.apply(
      podManifest(
        'memory-demo-2',
        {
          containers: [
            {
              name: 'memory-demo-2-ctr',
              image: 'polinux/stress',
              resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
              command: ['stress'],
              args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
            },
          ],
        },
        { namespace: 'default' },
      ),
    );
    c.engine.runFor(60_000);
    const status = c.pod('memory-demo-2').status!.containerStatuses![0]!;
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(status.restartCount).toBeGreaterThanOrEqual(2);
    // It dies as it starts, so it never shows Running: OOMKilled, then CrashLoopBackOff in each window.
    expect(statuses.slice(0, 6)).toEqual(['Pending', 'ContainerCreating', 'OOMKilled', 'CrashLoopBackOff', 'OOMKilled', 'CrashLoopBackOff']);
    expect(c.pod('memory-demo-2').status!.qosClass).toBe('Burstable');
  });

  it('kills a leaking app at its 64Mi limit, again after each restart', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(
      podManifest('leaky', nodeAppSpec({ resources: { limits: { memory: '64Mi' } } }), {
        annotations: { 'dockyard.app.memory': '40Mi', 'dockyard.app.memory-growth': '2Mi' },
      }),
    );
    c.runUntil(() => (c.pod('leaky').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
    const first = c.pod('leaky').status!.containerStatuses![0]!.lastState!.terminated!;
    expect(first).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    // 40Mi growing by 2Mi a second passes 64Mi after 12 s.
    expect((Date.parse(first.finishedAt!) - Date.parse(first.startedAt!)) / 1000).toBe(12);
    // A memory limit alone (requests defaulted from it, no cpu) makes it Burstable.
    expect(c.pod('leaky').status!.qosClass).toBe('Burstable');
  });

  it('makes a running container leak with the memory-leak fault, until the OOM killer stops it', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(podManifest('web', nodeAppSpec({ resources: { limits: { memory: '128Mi' } } })));
    c.engine.runFor(10_000);
    c.cluster.leakMemory('default', 'web', 'app', 8 * 2 ** 20);
    c.engine.runFor(60_000);
    const status = c.pod('web').status!.containerStatuses![0]!;
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(status.restartCount).toBeGreaterThanOrEqual(2);
    expect(() => c.cluster.leakMemory('default', 'web', 'nope', 1)).toThrow('pod default/web has no container "nope" (containers: app)');
  });
});
