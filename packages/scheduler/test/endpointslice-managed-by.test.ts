// The EndpointSlice controller owns only the slices labelled
// endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io. The `kubernetes`
// Service's slice is written by the API server's reconciler (labelled with the Service name only)
// and survives the controller's sync of that selector-less Service; so does a slice a user or
// another controller wrote for a selector-less Service.
import { describe, expect, test } from 'vitest';
import { kubeletCluster } from './support/kubelet-cluster.ts';

const deletesOfSlices = (jsonl: string) =>
  jsonl
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((r) => r['type'] === 'api.write' && r['verb'] === 'delete' && r['resource'] === 'endpointslices.discovery.k8s.io');

describe('slices the EndpointSlice controller does not manage', () => {
  test('the API server’s `kubernetes` slice in default outlives the controller’s first syncs', () => {
    const { engine, store } = kubeletCluster();
    engine.runFor(60_000);
    const slice = store.get('EndpointSlice', 'default', 'kubernetes');
    expect(slice.metadata!.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    expect(deletesOfSlices(engine.log.toJSONL())).toEqual([]);
  });

  test('a hand-written slice of a selector-less Service stays; kube-proxy routes to it', () => {
    const { engine, store, cluster } = kubeletCluster();
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-db', namespace: 'default' }, spec: { ports: [{ port: 5432 }] } });
    store.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'external-db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'external-db', 'endpointslice.kubernetes.io/managed-by': 'staff' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.168.10.5'], conditions: { ready: true } }],
      ports: [{ name: '', port: 5432, protocol: 'TCP' }],
    });
    engine.runFor(10_000);
    expect(store.tryGet('EndpointSlice', 'default', 'external-db-1')).toBeDefined();
    expect(deletesOfSlices(engine.log.toJSONL())).toEqual([]);
    const ip = store.get('Service', 'default', 'external-db').spec!.clusterIP!;
    expect(cluster.dataPlane.route('node-1', '10.244.1.9', ip, 5432)).toMatchObject({ verdict: 'dnat', ip: '192.168.10.5', port: 5432 });
  });
});
