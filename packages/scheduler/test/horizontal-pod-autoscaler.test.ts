import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deepCopy, HorizontalPodAutoscalerController, MetricsServer, EventRecorder } from '../src/index.ts';
import { FakeKubeletMetrics } from './fixtures/fake-kubelet-metrics.ts';
import { networkingCluster, runningPod } from './fixtures/networking-cluster.ts';

/**
 * A Deployment `web` (250m CPU requested per pod), its pods kept at spec.replicas by a stand-in for
 * the ReplicaSet controller, an HPA with the tutorial's values (min 2, max 10, 70% CPU), and a
 * scripted CPU usage per pod.
 */
function hpaCluster(seed = 1, options: { minReplicas?: number; maxReplicas?: number; metrics?: boolean; request?: boolean } = {}) {
  const c = networkingCluster(seed, ['node-1']);
  const server = options.metrics === false ? undefined : new MetricsServer(c.engine, c.store);
  const kubelet = new FakeKubeletMetrics('node-1', c.store);
  server?.addKubelet(kubelet);
  const hpa = new HorizontalPodAutoscalerController(c.engine, c.store, { events: new EventRecorder(c.engine, c.store, { component: 'horizontal-pod-autoscaler' }), metrics: server });
  const resources = options.request === false ? {} : { resources: { requests: { cpu: '250m', memory: '128Mi' } } };
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: options.minReplicas ?? 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'my-app:1.0', ...resources }] } } },
  });
  let serial = 0;
  let cpuPerPod = 0;
  /** The ReplicaSet controller and kubelet in one: pods follow spec.replicas, started and ready now. */
  const syncPods = () => {
    const want = c.store.get('Deployment', 'default', 'web').spec!.replicas!;
    const pods = c.store.list('Pod', { labelSelector: 'app=web' }).items;
    for (let i = pods.length; i < want; i++) {
      const name = `web-${serial++}`;
      const template = c.store.get('Deployment', 'default', 'web').spec!.template.spec!.containers;
      const pod = runningPod(c.store, name, { app: 'web' }, { node: 'node-1', ip: `10.244.1.${100 + serial}`, containers: deepCopy(template) });
      const status = deepCopy(pod);
      const now = new Date(Date.UTC(2025, 0, 1) + c.engine.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
      status.status!.startTime = now;
      for (const cond of status.status!.conditions!) cond.lastTransitionTime = now;
      c.store.updateStatus(status);
    }
    for (const pod of pods.slice(want)) c.store.delete('Pod', 'default', pod.metadata!.name!, { gracePeriodSeconds: 0 });
    kubelet.fallback = { cpu: cpuPerPod, memory: 100 * 1024 * 1024 };
  };
  const setLoad = (totalMillicores: number) => {
    cpuPerPod = totalMillicores / c.store.list('Pod', { labelSelector: 'app=web' }).items.length;
    kubelet.fallback = { cpu: cpuPerPod, memory: 100 * 1024 * 1024 };
  };
  const perPodLoad = (millicores: number) => {
    cpuPerPod = millicores;
    kubelet.fallback = { cpu: millicores, memory: 100 * 1024 * 1024 };
  };
  syncPods();
  c.store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: options.minReplicas ?? 2,
      maxReplicas: options.maxReplicas ?? 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  });
  /** Runs in 1 s steps, keeping pods at spec.replicas. */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      c.engine.runFor(1000);
      syncPods();
    }
  };
  const replicas = () => c.store.get('Deployment', 'default', 'web').spec!.replicas!;
  const events = () => c.store.list('Event').items.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler').map((e) => `${e.type} ${e.reason} ${e.message}`);
  const conditions = () => Object.fromEntries((c.store.get('HorizontalPodAutoscaler', 'default', 'web').status!.conditions ?? []).map((x) => [x.type, `${x.status} ${x.reason}`]));
  return { ...c, hpa, server, kubelet, run, replicas, events, conditions, setLoad, perPodLoad };
}

describe('HPA (autoscaling/v2, CPU utilization)', () => {
  test('defaults as the API server writes them', () => {
    const { store } = hpaCluster();
    expect(store.get('HorizontalPodAutoscaler', 'default', 'web').spec!.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  test('load above target scales out with the real event; utilization in status', () => {
    const { run, replicas, events, conditions, perPodLoad, store } = hpaCluster();
    perPodLoad(250); // 100% of the request against a 70% target: ceil(2 × 100/70) = 3
    run(60_000);
    expect(replicas()).toBeGreaterThanOrEqual(3);
    expect(events().find((e) => e.includes('SuccessfulRescale'))).toBe('Normal SuccessfulRescale New size: 3; reason: cpu resource utilization (percentage of request) above target');
    const hpa = store.get('HorizontalPodAutoscaler', 'default', 'web');
    expect(hpa.status!.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '250m' } } }]);
    expect(conditions().ScalingActive).toBe('True ValidMetricFound');
    expect(hpa.status!.conditions!.find((c) => c.type === 'ScalingActive')!.message).toBe('the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
    expect(hpa.status!.conditions!.map((c) => c.type)).toEqual(['AbleToScale', 'ScalingActive', 'ScalingLimited']);
  });

  test('within the 10% tolerance nothing changes', () => {
    const { run, replicas, events, perPodLoad, store } = hpaCluster();
    perPodLoad(0.75 * 250); // 75% against 70%: ratio 1.07
    run(120_000);
    expect(replicas()).toBe(2);
    expect(events().filter((e) => e.includes('SuccessfulRescale'))).toEqual([]);
    expect(store.get('HorizontalPodAutoscaler', 'default', 'web').status!.desiredReplicas).toBe(2);
  });

  test('a big step is limited to max(+4 pods, +100%) per 15 s, then capped at maxReplicas', () => {
    const { run, replicas, conditions, engine, setLoad } = hpaCluster(1, { maxReplicas: 10 });
    setLoad(2 * 250 * 5); // 500% on two pods: desires ceil(2 × 500/70) = 15
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      run(15_000);
      seen.push(replicas());
    }
    // Metrics exist from the second scrape on; then 2 → 6 (2 + 4 beats 2 × 2), then 6 → 10 (max).
    expect(seen.filter((r, i) => i === 0 || r !== seen[i - 1])).toEqual([2, 6, 10]);
    expect(seen.every((r, i) => i === 0 || r <= Math.max(seen[i - 1]! + 4, seen[i - 1]! * 2))).toBe(true);
    expect(engine.now).toBeGreaterThan(0);
    expect(['True ScaleUpLimit', 'True TooManyReplicas', 'False DesiredWithinRange']).toContain(conditions().ScalingLimited);
  });

  test('after load drops, scale-in waits for the 300 s stabilization window, then goes to minReplicas', () => {
    const { run, replicas, events, perPodLoad, conditions } = hpaCluster();
    perPodLoad(500);
    run(90_000);
    const peak = replicas();
    expect(peak).toBeGreaterThan(2);
    perPodLoad(10);
    run(240_000);
    expect(replicas()).toBe(peak);
    expect(conditions().AbleToScale).toBe('True ScaleDownStabilized');
    run(120_000);
    expect(replicas()).toBe(2);
    expect(events().at(-1)).toBe('Normal SuccessfulRescale New size: 2; reason: All metrics below target');
  });

  test('no metrics-server: FailedGetResourceMetric and FailedComputeMetricsReplicas, ScalingActive False', () => {
    const { run, replicas, events, conditions } = hpaCluster(1, { metrics: false });
    run(20_000);
    expect(replicas()).toBe(2);
    expect(events().slice(0, 2)).toEqual([
      'Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
      'Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    ]);
    expect(conditions().ScalingActive).toBe('False FailedGetResourceMetric');
  });

  test('before the first metrics arrive; pods without a CPU request', () => {
    const fresh = hpaCluster(1);
    fresh.run(1000);
    expect(fresh.events()[0]).toBe('Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
    const bare = hpaCluster(1, { request: false });
    bare.perPodLoad(100);
    bare.run(60_000);
    expect(bare.events().some((e) => /^Warning FailedGetResourceMetric failed to get cpu utilization: missing request for cpu in container app of Pod web-\d+$/.test(e))).toBe(true);
  });

  test('a missing target: FailedGetScale', () => {
    const { store, run, events } = hpaCluster();
    store.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'ghost' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ghost' }, maxReplicas: 3 } });
    run(1000);
    expect(events()).toContain('Warning FailedGetScale deployments.apps "ghost" not found');
    const ghost = store.get('HorizontalPodAutoscaler', 'default', 'ghost');
    expect(ghost.status!.conditions![0]).toMatchObject({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found` });
  });

  test('a target below minReplicas is raised at once', () => {
    const { store, run, replicas, events } = hpaCluster();
    store.patch('Deployment', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    run(16_000);
    expect(replicas()).toBe(2);
    expect(events()).toContain('Normal SuccessfulRescale New size: 2; reason: Current number of replicas below Spec.MinReplicas');
  });

  test('property: replicas stay within min..max and never go down within 300 s of going up', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 4, maxLength: 10 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 8 }), (loads, min, max) => {
        const { run, replicas, setLoad, engine } = hpaCluster(5, { minReplicas: min, maxReplicas: max });
        const history: { at: number; replicas: number }[] = [{ at: engine.now, replicas: replicas() }];
        for (const load of loads) {
          setLoad(load);
          for (let i = 0; i < 6; i++) {
            run(15_000);
            history.push({ at: engine.now, replicas: replicas() });
          }
        }
        let lastUp = -Infinity;
        for (let i = 1; i < history.length; i++) {
          const { at, replicas: r } = history[i]!;
          expect(r).toBeGreaterThanOrEqual(min);
          expect(r).toBeLessThanOrEqual(max);
          const before = history[i - 1]!.replicas;
          if (r > before) lastUp = at;
          if (r < before) expect(at - lastUp).toBeGreaterThanOrEqual(300_000);
        }
      }),
      { numRuns: 12 },
    );
  });

  test('snapshot and restore carry the recommendations: the same decisions follow', () => {
    const script = (restore: boolean) => {
      const c = hpaCluster(3);
      c.perPodLoad(600);
      c.run(45_000);
      c.perPodLoad(20);
      c.run(30_000);
      if (restore) {
        const snapshot = JSON.parse(JSON.stringify(c.engine.snapshot()));
        const fresh = hpaCluster(3);
        fresh.engine.restore(snapshot);
        fresh.perPodLoad(20);
        const out: number[] = [];
        for (let i = 0; i < 30; i++) {
          fresh.run(15_000);
          out.push(fresh.replicas());
        }
        return out;
      }
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        c.run(15_000);
        out.push(c.replicas());
      }
      return out;
    };
    expect(script(true)).toEqual(script(false));
  });
});
