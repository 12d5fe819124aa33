// Log records as `kubectl get events` rows: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
import { describe, expect, it } from 'vitest';
import { eventRow, lastSeen, matchesFilter } from '../src/events/event-columns.ts';

describe('event rows', () => {
  it('fill kubectl columns from a Kubernetes event record', () => {
    const row = eventRow(
      { t: 5_000, type: 'k8s.event', eventType: 'Warning', reason: 'BackOff', object: 'pod/web-1', message: 'Back-off restarting failed container' },
      3,
    );
    expect(row).toEqual({ index: 3, t: 5_000, type: 'Warning', reason: 'BackOff', object: 'pod/web-1', message: 'Back-off restarting failed container' });
  });

  it('take the object from involvedObject as kubectl prints it', () => {
    expect(eventRow({ t: 0, type: 'k8s.event', reason: 'Scheduled', involvedObject: { kind: 'Pod', name: 'web-1' } }, 0).object).toBe('pod/web-1');
  });

  it('show any other record generically: its type as REASON, the object it names, the other fields as MESSAGE', () => {
    const row = eventRow({ t: 1_000, type: 'container.died', container: 'abc123', exitCode: 1, backoff: '10s' }, 0);
    expect([row.type, row.reason, row.object, row.message]).toEqual(['Normal', 'container.died', 'container/abc123', 'exitCode=1 backoff=10s']);
  });

  it("name the object of the API store's and the garbage collector's records", () => {
    const write = eventRow({ t: 0, type: 'api.write', verb: 'create', resource: 'pods', namespace: 'default', name: 'web-1', resourceVersion: '7' }, 0);
    expect([write.reason, write.object, write.message]).toEqual(['api.write', 'pods/web-1', 'verb=create namespace=default resourceVersion=7']);
    const gc = eventRow({ t: 0, type: 'garbage-collector.delete', kind: 'ReplicaSet', namespace: 'default', name: 'web-5d9', propagationPolicy: 'Background' }, 0);
    expect([gc.object, gc.message]).toEqual(['replicaset/web-5d9', 'namespace=default propagationPolicy=Background']);
  });

  it('show LAST SEEN as kubectl does (HumanDuration)', () => {
    const row = eventRow({ t: 10_000, type: 'x' }, 0);
    expect([0, 20_000, 135_000, 3_610_000].map((now) => lastSeen(row, now + 10_000))).toEqual(['0s', '20s', '2m15s', '60m']);
  });

  it('filter by object and to warnings only', () => {
    const warning = eventRow({ t: 0, type: 'k8s.event', eventType: 'Warning', reason: 'Failed', object: 'pod/a' }, 0);
    const normal = eventRow({ t: 0, type: 'node.heartbeat', node: 'node-1' }, 1);
    expect([warning, normal].filter((r) => matchesFilter(r, { warningsOnly: true }))).toEqual([warning]);
    expect([warning, normal].filter((r) => matchesFilter(r, { object: 'node/node-1' }))).toEqual([normal]);
    expect([warning, normal].filter((r) => matchesFilter(r, {}))).toEqual([warning, normal]);
  });
});
