// Kubernetes Events as client-go's EventRecorder writes them: one core/v1 Event per new
// occurrence named <object>.<Unix nanoseconds in hex>; a repeat bumps count and lastTimestamp;
// the 10th different message of one reason within 10 minutes starts a "(combined from similar
// events)" event; at most 25 events per object and source, then one per 5 minutes.

import { describe, expect, it } from 'vitest';
import { Engine, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { ApiStore, EventRecorder } from '../src/index.ts';

function setup() {
  const engine = new Engine({ seed: 1 });
  const store = new ApiStore(engine);
  const recorder = new EventRecorder(engine, store, { component: 'deployment-controller' });
  const web = store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  });
  const events = () => store.list('Event', { namespace: 'default' }).items;
  return { engine, store, recorder, web, events };
}

describe('event recorder', () => {
  it('writes an Event as makeEvent builds it', () => {
    const { engine, recorder, web, events } = setup();
    engine.runFor(5000);
    recorder.event(web, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5765c46b68 from 0 to 3');
    const [event] = events();
    const nanos = (BigInt(VIRTUAL_EPOCH_MS + 5000) * 1_000_000n).toString(16);
    expect(event).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `web.${nanos}`, namespace: 'default' },
      involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web', uid: web.metadata!.uid, apiVersion: 'apps/v1', resourceVersion: web.metadata!.resourceVersion },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-5765c46b68 from 0 to 3',
      source: { component: 'deployment-controller' },
      firstTimestamp: '2025-01-01T00:00:05Z',
      lastTimestamp: '2025-01-01T00:00:05Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'deployment-controller',
      reportingInstance: '',
    });
    expect(engine.log.records().filter((r) => r.type === 'k8s.event')).toEqual([
      { t: 5000, type: 'k8s.event', namespace: 'default', object: 'Deployment/web', eventType: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-5765c46b68 from 0 to 3', source: 'deployment-controller', count: 1 },
    ]);
  });

  it('counts a repeat on the same Event, however much later', () => {
    const { engine, recorder, web, events } = setup();
    recorder.event(web, 'Warning', 'Failing', 'it broke');
    engine.runFor(3600_000);
    recorder.event(web, 'Warning', 'Failing', 'it broke');
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ count: 2, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T01:00:00Z' });
  });

  it('names events of one object at one instant apart', () => {
    const { recorder, web, events } = setup();
    recorder.event(web, 'Normal', 'A', 'one');
    recorder.event(web, 'Normal', 'B', 'two');
    const names = events().map((e) => e.metadata!.name!);
    expect(new Set(names).size).toBe(2);
  });

  it('combines the 10th different message of a reason within 10 minutes, and counts the ones after it', () => {
    const { engine, recorder, web, events } = setup();
    for (let i = 0; i < 12; i++) recorder.event(web, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const messages = events().map((e) => `${e.message} ×${e.count}`);
    expect(messages).toHaveLength(10);
    expect(messages.slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: web-${i} ×1`));
    expect(messages[9]).toBe('(combined from similar events): Created pod: web-11 ×3');
    // Ten minutes later aggregation starts over.
    engine.runFor(600_001);
    recorder.event(web, 'Normal', 'SuccessfulCreate', 'Created pod: web-new');
    expect(events().at(-1)!.message).toBe('Created pod: web-new');
  });

  it('drops events beyond 25 per object, then lets one through every 5 minutes', () => {
    const { engine, recorder, web, events } = setup();
    for (let i = 0; i < 30; i++) recorder.event(web, 'Normal', `Reason${i}`, 'x');
    expect(events()).toHaveLength(25);
    engine.runFor(299_000);
    recorder.event(web, 'Normal', 'Late', 'x');
    expect(events()).toHaveLength(25);
    engine.runFor(1000);
    recorder.event(web, 'Normal', 'Later', 'x');
    expect(events()).toHaveLength(26);
  });

  it('puts events about cluster-scoped objects in the default namespace', () => {
    const { recorder, events } = setup();
    recorder.event({ kind: 'Node', apiVersion: 'v1', name: 'node-1', uid: 'node-1' }, 'Normal', 'NodeNotReady', 'Node node-1 status is now: NodeNotReady');
    expect(events()[0]).toMatchObject({ metadata: { namespace: 'default' }, involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' } });
  });
});
