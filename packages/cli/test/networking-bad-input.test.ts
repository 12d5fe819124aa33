// Bad input to the networking and storage side gets the real status or error, and nothing else
// breaks: a Service selecting nothing (no endpoints, connections refused), an Ingress to a missing
// Service (describe's error, a 503), a claim no StorageClass can satisfy (Pending with the PV
// controller's event), a Secret with a bad base64 value (the API server's BadRequest). Beside them
// a working nginx behind its own Ingress keeps answering.
import { describe, expect, test } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';
import { manifest, WEB_SERVICE, webDeployment, webIngress } from './support/web-app.ts';

const GOOD = manifest(webDeployment(), WEB_SERVICE, webIngress('good.example.com'));

const BAD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: fast-claim
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: ghost
spec:
  selector: { app: ghost }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: to-missing
spec:
  ingressClassName: nginx
  rules:
    - host: missing.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: missing, port: { number: 80 } } } }
`;

const BAD_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: bad
data:
  username: YWRtaW4=
  password: not-base64!
`;

describe('bad networking and storage input', () => {
  test('each gets the real status or error, and the working app beside them keeps answering', async () => {
    const { run, write, advance, world } = kubectlSession();
    write('good.yaml', GOOD);
    write('bad.yaml', BAD);
    write('bad-secret.yaml', BAD_SECRET);
    expect((await run('kubectl apply -f good.yaml')).status).toBe(0);
    advance(30_000);

    expect(await run('kubectl apply -f bad-secret.yaml')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (BadRequest): error when creating "bad-secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n',
    });
    expect(await run('kubectl get secret bad')).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): secrets "bad" not found\n' });

    expect((await run('kubectl apply -f bad.yaml')).stdout).toBe('persistentvolumeclaim/fast-claim created\nservice/ghost created\ningress.networking.k8s.io/to-missing created\n');
    advance(30_000);

    // The claim: Pending, with the PV controller's reason.
    expect((await run('kubectl get pvc fast-claim')).stdout).toMatch(/\nfast-claim +Pending +fast +<unset> +30s\n$/);
    expect((await run('kubectl describe pvc fast-claim')).stdout).toMatch(/\n {2}Warning +ProvisioningFailed +30s +persistentvolume-controller +storageclass\.storage\.k8s\.io "fast" not found\n$/);

    // The Service selecting nothing: no endpoints; kube-proxy rejects its address.
    expect((await run('kubectl get endpoints ghost')).stdout).toBe('NAME    ENDPOINTS   AGE\nghost   <none>      30s\n');
    const ghostIp = world.cluster.store.get('Service', 'default', 'ghost').spec!.clusterIP!;
    for (const node of world.cluster.nodeNames) expect(world.cluster.dataPlane.route(node, '10.244.1.9', ghostIp, 80)).toMatchObject({ verdict: 'reject', service: 'default/ghost' });
    // From a pod: refused at once, as the REJECT rule answers; by name through the cluster DNS.
    expect(await run('kubectl exec deploy/web -- curl -sS http://ghost')).toMatchObject({ status: 7, stderr: expect.stringMatching(/^curl: \(7\) Failed to connect to ghost port 80 after 0 ms: Couldn't connect to server\n/) });
    expect((await run('kubectl exec deploy/web -- curl -s http://web.default.svc.cluster.local/')).stdout).toContain('<title>Welcome to nginx!</title>');

    // The Ingress to a missing Service: describe names the error; requests get ingress-nginx's 503.
    expect((await run('kubectl describe ingress to-missing')).stdout).toContain('  missing.example.com  \n                       /   missing:80 (<error: services "missing" not found>)\n');
    expect((await run('curl -s -o /dev/null -w %{http_code} http://missing.example.com/')).stdout).toBe('503');

    // Nothing else broke.
    expect((await run('curl -s http://good.example.com/')).stdout).toContain('<title>Welcome to nginx!</title>');
    expect((await run('kubectl get deployment web')).stdout).toMatch(/\nweb +1\/1 +1 +1 /);
    expect((await run('kubectl get endpoints web')).stdout).toMatch(/\nweb +10\.244\.\d\.\d+:80 +/);
  });
});
