// kube-proxy's cost: rebuilding one node's rules for 1,000 Services of 10 endpoints each, and
// routing packets through them (each route walks KUBE-SERVICES, the statistic rules and a SEP).
import { bench, describe } from 'vitest';
import { Engine } from '@dockyard/runtime';
import { ApiStore, EndpointSliceController, KubeProxy, ServiceIpAllocator } from '../src/index.ts';

function cluster(services: number, endpoints: number) {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  store.setServiceAllocator(new ServiceIpAllocator({ random: engine.random, services: () => store.list('Service').items }));
  new EndpointSliceController(engine, store);
  store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } });
  const proxy = new KubeProxy(engine, store, { nodeName: 'node-1' });
  for (let s = 0; s < services; s++) {
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}` }, spec: { selector: { app: `a${s}` }, ports: [{ port: 80, targetPort: 8080 }] } });
    for (let e = 0; e < endpoints; e++) {
      const name = `p-${s}-${e}`;
      store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: `a${s}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      store.bind('default', name, 'node-1');
      const pod = structuredClone(store.get('Pod', 'default', name)) as never as { status: Record<string, unknown> };
      pod.status = { phase: 'Running', podIP: `10.${(s >> 8) & 255}.${s & 255}.${e + 1}`, conditions: [{ type: 'Ready', status: 'True' }] };
      store.updateStatus(pod as never);
    }
  }
  engine.runFor(2000);
  const ips = store.list('Service').items.map((s) => s.spec!.clusterIP!);
  return { proxy, ips };
}

describe('kube-proxy', () => {
  const { proxy, ips } = cluster(1000, 10);
  bench('syncProxyRules: 1,000 services × 10 endpoints', () => {
    proxy.syncProxyRules();
  });
  let i = 0;
  bench('route one packet (1,000 services)', () => {
    proxy.route({ sourceIp: '10.244.9.9', destinationIp: ips[i++ % ips.length]!, destinationPort: 80 });
  });
});
