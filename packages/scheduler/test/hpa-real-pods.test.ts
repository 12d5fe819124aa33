// The HorizontalPodAutoscaler against real pods: nginx replicas on the kubelets, metrics-server
// scraping them every 15 s, the HPA controller syncing every 15 s (--horizontal-pod-autoscaler-sync-period),
// and a load step on the Service (0.6 CPU worth of requests spread over the ready pods). It scales
// out in steps as new pods take their share, settles where utilization meets the 50% target, and
// after the load stops keeps its size for the 5-minute scale-down stabilization window, then goes
// back to minReplicas in one step. [reference: HPA algorithm, tolerance 0.1, behavior defaults]
import { describe, expect, test } from 'vitest';
import { kubeletCluster } from './support/kubelet-cluster.ts';

const SYNC_MS = 15_000;
const STABILIZATION_MS = 300_000;

function loadedCluster() {
  const c = kubeletCluster();
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'php-apache', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { run: 'php-apache' } },
      template: {
        metadata: { labels: { run: 'php-apache' } },
        spec: { containers: [{ name: 'php-apache', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } } }] },
      },
    },
  });
  c.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'php-apache', namespace: 'default' }, spec: { selector: { run: 'php-apache' }, ports: [{ port: 80 }] } });
  c.runUntil(() => c.store.get('Deployment', 'default', 'php-apache').status?.readyReplicas === 1);
  const created = c.engine.now;
  c.apply({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'php-apache', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  });
  const changes: { t: number; replicas: number }[] = [];
  const replicas = () => c.store.get('Deployment', 'default', 'php-apache').spec!.replicas!;
  /** Runs second by second, noting when spec.replicas changes. */
  const run = (ms: number) => {
    for (let end = c.engine.now + ms; c.engine.now < end; ) {
      c.engine.runFor(1000);
      if (replicas() !== (changes.at(-1)?.replicas ?? 1)) changes.push({ t: c.engine.now, replicas: replicas() });
    }
  };
  return { ...c, created, changes, replicas, run };
}

describe('HPA with real pods and a load step', () => {
  test('scales out at its 15 s syncs until utilization meets the target; scales in 5 minutes after the load stops', () => {
    const c = loadedCluster();
    c.run(60_000);
    expect(c.changes).toEqual([]);
    const loadOn = c.engine.now;
    c.cluster.loadService('default', 'php-apache', 0.6);
    c.run(240_000);
    // The first scrape after the step averages 10 s at the 500m limit and 5 s idle: 333m, 166% of
    // the request against 50% → ceil(1 × 3.33) = 4; 4 pods at 150m: 75% → 6; 6 pods at 100m: 50%, settled.
    expect(c.changes.map((x) => x.replicas)).toEqual([4, 6]);
    expect(c.changes[0]!.t - loadOn).toBeLessThanOrEqual(3 * SYNC_MS);
    // Every decision falls on a sync of the controller, 15 s apart.
    for (const change of c.changes) expect((change.t - c.created) % SYNC_MS).toBeLessThan(1000);
    const hpa = c.store.get('HorizontalPodAutoscaler', 'default', 'php-apache');
    expect(hpa.status!.currentReplicas).toBe(6);
    expect(hpa.status!.currentMetrics![0]!.resource!.current.averageUtilization).toBe(50);
    const rescales = () => c.events('HorizontalPodAutoscaler', 'php-apache').filter((e) => e.startsWith('SuccessfulRescale'));
    expect(rescales()).toEqual([
      'SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'SuccessfulRescale New size: 6; reason: cpu resource utilization (percentage of request) above target',
    ]);

    const loadOff = c.engine.now;
    c.cluster.loadService('default', 'php-apache', 0);
    c.run(STABILIZATION_MS - SYNC_MS);
    expect(c.replicas()).toBe(6);
    expect(c.store.get('HorizontalPodAutoscaler', 'default', 'php-apache').status!.conditions!.find((x) => x.type === 'AbleToScale')!.reason).toBe('ScaleDownStabilized');
    c.run(4 * SYNC_MS);
    expect(c.changes.at(-1)!.replicas).toBe(1);
    const scaleIn = c.changes.at(-1)!.t - loadOff;
    expect(scaleIn).toBeGreaterThanOrEqual(STABILIZATION_MS);
    expect(scaleIn).toBeLessThanOrEqual(STABILIZATION_MS + 3 * SYNC_MS);
    expect(rescales().at(-1)).toBe('SuccessfulRescale New size: 1; reason: All metrics below target');
    c.run(60_000);
    expect(c.pods({ run: 'php-apache' }).filter((p) => p.metadata!.deletionTimestamp === undefined)).toHaveLength(1);
  });
});
