// The rolling-update fenceposts with real kubelets (reference §4): nginx pods pulled, started and
// probed on node-1..3, readiness from an HTTP probe. For random replicas (1-10) and maxSurge /
// maxUnavailable (numbers or percentages, not both zero), at every write to the store there are
// at most replicas + maxSurge pods and at least replicas − maxUnavailable available ones, and the
// rollout to a new image finishes. A fixed fast-check seed keeps the runs the same every time.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../src/index.ts';
import { deploymentManifest } from './support/controller-cluster.ts';
import { kubeletCluster } from './support/kubelet-cluster.ts';
import { boundsOf, rolloutShape, runUntilRolledOut, watchBounds } from './support/rollout-bounds.ts';
import { rolloutStatusLine } from './support/rollout-status.ts';

describe('rolling update on real kubelets', () => {
  it('stays within replicas + maxSurge and replicas − maxUnavailable at every instant, and finishes', () => {
    fc.assert(
      fc.property(rolloutShape, ({ replicas, maxSurge, maxUnavailable, seed }) => {
        const c = kubeletCluster({ seed });
        const manifest = deploymentManifest('web', { replicas, maxSurge, maxUnavailable });
        // Ready once nginx answers its probe: 2 s after the start, then every second.
        manifest.spec!.template.spec!.containers[0]!.readinessProbe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 2, periodSeconds: 1 };
        c.apply(manifest);
        expect(runUntilRolledOut(c.store, c.engine, 'web', 120_000)).toBe(true);
        const bounds = boundsOf(c.store.get('Deployment', 'default', 'web'));
        const worst = watchBounds(c.store, c.engine, 'web');
        const changed = deepCopy(c.store.get('Deployment', 'default', 'web'));
        changed.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
        c.store.update(changed);
        expect(runUntilRolledOut(c.store, c.engine, 'web', 600_000)).toBe(true);
        expect(worst.pods).toBeLessThanOrEqual(bounds.maxPods);
        expect(worst.available).toBeGreaterThanOrEqual(bounds.minAvailable);
        const running = c.pods({ app: 'web' }).filter((p) => p.metadata?.deletionTimestamp === undefined);
        expect(running.map((p) => [p.spec!.containers[0]!.image, c.row(p.metadata!.name!).status])).toEqual(Array(replicas).fill(['nginx:1.26', 'Running']));
        expect(rolloutStatusLine(c.store.get('Deployment', 'default', 'web')).line).toBe('deployment "web" successfully rolled out');
      }),
      { seed: 20261125, numRuns: 25 },
    );
  });
});
