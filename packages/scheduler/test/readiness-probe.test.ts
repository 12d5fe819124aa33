// Readiness probes (reference §2): a container is not ready until its first success; failures
// after that take it (and the pod's Ready and ContainersReady conditions) out of service without
// restarting anything; each failure is a Warning `Unhealthy` event.

import { describe, expect, it } from 'vitest';
import { kubeletCluster, nodeAppConfigMap, nodeAppSpec, podManifest } from './support/kubelet-cluster.ts';

describe('readiness probes', () => {
  it('marks the pod Ready after the first success, and not Ready when the probe fails, without a restart', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(
      podManifest('web', nodeAppSpec({ readinessProbe: { httpGet: { path: '/ready', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 5 } }), {
        annotations: { 'dockyard.app.paths': '/=200,/ready=200,/ready=503@40s' },
      }),
    );
    c.runUntil(() => c.pod('web').status?.containerStatuses?.[0]?.state?.running !== undefined);
    const started = Date.parse(c.pod('web').status!.containerStatuses![0]!.state!.running!.startedAt!);
    expect(c.row('web')).toEqual({ ready: '0/1', status: 'Running', restarts: '0' });
    c.runUntil(() => c.pod('web').status!.containerStatuses![0]!.ready);
    const ready = c.pod('web').status!.conditions!.find((x) => x.type === 'Ready')!;
    expect((Date.parse(ready.lastTransitionTime!) - started) / 1000).toBe(5);
    expect(c.row('web')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });

    // From 40 s on /ready answers 503: three failures (40, 45, 50 s) make it unready.
    c.engine.runFor(60_000);
    const status = c.pod('web').status!;
    expect(c.row('web')).toEqual({ ready: '0/1', status: 'Running', restarts: '0' });
    expect(status.conditions!.filter((x) => x.type === 'Ready' || x.type === 'ContainersReady').map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
    ]);
    expect((Date.parse(status.conditions!.find((x) => x.type === 'Ready')!.lastTransitionTime!) - started) / 1000).toBe(50);
    expect(status.containerStatuses![0]).toMatchObject({ ready: false, started: true, restartCount: 0 });
    const unhealthy = c.eventObjects('Pod', 'web').find((e) => e.reason === 'Unhealthy')!;
    expect([unhealthy.type, unhealthy.message]).toEqual(['Warning', 'Readiness probe failed: HTTP probe failed with statuscode: 503']);
    expect(c.events('Pod', 'web').some((e) => e.startsWith('Killing'))).toBe(false);
  });

  it('keeps a Deployment from counting a pod that never gets ready', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { 'dockyard.app.paths': '/=200,/ready=503:not ready' } },
          spec: nodeAppSpec({ readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 2 } }),
        },
      },
    });
    c.engine.runFor(60_000);
    const status = c.store.get('Deployment', 'default', 'web').status!;
    expect([status.replicas, status.readyReplicas ?? 0, status.availableReplicas ?? 0, status.unavailableReplicas]).toEqual([2, 0, 0, 2]);
    for (const pod of c.pods({ app: 'web' })) expect(c.row(pod.metadata!.name!)).toEqual({ ready: '0/1', status: 'Running', restarts: '0' });
  });
});
