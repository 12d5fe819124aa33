// Cluster events against a full unschedulablePods: 10,000 parked pods, and a stream of
// PersistentVolumeClaim updates (the PV controller and provisioners write claims often). When no
// parked pod was rejected by a volume plugin the queue answers from its per-plugin counts without
// walking the pods; when they all were, each event walks them and asks the hint.

import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { bench, describe } from 'vitest';
import { SchedulingQueue } from '../src/kube-scheduler/index.ts';

const PARKED = 10_000;

function parkedQueue(plugin: string): SchedulingQueue {
  // The KubeScheduler hint for claims: same namespace and a claim the pod uses; no pod uses it here.
  const queue = new SchedulingQueue({ hint: () => false });
  for (let i = 0; i < PARKED; i++) {
    const pod: Pod = { metadata: { name: `p-${i}`, namespace: 'default', uid: `uid-${i}` }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    queue.add(pod, 0);
    queue.addUnschedulable(queue.pop(0)!, [plugin], 0);
  }
  return queue;
}

const claim = (i: number): PersistentVolumeClaim => ({ metadata: { name: `claim-${i}`, namespace: 'default' } });

describe(`PersistentVolumeClaim updates, ${PARKED.toLocaleString('en-US')} parked pods`, () => {
  const byFit = parkedQueue('NodeResourcesFit');
  const byVolumes = parkedQueue('VolumeBinding');
  let n = 0;
  bench('parked by NodeResourcesFit (counted, no walk)', () => {
    const c = claim(n++);
    byFit.onEvent({ kind: 'PersistentVolumeClaimUpdate', oldClaim: c, claim: c }, 1000);
  });
  bench('parked by VolumeBinding (walk + hint)', () => {
    const c = claim(n++);
    byVolumes.onEvent({ kind: 'PersistentVolumeClaimUpdate', oldClaim: c, claim: c }, 1000);
  });
});
