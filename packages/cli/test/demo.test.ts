// `dockyard demo`: the self-healing example played as `scenario run` plays it, with the rollout,
// the OOM kill and the node failure on the timeline, and every expectation passing.
import { spawnSync } from 'node:child_process';
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
    expect(dockyard('demo', '--help').stdout).toMatch(/\nUsage: dockyard demo \[--seed N\]\n$/);
  });

  it('refuses an unknown argument', () => {
    expect(dockyard('demo', '--seed', 'x')).toMatchObject({ status: 1, stdout: '', stderr: 'error: unknown argument "--seed"\nUsage: dockyard demo [--seed N]\n' });
  });
});
