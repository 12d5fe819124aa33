// The networking, storage, metrics and autoscaling components together: the same seed and the
// same steps give a byte-identical event log, and a snapshot taken between any two steps runs on
// to the same log (every component's state, and its pending tasks, survive the trip through JSON).
import { describe, expect, it } from 'vitest';
import {
  ClusterDataPlane,
  ClusterDns,
  EndpointSliceMirroringController,
  HorizontalPodAutoscalerController,
  IngressNginxController,
  installClusterServices,
  installDefaultStorageClass,
  KubeProxy,
  LocalPathProvisioner,
  MetricsServer,
  PersistentVolumeController,
  preBindVolumes,
  ServiceLbController,
  EventRecorder,
  type Upstream,
} from '../src/index.ts';
import { FakeKubeletMetrics } from './fixtures/fake-kubelet-metrics.ts';
import { networkingCluster, runningPod, setPodStatus } from './fixtures/networking-cluster.ts';

const echo: Upstream = (ip, port, request) => ({ status: 200, headers: [], body: `${ip}:${port}${request.path}` });

function stack(seed: number) {
  const c = networkingCluster(seed);
  const { engine, store } = c;
  const sink = (component: string) => new EventRecorder(engine, store, { component });
  new EndpointSliceMirroringController(engine, store);
  new PersistentVolumeController(engine, store, { events: sink('persistentvolume-controller') });
  new LocalPathProvisioner(engine, store, { events: sink('rancher.io/local-path') });
  const lb = new ServiceLbController(engine, store, { events: sink('metallb-controller') });
  const ingress = new IngressNginxController(engine, store, { events: sink('nginx-ingress-controller') });
  const proxies = ['node-1', 'node-2', 'node-3'].map((nodeName) => new KubeProxy(engine, store, { nodeName }));
  const metrics = new MetricsServer(engine, store);
  const kubelets = ['node-1', 'node-2', 'node-3'].map((n) => new FakeKubeletMetrics(n, store, { cpu: 240, memory: 64 * 1024 * 1024 }));
  for (const k of kubelets) metrics.addKubelet(k);
  new HorizontalPodAutoscalerController(engine, store, { events: sink('horizontal-pod-autoscaler'), metrics });
  const dns = new ClusterDns(store, { random: engine.random });
  const plane = new ClusterDataPlane({ engine, store, proxies, dns, ingress, loadBalancers: lb });
  return { ...c, plane, dns, kubelets };
}

type Stack = ReturnType<typeof stack>;

const steps: ((s: Stack) => void)[] = [
  ({ store }) => {
    installClusterServices(store);
    installDefaultStorageClass(store);
    store.create(IngressNginxController.ingressClass());
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  },
  ({ store }) => {
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } });
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy', namespace: 'shop' }, spec: { ports: [{ port: 3306 }] } });
    store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'legacy', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '192.168.1.5' }], ports: [{ port: 3306 }] }] });
    store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } } });
  },
  ({ store }) => {
    for (let i = 1; i <= 3; i++) runningPod(store, `web-${i}`, { app: 'web' }, { namespace: 'shop', node: `node-${i}`, ip: `10.244.${i}.30`, containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '250m' } } }] });
    runningPod(store, 'db-0', { app: 'db' }, { namespace: 'shop', node: 'node-2', ip: '10.244.2.40', volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    preBindVolumes(store, store.get('Pod', 'shop', 'db-0'), 'node-2');
  },
  ({ engine }) => engine.runFor(5_000),
  ({ store, plane, dns }) => {
    const clusterIP = store.get('Service', 'shop', 'web').spec!.clusterIP!;
    for (let i = 0; i < 30; i++) plane.route(`node-${(i % 3) + 1}`, `10.244.9.${i % 7}`, clusterIP, 80);
    for (let i = 0; i < 6; i++) plane.external({ scheme: 'http', host: 'shop.example.com', port: 80, method: 'GET', path: `/p${i}`, headers: {}, body: '' }, echo);
    dns.query('db.shop.svc.cluster.local', 'A');
  },
  ({ engine, store }) => {
    store.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    engine.runFor(70_000);
  },
  ({ store, plane }) => {
    setPodStatus(store, 'shop', 'web-2', { ready: false });
    store.delete('Pod', 'shop', 'web-3', { gracePeriodSeconds: 0 });
    const lbIp = store.get('Service', 'shop', 'web').status?.loadBalancer?.ingress?.[0]?.ip ?? '172.18.255.200';
    for (let i = 0; i < 5; i++) plane.external({ scheme: 'http', host: lbIp, port: 80, method: 'GET', path: '/', headers: {}, body: '' }, echo);
  },
  ({ engine, store }) => {
    engine.runFor(20_000);
    store.delete('Service', 'shop', 'db');
    store.delete('PersistentVolumeClaim', 'shop', 'data');
    engine.runFor(30_000);
  },
];

function run(seed: number, from = 0, to = steps.length, into?: Stack): Stack {
  const s = into ?? stack(seed);
  for (const step of steps.slice(from, to)) step(s);
  return s;
}

describe('networking determinism and snapshots', () => {
  it('gives the same log for the same seed', () => {
    const a = run(11);
    const b = run(11);
    expect(a.engine.log.toJSONL()).toBe(b.engine.log.toJSONL());
    expect(a.engine.log.records().some((r) => r.type === 'kube-proxy.route')).toBe(true);
    expect(a.engine.log.records().some((r) => r.type === 'ingress.request')).toBe(true);
    expect(a.engine.log.records().some((r) => r.type === 'local-path.provision')).toBe(true);
    expect(run(12).engine.log.toJSONL()).not.toBe(a.engine.log.toJSONL());
  });

  it('runs on from a snapshot between any two steps to the same log', () => {
    const whole = run(13).engine.log.toJSONL();
    for (let cut = 1; cut < steps.length; cut++) {
      const before = run(13, 0, cut);
      const after = stack(13);
      after.engine.restore(JSON.parse(JSON.stringify(before.engine.snapshot())));
      run(13, cut, steps.length, after);
      expect(after.engine.log.toJSONL(), `cut at step ${cut}`).toBe(whole);
    }
  });
});
