// Claims with the real kube-scheduler and kubelets: the default class `standard` waits for the
// first consumer, local-path provisions the volume on that pod's node and the kubelet mounts its
// directory; the data outlives the pod. ReadWriteOnce: the next pod of the claim runs on the same
// node, one pinned to another node stays Pending (volume node affinity conflict); ReadWriteOncePod:
// a second pod anywhere stays Pending.
import { describe, expect, test } from 'vitest';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

const claim = (name: string, accessModes = ['ReadWriteOnce']) =>
  ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes, resources: { requests: { storage: '1Gi' } } },
  }) as const;

const user = (name: string, claimName: string, script: string, nodeSelector?: Record<string, string>) =>
  podManifest(name, {
    containers: [{ name: 'sh', image: 'busybox', command: ['sh', '-c', script], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    ...(nodeSelector === undefined ? {} : { nodeSelector }),
  });

const running = (c: ReturnType<typeof kubeletCluster>, name: string) => c.pod(name).status?.containerStatuses?.[0]?.state?.running !== undefined;

describe('persistent volumes with real pods', () => {
  test('binding waits for the first consumer, provisions on its node; the data outlives the pod', () => {
    const c = kubeletCluster();
    c.apply(claim('data'));
    c.engine.runFor(5000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data').status!.phase).toBe('Pending');
    expect(c.events('PersistentVolumeClaim', 'data')).toEqual(['WaitForFirstConsumer waiting for first consumer to be created before binding']);

    c.apply(user('writer', 'data', 'echo kept > /data/file && sleep 3600'));
    c.runUntil(() => running(c, 'writer'));
    const pvc = c.store.get('PersistentVolumeClaim', 'default', 'data');
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const node = c.pod('writer').spec!.nodeName!;
    expect(pvc.metadata!.annotations!['volume.kubernetes.io/selected-node']).toBe(node);
    const pv = c.store.get('PersistentVolume', undefined, pvc.spec!.volumeName!);
    expect(pv.spec!.nodeAffinity!.required!.nodeSelectorTerms[0]!.matchExpressions![0]!.values).toEqual([node]);

    c.engine.runFor(2000);
    c.store.delete('Pod', 'default', 'writer');
    c.runUntil(() => c.store.tryGet('Pod', 'default', 'writer') === undefined);
    c.apply(user('reader', 'data', 'cat /data/file && sleep 3600'));
    c.runUntil(() => running(c, 'reader'));
    c.engine.runFor(1000);
    expect(c.pod('reader').spec!.nodeName).toBe(node);
    const ref = c.cluster.containerRef('default', 'reader', 'sh')!;
    expect(ref.runtime.logs(ref.containerId).map(([, text]) => text).join('')).toBe('kept\n');
  });

  test('ReadWriteOnce: a second pod shares the node; one pinned to another node stays Pending', () => {
    const c = kubeletCluster();
    c.apply(claim('data'));
    c.apply(user('first', 'data', 'sleep 3600'));
    c.runUntil(() => running(c, 'first'));
    const node = c.pod('first').spec!.nodeName!;
    c.apply(user('second', 'data', 'sleep 3600'));
    c.runUntil(() => running(c, 'second'));
    expect(c.pod('second').spec!.nodeName).toBe(node);

    const elsewhere = c.cluster.nodeNames.find((n) => n !== node)!;
    c.apply(user('pinned', 'data', 'sleep 3600', { 'kubernetes.io/hostname': elsewhere }));
    c.engine.runFor(30_000);
    expect(c.row('pinned')).toEqual({ ready: '0/1', status: 'Pending', restarts: '0' });
    expect(c.events('Pod', 'pinned')).toEqual([
      "FailedScheduling 0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ]);
    expect(c.row('first')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  test('ReadWriteOncePod: a second pod of the claim stays Pending while the first runs', () => {
    const c = kubeletCluster();
    c.apply(claim('solo', ['ReadWriteOncePod']));
    c.apply(user('a', 'solo', 'sleep 3600'));
    c.runUntil(() => running(c, 'a'));
    c.apply(user('b', 'solo', 'sleep 3600'));
    c.engine.runFor(30_000);
    expect(c.row('b')).toEqual({ ready: '0/1', status: 'Pending', restarts: '0' });
    expect(c.events('Pod', 'b')[0]).toMatch(/^FailedScheduling 0\/3 nodes are available: .*node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode/);
  });
});
