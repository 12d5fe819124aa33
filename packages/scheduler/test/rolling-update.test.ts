// A RollingUpdate keeps within its fenceposts at every instant (checked on every write to the
// store, through a watch): at most replicas + maxSurge pods, at least replicas − maxUnavailable
// available, with maxSurge rounded up and maxUnavailable down from percentages (and 1 when both
// come to 0). A healthy rollout finishes; one whose new pods never become ready stalls inside the
// same bounds and is marked ProgressDeadlineExceeded once progressDeadlineSeconds pass without
// progress. (Reference §4: rounding, reconcileNewReplicaSet / reconcileOldReplicaSets.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRFC3339 } from '@dockyard/runtime';
import { isPodAvailable, maxSurge, maxUnavailable, type Stored } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';
import { rolloutStatusLine } from './support/rollout-status.ts';

const intOrPercent = (replicas: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: replicas + 2 }),
    fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
  );

const isZero = (v: number | string) => v === 0 || v === '0%';

const scenario = fc
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

/** Ready between 0.5 s and 4.1 s after starting, by the pod's name: rollouts interleave differently. */
function readyDelay(pod: Stored<'Pod'>): number {
  let sum = 0;
  for (const ch of pod.metadata!.name!) sum += ch.charCodeAt(0);
  return 500 + (sum % 10) * 400;
}

interface Bounds {
  maxPods: number;
  minAvailable: number;
}

/** Watches every store write and records the worst moments of the rollout of `name`. */
function watchBounds(c: ReturnType<typeof controllerCluster>, name: string) {
  const worst = { pods: 0, available: Infinity, at: { pods: 0, available: 0 } };
  c.store.watch('*', { resourceVersion: c.store.resourceVersion }, () => {
    const d = c.store.get('Deployment', 'default', name);
    const rsUids = new Set(
      c.store
        .list('ReplicaSet', { namespace: 'default' })
        .items.filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata!.uid))
        .map((rs) => rs.metadata!.uid!),
    );
    const active = c.activePods({ app: name }).filter((p) => p.metadata?.ownerReferences?.some((r) => rsUids.has(r.uid)));
    const available = active.filter((p) => isPodAvailable(p, d.spec?.minReadySeconds ?? 0, c.engine.now)).length;
    if (active.length > worst.pods) worst.at.pods = c.engine.now;
    if (available < worst.available) worst.at.available = c.engine.now;
    worst.pods = Math.max(worst.pods, active.length);
    worst.available = Math.min(worst.available, available);
  });
  return worst;
}

function runUntilRolledOut(c: ReturnType<typeof controllerCluster>, name: string, limitMs: number): boolean {
  const end = c.engine.now + limitMs;
  while (c.engine.now < end) {
    c.engine.runFor(1000);
    if (rolloutStatusLine(c.deployment(name)).done) return true;
  }
  return false;
}

function boundsOf(c: ReturnType<typeof controllerCluster>, name: string): Bounds {
  const d = c.deployment(name);
  return { maxPods: d.spec!.replicas! + maxSurge(d), minAvailable: d.spec!.replicas! - maxUnavailable(d) };
}

describe('rolling update', () => {
  it('stays within replicas + maxSurge and replicas − maxUnavailable, and finishes', () => {
    fc.assert(
      fc.property(scenario, ({ replicas, maxSurge: surge, maxUnavailable: unavailable, seed }) => {
        const c = controllerCluster({ seed, behaviour: (pod) => ({ readyAfterMs: readyDelay(pod) }) });
        c.store.create(deploymentManifest('web', { replicas, maxSurge: surge, maxUnavailable: unavailable }));
        expect(runUntilRolledOut(c, 'web', 60_000)).toBe(true);
        const bounds = boundsOf(c, 'web');
        const worst = watchBounds(c, 'web');
        c.setImage('web', 'nginx:1.26');
        expect(runUntilRolledOut(c, 'web', 600_000)).toBe(true);
        expect(worst.pods).toBeLessThanOrEqual(bounds.maxPods);
        expect(worst.available).toBeGreaterThanOrEqual(bounds.minAvailable);
        const pods = c.activePods({ app: 'web' });
        expect(pods).toHaveLength(replicas);
        expect(pods.every((p) => p.spec?.containers[0]?.image === 'nginx:1.26')).toBe(true);
        expect(rolloutStatusLine(c.deployment('web')).line).toBe('deployment "web" successfully rolled out');
      }),
      { numRuns: 40 },
    );
  });

  it('stalls within the bounds on a version that never becomes ready, then reports ProgressDeadlineExceeded', () => {
    fc.assert(
      fc.property(scenario, ({ replicas, maxSurge: surge, maxUnavailable: unavailable, seed }) => {
        const c = controllerCluster({
          seed,
          behaviour: (pod) => ({ readyAfterMs: pod.spec?.containers[0]?.image === 'nginx:broken' ? null : readyDelay(pod) }),
        });
        c.store.create(deploymentManifest('web', { replicas, maxSurge: surge, maxUnavailable: unavailable, progressDeadlineSeconds: 60 }));
        expect(runUntilRolledOut(c, 'web', 60_000)).toBe(true);
        const bounds = boundsOf(c, 'web');
        const worst = watchBounds(c, 'web');
        let lastProgress: string | undefined;
        c.store.watch('Deployment', { resourceVersion: c.store.resourceVersion }, ({ object }) => {
          const cond = object.status?.conditions?.find((x) => x.type === 'Progressing');
          if (cond?.status === 'True') lastProgress = cond.lastUpdateTime;
        });
        c.setImage('web', 'nginx:broken');
        c.engine.runFor(120_000);
        expect(worst.pods).toBeLessThanOrEqual(bounds.maxPods);
        expect(worst.available).toBeGreaterThanOrEqual(bounds.minAvailable);
        const d = c.deployment('web');
        const progressing = d.status?.conditions?.find((cond) => cond.type === 'Progressing');
        const newRS = c.replicaSets('web').at(-1)!;
        expect(progressing).toMatchObject({
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.`,
        });
        // Nothing wakes a stalled rollout but requeueStuckDeployment: one second after the deadline.
        expect(fromRFC3339(progressing!.lastTransitionTime!)).toBe(fromRFC3339(lastProgress!) + 61_000);
        expect(rolloutStatusLine(d).line).toBe('error: deployment "web" exceeded its progress deadline');
      }),
      { numRuns: 25 },
    );
  });
});
