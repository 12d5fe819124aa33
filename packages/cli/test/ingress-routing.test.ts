// ingress-nginx in front of real pods, as a user drives it: `kubectl apply` of Deployments,
// Services and an Ingress, then `dockyard curl` by host name. Host and path rules (Exact before
// Prefix, the longest prefix), the default backend's 404, a backend with no Service (503), and the
// TLS errors: a missing or wrong-typed secret means the controller's fake certificate (and its
// log line) with http left unredirected; a kubernetes.io/tls secret turns on the 308 redirect.
import { describe, expect, test } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';
import { manifest, WEB_SERVICE, webDeployment } from './support/web-app.ts';

const MANIFESTS = manifest(webDeployment({ replicas: 2, containerPort: 80 }), WEB_SERVICE, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: agnhost
          image: registry.k8s.io/e2e-test-images/agnhost:2.39
          args: [netexec, --http-port=8080]
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: { app: api }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
          - { path: /hostname, pathType: Exact, backend: { service: { name: api, port: { number: 80 } } } }
          - { path: /echo, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
          - { path: /orders, pathType: Prefix, backend: { service: { name: orders, port: { number: 80 } } } }
`);

const PEM = (kind: string) => `-----BEGIN ${kind}-----\nMIIBszCCAVmgAwIBAgIUZmFrZQ==\n-----END ${kind}-----\n`;

async function shop() {
  const s = kubectlSession();
  s.write('shop.yaml', MANIFESTS);
  expect((await s.run('kubectl apply -f shop.yaml')).stdout).toBe(
    'deployment.apps/web created\nservice/web created\ndeployment.apps/api created\nservice/api created\ningress.networking.k8s.io/shop created\n',
  );
  s.advance(60_000);
  const ingressLog = () =>
    s.world.engine.log
      .records()
      .filter((r) => r.type === 'ingress.log')
      .map((r) => String(r['message']));
  return { ...s, ingressLog };
}

describe('ingress-nginx routing to real pods', () => {
  test('host and path rules: Prefix /, Exact /hostname, Prefix /echo; the pods answer', async () => {
    const { run, world } = await shop();
    const home = await run('curl -s http://shop.example.com/');
    expect(home.stdout).toContain('<title>Welcome to nginx!</title>');
    const api = world.cluster.store.list('Pod', { namespace: 'default', labelSelector: 'app=api' }).items[0]!.metadata!.name!;
    expect((await run('curl -s http://shop.example.com/hostname')).stdout).toBe(api);
    expect((await run('curl -s http://shop.example.com/echo?msg=hi')).stdout).toBe('hi');
    // Exact: /hostname/x is not /hostname; it falls to the / prefix (nginx's 404 for a missing file).
    expect((await run('curl -s -o /dev/null -w %{http_code} http://shop.example.com/hostname/x')).stdout).toBe('404');
  });

  test('an unknown host gets the default backend’s 404; a name no Ingress serves does not resolve', async () => {
    const { run } = await shop();
    const other = await run('curl -s -H "Host: nobody.example.com" http://localhost/');
    expect(other.stdout).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    expect(await run('curl http://nobody.example.com/')).toMatchObject({ status: 6, stderr: 'curl: (6) Could not resolve host: nobody.example.com\n' });
  });

  test('a path to a Service that does not exist: 503, logged; the other paths keep working', async () => {
    const { run, ingressLog } = await shop();
    expect((await run('curl -s -o /dev/null -w %{http_code} http://shop.example.com/orders')).stdout).toBe('503');
    expect(ingressLog()).toContain('Error obtaining Endpoints for Service "default/orders": no object matching key "default/orders" in local store');
    expect((await run('curl -s -o /dev/null -w %{http_code} http://shop.example.com/')).stdout).toBe('200');
  });

  test('TLS: a missing secret, then an Opaque one: the fake certificate, http not redirected; a tls secret: 308 to https', async () => {
    const { run, ingressLog, write } = await shop();
    expect((await run('curl -sk https://shop.example.com/')).stdout).toContain('Welcome to nginx!');
    expect((await run('curl -s -o /dev/null -w %{http_code} http://shop.example.com/')).stdout).toBe('200');
    expect(ingressLog()).toContain('Error getting SSL certificate "default/shop-tls": local SSL certificate default/shop-tls was not found. Using default certificate');

    await run('kubectl create secret generic shop-tls --from-literal=password=x');
    await run('curl -sk https://shop.example.com/');
    expect(ingressLog()).toContain('Error getting SSL certificate "default/shop-tls": no keypair or CA cert could be found in default/shop-tls. Using default certificate');
    expect((await run('curl -s -o /dev/null -w %{http_code} http://shop.example.com/')).stdout).toBe('200');

    await run('kubectl delete secret shop-tls');
    write('tls.crt', PEM('CERTIFICATE'));
    write('tls.key', PEM('PRIVATE KEY'));
    expect((await run('kubectl create secret tls shop-tls --cert=tls.crt --key=tls.key')).stdout).toBe('secret/shop-tls created\n');
    const redirect = await run('curl -si http://shop.example.com/echo?msg=x');
    expect(redirect.stdout).toMatch(/^HTTP\/1\.1 308 Permanent Redirect\r\n/);
    expect(redirect.stdout).toContain('Location: https://shop.example.com/echo?msg=x\r\n');
    expect((await run('curl -skL http://shop.example.com/echo?msg=x')).stdout).toBe('x');
  });
});
