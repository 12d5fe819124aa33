import { describe, expect, test } from 'vitest';
import { KubeProxy, ServiceLbController, EventRecorder } from '../src/index.ts';
import { networkingCluster, runningPod } from './fixtures/networking-cluster.ts';

function lbCluster(pool?: { first: string; last: string }) {
  const c = networkingCluster(4);
  const lb = new ServiceLbController(c.engine, c.store, { events: new EventRecorder(c.engine, c.store, { component: 'metallb-controller' }), ...(pool === undefined ? {} : { pool }) });
  return { ...c, lb };
}

const lbService = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'LoadBalancer', selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 3000 }] } }) as const;

describe('LoadBalancer Services', () => {
  test('EXTERNAL-IP is pending, then an address of the pool a moment later, with MetalLB’s events', () => {
    const { engine, store } = lbCluster();
    store.create(lbService('my-app-lb'));
    engine.runFor(1000);
    expect(store.get('Service', 'default', 'my-app-lb').status).toEqual({ loadBalancer: {} });
    engine.runFor(1500);
    expect(store.get('Service', 'default', 'my-app-lb').status!.loadBalancer!.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    const events = store.list('Event').items.map((e) => `${e.reason}: ${e.message}`);
    expect(events[0]).toBe('IPAllocated: Assigned IP ["172.18.255.200"]');
    expect(events[1]).toMatch(/^nodeAssigned: announcing from node "node-\d" with protocol "layer2"$/);
  });

  test('an exhausted pool leaves the Service pending with AllocationFailed; a freed address is reused', () => {
    const { engine, store } = lbCluster({ first: '172.18.255.200', last: '172.18.255.200' });
    store.create(lbService('a'));
    store.create(lbService('b'));
    engine.runFor(3000);
    expect(store.get('Service', 'default', 'b').status!.loadBalancer!.ingress).toBeUndefined();
    expect(store.list('Event').items.some((e) => e.reason === 'AllocationFailed' && e.message === 'Failed to allocate IP for "default/b": no available IPs')).toBe(true);
    store.delete('Service', 'default', 'a');
    store.create(lbService('c'));
    engine.runFor(3000);
    expect(store.get('Service', 'default', 'c').status!.loadBalancer!.ingress![0]!.ip).toBe('172.18.255.200');
  });

  test('the announcing node’s kube-proxy sends the address to the pods', () => {
    const { engine, store, lb } = lbCluster();
    const proxies = ['node-1', 'node-2', 'node-3'].map((nodeName) => new KubeProxy(engine, store, { nodeName }));
    store.create(lbService('my-app-lb'));
    runningPod(store, 'p1', { app: 'my-app' }, { ip: '10.244.1.50' });
    engine.runFor(5000);
    const node = lb.announcingNode('172.18.255.200')!;
    const proxy = proxies.find((p) => p.nodeName === node)!;
    expect(proxy.route({ sourceIp: '172.18.0.1', destinationIp: '172.18.255.200', destinationPort: 80 })).toMatchObject({ verdict: 'dnat', ip: '10.244.1.50', port: 3000 });
    expect(proxy.iptablesSave()).toContain('--comment "default/my-app-lb loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-');
  });
});
