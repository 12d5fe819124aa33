// `kubectl rollout history deployment/web [--revision=N]` against the stock client reading the
// same Deployment and ReplicaSets from the fake API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { printRolloutHistory } from '../src/kubectl/printers/rollout-history.ts';
import type { FakeApiServer } from './support/fake-apiserver.ts';
import { kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';

const template = (image: string, hash: string): NonNullable<Deployment['spec']>['template'] => ({
  metadata: { labels: { app: 'web', 'pod-template-hash': hash } },
  spec: {
    containers: [
      {
        name: 'web',
        image,
        ports: [{ containerPort: 3000, protocol: 'TCP' }],
        resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m' } },
        env: [{ name: 'MODE', value: 'prod' }],
      },
    ],
  },
});

const DEPLOYMENT: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'dep-uid', creationTimestamp: '2025-01-01T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '3' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: template('web:3', 'x').spec },
  },
};

function rs(name: string, revision: string | undefined, image: string, owner = 'dep-uid', cause?: string): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (revision !== undefined) annotations['deployment.kubernetes.io/revision'] = revision;
  if (cause !== undefined) annotations['kubernetes.io/change-cause'] = cause;
  const hash = name.split('-').pop()!;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: template(image, hash) },
  };
}

const REPLICA_SETS = [
  rs('web-7d4b9c8f5', '3', 'web:3', 'dep-uid', 'kubectl set image deployment/web web=web:3'),
  rs('web-5f6c7d8e9', '1', 'web:1'),
  rs('web-6a7b8c9d0', '2', 'web:2', 'dep-uid', ''),
  rs('web-0000000000', '10', 'web:10', 'someone-else'),
];

describe('rollout history without the stock client', () => {
  it('skips a ReplicaSet whose revision is not a number', () => {
    const withBad = [...REPLICA_SETS, rs('web-1111111111', 'x', 'web:x')];
    expect(printRolloutHistory(DEPLOYMENT, withBad).stdout).toBe(printRolloutHistory(DEPLOYMENT, REPLICA_SETS).stdout);
  });
});

describe.skipIf(!kubectlInstalled)('kubectl rollout history matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer([DEPLOYMENT, ...REPLICA_SETS] as KubeObject[], () => 3_600_000);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const revision of [0, 1, 3, 7]) {
    it(`rollout history deployment/web${revision > 0 ? ` --revision=${revision}` : ''}`, async () => {
      const real = await runKubectl(server, ['rollout', 'history', 'deployment/web', ...(revision > 0 ? [`--revision=${revision}`] : [])]);
      expect(printRolloutHistory(DEPLOYMENT, REPLICA_SETS, revision)).toEqual({ stdout: real.stdout, stderr: real.stderr, exitCode: real.status });
    });
  }
});
