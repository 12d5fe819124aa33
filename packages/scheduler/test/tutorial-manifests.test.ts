// The tutorial's sections 6, 7 and 9, applied as printed: every object is accepted and handled
// (addresses allocated, endpoints listed, claims bound, the Ingress admitted), and section 9 ends
// with `curl http://myapp.example.com/` reaching web-app and web-app reaching postgres and redis.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { busyboxNslookup, containerEnvironment, createSecretGeneric, EndpointSliceController, podResolvConf, projectVolume, resolveName, type Upstream } from '../src/index.ts';
import { tutorialCluster, tutorialFile } from './fixtures/tutorial-cluster.ts';
import YAML from 'yaml';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';

function tutorialText(): string {
  return readFileSync(sharedPath('tutorial/docker-kubernetes-essentials.txt'), 'utf8');
}

const echo: Upstream = (ip, port, request) => ({ status: 200, headers: [['Content-Type', 'text/plain']], body: `${ip}:${port} ${request.path}` });

describe('the tutorial’s manifests', () => {
  test('each fixture is the tutorial’s text, word for word', () => {
    const text = tutorialText();
    const files = readdirSync(join(import.meta.dirname, 'fixtures/tutorial')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(15);
    for (const file of files) expect(text.includes(tutorialFile(file).trimEnd()), file).toBe(true);
  });

  test('section 6: Services get addresses, the NodePort 30080, the LoadBalancer an external IP; the Ingress is admitted', () => {
    const { store, engine, apply, rollOut, dataPlane, lb } = tutorialCluster();
    expect(apply('s6-deployment.yaml')).toEqual(['deployment/my-app created']);
    expect(apply('s6-service-clusterip.yaml')).toEqual(['service/my-app-svc created']);
    expect(apply('s6-service-nodeport.yaml')).toEqual(['service/my-app-nodeport created']);
    expect(apply('s6-service-loadbalancer.yaml')).toEqual(['service/my-app-lb created']);
    expect(apply('s6-ingress.yaml')).toEqual(['ingress/my-app-ingress created']);
    expect(apply('s6-pod.yaml')).toEqual(['pod/my-app created']);
    rollOut('default', 'my-app');
    engine.runFor(60_000);
    const svc = store.get('Service', 'default', 'my-app-svc');
    expect(svc.spec!.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(store.get('Service', 'default', 'my-app-nodeport').spec!.ports![0]!.nodePort).toBe(30080);
    const lbIp = store.get('Service', 'default', 'my-app-lb').status!.loadBalancer!.ingress![0]!.ip!;
    expect(lbIp).toBe('172.18.255.200');
    // 3 replicas plus the standalone Pod labelled app: my-app.
    const slice = EndpointSliceController.slicesOf(store, 'default', 'my-app-svc')[0]!;
    expect(slice.endpoints!.filter((e) => e.conditions?.ready)).toHaveLength(3);
    expect(store.get('Ingress', 'default', 'my-app-ingress').status!.loadBalancer!.ingress).toEqual([{ hostname: 'localhost' }]);

    const get = (host: string, port: number, scheme: 'http' | 'https' = 'http', path = '/') => dataPlane.external({ scheme, host, port, method: 'GET', path, headers: { host }, body: '' }, echo);
    expect(get('172.18.0.3', 30080)).toMatchObject({ kind: 'response', entry: 'nodeport', response: { status: 200 } });
    expect(get('localhost', 30080)).toMatchObject({ kind: 'response', entry: 'nodeport (localhost)' });
    expect(get(lbIp, 80)).toMatchObject({ kind: 'response', entry: 'loadbalancer' });
    expect(lb.announcingNode(lbIp)).toMatch(/^node-\d$/);
    // TLS names tls-secret, which the tutorial never creates: http is served (no redirect without a
    // certificate), https uses the fake certificate; the rewrite sends every path to /.
    expect(get('app.example.com', 80)).toMatchObject({ kind: 'response', entry: 'ingress', response: { status: 200 } });
    const https = get('app.example.com', 443, 'https', '/anything');
    expect(https).toMatchObject({ kind: 'response', entry: 'ingress', response: { status: 200 } });
    expect(https.kind === 'response' && https.response.body).toMatch(/^10\.244\.\d\.\d+:3000 \/$/);
    expect(get('app.example.com', 443, 'https', '/api').kind === 'response' && get('app.example.com', 443, 'https', '/api')).toMatchObject({ response: { status: 503 } });
    expect(get('example.org', 80)).toEqual({ kind: 'not-cluster' });
  });

  test('section 7: the ConfigMap, the Secret and the PVC apply; the pod fragments resolve', () => {
    const { store, apply } = tutorialCluster();
    expect(apply('s7-configmap.yaml')).toEqual(['configmap/app-config created']);
    expect(apply('s7-secret.yaml')).toEqual(['secret/db-secret created']);
    expect(apply('postgres-pvc.yaml')).toEqual(['persistentvolumeclaim/postgres-pvc created']);
    const podFrom = (fragment: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, ...YAML.parse(tutorialFile(fragment)) });
    const withConfig = podFrom('s7-configmap-in-pod.yaml');
    const container = withConfig.spec!.containers[0]! as Container;
    const env = containerEnvironment(store, withConfig, container);
    expect(env.ok === true && new Map(env.env).get('DATABASE_HOST')).toBe('db-service');
    const files = projectVolume(store, withConfig, withConfig.spec!.volumes![0]!);
    expect(files?.ok === true && files.files.map((f) => f.path)).toEqual(['app.properties']);
    const withSecret = podFrom('s7-secret-in-pod.yaml');
    const secretEnv = containerEnvironment(store, withSecret, withSecret.spec!.containers[0]!);
    expect(secretEnv.ok === true && new Map(secretEnv.env).get('DB_PASSWORD')).toBe('s3cret');
    expect(store.get('PersistentVolumeClaim', 'default', 'postgres-pvc').status!.phase).toBe('Pending');
  });

  test('section 9 in its documented order: postgres and redis behind their Services, web-app behind the Ingress', () => {
    const { store, engine, apply, rollOut, dataPlane, dns, proxies } = tutorialCluster(9);
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-app' } });
    // 1. kubectl create secret generic db-credentials --from-literal=... -n my-app
    store.create(createSecretGeneric({ name: 'db-credentials', namespace: 'my-app', fromLiteral: ['username=admin', 'password=secure-password-here'] }));
    // 2. kubectl apply -f postgres-pvc.yaml (the file has no namespace: -n my-app puts it beside postgres)
    expect(apply('postgres-pvc.yaml', 'my-app')).toEqual(['persistentvolumeclaim/postgres-pvc created']);
    // 3-5.
    expect(apply('postgres-deployment.yaml')).toEqual(['deployment/postgres created', 'service/postgres created']);
    expect(apply('redis-deployment.yaml')).toEqual(['deployment/redis created', 'service/redis created']);
    expect(apply('app-deployment.yaml')).toEqual(['deployment/web-app created', 'service/web-app created', 'ingress/web-app-ingress created']);
    const [postgres] = rollOut('my-app', 'postgres');
    rollOut('my-app', 'redis');
    const web = rollOut('my-app', 'web-app');
    expect(web).toHaveLength(3);
    engine.runFor(60_000);

    // The claim was provisioned on postgres's node and bound.
    const pvc = store.get('PersistentVolumeClaim', 'my-app', 'postgres-pvc');
    expect(pvc.status!.phase).toBe('Bound');
    expect(store.get('PersistentVolume', undefined, pvc.spec!.volumeName!).spec!.nodeAffinity!.required!.nodeSelectorTerms[0]!.matchExpressions![0]!.values).toEqual([postgres!.spec!.nodeName]);

    // kubectl get endpoints -n my-app: the ready pods.
    const endpoints = store.list('Endpoints', { namespace: 'my-app' }).items.map((e) => [e.metadata!.name, (e.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => `${a.ip}:${s.ports![0]!.port}`)).length]);
    expect(endpoints).toEqual([['postgres', 1], ['redis', 1], ['web-app', 3]]);

    // dockyard curl http://myapp.example.com/ reaches web-app through ingress-nginx.
    const curl = dataPlane.external({ scheme: 'http', host: 'myapp.example.com', port: 80, method: 'GET', path: '/', headers: { host: 'myapp.example.com' }, body: '' }, echo);
    expect(curl).toMatchObject({ kind: 'response', entry: 'ingress', response: { status: 200 }, ingress: { ingress: 'my-app/web-app-ingress', backend: 'my-app/web-app:80' } });
    expect(web.map((p) => `${p.status!.podIP}:3000 /`)).toContain(curl.kind === 'response' ? curl.response.body : '');

    // web-app's environment, and its way to postgres and redis: DNS with its search path, then kube-proxy.
    const app = web[0]!;
    const env = containerEnvironment(store, app, app.spec!.containers[0]!);
    expect(env.ok === true && new Map(env.env).get('DB_PASS')).toBe('secure-password-here');
    const conf = podResolvConf(app);
    for (const [host, port] of [['postgres', 5432], ['redis', 6379]] as const) {
      const resolved = resolveName(dns, conf, host)!;
      expect(resolved.name).toBe(`${host}.my-app.svc.cluster.local`);
      const verdict = dataPlane.route(app.spec!.nodeName!, app.status!.podIP!, resolved.addresses[0]!, port);
      const target = store.get('Pod', 'my-app', `${host}-0`);
      expect(verdict).toMatchObject({ verdict: 'dnat', ip: target.status!.podIP, port });
    }
    expect(proxies).toHaveLength(3);
    // The same through the adapters the runtime fabric plugs in.
    const fabricRoute = dataPlane.fabricRoute();
    const redisIp = store.get('Service', 'my-app', 'redis').spec!.clusterIP!;
    const from = { host: app.spec!.nodeName!, interfaces: [{ name: 'lo', ip: '127.0.0.1' }, { name: 'eth0', ip: app.status!.podIP! }] };
    expect(fabricRoute(redisIp, 6379, from)).toEqual({ ip: store.get('Pod', 'my-app', 'redis-0').status!.podIP, port: 6379 });
    expect(fabricRoute('10.244.1.1', 80, from)).toBeUndefined();
    expect(dataPlane.fabricDnsServer().lookup('redis.my-app.svc.cluster.local')).toEqual([redisIp]);

    // kubectl run debug --rm -it --image=busybox -- nslookup web-app.my-app.svc.cluster.local
    const debug: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'default' }, spec: { containers: [{ name: 'debug', image: 'busybox' }] } };
    const out = busyboxNslookup(['web-app.my-app.svc.cluster.local'], podResolvConf(debug), (ip) => (ip === '10.96.0.10' ? dns : undefined));
    const webIp = store.get('Service', 'my-app', 'web-app').spec!.clusterIP;
    expect(out.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-app.my-app.svc.cluster.local\nAddress: ${webIp}\n\n\n`);

    // Secrets never appear decoded in the event log or in Events.
    expect(engine.log.toJSONL()).not.toContain('secure-password-here');
    expect(JSON.stringify(store.list('Event', { namespace: 'my-app' }).items)).not.toContain('secure-password-here');
  });

  test('section 9 without -n on the PVC: postgres cannot be scheduled, with the real message', () => {
    const { store, apply, scheduler, engine } = tutorialCluster(9);
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-app' } });
    apply('postgres-pvc.yaml');
    apply('postgres-deployment.yaml');
    const template = store.get('Deployment', 'my-app', 'postgres').spec!.template;
    const pod = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'postgres-0', namespace: 'my-app', labels: { app: 'postgres' } }, spec: template.spec! });
    scheduler.onPod('ADDED', pod as Pod, engine.now);
    const outcome = scheduler.scheduleNext(engine.now)!;
    expect(outcome.event.message).toBe('0/3 nodes are available: persistentvolumeclaim "postgres-pvc" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });
});
