// A pod applied before the PersistentVolumeClaim it mounts stays Pending with the scheduler's
// FailedScheduling `persistentvolumeclaim "data" not found`; applying the claim wakes it at once
// (VolumeBinding registers PVC Add/Update, PV Add/Update and StorageClass Add), not at the
// 5-minute unschedulable flush. Typed through the dockyard executable on a manual clock.
// - kind's default class `standard` (WaitForFirstConsumer, rancher.io/local-path): the pod is
//   placed when the claim appears, the claim is provisioned on its node, and the pod is bound.
// - a claim of no class and a PersistentVolume made by hand: the claim waits (`pod has unbound
//   immediate PersistentVolumeClaims`), and binding it to the new PV wakes the pod again.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Run, sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/pending-pod-claim');

function workspace(): (line: string) => Run {
  const box = sandbox();
  cpSync(fixtures, box.dir, { recursive: true });
  const typed = (line: string) => box.dockyard(...line.split(' '));
  expect(typed('init --clock manual').status).toBe(0);
  return typed;
}

/** The Events table of `kubectl describe pod`. */
const events = (describe: string) => describe.slice(describe.indexOf('Events:'));

const notFound =
  '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

describe('a pending pod waits for its claim', () => {
  it('the default StorageClass provisions the claim as soon as it is applied, and the pod is scheduled', () => {
    const typed = workspace();
    expect(typed('kubectl apply -f web-pod.yaml').stdout).toBe('pod/web created\n');
    typed('advance 5s');
    expect(typed('kubectl get pods').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          5s\n');
    expect(events(typed('kubectl describe pod web').stdout)).toBe(
      'Events:\n' +
        '  Type     Reason            Age   From               Message\n' +
        '  ----     ------            ----  ----               -------\n' +
        `  Warning  FailedScheduling  5s    default-scheduler  ${notFound}\n`,
    );

    expect(typed('kubectl apply -f data-pvc.yaml').stdout).toBe('persistentvolumeclaim/data created\n');
    typed('advance 6s');
    expect(typed('kubectl get pods').stdout).toBe('NAME   READY   STATUS              RESTARTS   AGE\nweb    0/1     ContainerCreating   0          11s\n');
    // Placed at 5 s when the claim appeared; bound at 8 s once local-path provisioned the volume.
    expect(events(typed('kubectl describe pod web').stdout)).toBe(
      'Events:\n' +
        '  Type     Reason            Age   From               Message\n' +
        '  ----     ------            ----  ----               -------\n' +
        `  Warning  FailedScheduling  11s   default-scheduler  ${notFound}\n` +
        '  Normal   Scheduled         3s    default-scheduler  Successfully assigned default/web to node-3\n' +
        '  Normal   Pulling           3s    kubelet            Pulling image "nginx:1.27"\n',
    );
    const claimEvents = typed('kubectl get events --field-selector involvedObject.kind=PersistentVolumeClaim').stdout;
    expect(claimEvents.split('\n').map((l) => l.split(/\s{2,}/).slice(0, 3).join(' '))).toEqual([
      'LAST SEEN TYPE REASON',
      '6s Normal WaitForFirstConsumer',
      '6s Normal ExternalProvisioning',
      '6s Normal Provisioning',
      '4s Normal ProvisioningSucceeded',
      '',
    ]);
  }, 90_000);

  it('a claim of no class waits for a PersistentVolume; binding it wakes the pod within its backoff', () => {
    const typed = workspace();
    typed('kubectl apply -f web-pod.yaml');
    typed('advance 3s');
    typed('kubectl apply -f data-pvc-no-class.yaml');
    // The claim woke the pod at 3 s; it is still unschedulable, now for the unbound claim.
    typed('advance 7s');
    expect(typed('kubectl get pods').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          10s\n');
    expect(typed('kubectl apply -f data-pv.yaml').stdout).toBe('persistentvolume/data-pv created\n');
    expect(typed('kubectl get pvc').stdout).toBe(
      'NAME   STATUS   VOLUME    CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' + 'data   Bound    data-pv   5Gi        RWO                           <unset>                 7s\n',
    );
    typed('advance 1s');
    expect(events(typed('kubectl describe pod web').stdout)).toBe(
      'Events:\n' +
        '  Type     Reason            Age   From               Message\n' +
        '  ----     ------            ----  ----               -------\n' +
        `  Warning  FailedScheduling  11s   default-scheduler  ${notFound}\n` +
        '  Warning  FailedScheduling  8s    default-scheduler  0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n' +
        '  Normal   Scheduled         1s    default-scheduler  Successfully assigned default/web to node-2\n' +
        '  Normal   Pulling           1s    kubelet            Pulling image "nginx:1.27"\n',
    );
  }, 90_000);
});
