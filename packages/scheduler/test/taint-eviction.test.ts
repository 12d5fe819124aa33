// The taint-eviction controller (reference §6): pods are deleted from a node with a NoExecute
// taint once their toleration of it runs out (300 s from the DefaultTolerationSeconds admission),
// at once when they do not tolerate it, never when they tolerate it without a limit; a taint that
// goes away in time cancels the deletion.

import { describe, expect, it } from 'vitest';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { deepCopy } from '../src/index.ts';
import { controllerCluster } from './support/controller-cluster.ts';

function pinnedPod(name: string, tolerations?: Toleration[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.25' }], ...(tolerations === undefined ? {} : { tolerations }) },
  };
}

function taintNode(c: ReturnType<typeof controllerCluster>, key: string, value: string) {
  const n = deepCopy(c.store.get('Node', undefined, 'node-1')) as Node;
  n.spec = { ...n.spec, taints: [...(n.spec?.taints ?? []), { key, value, effect: 'NoExecute' }] };
  c.store.update(n);
}

function untaintNode(c: ReturnType<typeof controllerCluster>, key: string) {
  const n = deepCopy(c.store.get('Node', undefined, 'node-1')) as Node;
  n.spec = { ...n.spec, taints: (n.spec?.taints ?? []).filter((t) => t.key !== key) };
  c.store.update(n);
}

const deleting = (c: ReturnType<typeof controllerCluster>, name: string) => c.store.tryGet('Pod', 'default', name)?.metadata?.deletionTimestamp;

describe('taint-based eviction', () => {
  it('deletes a pod that does not tolerate a NoExecute taint at once, marking it DisruptionTarget', () => {
    // Pods take 30 s to stop, so the deleted pod can be looked at.
    const c = controllerCluster({ stopMs: 30_000 });
    c.store.create(pinnedPod('victim'));
    c.engine.runFor(5000);
    taintNode(c, 'dedicated', 'db');
    c.engine.runFor(0);
    const pod = c.store.get('Pod', 'default', 'victim');
    expect(pod.metadata!.deletionTimestamp).toBe('2025-01-01T00:00:35Z');
    expect(pod.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2025-01-01T00:00:05Z',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    const event = c.store.list('Event').items.find((e) => e.reason === 'TaintManagerEviction')!;
    expect(event).toMatchObject({ type: 'Normal', message: 'Marking for deletion Pod default/victim', source: { component: 'taint-eviction-controller' }, involvedObject: { kind: 'Pod', name: 'victim', namespace: 'default' } });
    expect(event.involvedObject.uid).toBeUndefined();
  });

  it('waits the shortest tolerationSeconds of the tolerations it needs', () => {
    const c = controllerCluster();
    c.store.create(pinnedPod('brief', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
    c.store.create(pinnedPod('forever', [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }]));
    c.engine.runFor(5000);
    taintNode(c, 'dedicated', 'db');
    c.engine.runUntil(64_999);
    expect(deleting(c, 'brief')).toBeUndefined();
    c.engine.runUntil(65_000);
    expect(deleting(c, 'brief')).toBeDefined();
    c.engine.runFor(3600_000);
    expect(deleting(c, 'forever')).toBeUndefined();
  });

  it('gives pods 300 s for not-ready; a Ready node loses that taint at the next look, which cancels the deletion', () => {
    const c = controllerCluster();
    const pod = c.store.create(pinnedPod('default-tolerations'));
    expect(pod.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    c.engine.runFor(6000);
    taintNode(c, 'node.kubernetes.io/not-ready', '');
    c.engine.runFor(0);
    expect(c.taintEviction.scheduledEvictions()).toEqual([{ pod: 'default/default-tolerations', at: 306_000 }]);
    // The node lifecycle controller owns that taint: the node is Ready, so it goes at the 10 s look.
    c.engine.runFor(4000);
    expect(c.store.get('Node', undefined, 'node-1').spec?.taints).toBeUndefined();
    expect(c.taintEviction.scheduledEvictions()).toEqual([]);
    expect(c.events('Pod', 'default-tolerations')).toEqual(['TaintManagerEviction Cancelling deletion of Pod default/default-tolerations']);
  });

  it('cancels the deletion when the taint goes in time', () => {
    const c = controllerCluster();
    c.store.create(pinnedPod('lucky', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
    c.engine.runFor(5000);
    taintNode(c, 'dedicated', 'db');
    c.engine.runFor(30_000);
    untaintNode(c, 'dedicated');
    c.engine.runFor(120_000);
    expect(deleting(c, 'lucky')).toBeUndefined();
    expect(c.events('Pod', 'lucky')).toEqual(['TaintManagerEviction Cancelling deletion of Pod default/lucky']);
  });
});
