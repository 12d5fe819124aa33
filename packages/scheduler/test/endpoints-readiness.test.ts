import { describe, expect, test } from 'vitest';
import { EndpointSliceController } from '../src/index.ts';
import { networkingCluster, runningPod, setPodStatus } from './fixtures/networking-cluster.ts';

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 3000 }] } };

describe('Endpoints follow pod readiness', () => {
  test('ready pods are addresses, unready ones notReadyAddresses, with the target port', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    runningPod(store, 'web-1', { app: 'web' }, { ip: '10.244.1.5', node: 'node-1' });
    runningPod(store, 'web-2', { app: 'web' }, { ip: '10.244.2.7', node: 'node-2', ready: false });
    runningPod(store, 'other', { app: 'other' }, { ip: '10.244.1.9' });
    engine.runUntilIdle();
    const ep = store.get('Endpoints', 'default', 'web');
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: store.get('Pod', 'default', 'web-1').metadata!.uid } }],
        notReadyAddresses: [{ ip: '10.244.2.7', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: store.get('Pod', 'default', 'web-2').metadata!.uid } }],
        ports: [{ port: 3000, protocol: 'TCP' }],
      },
    ]);
  });

  test('a pod failing readiness leaves the addresses and comes back', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    runningPod(store, 'web-1', { app: 'web' }, { ip: '10.244.1.5' });
    runningPod(store, 'web-2', { app: 'web' }, { ip: '10.244.1.6' });
    engine.runUntilIdle();
    const ready = () => (store.get('Endpoints', 'default', 'web').subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    expect(ready()).toEqual(['10.244.1.5', '10.244.1.6']);
    setPodStatus(store, 'default', 'web-1', { ready: false });
    engine.runUntilIdle();
    expect(ready()).toEqual(['10.244.1.6']);
    const slice = EndpointSliceController.slicesOf(store, 'default', 'web')[0]!;
    expect(slice.endpoints!.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.1.5', { ready: false, serving: false, terminating: false }],
      ['10.244.1.6', { ready: true, serving: true, terminating: false }],
    ]);
    setPodStatus(store, 'default', 'web-1', { ready: true });
    engine.runUntilIdle();
    expect(ready()).toEqual(['10.244.1.5', '10.244.1.6']);
  });

  test('a Service selecting nothing has Endpoints without subsets and one empty slice', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    engine.runUntilIdle();
    expect(store.get('Endpoints', 'default', 'web').subsets).toBeUndefined();
    const slices = EndpointSliceController.slicesOf(store, 'default', 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints).toEqual([]);
  });

  test('relabelling a pod out of the selector removes it; a terminating pod is only in the slice', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    runningPod(store, 'web-1', { app: 'web' }, { ip: '10.244.1.5' });
    runningPod(store, 'web-2', { app: 'web' }, { ip: '10.244.1.6' });
    engine.runUntilIdle();
    store.patch('Pod', 'default', 'web-1', { metadata: { labels: { app: 'debug' } } }, 'merge');
    store.delete('Pod', 'default', 'web-2');
    engine.runUntilIdle();
    expect(store.get('Endpoints', 'default', 'web').subsets).toBeUndefined();
    const slice = EndpointSliceController.slicesOf(store, 'default', 'web')[0]!;
    expect(slice.endpoints!.map((e) => [e.addresses[0], e.conditions])).toEqual([['10.244.1.6', { ready: false, serving: true, terminating: true }]]);
  });

  test('named targetPorts resolve per pod; pods without the name are left out', () => {
    const { engine, store } = networkingCluster();
    store.create({ ...service, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] } });
    runningPod(store, 'a', { app: 'web' }, { ip: '10.244.1.5', ports: [{ name: 'web', containerPort: 8080 }] });
    runningPod(store, 'b', { app: 'web' }, { ip: '10.244.1.6', ports: [{ name: 'web', containerPort: 9090 }] });
    runningPod(store, 'c', { app: 'web' }, { ip: '10.244.1.7' });
    engine.runUntilIdle();
    const subsets = store.get('Endpoints', 'default', 'web').subsets!;
    expect(subsets.map((s) => [s.addresses!.map((a) => a.ip), s.ports])).toEqual([
      [['10.244.1.5'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.244.1.6'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
    const slices = EndpointSliceController.slicesOf(store, 'default', 'web');
    expect(slices.map((s) => s.ports![0]!.port).sort()).toEqual([8080, 9090]);
    for (const s of slices) {
      expect(s.metadata!.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(s.metadata!.labels).toEqual({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
      expect(s.metadata!.ownerReferences![0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    }
  });

  test('a deleted Service takes its Endpoints and (through the garbage collector) its slices', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    runningPod(store, 'web-1', { app: 'web' });
    engine.runUntilIdle();
    store.delete('Service', 'default', 'web');
    engine.runUntilIdle();
    expect(store.tryGet('Endpoints', 'default', 'web')).toBeUndefined();
    expect(EndpointSliceController.slicesOf(store, 'default', 'web')).toEqual([]);
  });

  test('a step with nothing to do writes nothing', () => {
    const { engine, store } = networkingCluster();
    store.create(service);
    runningPod(store, 'web-1', { app: 'web' });
    engine.runUntilIdle();
    const rv = store.resourceVersion;
    setPodStatus(store, 'default', 'web-1', { ready: true });
    engine.runUntilIdle();
    expect(Number(store.resourceVersion)).toBe(Number(rv));
  });
});

describe('EndpointSlice mirroring', () => {
  test('hand-written Endpoints of a selector-less Service are mirrored into a slice kube-proxy routes by', async () => {
    const { EndpointSliceMirroringController, KubeProxy } = await import('../src/index.ts');
    const { engine, store } = networkingCluster();
    new EndpointSliceMirroringController(engine, store);
    const proxy = new KubeProxy(engine, store, { nodeName: 'node-1' });
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-db' }, spec: { ports: [{ port: 5432 }] } });
    store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external-db' }, subsets: [{ addresses: [{ ip: '192.168.1.50' }], ports: [{ port: 5432 }] }] });
    engine.runFor(2000);
    const slices = store.list('EndpointSlice', { labelSelector: 'kubernetes.io/service-name=external-db' }).items;
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata!.labels!['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(slices[0]!.endpoints).toEqual([{ addresses: ['192.168.1.50'], conditions: { ready: true } }]);
    const ip = store.get('Service', 'default', 'external-db').spec!.clusterIP!;
    expect(proxy.route({ sourceIp: '10.244.1.9', destinationIp: ip, destinationPort: 5432 })).toMatchObject({ verdict: 'dnat', ip: '192.168.1.50', port: 5432 });
    store.delete('Endpoints', 'default', 'external-db');
    engine.runFor(2000);
    expect(store.list('EndpointSlice', { labelSelector: 'kubernetes.io/service-name=external-db' }).items).toEqual([]);
  });
});
