// A ConfigMap data key named `__proto__` is valid (`[-._a-zA-Z0-9]+`) and must come back like any
// other key: through kubectl apply, create and patch, the store, and -o yaml / -o json; and
// through `dockyard serve` for the stock kubectl (JSON, YAML and protobuf bodies).
import { describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { kubectlSession } from './support/kubectl-session.ts';
import { useServe } from './support/serve-dockyard.ts';

const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys\ndata:\n  __proto__: x\n  b: "y"\n';

describe('a ConfigMap key named __proto__', () => {
  it('is applied, read back with -o yaml and -o json, and changed by apply and patch', async () => {
    const { run, write } = kubectlSession();
    write('cm.yaml', MANIFEST);
    expect(await run('kubectl apply -f cm.yaml')).toEqual({ stdout: 'configmap/keys created\n', stderr: '', status: 0 });
    expect((await run('kubectl get configmap keys -o yaml')).stdout).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  __proto__: x',
        '  b: "y"',
        'kind: ConfigMap',
        'metadata:',
        '  annotations:',
        '    kubectl.kubernetes.io/last-applied-configuration: |',
        '      {"apiVersion":"v1","data":{"__proto__":"x","b":"y"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"keys","namespace":"default"}}',
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        '  name: keys',
        '  namespace: default',
        '  resourceVersion: "46"',
        '  uid: da172982-358b-46eb-a8d0-25f7435cec3e',
        '',
      ].join('\n'),
    );
    write('cm.yaml', MANIFEST.replace('__proto__: x', '__proto__: z'));
    expect((await run('kubectl apply -f cm.yaml')).stdout).toBe('configmap/keys configured\n');
    expect(JSON.parse((await run('kubectl get configmap keys -o json')).stdout).data).toEqual(JSON.parse('{"__proto__":"z","b":"y"}'));
    expect((await run(`kubectl patch configmap keys --type json -p '[{"op":"remove","path":"/data/__proto__"}]'`)).stdout).toBe('configmap/keys patched\n');
    expect((await run(`kubectl patch configmap keys --type merge -p '{"data":{"__proto__":"m"}}'`)).stdout).toBe('configmap/keys patched\n');
    expect((await run('kubectl get configmap keys -o jsonpath={.data}')).stdout).toBe('{"__proto__":"m","b":"y"}');
  });

  it('is created from a literal', async () => {
    const { run } = kubectlSession();
    expect(await run('kubectl create configmap lit --from-literal=__proto__=1')).toEqual({ stdout: 'configmap/lit created\n', stderr: '', status: 0 });
    expect((await run('kubectl get configmap lit -o jsonpath={.data}')).stdout).toBe('{"__proto__":"1"}');
  });
});

describe.skipIf(!kubectlInstalled)('a ConfigMap key named __proto__ through dockyard serve (needs kubectl on PATH)', () => {
  const serve = useServe();

  it('comes back from apply, create (a protobuf body) and patch as the stock kubectl sent it', async () => {
    expect((await serve.served.kubectlInput(MANIFEST, 'apply', '-f', '-')).stdout).toBe('configmap/keys created\n');
    expect((await serve.served.kubectl('get', 'configmap', 'keys', '-o', 'jsonpath={.data}')).stdout).toBe('{"__proto__":"x","b":"y"}');
    expect((await serve.served.kubectl('get', 'configmap', 'keys', '-o', 'go-template={{index .data "__proto__"}}')).stdout).toBe('x');
    expect((await serve.served.kubectl('patch', 'configmap', 'keys', '-p', '{"data":{"__proto__":"p"}}')).stdout).toBe('configmap/keys patched\n');
    expect((await serve.served.kubectl('get', 'configmap', 'keys', '-o', 'jsonpath={.data}')).stdout).toBe('{"__proto__":"p","b":"y"}');
    expect((await serve.served.kubectl('create', 'configmap', 'lit', '--from-literal=__proto__=1')).stdout).toBe('configmap/lit created\n');
    expect((await serve.served.kubectl('get', 'configmap', 'lit', '-o', 'jsonpath={.data}')).stdout).toBe('{"__proto__":"1"}');
  }, 120_000);
});
