// Scheduling throughput: pods bound per second of wall time, through the whole component (queue,
// cycle, assume, the watch confirming the binding), for 1,000 nodes / 30,000 pods and 5,000 nodes
// / 150,000 pods, plus the peak heap and RSS sampled while it runs and the CPU time used (wall
// time on a shared machine also counts other processes).
// The cluster: nodes of 16 cpu / 64Gi / 110 pods in 3 zones, some with images cached; pods from
// 60 ReplicaSets (so the default topology spreading applies) with mixed requests.

import type { Node, Pod } from 'kubernetes-types/core/v1';
import { bench, describe } from 'vitest';
import { SeededRandom } from '@dockyard/runtime';
import { KubeScheduler } from '../src/kube-scheduler/index.ts';

const WORKLOADS = 60;

function makeNodes(count: number): Node[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `node-${String(i + 1).padStart(5, '0')}`;
    return {
      metadata: {
        name,
        labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}`, 'topology.kubernetes.io/region': 'region-1' },
      },
      spec: {},
      status: {
        allocatable: { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '200Gi' },
        images: i % 4 === 0 ? [{ names: ['docker.io/library/nginx:1.25'], sizeBytes: 70_000_000 }] : [],
      },
    };
  });
}

function makePods(count: number): Pod[] {
  return Array.from({ length: count }, (_, i) => {
    const w = i % WORKLOADS;
    return {
      metadata: {
        name: `app-${w}-${i}`,
        namespace: 'default',
        uid: `uid-${i}`,
        labels: { app: `app-${w}` },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${w}`, uid: `rs-${w}`, controller: true }],
      },
      spec: {
        containers: [
          {
            name: 'app',
            image: w % 2 === 0 ? 'docker.io/library/nginx:1.25' : 'redis:7-alpine',
            resources: { requests: { cpu: `${100 + (w % 4) * 50}m`, memory: `${128 + (w % 5) * 64}Mi` } },
          },
        ],
      },
    };
  });
}

function run(nodeCount: number, podCount: number): void {
  const nodes = makeNodes(nodeCount);
  const pods = makePods(podCount);
  const scheduler = new KubeScheduler({ random: new SeededRandom(7) });
  for (let w = 0; w < WORKLOADS; w++) scheduler.onWorkload('ReplicaSet', 'ADDED', 'default', `app-${w}`, { matchLabels: { app: `app-${w}` } });
  for (const node of nodes) scheduler.onNode('ADDED', node, 0);
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const pod of pods) scheduler.onPod('ADDED', pod, 0);
  let bound = 0;
  for (let outcome = scheduler.scheduleNext(0); outcome !== undefined; outcome = scheduler.scheduleNext(0)) {
    if (outcome.bindTo === undefined) continue;
    scheduler.bindingSucceeded(outcome.pod.metadata!.uid!);
    scheduler.onPod('MODIFIED', { ...outcome.pod, spec: { ...outcome.pod.spec!, nodeName: outcome.bindTo } }, 0, outcome.pod);
    if (++bound % 5000 === 0) sample();
  }
  sample();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (bound !== podCount) throw new Error(`bound ${bound} of ${podCount} pods`);
  console.log(
    `${nodeCount} nodes / ${podCount} pods: ${seconds.toFixed(1)} s wall (${cpuSeconds.toFixed(1)} s cpu), ${Math.round(bound / seconds)} pods/s, ` +
      `peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB, peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
}

describe('kube-scheduler throughput', () => {
  bench('1,000 nodes / 30,000 pods', async () => run(1_000, 30_000), { iterations: 1, warmupIterations: 0, warmupTime: 0, time: 0 });
  bench('5,000 nodes / 150,000 pods', async () => run(5_000, 150_000), { iterations: 1, warmupIterations: 0, warmupTime: 0, time: 0 });
});
