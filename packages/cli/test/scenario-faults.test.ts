// Faults injected by scenario steps: each one through a scenario file, with what the timeline
// prints and what kubectl shows afterwards; bad parameters point at their line and field.

import { describe, expect, it } from 'vitest';
import { loadScenarioFiles } from '../src/commands/scenario.ts';
import { MemoryFiles } from '../src/memory-files.ts';
import { parseScenario, ScenarioError } from '../src/scenario/scenario-file.ts';
import { runScenario } from '../src/scenario/scenario-runner.ts';
import { sandbox } from './support/run-dockyard.ts';

async function play(text: string): Promise<{ out: string; passed: boolean }> {
  let out = '';
  const scenario = parseScenario(text, 'faults.yaml');
  const result = await runScenario(scenario, { files: loadScenarioFiles(scenario, new MemoryFiles(), '/'), print: (t) => void (out += t) });
  return { out, passed: result.passed };
}

/** A Deployment `web` of nginx as a scenario file: `container` is the container's last line(s), `more` further documents. */
function web(replicas = 3, container = 'resources: {limits: {memory: 64Mi}}', more = ''): string {
  return `  web.yaml: |
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: ${replicas}
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: nginx:1.25
            ${container}
${more}`;
}

const WEB = web();

/** A scenario that applies WEB at 0s; its steps and expectations follow. */
const WEB_APPLIED = `kind: Scenario
files:
${WEB}steps:
  - at: 0s
    run: kubectl apply -f web.yaml
`;

/**
 * A scenario with WEB applied, `fault` on node-2 at 1m and `undo` at `undoAt`, that first expects
 * node-2 NotReady within 2m (named `notReady`), then the expectations in `more`.
 */
function nodeFault(step: { fault: string; undo: string; undoAt: string }, notReady: string, more: string): string {
  return `${WEB_APPLIED}  - at: 1m
    fault: {type: ${step.fault}, node: node-2}
  - at: ${step.undoAt}
    fault: {type: ${step.undo}, node: node-2}
expect:
  - name: ${notReady}
    within: 2m
    run: kubectl get node node-2 --no-headers
    matches: "^node-2 +NotReady "
${more}`;
}

describe('scenario faults', () => {
  it('node-down and node-up: the node goes NotReady after the grace period and Ready again when it boots', async () => {
    const { out, passed } = await play(
      nodeFault({ fault: 'node-down', undo: 'node-up', undoAt: '3m' }, 'node-2 is NotReady once its status is 40 s stale', `  - name: node-2 is Ready again after its reboot
    within: 4m
    run: kubectl get node node-2 --no-headers
    matches: "^node-2 +Ready "
`),
    );
    expect(out).toContain('1m       ! node node-2 is down: its kubelet stopped posting status and its containers died\n');
    expect(out).toContain('3m       ! node node-2 is up again: its kubelet is starting\n');
    // NotReady comes 40 s (node-monitor-grace-period) after the last status, checked every 5 s.
    expect(out).toMatch(/ {2}PASS {2}node-2 is NotReady once its status is 40 s stale \(at 1m(4\d|5\d)s\)\n/);
    expect(passed).toBe(true);
  });

  it('network-partition and network-heal: NotReady, eviction and replacements while the old pod runs on, cleaned up when healed', async () => {
    const { out, passed } = await play(
      nodeFault({ fault: 'network-partition', undo: 'network-heal', undoAt: '8m' }, 'node-2 is NotReady once its Lease is 50 s old', `  - name: its pod is Terminating and replaced on another node 300 s after the taint
    within: 7m30s
    run: kubectl get pods -o wide --no-headers
    matches: '^web-\\S+ +\\d/1 +Terminating +0 +\\S+ +\\S+ +node-2 '
  - name: four pods during the split brain
    at: 7m30s
    run: kubectl get pods -o wide --no-headers
    lines: {equals: 4}
    notContains: Pending
  - name: the Deployment is whole on the other nodes meanwhile
    at: 7m30s
    run: kubectl get deployment web --no-headers
    matches: '^web +3/3 +3 +3 '
  - name: node-2 is Ready again right after the heal
    at: 8m1s
    run: kubectl get node node-2 --no-headers
    matches: '^node-2 +Ready '
  - name: the evicted pod is gone after its graceful stop
    within: 9m
    run: kubectl get pods -o wide --no-headers
    lines: {equals: 3}
    notContains: node-2
`),
    );
    expect(out).toContain('1m       ! node node-2 is cut off: its kubelet cannot reach the API server and its pods cannot reach the other nodes\n');
    expect(out).toContain('8m       ! node node-2 is reachable again: its kubelet reconnects to the API server\n');
    expect(out).toMatch(/ {2}PASS {2}node-2 is NotReady once its Lease is 50 s old \(at 1m5\ds\)\n/);
    expect(out).toMatch(/ {2}PASS {2}its pod is Terminating and replaced on another node 300 s after the taint \(at (6m5\ds|7m|7m0\ds)\)\n/);
    expect(out).toMatch(/ {2}PASS {2}the evicted pod is gone after its graceful stop \(at 8m\d+s\)\n/);
    expect(passed, out).toBe(true);
  });

  it('kill-container picks the first Running pod of a selector; the kubelet restarts it', async () => {
    const { out, passed } = await play(`${WEB_APPLIED}  - at: 30s
    fault: {type: kill-container, selector: app=web}
expect:
  - name: one restart in the deployment
    within: 1m
    run: kubectl get pods -o jsonpath={.items[*].status.containerStatuses[0].restartCount}
    equals: 1 0 0
  - name: the killed container's last state is exit code 137
    at: 1m
    run: kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.exitCode}
    equals: "137"
`);
    expect(out).toMatch(/\n30s {6}! killed container web of pod default\/web-[a-z0-9]+-[a-z0-9]{5} \(SIGKILL, exit code 137\)\n/);
    expect(passed).toBe(true);
  });

  it('kill-pod deletes a pod with its grace period, as kubectl delete pod does; its ReplicaSet replaces it', async () => {
    const { out, passed } = await play(`${WEB_APPLIED}  - at: 30s
    fault: {type: kill-pod, selector: app=web}
expect:
  - name: the kubelet stops its container gracefully
    at: 31s
    run: kubectl get events --field-selector reason=Killing --no-headers
    contains: 'Stopping container web'
  - name: nginx stops at once on SIGTERM, so the pod is gone and a new one, a second old, replaces it
    at: 31s
    run: kubectl get pods --no-headers
    lines: {equals: 3}
    matches: 'web-\\S+ +1/1 +Running +0 +1s'
`);
    // The pod's terminationGracePeriodSeconds, 30 s by default (reference §2).
    expect(out).toMatch(/\n30s {6}! killed pod default\/web-[a-z0-9]+-[a-z0-9]{5}: deleted with a 30 s grace period; its ReplicaSet web-[a-z0-9]+ replaces it\n/);
    expect(passed, out).toBe(true);
  });

  it('break-readiness fails the readiness probe: 0/1 after failureThreshold × periodSeconds, out of the endpoints, back with fix-readiness', async () => {
    const { out, passed } = await play(`kind: Scenario
files:
${web(
  2,
  'readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}',
  `    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: 80}]
`,
)}steps:
  - at: 0s
    run: kubectl apply -f web.yaml
  - at: 30s
    fault: {type: break-readiness, selector: app=web}
  - at: 1m
    fault: {type: fix-readiness, selector: app=web}
expect:
  - name: still ready after two failed probes
    at: 42s
    run: kubectl get pods --no-headers
    matches: '^web-\\S+ +1/1 +Running [\\s\\S]*\\nweb-\\S+ +1/1 +Running '
  - name: not ready after the third (failureThreshold 3 × periodSeconds 5)
    at: 44s
    run: kubectl get pods --no-headers
    matches: '^web-\\S+ +0/1 +Running +0 '
  - name: the Warning names the 503
    at: 44s
    run: kubectl get events --field-selector reason=Unhealthy --no-headers
    contains: 'Readiness probe failed: HTTP probe failed with statuscode: 503'
  - name: one endpoint left in the Service
    at: 44s
    run: kubectl get endpoints web --no-headers
    matches: '^web +10\\.\\d+\\.\\d+\\.\\d+:80 '
  - name: ready again at the first probe after fix-readiness, never restarted
    at: 1m4s
    run: kubectl get pods --no-headers
    matches: '^web-\\S+ +1/1 +Running +0 [\\s\\S]*\\nweb-\\S+ +1/1 +Running +0 '
`);
    // The containers started at 3.046s (after the pull), so the probes run at 33s, 38s and 43s (+46ms).
    expect(out).toMatch(/\n30s {6}! container web of pod default\/web-[a-z0-9]+-[a-z0-9]{5} answers GET \/ on port 80 with 503 Service Unavailable\n/);
    expect(out).toMatch(/\n1m {7}! container web of pod default\/web-[a-z0-9]+-[a-z0-9]{5} answers its readiness probe again\n/);
    expect(passed, out).toBe(true);
  });

  it('break-readiness on a tcpSocket probe stops the port accepting (a timeout), on an exec probe removes the file it reads', async () => {
    const { out, passed } = await play(`kind: Scenario
files:
  pods.yaml: |
    apiVersion: v1
    kind: Pod
    metadata: {name: cache, labels: {app: cache}}
    spec:
      containers:
      - name: redis
        image: redis:7-alpine
        readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 5}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: worker}
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        command: [sh, -c, 'touch /tmp/healthy; sleep 3600']
        readinessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 5}
steps:
  - at: 0s
    run: kubectl apply -f pods.yaml
  - at: 30s
    fault: {type: break-readiness, pod: cache}
  - at: 30s
    fault: {type: break-readiness, pod: worker}
expect:
  - name: both ready before
    at: 29s
    run: kubectl get pods --no-headers
    matches: '^cache +1/1 +Running +0 [\\s\\S]*\\nworker +1/1 +Running +0 '
  - name: both not ready, never restarted, 15 s later
    at: 50s
    run: kubectl get pods --no-headers
    matches: '^cache +0/1 +Running +0 [\\s\\S]*\\nworker +0/1 +Running +0 '
  - name: the TCP probe times out
    at: 50s
    run: kubectl get events --field-selector reason=Unhealthy --no-headers
    matches: 'pod/cache +Readiness probe failed: dial tcp 10\\.\\d+\\.\\d+\\.\\d+:6379: i/o timeout'
  - name: cat finds no file
    at: 50s
    run: kubectl get events --field-selector reason=Unhealthy --no-headers
    contains: "Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
`);
    expect(out).toContain('30s      ! container redis of pod default/cache stops accepting connections on port 6379\n');
    expect(out).toContain('30s      ! container worker of pod default/worker lost /tmp/healthy, which its readiness probe reads\n');
    expect(passed, out).toBe(true);
  });

  it('memory-leak grows a container past its limit: OOMKilled, exit code 137', async () => {
    const { out, passed } = await play(`${WEB_APPLIED}  - at: 30s
    fault: {type: memory-leak, selector: app=web, container: web, rate: 8Mi}
expect:
  - name: killed by the OOM killer
    within: 1m
    run: kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.reason}
    equals: OOMKilled
`);
    expect(out).toMatch(/\n30s {6}! container web of pod default\/web-[a-z0-9-]+ leaks 8Mi a second \(8388608 bytes\)\n/);
    expect(passed).toBe(true);
  });

  it('registry-outage fails pulls with 503 until registry-restore', async () => {
    const { out, passed } = await play(`kind: Scenario
steps:
  - at: 0s
    fault: {type: registry-outage, registry: docker.io}
  - at: 1s
    run: kubectl run web --image=redis:7-alpine
  - at: 1m
    fault: {type: registry-restore, registry: docker.io}
expect:
  - name: the pull fails
    at: 30s
    run: kubectl get pod web --no-headers
    matches: "^web +0/1 +(ErrImagePull|ImagePullBackOff) "
  - name: containerd's message names the 503
    at: 30s
    run: kubectl describe pod web
    contains: "503 Service Unavailable"
  - name: Running once the registry answers
    within: 3m
    run: kubectl get pod web --no-headers
    matches: "^web +1/1 +Running "
`);
    expect(out).toContain('0s       ! registry docker.io answers 503 Service Unavailable\n');
    expect(out).toContain('1m       ! registry docker.io answers again\n');
    expect(passed).toBe(true);
  });

  it.each([
    ['fault: {type: node-down}', 'faults.yaml:4:12: steps[0].fault.node: is required (such as node-2)'],
    ['fault: {type: node-down, node: 2}', 'faults.yaml:4:36: steps[0].fault.node: must be a string (such as node-2)'],
    ['fault: {type: network-partition}', 'faults.yaml:4:12: steps[0].fault.node: is required (such as node-2)'],
    ['fault: {type: network-heal, node: [node-2]}', 'faults.yaml:4:39: steps[0].fault.node: must be a string (such as node-2)'],
    ['fault: {type: node-down, nodes: node-2}', 'faults.yaml:4:37: steps[0].fault.nodes: unknown field; expected one of node'],
    ['fault: {type: memory-leak, pod: web, rate: lots}', 'faults.yaml:4:48: steps[0].fault.rate: "lots" is not a positive quantity (such as 2Mi)'],
    ['fault: {type: kill-container, pod: web, selector: app=web}', 'faults.yaml:4:40: steps[0].fault.pod: give exactly one of pod or selector'],
    ['fault: {type: kill-pod, pod: web, gracePeriod: soon}', 'faults.yaml:4:52: steps[0].fault.gracePeriod: "soon" is not a whole number of seconds, 0 or more (such as 0)'],
    ['fault: {type: break-readiness, pod: web, rate: 2Mi}', 'faults.yaml:4:52: steps[0].fault.rate: unknown field; expected one of pod, selector, namespace, container'],
  ])('refuses %s with its line and field', (step, message) => {
    // Static mistakes are found when the file is read, before anything runs.
    expect(() => parseScenario(`kind: Scenario\nsteps:\n  - at: 1s\n    ${step}\n`, 'faults.yaml')).toThrow(new ScenarioError(message));
  });

  it('stops at the step when the world has no such node or pod, naming the line and field', async () => {
    await expect(play('kind: Scenario\nsteps:\n  - at: 1s\n    fault:\n      type: node-down\n      node: node-9\n')).rejects.toThrow(
      new ScenarioError('line 6: steps[0].fault.node: node "node-9" not found (nodes: node-1, node-2, node-3)'),
    );
    await expect(play('kind: Scenario\nsteps:\n  - at: 1s\n    fault:\n      type: network-partition\n      node: node-9\n')).rejects.toThrow(
      new ScenarioError('line 6: steps[0].fault.node: node "node-9" not found (nodes: node-1, node-2, node-3)'),
    );
    await expect(play('kind: Scenario\nsteps:\n  - at: 1s\n    fault:\n      type: kill-container\n      selector: app=db\n')).rejects.toThrow(
      new ScenarioError('line 6: steps[0].fault.selector: no Running pod in namespace default matches "app=db"'),
    );
  });

  it('are listed by scenario --help', () => {
    const { dockyard } = sandbox();
    expect(dockyard('scenario', '--help').stdout).toContain(
      'Faults a step can inject (fault: {type: TYPE, FIELD: VALUE, ...}):\n  node-down node: the machine stops; its containers die and its kubelet stops posting status\n  node-up node: ',
    );
  });
});
