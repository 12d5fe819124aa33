// A RollingUpdate keeps within its fenceposts at every instant (checked on every write to the
// store, through a watch): at most replicas + maxSurge pods, at least replicas − maxUnavailable
// available, with maxSurge rounded up and maxUnavailable down from percentages (and 1 when both
// come to 0). A healthy rollout finishes; one whose new pods never become ready stalls inside the
// same bounds and is marked ProgressDeadlineExceeded once progressDeadlineSeconds pass without
// progress. (Reference §4: rounding, reconcileNewReplicaSet / reconcileOldReplicaSets.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRFC3339 } from '@dockyard/runtime';
import type { Stored } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';
import { boundsOf, rolloutShape as scenario, runUntilRolledOut, watchBounds } from './support/rollout-bounds.ts';
import { rolloutStatusLine } from './support/rollout-status.ts';

/** Ready between 0.5 s and 4.1 s after starting, by the pod's name: rollouts interleave differently. */
function readyDelay(pod: Stored<'Pod'>): number {
  let sum = 0;
  for (const ch of pod.metadata!.name!) sum += ch.charCodeAt(0);
  return 500 + (sum % 10) * 400;
}

describe('rolling update', () => {
  it('stays within replicas + maxSurge and replicas − maxUnavailable, and finishes', () => {
    fc.assert(
      fc.property(scenario, ({ replicas, maxSurge: surge, maxUnavailable: unavailable, seed }) => {
        const c = controllerCluster({ seed, behaviour: (pod) => ({ readyAfterMs: readyDelay(pod) }) });
        c.store.create(deploymentManifest('web', { replicas, maxSurge: surge, maxUnavailable: unavailable }));
        expect(runUntilRolledOut(c.store, c.engine, 'web', 60_000)).toBe(true);
        const bounds = boundsOf(c.deployment('web'));
        const worst = watchBounds(c.store, c.engine, 'web');
        c.setImage('web', 'nginx:1.26');
        expect(runUntilRolledOut(c.store, c.engine, 'web', 600_000)).toBe(true);
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
        expect(runUntilRolledOut(c.store, c.engine, 'web', 60_000)).toBe(true);
        const bounds = boundsOf(c.deployment('web'));
        const worst = watchBounds(c.store, c.engine, 'web');
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
