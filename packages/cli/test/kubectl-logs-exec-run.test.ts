// kubectl logs, exec, run and get -w through the dockyard executable, on containers the kubelets
// really run: logs of one container (-c) or the default one (with kubectl's "Defaulted container"
// note), --tail, -f following in virtual time until the container exits, --previous after a crash;
// exec with and without -it, its exit status; run --rm -it --restart=Never -- command; get
// --sort-by and get -w ended by --request-timeout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '@dockyard/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Run, sandbox } from './support/run-dockyard.ts';

const COUNTER = `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox
    command: ["sh", "-c", "for i in 1 2 3 4 5; do echo tick $i; sleep 2; done"]
  - name: side
    image: busybox
    command: ["sh", "-c", "echo side up; sleep 3600"]
`;

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, status: 0 });

describe('kubectl logs, exec and run on running containers', () => {
  let dockyard: (...args: string[]) => Run;
  let input: (stdin: string, ...args: string[]) => Run;
  beforeAll(() => {
    const box = sandbox();
    ({ dockyard, input } = box);
    writeFileSync(join(box.dir, 'counter.yaml'), COUNTER);
    expect(dockyard('init', '--clock', 'manual').status).toBe(0);
    expect(dockyard('kubectl', 'apply', '-f', 'counter.yaml')).toEqual(ok('pod/counter created\n'));
    expect(dockyard('advance', '3s').status).toBe(0);
  }, 60_000);

  it('logs: the default container with kubectl\'s note, -c, --tail, then -f until the container exits', () => {
    expect(dockyard('kubectl', 'logs', 'counter')).toEqual(ok('tick 1\ntick 2\n', 'Defaulted container "count" out of: count, side\n'));
    expect(dockyard('kubectl', 'logs', 'counter', '-c', 'side')).toEqual(ok('side up\n'));
    expect(dockyard('kubectl', 'logs', 'counter', '-c', 'count', '--tail=1')).toEqual(ok('tick 2\n'));
    expect(dockyard('kubectl', 'logs', 'counter', '-c', 'nope')).toEqual({ stdout: '', stderr: 'error: container nope is not valid for pod counter\n', status: 1 });
    // -f prints what comes as virtual time passes (a line every 2 s) and ends with the container.
    expect(dockyard('kubectl', 'logs', '-f', 'counter', '-c', 'count')).toEqual(ok('tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n'));
    expect(dockyard('advance', '0s').stdout).toMatch(/^Virtual time is now 10\.\d+s\.\n$/);
    // One container done (Completed), one still running: kubectl says NotReady.
    expect(dockyard('kubectl', 'get', 'pod', 'counter')).toEqual(ok('NAME      READY   STATUS     RESTARTS   AGE\ncounter   1/2     NotReady   0          10s\n'));
  });

  it('logs --previous shows the crashed instance of a restarting container', () => {
    expect(dockyard('kubectl', 'run', 'crasher', '--image=busybox', '--', 'sh', '-c', 'echo boom; exit 3')).toEqual(ok('pod/crasher created\n'));
    dockyard('advance', '15s');
    expect(dockyard('kubectl', 'get', 'pod', 'crasher')).toEqual(ok('NAME      READY   STATUS             RESTARTS     AGE\ncrasher   0/1     CrashLoopBackOff   2 (5s ago)   15s\n'));
    expect(dockyard('kubectl', 'logs', 'crasher', '--previous')).toEqual(ok('boom\n'));
    expect(dockyard('kubectl', 'logs', 'crasher', '-p', '--timestamps').stdout).toMatch(/^2025-01-01T00:00:\d\d(\.\d+)?Z boom\n$/);
    expect(dockyard('kubectl', 'get', 'pod', 'crasher', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toEqual(ok('3'));
  });

  it('exec runs a command in the named container; its exit status becomes kubectl\'s', () => {
    expect(dockyard('kubectl', 'exec', 'counter', '-c', 'side', '--', 'sh', '-c', 'echo in $HOSTNAME; exit 4')).toEqual({
      stdout: 'in counter\n',
      stderr: 'command terminated with exit code 4\n',
      status: 4,
    });
    // The default container has exited: there is nothing to exec into.
    expect(dockyard('kubectl', 'exec', 'counter', '--', 'ls')).toEqual({
      stdout: '',
      stderr: 'Defaulted container "count" out of: count, side\nerror: unable to upgrade connection: container not found ("count")\n',
      status: 1,
    });
    // -it: typed lines go to the shell, one by one.
    expect(input('hostname\necho $((6*7))\nexit\n', 'kubectl', 'exec', '-it', 'counter', '-c', 'side', '--', 'sh')).toEqual(ok('counter\n42\n'));
  });

  it('run --rm -it --restart=Never attaches, prints, and deletes the pod', () => {
    expect(dockyard('kubectl', 'run', 'once', '--image=busybox', '--restart=Never', '--rm', '-it', '--', 'sh', '-c', 'echo hello from once')).toEqual(
      ok('hello from once\npod "once" deleted\n'),
    );
    expect(dockyard('kubectl', 'get', 'pod', 'once')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "once" not found\n', status: 1 });
    expect(dockyard('kubectl', 'run', 'bad', '--image=busybox', '--restart=Sometimes')).toEqual({
      stdout: '',
      stderr: "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n",
      status: 1,
    });
  });

  it('get --sort-by orders by a field (restart count as a number); get -w streams until --request-timeout', () => {
    expect(dockyard('kubectl', 'run', 'web', '--image=nginx:1.25')).toEqual(ok('pod/web created\n'));
    expect(dockyard('kubectl', 'get', 'pods', '--sort-by=.status.containerStatuses[0].restartCount').stdout.split('\n').map((row) => row.split(/ +/)[0])).toEqual([
      'NAME',
      'web',
      'counter',
      'crasher',
      '',
    ]);
    const clock = () => parseDuration(/now (\S+)\./.exec(dockyard('advance', '0s').stdout)![1]!);
    const before = clock();
    // nginx:1.25 is pulled (about 3 s), then runs.
    expect(dockyard('kubectl', 'get', 'pods', 'web', '-w', '--request-timeout=10s')).toEqual(
      ok(
        'NAME   READY   STATUS              RESTARTS   AGE\n' +
          'web    0/1     ContainerCreating   0          0s\n' +
          'web    0/1     ContainerCreating   0          1s\n' +
          'web    1/1     Running             0          4s\n',
      ),
    );
    // The watch ends 10 s after it started (the commands around it let the control plane settle too).
    const watched = clock() - before;
    expect(watched).toBeGreaterThanOrEqual(10_000);
    expect(watched).toBeLessThan(11_000);
    expect(dockyard('kubectl', 'get', 'pods', '--request-timeout=soon')).toEqual({
      stdout: '',
      stderr: 'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
      status: 1,
    });
  });

  it('get events --sort-by=.lastTimestamp lists a pod\'s story oldest first', () => {
    const rows = dockyard('kubectl', 'get', 'events', '--sort-by=.lastTimestamp', '--field-selector', 'involvedObject.name=crasher').stdout.split('\n');
    expect(rows[0]).toBe('LAST SEEN   TYPE      REASON      OBJECT        MESSAGE');
    expect(rows[1]).toMatch(/^\d+s {9}Normal {4}Scheduled {3}pod\/crasher {3}Successfully assigned default\/crasher to node-\d$/);
    const seen = rows.slice(1, -1).map((row) => Number(/^(\d+)s/.exec(row)![1]));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(rows.some((row) => / Warning +BackOff +pod\/crasher +Back-off restarting failed container crasher in pod crasher_default\(/.test(row))).toBe(true);
  });
});
