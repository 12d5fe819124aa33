// `kubectl rollout status` lines for Deployments, DaemonSets and StatefulSets in each state,
// against the stock client reading the same object from the fake API server (--watch=false),
// and a whole watched rollout (every event's line, repeats included, until done).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { rolloutStatus } from '../src/kubectl/printers/rollout-status.ts';
import type { FakeWatchEvent } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

function deployment(generation: number, status: Deployment['status'], annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': '2' }): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', generation, annotations, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:2' }] } } },
    status,
  };
}

function daemonSet(type: string, status: DaemonSet['status']): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', generation: 2, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { selector: { matchLabels: { app: 'agent' } }, updateStrategy: { type }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'a' }] } } },
    status,
  };
}

function statefulSet(strategy: NonNullable<StatefulSet['spec']>['updateStrategy'], status: StatefulSet['status']): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default', generation: 2, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, updateStrategy: strategy, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db' }] } } },
    status,
  };
}

const ds = (desired: number, updated: number, available: number, observedGeneration = 2): DaemonSet['status'] => ({
  currentNumberScheduled: desired, desiredNumberScheduled: desired, numberMisscheduled: 0, numberReady: available,
  updatedNumberScheduled: updated, numberAvailable: available, observedGeneration,
});

const CASES: [string, KubeObject, string[]][] = [
  ['deployment: spec update not observed', deployment(3, { observedGeneration: 2 }), []],
  ['deployment: new replicas being updated', deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }), []],
  ['deployment: old replicas pending termination', deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }), []],
  ['deployment: updated replicas becoming available', deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 1 }), []],
  ['deployment: rolled out', deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 }), []],
  ['deployment: progress deadline exceeded', deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }), []],
  ['deployment: --revision matching', deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), ['--revision=2']],
  ['deployment: --revision differing', deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), ['--revision=5']],
  ['deployment: --revision with a bad annotation', deployment(2, { observedGeneration: 2 }, { 'deployment.kubernetes.io/revision': 'abc' }), ['--revision=1']],
  ['daemon set: spec update not observed', daemonSet('RollingUpdate', ds(3, 0, 0, 1)), []],
  ['daemon set: pods being updated', daemonSet('RollingUpdate', ds(3, 1, 3)), []],
  ['daemon set: pods becoming available', daemonSet('RollingUpdate', ds(3, 3, 2)), []],
  ['daemon set: rolled out', daemonSet('RollingUpdate', ds(3, 3, 3)), []],
  ['daemon set: OnDelete', daemonSet('OnDelete', ds(3, 3, 3)), []],
  ['stateful set: not observed', statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, { replicas: 3, observedGeneration: 0 }), []],
  ['stateful set: pods not ready', statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, { replicas: 3, readyReplicas: 1, observedGeneration: 2 }), []],
  ['stateful set: partition pending', statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 1, observedGeneration: 2 }), []],
  ['stateful set: partitioned complete', statefulSet({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 3, observedGeneration: 2 }), []],
  ['stateful set: no rollingUpdate, revisions differ', statefulSet({ type: 'RollingUpdate' }, { replicas: 3, readyReplicas: 3, updatedReplicas: 2, currentReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2', observedGeneration: 2 }), []],
  ['stateful set: no rollingUpdate, complete', statefulSet({ type: 'RollingUpdate' }, { replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: 'db-2', updateRevision: 'db-2', observedGeneration: 2 }), []],
  ['stateful set: OnDelete', statefulSet({ type: 'OnDelete' }, { replicas: 3, readyReplicas: 3, observedGeneration: 2 }), []],
];

const RESOURCE: Record<string, string> = { Deployment: 'deployment/web', DaemonSet: 'daemonset/agent', StatefulSet: 'statefulset/db' };

describe.skipIf(!kubectlInstalled)('kubectl rollout status matches the stock kubectl client', () => {
  for (const [name, object, flags] of CASES) {
    it(name, async () => {
      const server = await startFakeApiServer([object], () => 3_600_000);
      try {
        const real = await runKubectl(server, ['rollout', 'status', RESOURCE[object.kind!]!, '--watch=false', ...flags]);
        const revision = Number(flags.find((f) => f.startsWith('--revision='))?.slice(11) ?? 0);
        const ours = rolloutStatus(object, revision);
        expect({ stdout: ours.message, stderr: ours.error ?? '', status: ours.error === undefined ? 0 : 1 }).toEqual(real);
      } finally {
        await server.close();
      }
    });
  }

  it('a watched rollout prints every event until done', async () => {
    const states = [
      deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }),
      deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }),
      deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 2, availableReplicas: 3 }),
      deployment(2, { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }),
      deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
      deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
    ];
    const events: FakeWatchEvent[] = states.slice(1).map((object) => ({ type: 'MODIFIED', object }));
    const server = await startFakeApiServer([states[0]!], () => 3_600_000, events);
    try {
      const real = await runKubectl(server, ['rollout', 'status', 'deployment/web']);
      let stdout = '';
      for (const state of states) {
        const status = rolloutStatus(state);
        stdout += status.message;
        if (status.done) break;
      }
      expect({ stdout, stderr: '', status: 0 }).toEqual(real);
    } finally {
      await server.close();
    }
  });
});
