// A DaemonSet runs one pod per eligible node: pinned by a node-name affinity for the scheduler,
// with the daemon tolerations, following nodeSelector and new nodes, rolled to a new template at
// most maxUnavailable nodes at a time, and staying on a node that dies.

import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { deepCopy } from '../src/index.ts';
import { controllerCluster } from './support/controller-cluster.ts';

function daemonSet(extra: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluentd', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { name: 'fluentd' } },
      template: { metadata: { labels: { name: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'quay.io/fluentd_elasticsearch/fluentd:v5.0.1' }] } },
      ...extra,
    },
  };
}

const podsByNode = (c: ReturnType<typeof controllerCluster>) =>
  Object.fromEntries(c.pods({ name: 'fluentd' }, 'kube-system').filter((p) => p.metadata?.deletionTimestamp === undefined).map((p) => [p.spec?.nodeName ?? '?', p.spec!.containers[0]!.image]));

describe('DaemonSet', () => {
  it('runs one pod on each node, pinned for the scheduler, with the daemon tolerations', () => {
    const c = controllerCluster();
    c.store.create(daemonSet());
    c.engine.runFor(5000);
    expect(Object.keys(podsByNode(c)).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const pod = c.pods({ name: 'fluentd' }, 'kube-system').find((p) => p.spec!.nodeName === 'node-2')!;
    expect(pod.metadata!.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec!.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] } } });
    expect(pod.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const revision = c.store.list('ControllerRevision', { namespace: 'kube-system' }).items[0]!;
    expect(pod.metadata!.labels).toEqual({ name: 'fluentd', 'controller-revision-hash': revision.metadata!.labels!['controller-revision-hash'] });
    expect(revision.metadata!.name).toBe(`fluentd-${revision.metadata!.labels!['controller-revision-hash']}`);
    expect(c.store.get('DaemonSet', 'kube-system', 'fluentd').status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    expect(c.events('DaemonSet', 'fluentd', 'kube-system').every((e) => e.startsWith('SuccessfulCreate Created pod: fluentd-'))).toBe(true);
  });

  it('follows nodeSelector and nodes that join or change labels', () => {
    const c = controllerCluster({ nodeLabels: (name): Record<string, string> => (name === 'node-1' ? { disk: 'ssd' } : {}) });
    c.store.create(daemonSet({ template: { metadata: { labels: { name: 'fluentd' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'fluentd', image: 'fluentd:v1' }] } } }));
    c.engine.runFor(5000);
    expect(Object.keys(podsByNode(c))).toEqual(['node-1']);
    const node = deepCopy(c.store.get('Node', undefined, 'node-3')) as Node;
    node.metadata!.labels = { ...node.metadata!.labels, disk: 'ssd' };
    c.store.update(node);
    c.engine.runFor(5000);
    expect(Object.keys(podsByNode(c)).sort()).toEqual(['node-1', 'node-3']);
    const unlabelled = deepCopy(c.store.get('Node', undefined, 'node-1')) as Node;
    delete unlabelled.metadata!.labels!.disk;
    c.store.update(unlabelled);
    c.engine.runFor(5000);
    expect(Object.keys(podsByNode(c))).toEqual(['node-3']);
  });

  it('puts a pod on a node that joins', () => {
    const c = controllerCluster();
    c.store.create(daemonSet());
    c.engine.runFor(5000);
    c.cluster.addNode('node-4');
    c.engine.runFor(5000);
    expect(Object.keys(podsByNode(c)).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
  });

  it('rolls a new template out one node at a time (maxUnavailable 1)', () => {
    const c = controllerCluster();
    c.store.create(daemonSet());
    c.engine.runFor(5000);
    let worst = 0;
    c.store.watch('Pod', { resourceVersion: c.store.resourceVersion }, () => {
      const ready = c.pods({ name: 'fluentd' }, 'kube-system').filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True');
      worst = Math.max(worst, 3 - ready.length);
    });
    const ds = deepCopy(c.store.get('DaemonSet', 'kube-system', 'fluentd')) as DaemonSet;
    ds.spec!.template.spec!.containers[0]!.image = 'quay.io/fluentd_elasticsearch/fluentd:v5.0.2';
    c.store.update(ds);
    c.engine.runFor(60_000);
    expect(podsByNode(c)).toEqual({ 'node-1': 'quay.io/fluentd_elasticsearch/fluentd:v5.0.2', 'node-2': 'quay.io/fluentd_elasticsearch/fluentd:v5.0.2', 'node-3': 'quay.io/fluentd_elasticsearch/fluentd:v5.0.2' });
    expect(worst).toBe(1);
    expect(c.store.list('ControllerRevision', { namespace: 'kube-system' }).items.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('stays on a node that stops: its pods tolerate unreachable forever', () => {
    const c = controllerCluster();
    c.store.create(daemonSet());
    c.engine.runFor(30_000);
    c.cluster.stopNode('node-2');
    c.engine.runFor(600_000);
    const pod = c.pods({ name: 'fluentd' }, 'kube-system').find((p) => p.spec!.nodeName === 'node-2')!;
    expect(pod.metadata!.deletionTimestamp).toBeUndefined();
    // The unreachable:NoSchedule taint takes the node out of DESIRED; the pod it keeps is misscheduled.
    expect(c.store.get('DaemonSet', 'kube-system', 'fluentd').status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1, numberReady: 2, numberAvailable: 2 });
  });
});
