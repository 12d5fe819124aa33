// Kubernetes Events as `kubectl get events -A` rows (NAMESPACE, LAST SEEN, TYPE, REASON, OBJECT,
// MESSAGE), read from the log records the cluster's own EventRecorder writes: one row per Event,
// a repeat updating its row as the correlator updates the stored Event.
import { DEFAULT_CONFIG, World } from '@dockyard/cli';
import { EventRecorder } from '@dockyard/scheduler';
import { describe, expect, it } from 'vitest';
import { eventRow, EventRows, lastSeen, matchesFilter } from '../src/events/event-columns.ts';

function recordedWorld() {
  const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
  world.engine.runUntil(0);
  const kubelet = new EventRecorder(world.engine, world.cluster.store, { component: 'kubelet', host: 'node-1' });
  // Already on a node: the scheduler leaves it alone (there are no Node objects to schedule onto).
  const pod = world.cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.25' }] } });
  return { world, kubelet, pod };
}

const columns = (rows: EventRows, now: number) => rows.rows.map((r) => [r.namespace, lastSeen(r, now), r.type, r.reason, r.object, r.message]);

describe('event rows', () => {
  it("fill kubectl's columns from the EventRecorder's records, the kind in lower case", () => {
    const { world, kubelet, pod } = recordedWorld();
    kubelet.event(pod, 'Normal', 'Pulled', 'Container image "nginx:1.25" already present on machine', 'spec.containers{web}');
    kubelet.event({ kind: 'Node', name: 'node-1', uid: 'node-1' }, 'Normal', 'NodeReady', 'Node node-1 status is now: NodeReady');
    world.engine.runUntil(20_000);
    const rows = new EventRows();
    rows.catchUp(world.engine.log.records());
    expect(columns(rows, 20_000)).toEqual([
      ['default', '20s', 'Normal', 'Pulled', 'pod/web-1', 'Container image "nginx:1.25" already present on machine'],
      ['default', '20s', 'Normal', 'NodeReady', 'node/node-1', 'Node node-1 status is now: NodeReady'],
    ]);
    expect(rows.rows[0]!.source).toBe('kubelet, node-1');
  });

  it('show a repeated Event once, last seen at its latest count, moved to the end', () => {
    const { world, kubelet, pod } = recordedWorld();
    const backOff = 'Back-off restarting failed container web in pod web-1_default(' + pod.metadata!.uid + ')';
    kubelet.event(pod, 'Warning', 'BackOff', backOff, 'spec.containers{web}');
    world.engine.runUntil(10_000);
    kubelet.event(pod, 'Normal', 'Pulled', 'Container image "nginx:1.25" already present on machine', 'spec.containers{web}');
    world.engine.runUntil(30_000);
    kubelet.event(pod, 'Warning', 'BackOff', backOff, 'spec.containers{web}');
    world.engine.runUntil(45_000);
    const rows = new EventRows();
    rows.catchUp(world.engine.log.records());
    expect(columns(rows, 45_000)).toEqual([
      ['default', '35s', 'Normal', 'Pulled', 'pod/web-1', 'Container image "nginx:1.25" already present on machine'],
      ['default', '15s', 'Warning', 'BackOff', 'pod/web-1', backOff],
    ]);
    expect([rows.rows[1]!.count, rows.rows[1]!.firstSeen, rows.rows[1]!.t]).toEqual([2, 0, 30_000]);
    // The stored Event agrees: one object, count 2.
    const stored = world.cluster.store.list('Event').items.filter((e) => e.reason === 'BackOff');
    expect(stored.map((e) => e.count)).toEqual([2]);
  });

  it('read records as they come, in any number of pieces', () => {
    const { world, kubelet, pod } = recordedWorld();
    const whole = new EventRows();
    const pieces = new EventRows();
    for (let i = 0; i < 6; i++) {
      kubelet.event(pod, i % 2 === 0 ? 'Warning' : 'Normal', i % 2 === 0 ? 'BackOff' : 'Pulled', `message ${i % 3}`);
      world.engine.runUntil((i + 1) * 1000);
      pieces.catchUp(world.engine.log.records());
    }
    whole.catchUp(world.engine.log.records());
    expect(pieces.rows).toEqual(whole.rows);
    expect(whole.read).toBe(world.engine.log.size);
  });

  it('leave out every record that is not a Kubernetes Event', () => {
    expect(eventRow({ t: 0, type: 'api.write', verb: 'create', resource: 'pods', name: 'web-1' }, 0)).toBeUndefined();
    expect(eventRow({ t: 0, type: 'k8s.scheduler.decision', pod: 'default/web-1' }, 0)).toBeUndefined();
    const { world } = recordedWorld();
    const rows = new EventRows();
    rows.catchUp(world.engine.log.records());
    expect(world.engine.log.size).toBeGreaterThan(20);
    expect(rows.rows).toEqual([]);
  });

  it('show LAST SEEN as kubectl does (HumanDuration)', () => {
    const row = eventRow({ t: 10_000, type: 'k8s.event', object: 'Pod/a' }, 0)!;
    expect([0, 20_000, 135_000, 3_610_000].map((now) => lastSeen(row, now + 10_000))).toEqual(['0s', '20s', '2m15s', '60m']);
  });

  it('filter by object and to warnings only', () => {
    const warning = eventRow({ t: 0, type: 'k8s.event', eventType: 'Warning', reason: 'Failed', object: 'Pod/a' }, 0)!;
    const normal = eventRow({ t: 0, type: 'k8s.event', eventType: 'Normal', reason: 'NodeReady', object: 'Node/node-1' }, 1)!;
    expect([warning, normal].filter((r) => matchesFilter(r, { warningsOnly: true }))).toEqual([warning]);
    expect([warning, normal].filter((r) => matchesFilter(r, { object: 'node/node-1' }))).toEqual([normal]);
    expect([warning, normal].filter((r) => matchesFilter(r, {}))).toEqual([warning, normal]);
  });
});
