// Liveness and startup probes (reference §2): after failureThreshold failures in a row the
// kubelet kills the container (Normal `Killing` ... `failed liveness probe, will be restarted`)
// and restarts it through the crash-loop back-off; every failed probe is a Warning `Unhealthy`
// with the prober's output. Probes tick every periodSeconds from the start, none before
// initialDelaySeconds; liveness waits for a startup probe to pass.

import { describe, expect, it } from 'vitest';
import { kubeletCluster, nodeAppConfigMap, nodeAppSpec, podManifest } from './support/kubelet-cluster.ts';

describe('liveness probes', () => {
  it('restarts the docs example (exec cat /tmp/healthy) 30 s after the file goes, once SIGTERM grace runs out', () => {
    const c = kubeletCluster();
    c.apply(
      podManifest('liveness-exec', {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      }),
    );
    c.runUntil(() => c.pod('liveness-exec').status?.containerStatuses?.[0]?.state?.running !== undefined);
    const started = Date.parse(c.pod('liveness-exec').status!.containerStatuses![0]!.state!.running!.startedAt!);
    // Probes at 5, 10 ... 30 s find the file; at 35, 40 and 45 s they do not: the third failure kills.
    c.engine.runFor(45_000);
    expect(c.events('Pod', 'liveness-exec').slice(-2)).toEqual([
      "Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      'Killing Container liveness failed liveness probe, will be restarted',
    ]);
    const unhealthy = c.eventObjects('Pod', 'liveness-exec').find((e) => e.reason === 'Unhealthy')!;
    expect([unhealthy.type, unhealthy.count, unhealthy.involvedObject.fieldPath]).toEqual(['Warning', 3, 'spec.containers{liveness}']);
    expect(c.row('liveness-exec')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    // busybox sh as PID 1 ignores SIGTERM: the restart comes when the 30 s grace period ends.
    c.engine.runFor(31_000);
    const status = c.pod('liveness-exec').status!.containerStatuses![0]!;
    expect(status.restartCount).toBe(1);
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect((Date.parse(status.lastState!.terminated!.finishedAt!) - started) / 1000).toBe(75);
    expect(status.state!.running).toBeDefined();
  });

  it('kills an HTTP server whose /healthz starts failing, and says what the probe got', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(
      podManifest(
        'web',
        nodeAppSpec({ livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 } }),
        { annotations: { 'dockyard.app.paths': '/=200,/healthz=200,/healthz=500@25s', 'dockyard.app.sigterm': 'exit:0' } },
      ),
    );
    c.engine.runFor(80_000);
    const events = c.events('Pod', 'web');
    expect(events).toContain('Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events).toContain('Killing Container app failed liveness probe, will be restarted');
    const status = c.pod('web').status!.containerStatuses![0]!;
    expect(status.restartCount).toBe(1);
    expect(status.lastState!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('holds liveness back until the startup probe passes, and restarts a container that never starts', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(
      podManifest('slow', nodeAppSpec({ startupProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5, failureThreshold: 3 } }), {
        annotations: { 'dockyard.app.startup': '60s', 'dockyard.app.sigterm': 'exit:0' },
      }),
    );
    c.engine.runFor(30_000);
    const ip = c.pod('slow').status!.podIP!;
    expect(c.events('Pod', 'slow')).toContain(`Unhealthy Startup probe failed: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused`);
    expect(c.events('Pod', 'slow')).toContain('Killing Container app failed startup probe, will be restarted');
    expect(c.pod('slow').status!.containerStatuses![0]!.started).toBe(false);
  });
});
