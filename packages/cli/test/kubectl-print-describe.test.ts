// kubectl describe, byte for byte against the stock kubectl client: describe runs client-side,
// so the loopback fake API server hands kubectl the same objects and events our describers get.
// Ages depend on the wall clock there, so objects are placed relative to it and our page is
// rendered just before and just after kubectl runs. Skipped without kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { describeObject } from '../src/kubectl/printers/describe/describe.ts';
import { describePod } from '../src/kubectl/printers/describe/pod.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { describeObjects } from './fixtures/kubectl-print/describe-objects.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const wallNow = (): number => Date.now() - VIRTUAL_EPOCH_MS;
const objects = describeObjects(wallNow());
const find = <T>(kind: string, name: string): T => objects.find((o) => o.kind === kind && o.metadata?.name === name) as T;
const eventsOf = (uid: string): Event[] => objects.filter((o) => o.kind === 'Event' && (o as Event).involvedObject.uid === uid) as Event[];

describe.skipIf(!kubectlInstalled)('kubectl describe matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(objects, wallNow);
  });
  afterAll(async () => {
    await server.close();
  });

  async function expectSame(args: string[], ours: (now: number) => string): Promise<void> {
    const before = ours(wallNow());
    const real = await runKubectl(server, args);
    const after = ours(wallNow());
    expect(real.stderr).toBe('');
    if (real.stdout !== before) expect(after).toBe(real.stdout);
  }

  it('describe pod: a crash-looping web pod that was OOM-killed, with its events', async () => {
    const pod = find<Pod>('Pod', 'web-7d4b9c8f5-abcde');
    await expectSame(['describe', 'pod', 'web-7d4b9c8f5-abcde'], (now) => describePod(pod, eventsOf('pod-uid-1'), now));
  });

  const cases: [string, string, string, string | undefined][] = [
    ['deployment', 'Deployment', 'web', 'default'],
    ['replicaset', 'ReplicaSet', 'web-7d4b9c8f5', 'default'],
    ['replicaset', 'ReplicaSet', 'web-5f6d8b7c9', 'default'],
    ['node', 'Node', 'node-1', undefined],
    ['service', 'Service', 'web', 'default'],
    ['configmap', 'ConfigMap', 'web-config', 'default'],
    ['pvc', 'PersistentVolumeClaim', 'web-data', 'default'],
    ['pv', 'PersistentVolume', 'pvc-1234', undefined],
    ['job', 'Job', 'migrate', 'default'],
    ['hpa', 'HorizontalPodAutoscaler', 'web', 'default'],
    ['namespace', 'Namespace', 'default', undefined],
    ['ingress', 'Ingress', 'web', 'default'],
    ['event', 'Event', 'web.1', 'default'],
    ['statefulset', 'StatefulSet', 'postgres', 'default'],
    ['daemonset', 'DaemonSet', 'log-agent', 'default'],
    ['cronjob', 'CronJob', 'backup', 'default'],
    ['serviceaccount', 'ServiceAccount', 'builder', 'default'],
    ['endpoints', 'Endpoints', 'web', 'default'],
    ['endpointslice', 'EndpointSlice', 'web-abc12', 'default'],
    ['ingressclass', 'IngressClass', 'nginx', undefined],
    ['storageclass', 'StorageClass', 'standard', undefined],
    ['rolebinding', 'RoleBinding', 'read-pods', 'default'],
    ['pod', 'Pod', 'busy', 'default'],
    ['pod', 'Pod', 'kitchen-sink', 'default'],
  ];
  for (const [type, kind, name] of cases) {
    it(`describe ${type} ${name}`, async () => {
      const object = find<KubeObject>(kind, name);
      await expectSame(['describe', type, name], (now) => describeObject(object, objects, now));
    });
  }

  it('describe secret lists every key with its size (kubectl walks them in random order; ours are sorted)', async () => {
    const secret = find<KubeObject>('Secret', 'db-credentials');
    const real = await runKubectl(server, ['describe', 'secret', 'db-credentials']);
    const sortedLines = (text: string): string[] => text.split('\n').sort();
    expect(sortedLines(describeObject(secret, objects, wallNow()))).toEqual(sortedLines(real.stdout));
    expect(describeObject(secret, objects, wallNow())).toContain('password:  15 bytes\nusername:  5 bytes\n');
  });

  it('describe pod --show-events=false', async () => {
    const pod = find<Pod>('Pod', 'web-7d4b9c8f5-abcde');
    await expectSame(['describe', 'pod', 'web-7d4b9c8f5-abcde', '--show-events=false'], (now) => describePod(pod, undefined, now));
  });
});

export type { KubeObject };
