// Section 10 of the tutorial typed into a fresh workspace through the dockyard executable, one
// command per call, in the namespace my-app of section 9:
// - CrashLoopBackOff: section 9's web-app started before its database and Redis exist; it exits 1
//   at start ("Failed connection to dependent services"), `describe` shows the waiting reason,
//   the last termination and the BackOff events, `logs --previous` the error;
// - ImagePullBackOff: a typo in the image name, and the tutorial's `create secret docker-registry`;
// - OOMKilled: the tutorial's my-app Deployment whose app needs 300Mi under a 256Mi limit
//   (the app profile's `dockyard.app.memory`), then the tutorial's fix, a 512Mi limit, and
//   `kubectl top pod` showing the usage;
// - the general debugging commands.
// Images are built on the Docker host and put on the nodes as `kind load docker-image` does.
//
// Real timings (reference §1): a container that keeps crashing is restarted at once, then after
// 10 s, 20 s, 40 s, 80 s... measured from when it finished; an image pull that fails backs off
// 10 s, then 20 s. An OOM kill is exit code 137 with reason OOMKilled.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIntoNodes } from './support/load-into-nodes.ts';
import { type Run, sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/tutorial');
const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 });

/** The name in the first column of the first row `prefix` starts (as a user copies it from `get pods`). */
const podName = (table: string, prefix: string) => new RegExp(`^(${prefix}-\\S+)`, 'm').exec(table)![1]!;

describe('tutorial section 10: troubleshooting', () => {
  let typed: (line: string) => Run;
  let dir = '';
  beforeAll(() => {
    const box = sandbox();
    dir = box.dir;
    cpSync(join(fixtures, 'my-app'), dir, { recursive: true });
    cpSync(join(fixtures, 'my-web-app'), join(dir, 'web-app'), { recursive: true });
    cpSync(join(fixtures, 'section10'), dir, { recursive: true });
    typed = (line) => box.dockyard(...line.split(' '));
    expect(typed('init --clock manual').status).toBe(0);
    expect(typed('docker build -q -t my-web-app:1.0 web-app').status).toBe(0);
    expect(typed('docker build -q -t my-app:1.0 .').status).toBe(0);
    loadIntoNodes(join(dir, '.dockyard'), 'my-web-app:1.0', 'my-app:1.0');
    expect(typed('kubectl create namespace my-app')).toEqual(ok('namespace/my-app created\n'));
    expect(typed('kubectl create secret generic db-credentials --from-literal=username=admin --from-literal=password=secure-password-here -n my-app')).toEqual(
      ok('secret/db-credentials created\n'),
    );
  }, 120_000);

  it('CrashLoopBackOff: describe shows the back-off and the last exit, logs --previous the cause', () => {
    expect(typed('kubectl apply -f app-deployment.yaml')).toEqual(ok('deployment.apps/web-app created\nservice/web-app created\ningress.networking.k8s.io/web-app-ingress created\n'));
    typed('advance 45s');
    // Crashes at 0 s (restarted at once), 10 s and 30 s; the next restart waits until 70 s.
    const pods = typed('kubectl get pods -n my-app');
    expect(pods).toEqual(
      ok(
        'NAME                       READY   STATUS             RESTARTS      AGE\n' +
          'web-app-855cddd465-4q7sd   0/1     CrashLoopBackOff   3 (15s ago)   45s\n' +
          'web-app-855cddd465-7dzlk   0/1     CrashLoopBackOff   3 (15s ago)   45s\n' +
          'web-app-855cddd465-klflg   0/1     CrashLoopBackOff   3 (15s ago)   45s\n',
      ),
    );
    const pod = podName(pods.stdout, 'web-app');
    const page = typed(`kubectl describe pod ${pod} -n my-app`);
    expect(page.status).toBe(0);
    expect(page.stdout).toContain(
      [
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Wed, 01 Jan 2025 00:00:38 +0000',
        '      Finished:     Wed, 01 Jan 2025 00:00:38 +0000',
        '    Ready:          False',
        '    Restart Count:  3',
      ].join('\n'),
    );
    expect(page.stdout).toContain('      DATABASE_URL:  postgres://$(DB_USER):$(DB_PASS)@postgres:5432/mydb\n');
    expect(page.stdout).toContain("      DB_USER:       <set to the key 'username' in secret 'db-credentials'>  Optional: false\n");
    const events = page.stdout.slice(page.stdout.indexOf('Events:'));
    expect(events).toContain('  Normal   Pulled     15s (x4 over 45s)  kubelet            Container image "my-web-app:1.0" already present on machine\n');
    expect(events).toContain('  Normal   Started    15s (x4 over 45s)  kubelet            Started container web-app\n');
    expect(events).toMatch(
      new RegExp(`  Warning  BackOff    15s \\(x3 over 45s\\)  kubelet            Back-off restarting failed container web-app in pod ${pod}_my-app\\([0-9a-f-]{36}\\)\\n$`),
    );
    expect(typed(`kubectl logs ${pod} -n my-app --previous`)).toEqual(ok('Error: cannot reach DATABASE_URL (postgres:5432): getaddrinfo ENOTFOUND postgres\n'));
  });

  it('ImagePullBackOff: describe shows the pull error; the registry secret is created', () => {
    expect(typed('kubectl run typo --image=my-web-ap:1.0 -n my-app')).toEqual(ok('pod/typo created\n'));
    typed('advance 20s');
    expect(typed('kubectl get pod typo -n my-app')).toEqual(ok('NAME   READY   STATUS             RESTARTS   AGE\ntypo   0/1     ImagePullBackOff   0          20s\n'));
    const page = typed('kubectl describe pod typo -n my-app').stdout;
    expect(page).toContain('    State:          Waiting\n      Reason:       ImagePullBackOff\n');
    const reference = 'docker.io/library/my-web-ap:1.0';
    expect(page.slice(page.indexOf('Events:'))).toContain(
      [
        '  Normal   Pulling    10s (x2 over 20s)  kubelet            Pulling image "my-web-ap:1.0"',
        `  Warning  Failed     10s (x2 over 20s)  kubelet            Failed to pull image "my-web-ap:1.0": failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
        '  Warning  Failed     10s (x2 over 20s)  kubelet            Error: ErrImagePull',
        '  Normal   BackOff    9s (x2 over 19s)   kubelet            Back-off pulling image "my-web-ap:1.0"',
        '  Warning  Failed     9s (x2 over 19s)   kubelet            Error: ImagePullBackOff',
        '',
      ].join('\n'),
    );
    expect(typed('kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=user --docker-password=pass -n my-app')).toEqual(
      ok('secret/regcred created\n'),
    );
    expect(typed('kubectl get secret regcred -n my-app')).toEqual(
      ok('NAME      TYPE                             DATA   AGE\nregcred   kubernetes.io/dockerconfigjson   1      0s\n'),
    );
  });

  it('OOMKilled: describe shows reason OOMKilled and exit code 137; a 512Mi limit fixes it', () => {
    expect(typed('kubectl apply -f my-app-deployment.yaml')).toEqual(ok('deployment.apps/my-app created\n'));
    typed('advance 45s');
    const pods = typed('kubectl get pods -n my-app -l app=my-app');
    expect(pods.stdout.split('\n').slice(1, -1)).toEqual([
      expect.stringMatching(/^my-app-76bdddf49b-\w{5} {3}0\/1 {5}CrashLoopBackOff {3}3 \(15s ago\) {3}45s$/),
      expect.stringMatching(/^my-app-76bdddf49b-\w{5} {3}0\/1 {5}CrashLoopBackOff {3}3 \(15s ago\) {3}45s$/),
      expect.stringMatching(/^my-app-76bdddf49b-\w{5} {3}0\/1 {5}CrashLoopBackOff {3}3 \(15s ago\) {3}45s$/),
    ]);
    const page = typed(`kubectl describe pod ${podName(pods.stdout, 'my-app')} -n my-app`).stdout;
    expect(page).toContain('    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n');
    expect(page).toContain('    Limits:\n      cpu:     500m\n      memory:  256Mi\n');
    // Nothing in the namespace stays up long enough to be measured.
    expect(typed('kubectl top pod -n my-app')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', status: 1 });

    // Resolution: increase memory limits (memory: "512Mi", increased from 256Mi).
    const manifest = join(dir, 'my-app-deployment.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('memory: "256Mi"', 'memory: "512Mi"'));
    expect(typed('kubectl apply -f my-app-deployment.yaml')).toEqual(ok('deployment.apps/my-app configured\n'));
    const rollout = typed('kubectl rollout status deployment/my-app -n my-app');
    expect(rollout.status).toBe(0);
    expect(rollout.stdout.split('\n').at(-2)).toBe('deployment "my-app" successfully rolled out');
    typed('advance 1m');
    const top = typed('kubectl top pod -n my-app');
    expect(top.status).toBe(0);
    expect(top.stdout.split('\n')).toEqual([
      'NAME                      CPU(cores)   MEMORY(bytes)   ',
      expect.stringMatching(/^my-app-5ff8784845-\w{5} {3}0m {11}300Mi {11}$/),
      expect.stringMatching(/^my-app-5ff8784845-\w{5} {3}0m {11}300Mi {11}$/),
      expect.stringMatching(/^my-app-5ff8784845-\w{5} {3}0m {11}300Mi {11}$/),
      '',
    ]);
  });

  it('general debugging commands: get -o wide, endpoints, a DNS lookup from a debug pod, top nodes', () => {
    const wide = typed('kubectl get pods -n my-app -o wide').stdout.split('\n');
    expect(wide[0]).toBe('NAME                       READY   STATUS             RESTARTS      AGE     IP           NODE     NOMINATED NODE   READINESS GATES');
    expect(wide.filter((row) => /^my-app-5ff8784845-\w{5} {4}1\/1 {5}Running {12}0 {13}6\ds {5}10\.244\.\d\.\d {3}node-\d {3}<none> {11}<none>$/.test(row))).toHaveLength(3);
    expect(wide).toContain('typo                       0/1     ImagePullBackOff   0             2m8s    10.244.3.3   node-3   <none>           <none>');
    // The web app still cannot reach its database: 0 s, 10 s, 30 s, 70 s, 150 s, next at 310 s.
    expect(wide).toContain('web-app-855cddd465-4q7sd   0/1     CrashLoopBackOff   5 (23s ago)   2m53s   10.244.3.2   node-3   <none>           <none>');
    // No web-app pod is ready, so its Service has no endpoint.
    expect(typed('kubectl get endpoints -n my-app')).toEqual(ok('NAME      ENDPOINTS   AGE\nweb-app               2m53s\n'));
    expect(typed('kubectl run debug --rm -it --image=busybox -- nslookup web-app.my-app.svc.cluster.local')).toEqual(
      ok('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-app.my-app.svc.cluster.local\nAddress: 10.111.205.11\n\npod "debug" deleted\n'),
    );
    expect(typed('kubectl get svc web-app -n my-app -o jsonpath={.spec.clusterIP}')).toEqual(ok('10.111.205.11'));
    const nodes = typed('kubectl top nodes');
    expect(nodes.stdout.split('\n')[0]).toBe('NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(nodes.stdout.split('\n').slice(1, -1).map((row) => row.split(/ +/)[0])).toEqual(['node-1', 'node-2', 'node-3']);
  });
});
