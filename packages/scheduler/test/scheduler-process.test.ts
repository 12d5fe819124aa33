// kube-scheduler wired to the API store: pods get bound, a pod that fits nowhere gets the
// FailedScheduling event and PodScheduled=False, and every decision leaves its why record. The
// cluster's kubelets register node-1..3 (4 CPU, 8Gi; 100Mi of it kept for the eviction threshold).
import { Engine } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../src/index.ts';

function node(name: string, cpu = '4', memory = '8Gi') {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: {
      capacity: { cpu, memory, pods: '110' },
      allocatable: { cpu, memory, pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  } as const;
}

function pod(name: string, memory: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { memory } } }] },
  } as const;
}

function cluster() {
  const engine = new Engine({ seed: 4 });
  const c = new Cluster(engine, { nodes: 3, nodeCpu: 4, nodeMemory: '8Gi' });
  return { engine, c };
}

describe('the scheduler process', () => {
  it('binds pods to nodes and says so in an event', () => {
    const { engine, c } = cluster();
    c.store.create(pod('web', '1Gi'));
    engine.runFor(1000);
    const bound = c.store.get('Pod', 'default', 'web');
    expect(bound.spec?.nodeName).toMatch(/^node-[123]$/);
    const events = c.store.list('Event', { namespace: 'default' }).items.filter((e) => e.involvedObject?.kind === 'Pod' && e.source?.component === 'default-scheduler');
    expect(events.map((e) => [e.reason, e.message, e.source?.component])).toEqual([
      ['Scheduled', `Successfully assigned default/web to ${bound.spec?.nodeName}`, 'default-scheduler'],
    ]);
    const decision = engine.log.records().find((r) => r.type === 'k8s.scheduler.decision');
    expect(decision).toMatchObject({ pod: 'default/web', status: 'Scheduled' });
  });

  it('leaves a pod that fits nowhere Pending with the real message', () => {
    const { engine, c } = cluster();
    c.store.create(pod('huge', '64Gi'));
    engine.runFor(1000);
    const pending = c.store.get('Pod', 'default', 'huge');
    expect(pending.spec?.nodeName).toBeUndefined();
    const message = '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(pending.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' },
    ]);
    const events = c.store.list('Event', { namespace: 'default' }).items.filter((e) => e.involvedObject?.kind === 'Pod');
    expect(events.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'FailedScheduling', message]]);
  });

  it('schedules a waiting pod once a node with room joins', () => {
    const { engine, c } = cluster();
    c.store.create(pod('big', '12Gi'));
    engine.runFor(1000);
    c.store.create(node('node-4', '8', '16Gi'));
    engine.runFor(1000);
    expect(c.store.get('Pod', 'default', 'big').spec?.nodeName).toBe('node-4');
  });
});
