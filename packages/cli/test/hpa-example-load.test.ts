// The HorizontalPodAutoscaler walkthrough with its own image, registry.k8s.io/hpa-example
// (php-apache): every request to index.php answers `OK!` and burns CPU. A busybox loop
// (`while sleep 0.01; do wget -q -O- http://php-apache; done`) loads it; the HPA (50% of the 200m
// request) scales the Deployment up until each pod uses about 100m, and back to 1 once the load
// stops and the 5-minute scale-down stabilization window has passed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/images');

describe('hpa-example under load', () => {
  it('answers OK!, logs like Apache, and its CPU drives the HPA up to 7 replicas and back to 1', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'apply', '-f', sharedPath('corpus/k8s/php-apache.yaml'));
    expect(dockyard('kubectl', 'apply', '-f', join(fixtures, 'php-apache-hpa.yaml')).stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache created\n');
    dockyard('advance', '1m');
    const hpa = () => dockyard('kubectl', 'get', 'hpa', 'php-apache').stdout.split('\n')[1]!.split(/\s{2,}/).slice(2, 6).join(' | ');
    expect(hpa()).toBe('cpu: 0%/50% | 1 | 10 | 1');

    dockyard('kubectl', 'run', 'load-generator', '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done');
    dockyard('advance', '30s');
    expect(dockyard('kubectl', 'exec', 'load-generator', '--', 'wget', '-q', '-O-', 'http://php-apache').stdout).toBe('OK!');

    dockyard('advance', '4m');
    expect(hpa()).toMatch(/^cpu: (4[5-9]|5[0-5])%\/50% \| 1 \| 10 \| 7$/);
    // The load spread over 7 pods: about 100m each, half of the 200m request.
    const top = dockyard('kubectl', 'top', 'pod', '-l', 'app.kubernetes.io/name=php-apache').stdout.trim().split('\n').slice(1);
    expect(top.map((row) => Number(/\s(\d+)m\s/.exec(row)![1]!)).every((m) => m >= 90 && m <= 110)).toBe(true);
    const pods = dockyard('kubectl', 'get', 'pods', '-l', 'app.kubernetes.io/name=php-apache', '-o', 'name').stdout.trim().split('\n');
    expect(pods).toHaveLength(7);
    const logs = dockyard('kubectl', 'logs', pods[0]!).stdout.split('\n');
    expect(logs[0]).toMatch(/^AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 10\.244\.\d+\.\d+\. Set the 'ServerName' directive globally to suppress this message$/);
    expect(logs[2]).toMatch(/^\[Wed Jan 01 00:0\d:\d\d\.\d{6} 2025\] \[mpm_prefork:notice\] \[pid 1\] AH00163: Apache\/2\.4\.10 \(Debian\) PHP\/5\.6\.19 configured -- resuming normal operations$/);
    expect(logs[3]).toMatch(/^\[Wed Jan 01 00:0\d:\d\d\.\d{6} 2025\] \[core:notice\] \[pid 1\] AH00094: Command line: 'apache2 -D FOREGROUND'$/);
    expect(logs.at(-2)).toMatch(/^10\.244\.\d+\.\d+ - - \[01\/Jan\/2025:00:0\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 3 "-" "Wget"$/);

    dockyard('kubectl', 'delete', 'pod', 'load-generator');
    dockyard('advance', '7m');
    expect(hpa()).toBe('cpu: 0%/50% | 1 | 10 | 1');
  }, 120_000);
});
