// Pods the volume plugins rejected wait in unschedulablePods until an event VolumeBinding or
// VolumeRestrictions registered (volume_binding.go / volumerestrictions.go EventsToRegister):
// the PersistentVolumeClaim they use added or updated, a PersistentVolume added or updated, a
// StorageClass added (or its allowedTopologies changed). Claim events wake only the pods that use
// that claim, in its namespace; pods other plugins rejected do not move. A woken pod still backing
// off (1 s after its first attempt) goes to backoffQ, else to activeQ.

import { SeededRandom } from '@dockyard/runtime';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { KubeScheduler } from '../src/index.ts';
import type { VolumeLister } from '../src/kube-scheduler/volume-lister.ts';
import { makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

/** Claims, volumes and classes as a test sets them. */
function volumes() {
  const claims = new Map<string, PersistentVolumeClaim>();
  const pvs = new Map<string, PersistentVolume>();
  const classes = new Map<string, StorageClass>();
  const lister: VolumeLister = {
    claim: (namespace, name) => claims.get(`${namespace}/${name}`),
    volume: (name) => pvs.get(name),
    storageClass: (name) => classes.get(name),
    availableVolumes: () => [...pvs.values()].filter((pv) => pv.status?.phase === 'Available'),
  };
  return { claims, pvs, classes, lister };
}

const claim = (name: string, namespace = 'default', storageClassName = 'standard'): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName },
});

const standard: StorageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };

const usesClaim = (name: string, claimName: string, namespace = 'default') =>
  makePod(name, { namespace, spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } });

function scheduler() {
  const v = volumes();
  v.classes.set('standard', standard);
  const s = new KubeScheduler({ random: new SeededRandom(1), volumes: v.lister });
  s.onNode('ADDED', makeNode('node-1'), 0);
  return { ...v, s };
}

describe('pods waiting for their volumes', () => {
  it('a missing claim parks the pod until that claim is created; then it is scheduled at once', () => {
    const { s, claims } = scheduler();
    const pod = usesClaim('web', 'data');
    s.onPod('ADDED', pod, 0);
    const first = s.scheduleNext(0)!;
    expect(first.event.message).toBe('0/1 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    expect(s.queue.where(pod.metadata!.uid!)).toBe('unschedulablePods');

    // Another namespace's "data", and another claim of this namespace, are not the pod's.
    const elsewhere = claim('data', 'other');
    claims.set('other/data', elsewhere);
    s.onPersistentVolumeClaim('ADDED', elsewhere, 3000);
    const other = claim('logs');
    claims.set('default/logs', other);
    s.onPersistentVolumeClaim('ADDED', other, 3000);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('unschedulablePods');

    const data = claim('data');
    claims.set('default/data', data);
    s.onPersistentVolumeClaim('ADDED', data, 5000);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('activeQ');
    expect(s.hasWork(5000)).toBe(true);
    const second = s.scheduleNext(5000)!;
    expect(second.bindTo).toBe('node-1');
    expect(second.event.message).toBe('Successfully assigned default/web to node-1');
  });

  it('a claim that appears within the 1 s backoff sends the pod to backoffQ, tried when activeQ is empty', () => {
    const { s, claims } = scheduler();
    const pod = usesClaim('web', 'data');
    s.onPod('ADDED', pod, 0);
    s.scheduleNext(0);
    const data = claim('data');
    claims.set('default/data', data);
    s.onPersistentVolumeClaim('ADDED', data, 400);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('backoffQ');
    // SchedulerPopFromBackoffQ: nothing else is active, so the pod is popped before its backoff ends.
    expect(s.scheduleNext(400)!.bindTo).toBe('node-1');
  });

  it('an unbound Immediate claim waits for its update (bound by the PV controller); a PV appearing wakes it too', () => {
    const { s, claims, pvs } = scheduler();
    const pod = usesClaim('db', 'data');
    const unbound = claim('data', 'default', '');
    claims.set('default/data', unbound);
    s.onPod('ADDED', pod, 0);
    expect(s.scheduleNext(0)!.event.message).toBe('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');

    const pv: PersistentVolume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } }, status: { phase: 'Available' } };
    pvs.set('pv-1', pv);
    s.onPersistentVolume('ADDED', pv, 2000);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('activeQ');
    expect(s.scheduleNext(2000)!.event.reason).toBe('FailedScheduling'); // the claim is still unbound

    const bound: PersistentVolumeClaim = { ...unbound, spec: { ...unbound.spec, volumeName: 'pv-1' }, status: { phase: 'Bound' } };
    claims.set('default/data', bound);
    s.onPersistentVolumeClaim('MODIFIED', bound, 2500, unbound);
    // Second attempt at 2 s: backing off 2 s, until 4 s.
    expect(s.queue.where(pod.metadata!.uid!)).toBe('backoffQ');
    expect(s.queue.backoffExpiration(s.queue.info(pod.metadata!.uid!)!)).toBe(4000);
    expect(s.scheduleNext(2500)!.bindTo).toBe('node-1');
  });

  it('a StorageClass added wakes the pod; one updated without new allowedTopologies does not', () => {
    const { s, claims, classes } = scheduler();
    const pod = usesClaim('web', 'fast-data');
    claims.set('default/fast-data', claim('fast-data', 'default', 'fast'));
    s.onPod('ADDED', pod, 0);
    expect(s.scheduleNext(0)!.event.reason).toBe('FailedScheduling'); // no class "fast": an unbound Immediate claim

    const relabelled: StorageClass = { ...standard, metadata: { name: 'standard', labels: { tier: 'hdd' } } };
    s.onStorageClass('MODIFIED', relabelled, 2000, standard);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('unschedulablePods');
    const zoned: StorageClass = { ...standard, allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a'] }] }] };
    s.onStorageClass('MODIFIED', zoned, 2000, standard);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('activeQ');
    s.scheduleNext(2000);

    const fast: StorageClass = { ...standard, metadata: { name: 'fast' } };
    classes.set('fast', fast);
    s.onStorageClass('ADDED', fast, 5000);
    expect(s.scheduleNext(5000)!.bindTo).toBe('node-1');
  });

  it('volume events leave pods other plugins rejected where they are', () => {
    const { s, claims } = scheduler();
    const big = makePod('big', { cpu: '64' });
    s.onPod('ADDED', big, 0);
    expect(s.scheduleNext(0)!.result.status).toBe('Unschedulable');
    const data = claim('data');
    claims.set('default/data', data);
    s.onPersistentVolumeClaim('ADDED', data, 3000);
    s.onPersistentVolume('ADDED', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' } }, 3000);
    s.onStorageClass('ADDED', { ...standard, metadata: { name: 'other' } }, 3000);
    expect(s.queue.where(big.metadata!.uid!)).toBe('unschedulablePods');
    // A node is still the event that may help it.
    s.onNode('ADDED', makeNode('node-2', { cpu: '96' }), 4000);
    expect(s.queue.where(big.metadata!.uid!)).toBe('activeQ');
  });

  it('deleting a claim wakes nobody', () => {
    const { s, claims } = scheduler();
    const pod = usesClaim('web', 'data');
    s.onPod('ADDED', pod, 0);
    s.scheduleNext(0);
    const data = claim('data');
    claims.set('default/data', data);
    s.onPersistentVolumeClaim('DELETED', data, 3000);
    expect(s.queue.where(pod.metadata!.uid!)).toBe('unschedulablePods');
  });
});
