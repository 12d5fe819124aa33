// The FailedScheduling message, as kube-scheduler v1.33 prints it (reference §5: FitError.Error,
// reasons histogram sorted as strings, the preemption suffix).

import { describe, expect, it } from 'vitest';
import { EVENT_MESSAGE_LIMIT, FitError, truncateEventMessage } from '../src/kube-scheduler/index.ts';
import { status } from '../src/kube-scheduler/plugin.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const controlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('FailedScheduling message', () => {
  it('names the untolerated taint and counts the memory shortages, then says preemption cannot help', () => {
    const framework = frameworkWith([
      makeNode('control-plane', { taints: [controlPlaneTaint] }),
      makeNode('node-1', { memory: '2Gi' }),
      makeNode('node-2', { memory: '2Gi' }),
    ]);
    const result = framework.scheduleOne(makePod('big', { memory: '3Gi' }));
    expect(result.status).toBe('Unschedulable');
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts every reason of a node (cpu and memory both short) and sorts "10 ..." before "2 ..."', () => {
    const nodes = [
      ...Array.from({ length: 10 }, (_, i) => makeNode(`small-${i}`, { cpu: '1', memory: '1Gi' })),
      makeNode('mid-1', { cpu: '8', memory: '1Gi' }),
      makeNode('mid-2', { cpu: '8', memory: '1Gi' }),
    ];
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { cpu: '2', memory: '2Gi' }));
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/12 nodes are available: 10 Insufficient cpu, 12 Insufficient memory. ' +
        'preemption: 0/12 nodes are available: 12 No preemption victims found for incoming pod.',
    );
  });

  it('reports "Too many pods" when the node is at its pod limit', () => {
    const node = makeNode('n', { pods: '1' });
    const framework = frameworkWith([node], 1, [makePod('existing', { node: 'n' })]);
    const result = framework.scheduleOne(makePod('p'));
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('gives the nodes a PreFilter node list left out their own reason (a DaemonSet pod pinned to a full node)', () => {
    const nodes = [makeNode('n1', { pods: '0' }), makeNode('n2'), makeNode('n3')];
    const pinned = makePod('ds', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
            },
          },
        },
      },
    });
    const result = frameworkWith(nodes).scheduleOne(pinned);
    expect(result.status === 'Unschedulable' && result.message).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('uses the PreFilter message alone when PreFilter rejects the pod', () => {
    const conflicting = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    { key: 'metadata.name', operator: 'In', values: ['a'] },
                    { key: 'metadata.name', operator: 'In', values: ['b'] },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    const result = frameworkWith([makeNode('a'), makeNode('b')]).scheduleOne(conflicting);
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('says so when the cluster has no nodes', () => {
    const result = frameworkWith([]).scheduleOne(makePod('p'));
    expect(result.status === 'Unschedulable' && result.message).toBe('no nodes available to schedule pods');
  });

  it('leaves preemption out for a pod that may not preempt', () => {
    const result = frameworkWith([makeNode('n', { cpu: '1' })]).scheduleOne(makePod('p', { cpu: '2', spec: { preemptionPolicy: 'Never' } }));
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('names the reasons of cordoned, mismatched and port-taken nodes', () => {
    const nodes = [
      makeNode('cordoned', { unschedulable: true }),
      makeNode('wrong-disk', { labels: { disk: 'hdd' } }),
      makeNode('ports', { labels: { disk: 'ssd' } }),
    ];
    const holder = makePod('holder', { node: 'ports', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    const pod = makePod('p', {
      containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
      spec: { nodeSelector: { disk: 'ssd' } },
    });
    const result = frameworkWith(nodes, 1, [holder]).scheduleOne(pod);
    expect(result.status === 'Unschedulable' && result.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('counts absent nodes under the absent status so the numbers add up', () => {
    const error = new FitError(5, new Map([['a', status('X', 'Unschedulable', 'Insufficient cpu')]]), status('', 'UnschedulableAndUnresolvable', 'gone'));
    expect(error.histogram()).toEqual(['1 Insufficient cpu', '4 gone']);
  });

  it('cuts event messages at 1024 characters with " ..."', () => {
    const long = 'x'.repeat(2000);
    expect(truncateEventMessage(long)).toHaveLength(EVENT_MESSAGE_LIMIT);
    expect(truncateEventMessage(long).endsWith('x ...')).toBe(true);
    expect(truncateEventMessage('short')).toBe('short');
  });
});
