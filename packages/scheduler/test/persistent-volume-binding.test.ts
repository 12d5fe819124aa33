import { SeededRandom } from '@dockyard/runtime';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import {
  claimMount,
  claimsBound,
  installDefaultStorageClass,
  KubeScheduler,
  LocalPathProvisioner,
  PersistentVolumeController,
  preBindVolumes,
  RWOP_CONFLICT,
  EventRecorder,
  storeVolumeLister,
} from '../src/index.ts';
import { networkingCluster } from './fixtures/networking-cluster.ts';

function storageCluster() {
  const c = networkingCluster(6);
  installDefaultStorageClass(c.store);
  new PersistentVolumeController(c.engine, c.store, { events: new EventRecorder(c.engine, c.store, { component: 'persistentvolume-controller' }) });
  new LocalPathProvisioner(c.engine, c.store, { events: new EventRecorder(c.engine, c.store, { component: 'rancher.io/local-path' }) });
  c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my-app' } });
  const scheduler = new KubeScheduler({ random: new SeededRandom(1), volumes: storeVolumeLister(c.store) });
  for (const node of c.store.list('Node').items) scheduler.onNode('ADDED', node as never, 0);
  const events = (name: string) => c.store.list('Event', { namespace: 'my-app' }).items.filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { ...c, scheduler, events };
}

/** The tutorial's postgres-pvc. */
const postgresPvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'postgres-pvc', namespace: 'my-app' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard' } } as const;

const postgresPod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'my-app', uid: `uid-${name}` },
  spec: { containers: [{ name: 'postgres', image: 'postgres:16-alpine' }], volumes: [{ name: 'postgres-storage', persistentVolumeClaim: { claimName: 'postgres-pvc' } }] },
});

describe('StorageClass standard and dynamic provisioning', () => {
  test('kind’s default class', () => {
    const { store } = storageCluster();
    expect(store.get('StorageClass', undefined, 'standard')).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    const claim = store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'my-app' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(claim.spec!.storageClassName).toBe('standard');
  });

  test('the tutorial’s PVC waits for its first consumer, then is provisioned on the pod’s node and bound', () => {
    const { store, engine, scheduler, events } = storageCluster();
    store.create(postgresPvc);
    engine.runFor(5000);
    expect(store.get('PersistentVolumeClaim', 'my-app', 'postgres-pvc').status!.phase).toBe('Pending');
    expect(events('postgres-pvc')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);

    const pod = postgresPod('postgres-1');
    scheduler.onPod('ADDED', pod, engine.now);
    const outcome = scheduler.scheduleNext(engine.now)!;
    const node = outcome.result.status === 'Scheduled' ? outcome.result.node : undefined;
    expect(node).toBeDefined();
    preBindVolumes(store, pod, node!);
    expect(claimsBound(store, pod)).toBe(false);
    engine.runFor(5000);
    expect(claimsBound(store, pod)).toBe(true);

    const pvc = store.get('PersistentVolumeClaim', 'my-app', 'postgres-pvc');
    const volumeName = `pvc-${pvc.metadata!.uid}`;
    expect(pvc.spec!.volumeName).toBe(volumeName);
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
    expect(pvc.metadata!.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/selected-node': node, 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    const pv = store.get('PersistentVolume', undefined, volumeName);
    expect(pv.status!.phase).toBe('Bound');
    expect(pv.spec).toMatchObject({
      hostPath: { path: `/var/local-path-provisioner/${volumeName}_my-app_postgres-pvc`, type: 'DirectoryOrCreate' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    });
    expect(events('postgres-pvc').slice(1)).toEqual([
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Normal Provisioning External provisioner is provisioning volume for claim "my-app/postgres-pvc"',
      `Normal ProvisioningSucceeded Successfully provisioned volume ${volumeName}`,
    ]);
    expect(claimMount(store, pod, pod.spec!.volumes![0]!)).toEqual({ ok: true, volume: volumeName, node, hostPath: `/var/local-path-provisioner/${volumeName}_my-app_postgres-pvc`, readOnly: false });
  });

  test('a ReadWriteOnce volume in use on one node keeps the next pod of the claim on that node', () => {
    const { store, engine, scheduler } = storageCluster();
    store.create(postgresPvc);
    const first = postgresPod('postgres-1');
    scheduler.onPod('ADDED', first, engine.now);
    const placed = scheduler.scheduleNext(engine.now)!;
    const node = placed.result.status === 'Scheduled' ? placed.result.node : '';
    scheduler.bindingSucceeded(first.metadata!.uid!);
    preBindVolumes(store, first, node);
    engine.runFor(5000);
    // Deleting the pod keeps the claim (and the data): its replacement must land on the same node.
    for (let i = 0; i < 5; i++) {
      const next = postgresPod(`postgres-${i + 2}`);
      scheduler.onPod('ADDED', next, engine.now);
      const result = scheduler.scheduleNext(engine.now)!.result;
      expect(result.status === 'Scheduled' && result.node).toBe(node);
      scheduler.onPod('DELETED', next, engine.now);
    }
    // A pod forced elsewhere cannot run.
    const elsewhere = ['node-1', 'node-2', 'node-3'].find((n) => n !== node)!;
    const pinned = postgresPod('postgres-pinned');
    pinned.spec!.nodeSelector = { 'kubernetes.io/hostname': elsewhere };
    scheduler.onPod('ADDED', pinned, engine.now);
    const refused = scheduler.scheduleNext(engine.now)!.result;
    expect(refused.status).toBe('Unschedulable');
    expect(refused.status === 'Unschedulable' && refused.message).toBe("0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });

  test('a ReadWriteOncePod claim serves one pod in the cluster', () => {
    const { store, engine, scheduler } = storageCluster();
    store.create({ ...postgresPvc, spec: { ...postgresPvc.spec, accessModes: ['ReadWriteOncePod'] } });
    const first = postgresPod('a');
    scheduler.onPod('ADDED', first, 0);
    const placed = scheduler.scheduleNext(0)!.result;
    scheduler.bindingSucceeded(first.metadata!.uid!);
    expect(placed.status).toBe('Scheduled');
    scheduler.onPod('ADDED', postgresPod('b'), 0);
    const second = scheduler.scheduleNext(0)!.result;
    expect(second.status === 'Unschedulable' && second.message).toContain(RWOP_CONFLICT);
    expect(engine.now).toBe(0);
  });

  test('claims nothing can satisfy: a missing class, an unsupported access mode, a missing claim', () => {
    const { store, engine, scheduler, events } = storageCluster();
    store.create({ ...postgresPvc, metadata: { name: 'fast', namespace: 'my-app' }, spec: { ...postgresPvc.spec, storageClassName: 'fast-ssd' } });
    store.create({ ...postgresPvc, metadata: { name: 'shared', namespace: 'my-app' }, spec: { ...postgresPvc.spec, accessModes: ['ReadWriteMany'] } });
    engine.runFor(1000);
    expect(events('fast')).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast-ssd" not found']);
    const pod = postgresPod('s');
    pod.spec!.volumes = [{ name: 'd', persistentVolumeClaim: { claimName: 'shared' } }];
    preBindVolumes(store, pod, 'node-1');
    engine.runFor(5000);
    expect(events('shared').at(-1)).toBe('Warning ProvisioningFailed failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    expect(store.get('PersistentVolumeClaim', 'my-app', 'shared').status!.phase).toBe('Pending');
    const orphan = postgresPod('o');
    orphan.spec!.volumes = [{ name: 'd', persistentVolumeClaim: { claimName: 'nope' } }];
    scheduler.onPod('ADDED', orphan, engine.now);
    const result = scheduler.scheduleNext(engine.now)!.result;
    expect(result.status === 'Unschedulable' && result.message).toBe('0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  test('static volumes: the smallest that fits is bound; reclaim Retain keeps it Released, Delete removes it', () => {
    const { store, engine } = storageCluster();
    const pv = (name: string, size: string, reclaim: string) =>
      store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: reclaim, storageClassName: 'manual', hostPath: { path: `/data/${name}` } } });
    pv('big', '20Gi', 'Retain');
    pv('small', '5Gi', 'Retain');
    pv('tiny', '1Gi', 'Retain');
    engine.runFor(100);
    expect(store.get('PersistentVolume', undefined, 'small').status!.phase).toBe('Available');
    store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'claim', namespace: 'my-app' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, storageClassName: 'manual' } });
    engine.runFor(100);
    expect(store.get('PersistentVolumeClaim', 'my-app', 'claim').spec!.volumeName).toBe('small');
    expect(store.get('PersistentVolume', undefined, 'small').spec!.claimRef).toMatchObject({ name: 'claim', namespace: 'my-app' });
    store.delete('PersistentVolumeClaim', 'my-app', 'claim');
    engine.runFor(5000);
    expect(store.get('PersistentVolume', undefined, 'small').status!.phase).toBe('Released');
  });

  test('a dynamically provisioned volume goes with its claim (reclaim Delete)', () => {
    const { store, engine } = storageCluster();
    store.create(postgresPvc);
    preBindVolumes(store, postgresPod('p'), 'node-1');
    engine.runFor(5000);
    const name = store.get('PersistentVolumeClaim', 'my-app', 'postgres-pvc').spec!.volumeName!;
    store.delete('PersistentVolumeClaim', 'my-app', 'postgres-pvc');
    engine.runFor(1000);
    expect(store.get('PersistentVolume', undefined, name).status!.phase).toBe('Released');
    engine.runFor(5000);
    expect(store.tryGet('PersistentVolume', undefined, name)).toBeUndefined();
  });
});
