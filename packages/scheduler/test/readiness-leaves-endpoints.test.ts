// A pod whose readiness probe starts failing leaves its Service's endpoints (Endpoints moves it to
// notReadyAddresses, its EndpointSlice entry turns ready: false) and kube-proxy stops sending new
// connections to it; the container is not restarted, and when the probe passes again it is back.
// Real pods: the node app on three nodes' kubelets, one of which turns unready at 40 s.
import type { HttpResponse } from '@dockyard/runtime';
import { describe, expect, test } from 'vitest';
import { EndpointSliceController } from '../src/index.ts';
import { kubeletCluster, nodeAppConfigMap, nodeAppSpec, podManifest } from './support/kubelet-cluster.ts';

const probe = { readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 } };

describe('a pod failing readiness', () => {
  test('leaves the endpoints and the kube-proxy rules, without a restart; passing again brings it back', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    for (const [name, paths] of [
      ['web-1', '/=200:web-1,/ready=200'],
      ['web-2', '/=200:web-2,/ready=200'],
      // /ready fails from 40 s of the container's life to 100 s, then passes again.
      ['web-3', '/=200:web-3,/ready=200,/ready=503@40s,/ready=200@100s'],
    ] as const) {
      c.apply(podManifest(name, nodeAppSpec(probe), { labels: { app: 'web' }, annotations: { 'dockyard.app.paths': paths } }));
    }
    c.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const ready = () => c.store.tryGet('Endpoints', 'default', 'web')?.subsets?.[0]?.addresses?.map((a) => a.targetRef!.name).sort() ?? [];
    const notReady = () => c.store.tryGet('Endpoints', 'default', 'web')?.subsets?.[0]?.notReadyAddresses?.map((a) => a.targetRef!.name).sort() ?? [];
    const ip = c.store.get('Service', 'default', 'web').spec!.clusterIP!;
    const answered = () =>
      new Set(Array.from({ length: 60 }, () => (c.cluster.upstream(ip, 80, { method: 'GET', path: '/', headers: {}, body: '', remoteIp: '' }, 'node-2') as HttpResponse).body.trim()));

    c.runUntil(() => ready().length === 3);
    c.engine.runFor(1000);
    expect(answered()).toEqual(new Set(['web-1', 'web-2', 'web-3']));

    c.runUntil(() => c.pod('web-3').status!.conditions!.find((x) => x.type === 'Ready')!.status === 'False');
    c.engine.runFor(1000);
    expect(ready()).toEqual(['web-1', 'web-2']);
    expect(notReady()).toEqual(['web-3']);
    const slice = EndpointSliceController.slicesOf(c.store, 'default', 'web')[0]!;
    expect(slice.endpoints!.map((e) => [e.targetRef!.name, e.conditions]).sort()).toEqual([
      ['web-1', { ready: true, serving: true, terminating: false }],
      ['web-2', { ready: true, serving: true, terminating: false }],
      ['web-3', { ready: false, serving: false, terminating: false }],
    ]);
    expect(answered()).toEqual(new Set(['web-1', 'web-2']));
    expect(c.row('web-3')).toEqual({ ready: '0/1', status: 'Running', restarts: '0' });
    expect(c.events('Pod', 'web-3')).toContain('Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503');

    c.runUntil(() => ready().length === 3);
    c.engine.runFor(1000);
    expect(notReady()).toEqual([]);
    expect(answered()).toEqual(new Set(['web-1', 'web-2', 'web-3']));
    expect(c.row('web-3')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  test('when no pod is ready, the Service refuses connections (kube-proxy’s REJECT rule)', () => {
    const c = kubeletCluster();
    c.apply(nodeAppConfigMap());
    c.apply(podManifest('solo', nodeAppSpec(probe), { labels: { app: 'solo' }, annotations: { 'dockyard.app.paths': '/=200,/ready=200,/ready=503@30s' } }));
    c.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'solo', namespace: 'default' }, spec: { selector: { app: 'solo' }, ports: [{ port: 80, targetPort: 8080 }] } });
    c.runUntil(() => c.pod('solo').status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True');
    c.runUntil(() => c.pod('solo').status!.conditions!.find((x) => x.type === 'Ready')!.status === 'False');
    c.engine.runFor(1000);
    const ip = c.store.get('Service', 'default', 'solo').spec!.clusterIP!;
    expect(c.cluster.dataPlane.route('node-1', '172.18.0.2', ip, 80)).toMatchObject({ verdict: 'reject', service: 'default/solo' });
    expect(c.store.get('Endpoints', 'default', 'solo').subsets).toEqual([
      { notReadyAddresses: [expect.objectContaining({ targetRef: expect.objectContaining({ name: 'solo' }) })], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });
});
