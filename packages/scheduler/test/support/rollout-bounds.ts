// What the rolling-update property tests share: the random Deployment shapes (replicas 1-10,
// maxSurge and maxUnavailable as numbers or percentages, never both zero), the fenceposts a
// rollout must keep (reference §4: maxSurge rounded up, maxUnavailable down), and a watch that
// records the worst moments on every write to the store.

import type { Engine } from '@dockyard/runtime';
import fc from 'fast-check';
import { type ApiStore, isPodAvailable, maxSurge, maxUnavailable, type Stored } from '../../src/index.ts';
import { rolloutStatusLine } from './rollout-status.ts';

const intOrPercent = (replicas: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: replicas + 2 }),
    fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
  );

const isZero = (v: number | string) => v === 0 || v === '0%';

export interface RolloutShape {
  replicas: number;
  maxSurge: number | string;
  maxUnavailable: number | string;
  seed: number;
}

export const rolloutShape: fc.Arbitrary<RolloutShape> = fc
  .integer({ min: 1, max: 10 })
  .chain((replicas) =>
    fc.record({
      replicas: fc.constant(replicas),
      maxSurge: intOrPercent(replicas),
      maxUnavailable: intOrPercent(replicas),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    }),
  )
  .filter((s) => !(isZero(s.maxSurge) && isZero(s.maxUnavailable)));

export interface Bounds {
  maxPods: number;
  minAvailable: number;
}

export function boundsOf(d: Stored<'Deployment'>): Bounds {
  return { maxPods: d.spec!.replicas! + maxSurge(d), minAvailable: d.spec!.replicas! - maxUnavailable(d) };
}

export interface Worst {
  pods: number;
  available: number;
  at: { pods: number; available: number };
}

/** Watches every store write and records the most pods and the fewest available ones of the Deployment `name` (pods labelled app=name). */
export function watchBounds(store: ApiStore, engine: Engine, name: string, namespace = 'default'): Worst {
  const worst: Worst = { pods: 0, available: Infinity, at: { pods: 0, available: 0 } };
  store.watch('*', { resourceVersion: store.resourceVersion }, () => {
    const d = store.get('Deployment', namespace, name);
    const rsUids = new Set(
      store
        .list('ReplicaSet', { namespace })
        .items.filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata!.uid))
        .map((rs) => rs.metadata!.uid!),
    );
    const active = store
      .list('Pod', { namespace, labelSelector: `app=${name}` })
      .items.filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .filter((p) => p.metadata?.ownerReferences?.some((r) => rsUids.has(r.uid)));
    const available = active.filter((p) => isPodAvailable(p, d.spec?.minReadySeconds ?? 0, engine.now)).length;
    if (active.length > worst.pods) worst.at.pods = engine.now;
    if (available < worst.available) worst.at.available = engine.now;
    worst.pods = Math.max(worst.pods, active.length);
    worst.available = Math.min(worst.available, available);
  });
  return worst;
}

/** Runs a second at a time until `kubectl rollout status` would be done with the Deployment (at most `limitMs`). */
export function runUntilRolledOut(store: ApiStore, engine: Engine, name: string, limitMs: number, namespace = 'default'): boolean {
  const end = engine.now + limitMs;
  while (engine.now < end) {
    engine.runFor(1000);
    if (rolloutStatusLine(store.get('Deployment', namespace, name)).done) return true;
  }
  return false;
}
