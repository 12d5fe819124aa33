// Section 6 of the tutorial typed into a fresh workspace through the dockyard executable, one
// command per call: the Pod with its probes, the Deployment's rollout status, rolling update to
// my-app:2.0, undo and scale, and the three Services. The manifests are the tutorial's, cut out
// of it verbatim (fixtures/tutorial/section6). my-app is built from section 3's Dockerfile and put
// on the nodes as `kind load docker-image` does (support/load-into-nodes.ts): `my-app:1.0` is a
// tag no registry serves, so that is how a kind user runs it.
//
// Timings (reference §1, §4): an image already on the node starts at once (`Container image
// "my-app:1.0" already present on machine`); with maxSurge 1 and maxUnavailable 0 the controller
// adds one new pod, waits for it to be available (minReadySeconds 0), then takes one old pod
// away; rollout status prints kubectl's line on every change of the Deployment's status.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIntoNodes } from './support/load-into-nodes.ts';
import { type Run, sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/tutorial');

/** A fresh workspace holding section 6's manifests, with my-app:1.0 and 2.0 built and loaded into the nodes. */
function workspace() {
  const box = sandbox();
  cpSync(join(fixtures, 'my-app'), box.dir, { recursive: true });
  cpSync(join(fixtures, 'section6'), box.dir, { recursive: true });
  expect(box.dockyard('init', '--clock', 'manual').status).toBe(0);
  expect(box.dockyard('docker', 'build', '-q', '-t', 'my-app:1.0', '.').status).toBe(0);
  expect(box.dockyard('docker', 'build', '-q', '-t', 'my-app:2.0', '.').status).toBe(0);
  loadIntoNodes(join(box.dir, '.dockyard'), 'my-app:1.0', 'my-app:2.0');
  /** Runs one command line as the tutorial prints it (after `dockyard`). */
  const typed = (line: string): Run => box.dockyard(...line.split(' '));
  return { ...box, typed };
}

const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 });

const updating = (n: number) => `Waiting for deployment "my-app" rollout to finish: ${n} out of 3 new replicas have been updated...\n`;
const pendingTermination = 'Waiting for deployment "my-app" rollout to finish: 1 old replicas are pending termination...\n';
/** One surge pod at a time: three status changes per step (created, ready, available), two while the last old pod goes. */
const ROLLING_UPDATE =
  updating(1).repeat(3) + updating(2).repeat(3) + pendingTermination.repeat(2) + 'deployment "my-app" successfully rolled out\n';

describe('tutorial section 6: Deployment', () => {
  let typed: (line: string) => Run;
  beforeAll(() => {
    ({ typed } = workspace());
  }, 120_000);

  it('applies the Deployment and its Services; rollout status waits for 3 available replicas', () => {
    expect(typed('kubectl apply -f deployment.yaml')).toEqual(ok('deployment.apps/my-app created\n'));
    expect(typed('kubectl apply -f services.yaml')).toEqual(ok('service/my-app-svc created\nservice/my-app-nodeport created\nservice/my-app-lb created\n'));
    expect(typed('kubectl rollout status deployment/my-app')).toEqual(
      ok('Waiting for deployment "my-app" rollout to finish: 0 of 3 updated replicas are available...\ndeployment "my-app" successfully rolled out\n'),
    );
    expect(typed('kubectl get deployment my-app')).toEqual(ok('NAME     READY   UP-TO-DATE   AVAILABLE   AGE\nmy-app   3/3     3            3           1s\n'));
    expect(typed('kubectl get pods -o wide')).toEqual(
      ok(
        'NAME                      READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
          'my-app-7c7b559d54-47frm   1/1     Running   0          1s    10.244.1.2   node-1   <none>           <none>\n' +
          'my-app-7c7b559d54-cmjl6   1/1     Running   0          1s    10.244.3.2   node-3   <none>           <none>\n' +
          'my-app-7c7b559d54-lsm6l   1/1     Running   0          1s    10.244.2.2   node-2   <none>           <none>\n',
      ),
    );
  });

  it('serves the app through the NodePort and the LoadBalancer once kube-proxy has the endpoints', () => {
    expect(typed('advance 5s').status).toBe(0);
    expect(typed('curl -s http://localhost:30080/')).toEqual(ok('Hello from my-app!\n'));
    expect(typed('curl -s http://172.18.0.3:30080/healthz')).toEqual(ok('ok\n'));
    // ClusterIPs come from the seeded allocator; MetalLB (kind's usual LoadBalancer) gives 172.18.255.200.
    expect(typed('kubectl get svc')).toEqual(
      ok(
        'NAME              TYPE           CLUSTER-IP      EXTERNAL-IP      PORT(S)        AGE\n' +
          'kubernetes        ClusterIP      10.96.0.1       <none>           443/TCP        14s\n' +
          'my-app-lb         LoadBalancer   10.102.61.143   172.18.255.200   80:30567/TCP   6s\n' +
          'my-app-nodeport   NodePort       10.97.194.103   <none>           80:30080/TCP   6s\n' +
          'my-app-svc        ClusterIP      10.98.32.99     <none>           80/TCP         6s\n',
      ),
    );
    expect(typed('curl -s http://172.18.255.200/')).toEqual(ok('Hello from my-app!\n'));
  });

  it('set image rolls out my-app:2.0 one surge pod at a time', () => {
    expect(typed('kubectl set image deployment/my-app app=my-app:2.0')).toEqual(ok('deployment.apps/my-app image updated\n'));
    expect(typed('kubectl rollout status deployment/my-app')).toEqual(ok(ROLLING_UPDATE));
    expect(typed('kubectl get rs')).toEqual(
      ok('NAME                DESIRED   CURRENT   READY   AGE\nmy-app-57dcd97897   3         3         3       3s\nmy-app-7c7b559d54   0         0         0       9s\n'),
    );
    const pods = typed('kubectl get pods').stdout.split('\n').slice(1, -1);
    expect(pods).toHaveLength(3);
    for (const pod of pods) expect(pod).toMatch(/^my-app-57dcd97897-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}[123]s$/);
    expect(typed('kubectl get deployment my-app -o jsonpath={.spec.template.spec.containers[0].image}')).toEqual(ok('my-app:2.0'));
    expect(typed('kubectl rollout history deployment/my-app')).toEqual(ok('deployment.apps/my-app \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'));
  });

  it('rollout undo goes back to my-app:1.0 as revision 3, rolling the same way', () => {
    expect(typed('kubectl rollout undo deployment/my-app')).toEqual(ok('deployment.apps/my-app rolled back\n'));
    expect(typed('kubectl rollout status deployment/my-app')).toEqual(ok(ROLLING_UPDATE));
    expect(typed('kubectl get deployment my-app -o jsonpath={.spec.template.spec.containers[0].image}')).toEqual(ok('my-app:1.0'));
    expect(typed('kubectl rollout history deployment/my-app')).toEqual(ok('deployment.apps/my-app \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n'));
    // The old ReplicaSet (same pod-template-hash) is scaled back up rather than a new one made.
    expect(typed('kubectl get rs')).toEqual(
      ok('NAME                DESIRED   CURRENT   READY   AGE\nmy-app-57dcd97897   0         0         0       6s\nmy-app-7c7b559d54   3         3         3       12s\n'),
    );
  });

  it('scale adds two pods; describe shows the whole story in its Events', () => {
    expect(typed('kubectl scale deployment/my-app --replicas=5')).toEqual(ok('deployment.apps/my-app scaled\n'));
    expect(typed('kubectl get deploy')).toEqual(ok('NAME     READY   UP-TO-DATE   AVAILABLE   AGE\nmy-app   3/5     5            3           12s\n'));
    expect(typed('kubectl rollout status deployment/my-app')).toEqual(
      ok('Waiting for deployment "my-app" rollout to finish: 3 of 5 updated replicas are available...\ndeployment "my-app" successfully rolled out\n'),
    );
    const page = typed('kubectl describe deployment my-app').stdout;
    expect(page).toContain('Annotations:            deployment.kubernetes.io/revision: 3\n');
    expect(page).toContain('Replicas:               5 desired | 5 updated | 5 total | 5 available | 0 unavailable\n');
    expect(page).toContain('RollingUpdateStrategy:  0 max unavailable, 1 max surge\n');
    expect(page).toContain('OldReplicaSets:  my-app-57dcd97897 (0/0 replicas created)\nNewReplicaSet:   my-app-7c7b559d54 (5/5 replicas created)\n');
    const events = page.slice(page.indexOf('Events:')).split('\n').slice(3, -1).map((line) => line.replace(/^ +Normal +ScalingReplicaSet +\S+( \(x\d+ over \d+s\))? +deployment-controller +/, ''));
    // The event recorder's aggregator folds the 10th and later distinct messages of one kind
    // about one object into `(combined from similar events)` (client-go EventAggregator, 10 within 10 min).
    expect(events).toEqual([
      'Scaled up replica set my-app-7c7b559d54 from 0 to 3',
      'Scaled up replica set my-app-57dcd97897 from 0 to 1',
      'Scaled down replica set my-app-7c7b559d54 from 3 to 2',
      'Scaled up replica set my-app-57dcd97897 from 1 to 2',
      'Scaled down replica set my-app-7c7b559d54 from 2 to 1',
      'Scaled up replica set my-app-57dcd97897 from 2 to 3',
      'Scaled down replica set my-app-7c7b559d54 from 1 to 0',
      'Scaled up replica set my-app-7c7b559d54 from 0 to 1',
      'Scaled down replica set my-app-57dcd97897 from 3 to 2',
      '(combined from similar events): Scaled up replica set my-app-7c7b559d54 from 3 to 5',
    ]);
    expect(page).toMatch(/ScalingReplicaSet {2}\d+s \(x5 over \d+s\) {2}deployment-controller {2}\(combined from similar events\)/);
  });
});

describe('tutorial section 6: Pod', () => {
  it('runs my-app, READY 0/1 until the readiness probe (initialDelaySeconds 5) passes', () => {
    const { typed } = workspace();
    expect(typed('kubectl apply -f pod.yaml')).toEqual(ok('pod/my-app created\n'));
    expect(typed('kubectl get pods')).toEqual(ok('NAME     READY   STATUS              RESTARTS   AGE\nmy-app   0/1     ContainerCreating   0          0s\n'));
    typed('advance 4s');
    expect(typed('kubectl get pods')).toEqual(ok('NAME     READY   STATUS    RESTARTS   AGE\nmy-app   0/1     Running   0          4s\n'));
    typed('advance 2s');
    expect(typed('kubectl get pods')).toEqual(ok('NAME     READY   STATUS    RESTARTS   AGE\nmy-app   1/1     Running   0          6s\n'));
    const page = typed('kubectl describe pod my-app').stdout;
    expect(page).toContain('    Liveness:     http-get http://:3000/healthz delay=10s timeout=1s period=5s #success=1 #failure=3\n');
    expect(page).toContain('    Readiness:    http-get http://:3000/ready delay=5s timeout=1s period=3s #success=1 #failure=3\n');
    expect(page).toContain('    Ready:          True\n    Restart Count:  0\n');
    expect(page).toContain('  Normal  Pulled     6s    kubelet            Container image "my-app:1.0" already present on machine\n');
    expect(page).toContain('  Normal  Started    6s    kubelet            Started container app\n');
  });
});
