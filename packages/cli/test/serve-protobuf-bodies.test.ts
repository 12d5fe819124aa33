// client-go's typed clients send built-in kinds as protobuf (`kubectl create deployment`,
// `create configmap`, ...). What the server stores must be what kubectl built: each generator's
// object, as `--dry-run=client -o json` shows it, is found field for field in the stored one.
// Hand-made bodies pin the decoder's rules: pointers keep zeros, unknown zero fields are skipped,
// unknown set fields and truncated bodies are refused.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from '../src/node/api-server/protobuf.ts';
import { HttpFailure } from '../src/node/api-server/status.ts';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { useServe } from './support/serve-dockyard.ts';

if (!kubectlInstalled) console.warn('serve-protobuf-bodies.test.ts: kubectl is not installed; skipping the kubectl create generators');

/** `kubectl create ...` argument lists: the generator's words and flags, then what follows `--`. */
const GENERATORS: readonly [string[], string[]][] = [
  [['create', 'namespace', 'team-a'], []],
  [['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=level=3'], []],
  [['create', 'secret', 'generic', 'db-credentials', '--from-literal=username=admin', '--from-literal=password=s3cret'], []],
  [['create', 'secret', 'docker-registry', 'regcred', '--docker-server=registry.example.com', '--docker-username=u', '--docker-password=p'], []],
  [['create', 'service', 'clusterip', 'api', '--tcp=5678:8080'], []],
  [['create', 'service', 'nodeport', 'web-np', '--tcp=80:8080', '--node-port=30080'], []],
  [['create', 'service', 'externalname', 'ext', '--external-name=example.com'], []],
  [['create', 'serviceaccount', 'builder'], []],
  [['create', 'deployment', 'web', '--image=nginx:1.25', '--image=redis:7-alpine', '--replicas=2', '--port=8080'], []],
  [['create', 'deployment', 'idle', '--image=busybox', '--replicas=0'], ['sleep', '3600']],
  [['create', 'job', 'once', '--image=busybox'], ['echo', 'hello']],
  [['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *'], ['date']],
  [['create', 'role', 'reader', '--verb=get,list', '--resource=pods', '--resource-name=web'], []],
  [['create', 'clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*'], []],
  [['create', 'rolebinding', 'read-pods', '--role=reader', '--user=bob', '--serviceaccount=default:builder'], []],
  [['create', 'clusterrolebinding', 'devs', '--clusterrole=logs', '--group=devs'], []],
  [['create', 'quota', 'small', '--hard=cpu=1,memory=1G,pods=2', '--scopes=BestEffort'], []],
  [['create', 'priorityclass', 'low', '--value=0', '--preemption-policy=Never'], []],
  [['create', 'poddisruptionbudget', 'web-pdb', '--selector=app=web', '--min-available=50%'], []],
  [['create', 'ingress', 'site', '--class=nginx', '--rule=foo.com/bar*=api:5678,tls=site-cert', '--default-backend=api:http'], []],
];

type Json = Record<string, unknown>;

/** Every leaf of `expected` (nulls aside), found with the same value in `actual`; the differences. */
function missing(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === null || expected === undefined) return [];
  if (typeof expected !== 'object') return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`];
  if (typeof actual !== 'object' || actual === null) return [`${path}: missing`];
  return Object.entries(expected as Json).flatMap(([key, value]) => missing(value, (actual as Json)[key], Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`));
}

describe.skipIf(!kubectlInstalled)('kubectl create generators over protobuf (needs kubectl on PATH)', () => {
  const serve = useServe();

  it.each(GENERATORS.map(([args, command]) => [args.slice(0, -1).join(' ') + ' ' + args[args.length - 1], args, command] as const))(
    'stores what `kubectl %s` built',
    async (_title, args, command) => {
      const dash = command.length > 0 ? ['--', ...command] : [];
      const dry = await serve.served.kubectl(...args, '--dry-run=client', '-o', 'json', ...dash);
      expect(dry.status).toBe(0);
      const created = await serve.served.kubectl(...args, '-o', 'json', ...dash);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const built = JSON.parse(dry.stdout) as Json;
      delete built['status'];
      expect(missing(built, JSON.parse(created.stdout))).toEqual([]);
    },
  );
});

// ---- hand-made bodies ----

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? byte : byte | 0x80);
  } while (v !== 0n);
  return out;
}

function field(number: number, value: number | bigint | string | number[]): number[] {
  if (typeof value === 'number' || typeof value === 'bigint') return [...varint(number << 3), ...varint(value)];
  const bytes = typeof value === 'string' ? [...new TextEncoder().encode(value)] : value;
  return [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes];
}

/** `k8s\0` + runtime.Unknown{typeMeta, raw}. */
function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, [...field(1, apiVersion), ...field(2, kind)]), ...field(2, raw)]);
}

function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpFailure) return `${error.status.code} ${error.status.message}`;
    throw error;
  }
  throw new Error('no failure');
}

describe('the protobuf decoder', () => {
  const metadata = field(1, [...field(1, 'web'), ...field(3, ''), ...field(7, 0), ...field(11, [...field(1, 'app'), ...field(2, 'web')])]);

  it('keeps a pointer set to zero and drops the zeros of plain fields', () => {
    // DeploymentSpec: replicas=0 (a pointer), minReadySeconds=0 (plain), paused=false (plain).
    const spec = field(2, [...field(1, 0), ...field(5, 0), ...field(7, 0)]);
    expect(decodeProtobufObject(envelope('apps/v1', 'Deployment', [...metadata, ...spec]))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 0 },
    });
  });

  it('reads negative numbers, IntOrStrings, quantities, bytes and times', () => {
    const port = (n: number, target: number[]) => field(1, [...field(3, n), ...field(4, target)]);
    const service = field(2, [...port(80, [...field(1, 0), ...field(2, 8080)]), ...port(443, [...field(1, 1), ...field(3, 'https')])]);
    expect(decodeProtobufObject(envelope('v1', 'Service', [...metadata, ...service])).spec).toEqual({
      ports: [
        { port: 80, targetPort: 8080 },
        { port: 443, targetPort: 'https' },
      ],
    });
    const quota = field(2, field(1, [...field(1, 'cpu'), ...field(2, field(1, '500m'))]));
    expect(decodeProtobufObject(envelope('v1', 'ResourceQuota', [...metadata, ...quota])).spec).toEqual({ hard: { cpu: '500m' } });
    const secret = field(2, [...field(1, 'key'), ...field(2, [0xff, 0x00])]);
    expect(decodeProtobufObject(envelope('v1', 'Secret', [...metadata, ...secret])).data).toEqual({ key: '/wA=' });
    const time = field(1, [...field(1, 'x'), ...field(8, field(1, 1735689600)), ...field(10, -1)]);
    expect(decodeProtobufObject(envelope('v1', 'Namespace', time)).metadata).toEqual({ name: 'x', creationTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: -1 });
  });

  it('skips unknown fields that hold only zeros and refuses ones that are set', () => {
    expect(decodeProtobufObject(envelope('v1', 'Namespace', [...metadata, ...field(99, 0), ...field(98, '')]))).toMatchObject({ metadata: { name: 'web' } });
    expect(failureOf(() => decodeProtobufObject(envelope('v1', 'Namespace', [...metadata, ...field(99, 7)])))).toBe(
      '400 Dockyard cannot read field 99 of the protobuf message Namespace; send the object as JSON (kubectl create -f / kubectl apply -f)',
    );
  });

  it('refuses truncated bodies, other prefixes and kinds it has no layout for', () => {
    const body = envelope('v1', 'Namespace', metadata);
    expect(failureOf(() => decodeProtobufObject(body.subarray(0, body.length - 3)))).toMatch(/^400 unable to decode protobuf message .*: unexpected end of data$/);
    expect(failureOf(() => decodeProtobufObject(Buffer.from('{"kind":"Pod"}')))).toBe(
      '400 provided object is not a protobuf message: the body does not start with the Kubernetes protobuf prefix',
    );
    expect(failureOf(() => decodeProtobufObject(envelope('v1', 'Pod', metadata)))).toBe(
      '400 Dockyard cannot read a Pod in v1 as protobuf; send it as JSON (kubectl create -f / kubectl apply -f)',
    );
  });
});
