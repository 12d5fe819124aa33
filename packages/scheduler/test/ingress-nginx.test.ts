import type { Ingress } from 'kubernetes-types/networking/v1';
import { describe, expect, test } from 'vitest';
import { FAKE_CERTIFICATE_SUBJECT, IngressNginxController, type IngressRequest, EventRecorder, type Upstream } from '../src/index.ts';
import { networkingCluster, runningPod } from './fixtures/networking-cluster.ts';

const echo: Upstream = (ip, port, request) => ({ status: 200, headers: [['Server', 'app'], ['Content-Type', 'text/plain']], body: `${ip}:${port} ${request.path} host=${request.headers.host}` });

function ingressCluster() {
  const c = networkingCluster(11);
  c.store.create(IngressNginxController.ingressClass());
  const ingress = new IngressNginxController(c.engine, c.store, { events: new EventRecorder(c.engine, c.store, { component: 'nginx-ingress-controller' }) });
  const service = (name: string, app: string) => c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 3000 }] } });
  service('my-app-svc', 'my-app');
  service('api-svc', 'api');
  runningPod(c.store, 'my-app-1', { app: 'my-app' }, { ip: '10.244.1.11' });
  runningPod(c.store, 'my-app-2', { app: 'my-app' }, { ip: '10.244.2.12', node: 'node-2' });
  runningPod(c.store, 'api-1', { app: 'api' }, { ip: '10.244.1.21' });
  c.engine.runUntilIdle();
  const get = (host: string, path: string, scheme: 'http' | 'https' = 'http'): IngressRequest => ({ scheme, host, method: 'GET', path, headers: { 'user-agent': 'curl/8.5.0', accept: '*/*' }, body: '', clientIp: '172.18.0.1' });
  return { ...c, ingress, get };
}

/** The tutorial's section 6 Ingress. */
const tutorialIngress: Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'my-app-ingress', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'app.example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'my-app-svc', port: { number: 80 } } } },
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api-svc', port: { number: 80 } } } },
          ],
        },
      },
    ],
    tls: [{ hosts: ['app.example.com'], secretName: 'tls-secret' }],
  },
};

const plain = (name: string, host: string, paths: { path: string; pathType: string; service: string }[], annotations: Record<string, string> = {}): Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, annotations },
  spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: { service: { name: p.service, port: { number: 80 } } } })) } }] },
});

describe('ingress-nginx routing', () => {
  test('the tutorial Ingress: http redirects to https (308), rewrite-target sends every path to /', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(tutorialIngress);
    // Without its Secret the host stays on http (ingress-nginx#6238).
    expect(ingress.handle(get('app.example.com', '/'), echo).response.status).toBe(200);
    store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls-secret' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': '-----BEGIN CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\n' } });
    const redirect = ingress.handle(get('app.example.com', '/api/users'), echo).response;
    expect(redirect.status).toBe(308);
    expect(redirect.headers.find(([k]) => k === 'Location')?.[1]).toBe('https://app.example.com/api/users');
    expect(redirect.body).toBe('<html>\r\n<head><title>308 Permanent Redirect</title></head>\r\n<body>\r\n<center><h1>308 Permanent Redirect</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    const api = ingress.handle(get('app.example.com', '/api/users?page=2', 'https'), echo);
    expect(api.response.body).toBe('10.244.1.21:3000 /?page=2 host=app.example.com');
    expect(api.trace).toMatchObject({ ingress: 'default/my-app-ingress', location: '~* /api', backend: 'default/api-svc:80', uri: '/?page=2', status: 200 });
    expect(api.response.headers.map(([k]) => k)).toEqual(['Date', 'Content-Type', 'Connection', 'Strict-Transport-Security']);
    expect(ingress.handle(get('app.example.com', '/dashboard', 'https'), echo).trace.backend).toBe('default/my-app-svc:80');
  });

  test('TLS: a missing Secret or one without a key pair falls back to the fake certificate, and says so', () => {
    const { store, ingress, get, engine } = ingressCluster();
    store.create(tutorialIngress);
    expect(ingress.handle(get('app.example.com', '/', 'https'), echo).trace.certificate).toBe(FAKE_CERTIFICATE_SUBJECT);
    const logs = () => engine.log.records().filter((r) => r.type === 'ingress.log').map((r) => r.message);
    expect(logs()).toContain('Error getting SSL certificate "default/tls-secret": local SSL certificate default/tls-secret was not found. Using default certificate');
    store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls-secret' }, stringData: { password: 'x' } });
    expect(ingress.handle(get('app.example.com', '/', 'https'), echo).trace.certificate).toBe(FAKE_CERTIFICATE_SUBJECT);
    expect(ingress.handle(get('app.example.com', '/'), echo).response.status).toBe(200);
    expect(logs()).toContain('Error getting SSL certificate "default/tls-secret": no keypair or CA cert could be found in default/tls-secret. Using default certificate');
    store.delete('Secret', 'default', 'tls-secret');
    store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls-secret' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': '-----BEGIN CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\n' } });
    expect(ingress.handle(get('app.example.com', '/', 'https'), echo).trace.certificate).toBe('secret default/tls-secret');
    expect(ingress.handle(get('app.example.com', '/'), echo).response.status).toBe(308);
  });

  test('a tls entry without secretName redirects and serves the default certificate', () => {
    const { store, ingress, get } = ingressCluster();
    const ing = plain('t', 'default-cert.example.com', [{ path: '/', pathType: 'Prefix', service: 'my-app-svc' }]);
    store.create({ ...ing, spec: { ...ing.spec, tls: [{ hosts: ['default-cert.example.com'] }] } });
    expect(ingress.handle(get('default-cert.example.com', '/'), echo).response.status).toBe(308);
    expect(ingress.handle(get('default-cert.example.com', '/', 'https'), echo).trace.certificate).toBe(FAKE_CERTIFICATE_SUBJECT);
  });

  test('Exact beats Prefix; the longest prefix wins; Prefix matches by path element', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(plain('a', 'shop.example.com', [
      { path: '/', pathType: 'Prefix', service: 'my-app-svc' },
      { path: '/api', pathType: 'Prefix', service: 'api-svc' },
      { path: '/api/health', pathType: 'Exact', service: 'my-app-svc' },
    ]));
    const backend = (path: string) => ingress.handle(get('shop.example.com', path), echo).trace.backend;
    expect(backend('/api')).toBe('default/api-svc:80');
    expect(backend('/api/v1/items')).toBe('default/api-svc:80');
    expect(backend('/api/health')).toBe('default/my-app-svc:80');
    expect(backend('/api/health/deep')).toBe('default/api-svc:80');
    expect(backend('/apis')).toBe('default/my-app-svc:80');
    expect(ingress.handle(get('shop.example.com', '/api/v1'), echo).response.body).toBe('10.244.1.21:3000 /api/v1 host=shop.example.com');
  });

  test('ImplementationSpecific is a plain prefix; an Exact path alone does not match below it', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(plain('b', 'x.example.com', [{ path: '/api', pathType: 'ImplementationSpecific', service: 'api-svc' }, { path: '/exact', pathType: 'Exact', service: 'my-app-svc' }]));
    expect(ingress.handle(get('x.example.com', '/apis'), echo).trace.backend).toBe('default/api-svc:80');
    expect(ingress.handle(get('x.example.com', '/exact/more'), echo).response.status).toBe(404);
  });

  test('rewrite-target with capture groups', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(plain('c', 'r.example.com', [{ path: '/something(/|$)(.*)', pathType: 'ImplementationSpecific', service: 'api-svc' }], { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }));
    expect(ingress.handle(get('r.example.com', '/something/new'), echo).trace.uri).toBe('/new');
    expect(ingress.handle(get('r.example.com', '/something'), echo).trace.uri).toBe('/');
  });

  test('an unknown host gets the default backend: nginx’s 404 page', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(tutorialIngress);
    const { response, trace } = ingress.handle(get('nothing.example.com', '/'), echo);
    expect(response).toEqual({
      status: 404,
      headers: [['Date', 'Wed, 01 Jan 2025 00:00:00 GMT'], ['Content-Type', 'text/html'], ['Content-Length', '146'], ['Connection', 'keep-alive']],
      body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    });
    expect(trace.server).toBe('_');
  });

  test('a backend without endpoints, or a missing Service: 503; refused upstreams: 502', () => {
    const { store, ingress, get, engine } = ingressCluster();
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
    store.create(plain('d', 'e.example.com', [{ path: '/', pathType: 'Prefix', service: 'empty' }, { path: '/ghost', pathType: 'Prefix', service: 'ghost' }, { path: '/app', pathType: 'Prefix', service: 'my-app-svc' }]));
    engine.runUntilIdle();
    const unavailable = ingress.handle(get('e.example.com', '/'), echo).response;
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toContain('<center><h1>503 Service Temporarily Unavailable</h1></center>');
    expect(ingress.handle(get('e.example.com', '/ghost'), echo).response.status).toBe(503);
    expect(engine.log.records().some((r) => r.type === 'ingress.log' && r.message === 'Error obtaining Endpoints for Service "default/ghost": no object matching key "default/ghost" in local store')).toBe(true);
    expect(ingress.handle(get('e.example.com', '/app'), () => 'refused').response.status).toBe(502);
    expect(ingress.handle(get('e.example.com', '/app'), () => 'timeout').response.status).toBe(504);
  });

  test('endpoints are taken round robin, a refused one retried on the next', () => {
    const { store, ingress, get } = ingressCluster();
    store.create(plain('e', 'rr.example.com', [{ path: '/', pathType: 'Prefix', service: 'my-app-svc' }]));
    const endpoints = Array.from({ length: 4 }, () => ingress.handle(get('rr.example.com', '/'), echo).trace.endpoint);
    expect(endpoints).toEqual(['10.244.1.11:3000', '10.244.2.12:3000', '10.244.1.11:3000', '10.244.2.12:3000']);
    const flaky: Upstream = (ip, port, request) => (ip === '10.244.1.11' ? 'refused' : echo(ip, port, request));
    for (let i = 0; i < 3; i++) expect(ingress.handle(get('rr.example.com', '/'), flaky).trace.endpoint).toBe('10.244.2.12:3000');
  });

  test('Ingresses of another class (or none) are not served', () => {
    const { store, ingress, get } = ingressCluster();
    const other = plain('f', 'o.example.com', [{ path: '/', pathType: 'Prefix', service: 'my-app-svc' }]);
    store.create({ ...other, spec: { ...other.spec, ingressClassName: 'traefik' } });
    store.create({ ...plain('g', 'n.example.com', [{ path: '/', pathType: 'Prefix', service: 'my-app-svc' }]), spec: { rules: other.spec!.rules! } });
    expect(ingress.handle(get('o.example.com', '/'), echo).response.status).toBe(404);
    expect(ingress.handle(get('n.example.com', '/'), echo).response.status).toBe(404);
    expect(ingress.servesHost('o.example.com')).toBe(false);
  });

  test('a Sync event at once; the address `localhost` on the next 60 s status cycle', () => {
    const { store, engine } = ingressCluster();
    store.create(tutorialIngress);
    engine.runFor(100);
    expect(store.list('Event').items.map((e) => [e.reason, e.message, e.source?.component])).toEqual([['Sync', 'Scheduled for sync', 'nginx-ingress-controller']]);
    expect(store.get('Ingress', 'default', 'my-app-ingress').status?.loadBalancer?.ingress).toBeUndefined();
    engine.runUntil(60_000);
    expect(store.get('Ingress', 'default', 'my-app-ingress').status!.loadBalancer!.ingress).toEqual([{ hostname: 'localhost' }]);
    expect(store.list('Event').items).toHaveLength(1);
  });
});

describe('HTTP dates', () => {
  test('weekday and format of RFC 7231', async () => {
    const { httpDate } = await import('@dockyard/runtime');
    expect(httpDate(Date.UTC(2026, 10, 26, 10, 36))).toBe('Thu, 26 Nov 2026 10:36:00 GMT');
    expect(httpDate(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('Thu, 29 Feb 2024 23:59:59 GMT');
    expect(httpDate(Date.UTC(2000, 0, 1))).toBe('Sat, 01 Jan 2000 00:00:00 GMT');
  });
});
