// DefaultPreemption: a higher-priority pod that fits nowhere gets a nominated node and the fewest,
// least important victims there; the message when preemption cannot help.

import { describe, expect, it } from 'vitest';
import { preemptedMessage } from '../src/kube-scheduler/index.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

describe('DefaultPreemption', () => {
  it('nominates the node where the fewest, lowest-priority pods make room', () => {
    const nodes = [makeNode('a', { cpu: '2' }), makeNode('b', { cpu: '2' })];
    const running = [
      makePod('a-low', { node: 'a', cpu: '1', priority: 10 }),
      makePod('a-mid', { node: 'a', cpu: '1', priority: 500 }),
      makePod('b-low-1', { node: 'b', cpu: '500m', priority: 10 }),
      makePod('b-low-2', { node: 'b', cpu: '500m', priority: 10 }),
      makePod('b-low-3', { node: 'b', cpu: '1', priority: 10 }),
    ];
    const result = frameworkWith(nodes, 1, running).scheduleOne(makePod('urgent', { cpu: '1', priority: 1000 }));
    expect(result.status).toBe('Unschedulable');
    if (result.status !== 'Unschedulable') return;
    // On a the highest victim would be a-low (10) after reprieving a-mid; on b b-low-3 (10) alone:
    // equal top priority, equal sum, equal count → the later-started victims; both unstarted → first node.
    expect(result.preemption?.nominatedNode).toBe('a');
    expect(result.preemption?.victims?.map((v) => v.metadata?.name)).toEqual(['a-low']);
    // With a nominated node the event carries no preemption suffix.
    expect(result.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
  });

  it('does not pick victims of equal or higher priority', () => {
    const nodes = [makeNode('a', { cpu: '1' })];
    const running = [makePod('peer', { node: 'a', cpu: '1', priority: 100 })];
    const result = frameworkWith(nodes, 1, running).scheduleOne(makePod('p', { cpu: '1', priority: 100 }));
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('reports the filter that still fails once every lower-priority pod is gone', () => {
    const nodes = [makeNode('a', { cpu: '1' })];
    const running = [makePod('low', { node: 'a', cpu: '500m', priority: 1 })];
    const result = frameworkWith(nodes, 1, running).scheduleOne(makePod('huge', { cpu: '2', priority: 100 }));
    expect(result.status === 'Unschedulable' && result.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('writes the Preempted event message with the preemptor\'s uid', () => {
    expect(preemptedMessage(makePod('urgent', { uid: 'abc-123' }), 'node-1')).toBe('Preempted by pod abc-123 on node node-1');
  });
});
