// Deleting a pod (reference §2): the API sets deletionTimestamp and the grace period; the kubelet
// records `Stopping container app`, runs the preStop hook, sends the stop signal, and SIGKILL when
// terminationGracePeriodSeconds (30 s by default) is over; once everything stopped it lets the API
// remove the pod. STATUS shows Terminating meanwhile.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

/** The signals the pod's `app` container got and how it ended, with their times. */
function signals(c: ReturnType<typeof kubeletCluster>, pod: string) {
  const out: string[] = [];
  c.engine.bus.on('record', (r) => {
    if (!String(r['name']).startsWith(`k8s_app_${pod}_`)) return;
    if (r.type === 'container.kill') out.push(`${r.t} ${String(r['signal'])}`);
    if (r.type === 'container.die') out.push(`${r.t} exit ${String(r['exitCode'])}`);
  });
  return out;
}

describe('graceful termination', () => {
  it('waits the 30 s grace period for a process that ignores SIGTERM, then kills it and removes the pod', () => {
    const c = kubeletCluster();
    c.apply(podManifest('sleeper', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.engine.runFor(5000);
    const seen = signals(c, 'sleeper');
    const deletedAt = c.engine.now;
    c.store.delete('Pod', 'default', 'sleeper');
    c.engine.runFor(1000);
    expect(summarizePod(c.pod('sleeper') as Pod, c.engine.now).status).toBe('Terminating');
    expect(c.events('Pod', 'sleeper').at(-1)).toBe('Killing Stopping container app');
    c.engine.runFor(28_000);
    expect(c.store.tryGet('Pod', 'default', 'sleeper')).toBeDefined();
    c.engine.runFor(2000);
    expect(c.store.tryGet('Pod', 'default', 'sleeper')).toBeUndefined();
    expect(seen).toEqual([`${deletedAt} SIGTERM`, `${deletedAt + 30_000} SIGKILL`, `${deletedAt + 30_000} exit 137`]);
  });

  it('stops nginx at once with its STOPSIGNAL, and honours a shorter grace period', () => {
    const c = kubeletCluster();
    c.apply(podManifest('web', { containers: [{ name: 'app', image: 'nginx:1.25' }] }));
    c.apply(podManifest('quick', { terminationGracePeriodSeconds: 5, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.engine.runFor(10_000);
    const web = signals(c, 'web');
    const quick = signals(c, 'quick');
    c.store.delete('Pod', 'default', 'web');
    c.store.delete('Pod', 'default', 'quick');
    const at = c.engine.now;
    c.engine.runFor(1000);
    // nginx's image says STOPSIGNAL SIGQUIT: a graceful shutdown, over in a moment.
    expect(c.store.tryGet('Pod', 'default', 'web')).toBeUndefined();
    expect(web[0]).toBe(`${at} SIGQUIT`);
    expect(web[1]).toMatch(/ exit 0$/);
    c.engine.runFor(5000);
    expect(c.store.tryGet('Pod', 'default', 'quick')).toBeUndefined();
    expect(quick).toEqual([`${at} SIGTERM`, `${at + 5000} SIGKILL`, `${at + 5000} exit 137`]);
  });

  it('runs the preStop hook before the stop signal, within the grace period', () => {
    const c = kubeletCluster();
    c.apply(
      podManifest('hooked', {
        containers: [{ name: 'app', image: 'nginx:1.25', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } } }],
      }),
    );
    c.engine.runFor(10_000);
    const seen = signals(c, 'hooked');
    c.store.delete('Pod', 'default', 'hooked');
    const at = c.engine.now;
    c.engine.runFor(10_000);
    expect(seen[0]).toBe(`${at + 5000} SIGQUIT`);
    expect(seen[1]).toMatch(/ exit 0$/);
    expect(c.store.tryGet('Pod', 'default', 'hooked')).toBeUndefined();
  });

  it('kills at once what a force delete removed from the API', () => {
    const c = kubeletCluster();
    c.apply(podManifest('sleeper', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.engine.runFor(5000);
    const seen = signals(c, 'sleeper');
    const node = c.pod('sleeper').spec!.nodeName!;
    c.store.delete('Pod', 'default', 'sleeper', { gracePeriodSeconds: 0 });
    expect(c.store.tryGet('Pod', 'default', 'sleeper')).toBeUndefined();
    c.engine.runFor(1);
    expect(seen).toEqual([`${c.engine.now - 1} SIGKILL`, `${c.engine.now - 1} exit 137`]);
    expect(c.cluster.node(node)!.runtime.list().filter((x) => x.spec.name.includes('sleeper'))).toEqual([]);
  });
});
