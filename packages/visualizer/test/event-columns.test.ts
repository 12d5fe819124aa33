// Kubernetes Events as `kubectl get events -A` rows (NAMESPACE, LAST SEEN, TYPE, REASON, OBJECT,
// MESSAGE), read from the log records the cluster's own EventRecorders write (here the real
// kubelets' and controllers'): one row per Event, a repeat updating its row as the correlator
// updates the stored Event.
import { DEFAULT_CONFIG, World } from '@dockyard/cli';
import { describe, expect, it } from 'vitest';
import { eventRow, EventRows, lastSeen, matchesFilter } from '../src/events/event-columns.ts';

/** A world with one pod bound to node-1 at time 0: node-1's kubelet runs `command` in busybox. */
function podWorld(command: string[]) {
  const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
  const pod = world.cluster.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'busybox:1.36', command }] },
  });
  return { world, pod };
}

const columns = (rows: readonly ReturnType<typeof eventRow>[], now: number) => rows.map((r) => [r!.namespace, lastSeen(r!, now), r!.type, r!.reason, r!.object, r!.message]);
const read = (world: World) => {
  const rows = new EventRows();
  rows.catchUp(world.engine.log.records());
  return rows;
};

describe('event rows', () => {
  it("fill kubectl's columns from the EventRecorders' records, the kind in lower case", () => {
    const { world } = podWorld(['sleep', '3600']);
    world.engine.runUntil(20_000);
    const rows = read(world).rows;
    // The kubelets' and the node controller's Events about the nodes at boot, then node-1's about the pod.
    expect(columns(rows.slice(0, 1), 20_000)).toEqual([['default', '20s', 'Normal', 'Starting', 'node/node-1', 'Starting kubelet.']]);
    expect(columns(rows.slice(-4), 20_000)).toEqual([
      ['default', '20s', 'Normal', 'Pulling', 'pod/web-1', 'Pulling image "busybox:1.36"'],
      // Pulled 248 ms in: 19.752 s ago, which kubectl's HumanDuration truncates to 19s.
      ['default', '19s', 'Normal', 'Pulled', 'pod/web-1', 'Successfully pulled image "busybox:1.36" in 248ms (248ms including waiting). Image size: 1723187 bytes.'],
      ['default', '19s', 'Normal', 'Created', 'pod/web-1', 'Created container: web'],
      ['default', '19s', 'Normal', 'Started', 'pod/web-1', 'Started container web'],
    ]);
    expect(rows.at(-1)!.source).toBe('kubelet, node-1');
    expect(rows.filter((r) => r.reason === 'RegisteredNode').map((r) => [r.object, r.source])).toEqual([
      ['node/node-1', 'node-controller'],
      ['node/node-2', 'node-controller'],
      ['node/node-3', 'node-controller'],
    ]);
  });

  it('show a repeated Event once, last seen at its latest count, moved to the end', () => {
    // Exits after 5 s: restarted at once, then after the 10 s and 20 s back-offs.
    const { world, pod } = podWorld(['sh', '-c', 'sleep 5; exit 1']);
    world.engine.runUntil(45_000);
    const rows = read(world);
    const backOff = `Back-off restarting failed container web in pod web-1_default(${pod.metadata!.uid})`;
    expect(columns(rows.rows.slice(-4), 45_000)).toEqual([
      ['default', '24s', 'Normal', 'Pulled', 'pod/web-1', 'Container image "busybox:1.36" already present on machine'],
      ['default', '24s', 'Normal', 'Created', 'pod/web-1', 'Created container: web'],
      ['default', '24s', 'Normal', 'Started', 'pod/web-1', 'Started container web'],
      ['default', '19s', 'Warning', 'BackOff', 'pod/web-1', backOff],
    ]);
    const started = rows.rows.at(-2)!;
    expect([started.count, started.firstSeen, started.t]).toEqual([3, 248, 20_248]);
    // The stored Events agree: one object each, with the same counts.
    const stored = world.cluster.store.list('Event').items.filter((e) => e.involvedObject.name === 'web-1' && (e.reason === 'BackOff' || e.reason === 'Started'));
    expect(stored.map((e) => [e.reason, e.count]).sort()).toEqual([
      ['BackOff', rows.rows.at(-1)!.count],
      ['Started', 3],
    ]);
  });

  it('read records as they come, in any number of pieces', () => {
    const { world } = podWorld(['sh', '-c', 'sleep 5; exit 1']);
    const whole = new EventRows();
    const pieces = new EventRows();
    for (let t = 0; t <= 60_000; t += 1_500) {
      world.engine.runUntil(t);
      pieces.catchUp(world.engine.log.records());
    }
    whole.catchUp(world.engine.log.records());
    expect(pieces.rows).toEqual(whole.rows);
    expect(pieces.objects).toEqual(whole.objects);
    expect(whole.read).toBe(world.engine.log.size);
    expect(whole.rows.some((r) => r.count > 1)).toBe(true);
  });

  it('list the objects they are about, sorted, as a new list only when a new object shows up', () => {
    const { world } = podWorld(['sh', '-c', 'sleep 5; exit 1']);
    const rows = new EventRows();
    world.engine.runUntil(20_000);
    rows.catchUp(world.engine.log.records());
    const objects = rows.objects;
    expect(objects).toEqual([...new Set(rows.rows.map((r) => r.object))].sort());
    expect(objects).toEqual(['node/node-1', 'node/node-2', 'node/node-3', 'pod/web-1']);
    // The restarts repeat Events about pod/web-1: more rows changed, the same list.
    const changes = rows.changes;
    world.engine.runUntil(45_000);
    rows.catchUp(world.engine.log.records());
    expect(rows.changes).toBeGreaterThan(changes);
    expect(rows.objects).toBe(objects);
    rows.catchUp([...world.engine.log.records(), { t: 45_000, type: 'k8s.event', namespace: 'default', object: 'Pod/a-pod', reason: 'Scheduled', message: 'm' }]);
    expect(rows.objects).toEqual(['node/node-1', 'node/node-2', 'node/node-3', 'pod/a-pod', 'pod/web-1']);
  });

  it('leave out every record that is not a Kubernetes Event', () => {
    expect(eventRow({ t: 0, type: 'api.write', verb: 'create', resource: 'pods', name: 'web-1' }, 0)).toBeUndefined();
    expect(eventRow({ t: 0, type: 'k8s.scheduler.decision', pod: 'default/web-1' }, 0)).toBeUndefined();
    const { world } = podWorld(['sleep', '3600']);
    world.engine.runUntil(30_000);
    const rows = read(world);
    // One row per stored Event, out of a log that holds many more records.
    expect(rows.rows.length).toBe(world.cluster.store.list('Event').items.length);
    expect(world.engine.log.size).toBeGreaterThan(3 * rows.rows.length);
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
