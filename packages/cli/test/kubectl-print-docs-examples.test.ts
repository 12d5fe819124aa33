// Outputs printed in the Kubernetes documentation (kubernetes.io/docs/concepts/workloads/
// controllers/deployment/ and .../tasks/run-application/run-stateless-application-deployment/),
// reproduced from equivalent objects. The deployment and ReplicaSet tables there come from a
// current kubectl and must match byte for byte; the pod tables were captured with an older
// kubectl whose columns were padded differently, so those compare cell by cell.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { printTable } from '../src/kubectl/printers/registry.ts';

const NOW = 3_600_000;
const ago = (seconds: number): string => new Date(Date.UTC(2025, 0, 1) + NOW - seconds * 1000).toISOString().replace('.000', '');
const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } };

function deployment(ready: number, updated: number, available: number, age: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', namespace: 'default', creationTimestamp: ago(age), labels: { app: 'nginx' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
    status: { readyReplicas: ready, updatedReplicas: updated, availableReplicas: available },
  } as KubeObject;
}

function replicaSet(hash: string, replicas: number, age: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `nginx-deployment-${hash}`, namespace: 'default', creationTimestamp: ago(age) },
    spec: { replicas, template },
    status: { replicas, readyReplicas: replicas },
  } as KubeObject;
}

function runningPod(name: string, age: number, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: ago(age), labels },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', image: 'nginx:1.14.2', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
    },
  } as KubeObject;
}

const cells = (text: string): string[][] => text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));

describe('outputs of the Kubernetes documentation, reproduced', () => {
  it('kubectl get deployments while the Deployment is created and once it is available', () => {
    expect(printTable([deployment(0, 0, 0, 1)], {}, NOW)).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   0/3     0            0           1s\n',
    );
    expect(printTable([deployment(3, 3, 3, 18)], {}, NOW)).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   3/3     3            3           18s\n',
    );
  });

  it('kubectl get rs after an update: the new ReplicaSet scaled up, the old one to 0', () => {
    expect(printTable([replicaSet('1564180365', 3, 6), replicaSet('2035384211', 0, 36)], {}, NOW)).toBe(
      'NAME                          DESIRED   CURRENT   READY   AGE\n' +
        'nginx-deployment-1564180365   3         3         3       6s\n' +
        'nginx-deployment-2035384211   0         0         0       36s\n',
    );
  });

  it('kubectl get pods --show-labels: the same cells as the page', () => {
    const labels = { app: 'nginx', 'pod-template-hash': '75675f5897' };
    const pods = ['7ci7o', 'kzszj', 'qqcnn'].map((suffix) => runningPod(`nginx-deployment-75675f5897-${suffix}`, 18, labels));
    const documented = `
   NAME                                READY     STATUS    RESTARTS   AGE       LABELS
   nginx-deployment-75675f5897-7ci7o   1/1       Running   0          18s       app=nginx,pod-template-hash=75675f5897
   nginx-deployment-75675f5897-kzszj   1/1       Running   0          18s       app=nginx,pod-template-hash=75675f5897
   nginx-deployment-75675f5897-qqcnn   1/1       Running   0          18s       app=nginx,pod-template-hash=75675f5897`;
    expect(cells(printTable(pods, { showLabels: true }, NOW))).toEqual(cells(documented));
  });

  it('kubectl get pods -l app=nginx after scaling to four: the same cells as the page', () => {
    const pods = [
      runningPod('nginx-deployment-148880595-4zdqq', 25, {}),
      runningPod('nginx-deployment-148880595-6zgi1', 25, {}),
      runningPod('nginx-deployment-148880595-fxcez', 120, {}),
      runningPod('nginx-deployment-148880595-rwovn', 120, {}),
    ];
    const documented = `
        NAME                               READY     STATUS    RESTARTS   AGE
        nginx-deployment-148880595-4zdqq   1/1       Running   0          25s
        nginx-deployment-148880595-6zgi1   1/1       Running   0          25s
        nginx-deployment-148880595-fxcez   1/1       Running   0          2m
        nginx-deployment-148880595-rwovn   1/1       Running   0          2m`;
    expect(cells(printTable(pods, {}, NOW))).toEqual(cells(documented));
  });
});
