// `dockyard demo`: the self-healing example played as `scenario run` plays it, with the rollout,
// the OOM kill and the node failure on the timeline, and every expectation passing.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../bin/dockyard.js');
const root = join(import.meta.dirname, '../../..');
const dockyard = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });

describe('dockyard demo', () => {
  it('plays examples/self-healing/scenario.yaml: a stalled rollout of a leaking version, an OOM kill, a dead node healed', () => {
    const demo = dockyard('demo');
    expect(demo.status).toBe(0);
    const out = demo.stdout;
    expect(out).toMatch(/^Scenario self-healing \(seed 7, 3 node\(s\) of 4 CPU and 8Gi\)\n/);
    // The new version's pod: OOMKilled with exit code 137, then back-off.
    expect(out).toMatch(/\n1m11s {4}\$ kubectl get pods -o custom-columns=\S+\n(.*\n)* {11}web-\S+ +node:22-alpine +OOMKilled +137\n/);
    expect(out).toMatch(/ {11}web-\S+ +0\/1 +(CrashLoopBackOff|OOMKilled) +\d /);
    expect(out).toContain('3m       ! node node-2 is down: its kubelet stopped posting status and its containers died\n');
    expect(out).toMatch(/\n {11}node-2 +NotReady +<none> +4m +v1\.33\.1\n/);
    // Evicted after tolerationSeconds: Terminating on node-2 while its replacement starts elsewhere.
    expect(out).toMatch(/ {11}web-\S+ +1\/1 +Terminating +0 +9m +\S+ +node-2 /);
    expect(out).toContain('  PASS  its pod stays bound to node-2 for tolerationSeconds (300 s) (at 8m30s)\n');
    expect(out).toMatch(/\n10 passed, 0 failed\n$/);
    // The demo is the example run through `scenario run`, byte for byte.
    expect(dockyard('scenario', 'run', 'examples/self-healing/scenario.yaml').stdout).toBe(out);
  });

  it('is the same for the same seed, and holds for another seed with other names', () => {
    const seven = dockyard('demo', '--seed', '7').stdout;
    expect(dockyard('demo', '--seed=7').stdout).toBe(seven);
    const other = dockyard('demo', '--seed', '8');
    expect(other.status).toBe(0);
    expect(other.stdout).not.toBe(seven);
    expect(other.stdout).toContain('10 passed, 0 failed');
  });

  it('says what it plays with --help', () => {
    expect(dockyard('demo', '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('examples/self-healing/scenario.yaml') });
    expect(dockyard('demo', '--help').stdout).toMatch(/\nUsage: dockyard demo \[NAME\] \[--seed N\]\n {7}dockyard demo --list\n$/);
  });

  it('refuses an unknown argument', () => {
    expect(dockyard('demo', '--seed', 'x')).toMatchObject({ status: 1, stdout: '', stderr: 'error: unknown argument "--seed"\nUsage: dockyard demo [NAME] [--seed N]\n       dockyard demo --list\n' });
  });

  it('lists the built-in demo and every example with the first sentence of its description', () => {
    const list = dockyard('demo', '--list');
    expect(list).toMatchObject({ status: 0, stderr: '' });
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^self-healing {13}A 3-replica Deployment rolls to a new image whose code leaks memory: .*\.$/);
    expect(lines).toContain('pvc                      Section 7\'s PersistentVolumeClaim under section 9\'s PostgreSQL Deployment.');
    expect(lines).toContain('oomkilled                Section 10 of the tutorial, OOMKilled: an app that needs about 300Mi runs under the tutorial\'s 256Mi limit, so the kernel kills it as soon as it has loaded (exit code 137, reason OOMKilled) and the kubelet restarts it on the crash-loop back-off.');
    const names = lines.map((line) => line.split(' ')[0]);
    expect(names.filter((n) => n === 'self-healing')).toHaveLength(1);
    expect(names).toEqual(expect.arrayContaining(['containers-and-cgroups', 'docker-basics', 'crashloop-backoff', 'three-tier-app']));
    expect(names).not.toContain('my-app');
  });

  it('plays an example by name as scenario run does, from any directory', () => {
    const demo = spawnSync(process.execPath, [bin, 'demo', 'pvc'], { encoding: 'utf8', cwd: tmpdir() });
    expect(demo).toMatchObject({ status: 0, stderr: '' });
    expect(demo.stdout).toMatch(/^Scenario pvc \(seed 1, 3 node\(s\) of 4 CPU and 8Gi\)\n/);
    expect(demo.stdout).toBe(dockyard('scenario', 'run', 'examples/pvc/scenario.yaml').stdout);
  });

  it('refuses an unknown name, listing the names', () => {
    const unknown = dockyard('demo', 'rolling');
    expect(unknown).toMatchObject({ status: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: unknown demo "rolling"; the demos are: self-healing, clock, compose-app, .*, three-tier-app\n$/);
  });
});
