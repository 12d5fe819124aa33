// Snapshot and restore of the whole control plane (store, kube-controller-manager, fake kubelets)
// at any instant: a restored engine, given the same commands at the same times, writes the same
// event log as the one that never stopped (ARCHITECTURE: determinism and snapshots).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '@dockyard/runtime';
import { controllerCluster, deploymentManifest, jobManifest } from './support/controller-cluster.ts';

const END = 480_000;

type Cluster = ReturnType<typeof controllerCluster>;

/** What a user does, and when. */
const SCRIPT: [number, (c: Cluster) => void][] = [
  [0, (c) => c.store.create(deploymentManifest('web', { replicas: 4, maxSurge: 1, maxUnavailable: 1 }))],
  [5_000, (c) => c.store.create(jobManifest('batch', { completions: 3, parallelism: 2, backoffLimit: 2 }))],
  [10_000, (c) => c.store.create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16-alpine' }] } } } })],
  [15_000, (c) => c.store.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox' }] } } } })],
  [20_000, (c) => c.store.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec: { schedule: '*/2 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 't', image: 'busybox' }] } } } } } })],
  [30_000, (c) => c.setImage('web', 'nginx:1.26')],
  [45_000, (c) => c.cluster.stopNode('node-3')],
  [70_000, (c) => c.editDeployment('web', (d) => void (d.spec!.replicas = 6))],
  [400_000, (c) => c.cluster.startNode('node-3')],
];

function cluster(): Cluster {
  return controllerCluster({
    seed: 7,
    behaviour: (pod) => (pod.metadata?.labels?.['job-name'] === undefined ? { readyAfterMs: 1500 } : { readyAfterMs: 500, exitAfterMs: 4000, exitCode: pod.metadata.name!.charCodeAt(6) % 2 }),
  });
}

function play(c: Cluster, from: number, to: number): void {
  for (const [at, act] of SCRIPT) {
    if (at < from || at >= to) continue;
    c.engine.runUntil(at);
    act(c);
  }
  c.engine.runUntil(to);
}

/** The snapshot as it would be stored: plain JSON, through text. */
function saved(engine: Engine): unknown {
  return JSON.parse(JSON.stringify(engine.snapshot()));
}

describe('controller manager snapshots', () => {
  const reference = cluster();
  play(reference, 0, END);
  const expected = reference.engine.log.toJSONL();

  it('the scenario exercises rollouts, jobs and node failure', () => {
    const types = new Set(reference.engine.log.records().map((r) => r.type));
    for (const type of ['deployment-controller.scale', 'job-controller.create-pods', 'statefulset-controller.create-pod', 'daemonset-controller.create-pods', 'cronjob-controller.create-job', 'node-lifecycle-controller.taint', 'taint-eviction-controller.evict', 'k8s.event']) {
      expect(types).toContain(type);
    }
  });

  it('continues to the same event log from a snapshot taken at any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: END }), (at) => {
        const first = cluster();
        play(first, 0, at);
        const snapshot = saved(first.engine);
        const second = cluster();
        second.engine.restore(snapshot);
        play(second, at, END);
        expect(second.engine.log.toJSONL()).toBe(expected);
      }),
      { numRuns: 12 },
    );
  });
});
