// k8s.gcr.io/liveness, the liveness-probe task page's HTTP example (corpus http-liveness.yaml):
// its /server answers /healthz with 200 for 10 seconds, then 500. The kubelet probes every 3 s from
// 3 s, so three failures (at 12, 15 and 18 s) kill it; a Go binary as PID 1 exits 2 on SIGTERM, and
// the container is restarted at once.
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { sandbox } from './support/run-dockyard.ts';

describe('the liveness image', () => {
  it('fails its probe after 10 s and is restarted, as the task page shows', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kubectl', 'apply', '-f', sharedPath('corpus/k8s/http-liveness.yaml')).stdout).toBe('pod/liveness-http created\n');
    dockyard('advance', '10s');
    expect(dockyard('kubectl', 'get', 'pod', 'liveness-http').stdout).toBe('NAME            READY   STATUS    RESTARTS   AGE\nliveness-http   1/1     Running   0          10s\n');
    dockyard('advance', '20s');
    expect(dockyard('kubectl', 'get', 'pod', 'liveness-http').stdout).toBe('NAME            READY   STATUS    RESTARTS      AGE\nliveness-http   1/1     Running   1 (12s ago)   30s\n');
    const describe = dockyard('kubectl', 'describe', 'pod', 'liveness-http').stdout;
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+2\n\s+Started:\s+Wed, 01 Jan 2025 00:00:00 \+0000\n\s+Finished:\s+Wed, 01 Jan 2025 00:00:18 \+0000\n/);
    expect(describe).toContain('  Warning  Unhealthy  12s (x3 over 18s)  kubelet            Liveness probe failed: HTTP probe failed with statuscode: 500\n');
    expect(describe).toContain('  Normal   Killing    12s                kubelet            Container liveness failed liveness probe, will be restarted\n');
  }, 90_000);
});
