// A StatefulSet as the Kubernetes "StatefulSet basics" tutorial shows it: pods web-0, web-1, web-2
// created one after another once the previous one is Running and Ready, each with its claim
// www-web-N made first; scaled down from the highest ordinal; rolled to a new template from the
// highest ordinal down (above the partition), through ControllerRevisions; Parallel pods at once.

import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { deepCopy } from '../src/index.ts';
import { controllerCluster } from './support/controller-cluster.ts';

function statefulSet(extra: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

const edit = (c: ReturnType<typeof controllerCluster>, change: (s: StatefulSet) => void) => {
  const s = deepCopy(c.store.get('StatefulSet', 'default', 'web')) as StatefulSet;
  change(s);
  c.store.update(s);
};
const created = (c: ReturnType<typeof controllerCluster>) => c.pods({ app: 'nginx' }).map((p) => `${p.metadata!.name} ${p.metadata!.creationTimestamp}`).sort();

describe('StatefulSet', () => {
  it('creates web-0, web-1, web-2 in order, each after the previous one is ready, claims first', () => {
    const c = controllerCluster();
    c.store.create(statefulSet());
    c.engine.runFor(20_000);
    // A pod is Running 1 s after it is bound and Ready 1 s later.
    expect(created(c)).toEqual(['web-0 2025-01-01T00:00:00Z', 'web-1 2025-01-01T00:00:02Z', 'web-2 2025-01-01T00:00:04Z']);
    expect(c.events('StatefulSet', 'web')).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    const pod = c.store.get('Pod', 'default', 'web-1');
    const revision = c.store.list('ControllerRevision', { namespace: 'default' }).items[0]!;
    expect(revision.metadata!.name).toMatch(/^web-[456789bcdf]{1,10}$/);
    expect(revision.revision).toBe(1);
    expect(pod.metadata!.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': revision.metadata!.name });
    expect(pod.spec!.hostname).toBe('web-1');
    expect(pod.spec!.subdomain).toBe('nginx');
    expect(pod.spec!.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const claim = c.store.get('PersistentVolumeClaim', 'default', 'www-web-1');
    expect(claim.metadata!.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata!.ownerReferences).toBeUndefined();
    expect(c.store.get('StatefulSet', 'default', 'web').status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: revision.metadata!.name,
      updateRevision: revision.metadata!.name,
      collisionCount: 0,
    });
  });

  it('waits for a pod that does not become ready', () => {
    const c = controllerCluster({ behaviour: (pod) => ({ readyAfterMs: pod.metadata!.name === 'web-1' ? null : 1000 }) });
    c.store.create(statefulSet());
    c.engine.runFor(60_000);
    expect(c.pods({ app: 'nginx' }).map((p) => p.metadata!.name).sort()).toEqual(['web-0', 'web-1']);
  });

  it('scales down from the highest ordinal, one pod at a time, keeping the claims', () => {
    const c = controllerCluster({ stopMs: 5000 });
    c.store.create(statefulSet());
    c.engine.runFor(20_000);
    edit(c, (s) => void (s.spec!.replicas = 1));
    c.engine.runFor(20_000);
    expect(c.events('StatefulSet', 'web').slice(6)).toEqual(['SuccessfulDelete delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete delete Pod web-1 in StatefulSet web successful']);
    const deletions = c.engine.log.records().filter((r) => r.type === 'statefulset-controller.delete-pod').map((r) => [r.pod, r.t]);
    // web-1 goes only once web-2 is gone (5 s to stop).
    expect(deletions).toEqual([
      ['web-2', 20_000],
      ['web-1', 25_000],
    ]);
    expect(c.pods({ app: 'nginx' }).map((p) => p.metadata!.name)).toEqual(['web-0']);
    expect(c.store.list('PersistentVolumeClaim', { namespace: 'default' }).items.map((p) => p.metadata!.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('rolls a new template out from the highest ordinal down, and only above the partition', () => {
    const c = controllerCluster();
    c.store.create(statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    c.engine.runFor(20_000);
    const [oldRevision] = c.store.list('ControllerRevision', { namespace: 'default' }).items.map((r) => r.metadata!.name);
    edit(c, (s) => void (s.spec!.template.spec!.containers[0]!.image = 'registry.k8s.io/nginx-slim:0.27'));
    c.engine.runFor(30_000);
    const images = () => Object.fromEntries(c.pods({ app: 'nginx' }).map((p) => [p.metadata!.name, p.spec!.containers[0]!.image]));
    expect(images()).toEqual({ 'web-0': 'registry.k8s.io/nginx-slim:0.24', 'web-1': 'registry.k8s.io/nginx-slim:0.27', 'web-2': 'registry.k8s.io/nginx-slim:0.27' });
    const updateRevision = c.store.get('StatefulSet', 'default', 'web').status!.updateRevision;
    expect(c.store.get('StatefulSet', 'default', 'web').status).toMatchObject({ currentRevision: oldRevision, currentReplicas: 1, updatedReplicas: 2 });
    expect(c.engine.log.records().filter((r) => r.type === 'statefulset-controller.delete-pod').map((r) => r.pod)).toEqual(['web-2', 'web-1']);
    // Partition 0: the last pod follows and the update becomes current.
    edit(c, (s) => void (s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }));
    c.engine.runFor(30_000);
    expect(images()['web-0']).toBe('registry.k8s.io/nginx-slim:0.27');
    expect(c.store.get('StatefulSet', 'default', 'web').status).toMatchObject({ currentRevision: updateRevision, updateRevision, currentReplicas: 3, updatedReplicas: 3 });
    expect(c.store.list('ControllerRevision', { namespace: 'default' }).items.map((r) => [r.metadata!.name, r.revision])).toEqual(
      [[oldRevision, 1], [updateRevision, 2]].sort(),
    );
  });

  it('goes back to an earlier template by renumbering its revision', () => {
    const c = controllerCluster();
    c.store.create(statefulSet());
    c.engine.runFor(20_000);
    const [first] = c.store.list('ControllerRevision', { namespace: 'default' }).items.map((r) => r.metadata!.name);
    edit(c, (s) => void (s.spec!.template.spec!.containers[0]!.image = 'registry.k8s.io/nginx-slim:0.27'));
    c.engine.runFor(30_000);
    edit(c, (s) => void (s.spec!.template.spec!.containers[0]!.image = 'registry.k8s.io/nginx-slim:0.24'));
    c.engine.runFor(30_000);
    expect(c.store.get('ControllerRevision', 'default', first!).revision).toBe(3);
    expect(c.store.get('StatefulSet', 'default', 'web').status!.currentRevision).toBe(first);
    expect(c.store.list('ControllerRevision', { namespace: 'default' }).items).toHaveLength(2);
  });

  it('with podManagementPolicy Parallel, creates every pod at once', () => {
    const c = controllerCluster();
    c.store.create(statefulSet({ podManagementPolicy: 'Parallel' }));
    c.engine.runFor(0);
    expect(created(c)).toEqual(['web-0 2025-01-01T00:00:00Z', 'web-1 2025-01-01T00:00:00Z', 'web-2 2025-01-01T00:00:00Z']);
  });

  it('recreates a pod that failed, with the same name and claim', () => {
    const c = controllerCluster();
    c.store.create(statefulSet({ replicas: 1 }));
    c.engine.runFor(10_000);
    const before = c.store.get('Pod', 'default', 'web-0').metadata!.uid;
    const failed = deepCopy(c.store.get('Pod', 'default', 'web-0'));
    failed.status!.phase = 'Failed';
    c.store.updateStatus(failed);
    c.engine.runFor(10_000);
    const pod = c.store.get('Pod', 'default', 'web-0');
    expect(pod.metadata!.uid).not.toBe(before);
    expect(pod.status!.phase).toBe('Running');
    expect(pod.spec!.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
  });

  it('deletes the claims with the StatefulSet when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete', () => {
    const c = controllerCluster();
    c.store.create(statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    c.engine.runFor(20_000);
    c.store.delete('StatefulSet', 'default', 'web');
    c.engine.runFor(10_000);
    expect(c.store.list('PersistentVolumeClaim', { namespace: 'default' }).items).toEqual([]);
  });
});
