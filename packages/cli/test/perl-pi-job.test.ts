// The Kubernetes docs' Job example: `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints π to 2000
// digits and exits 0, so the Job completes and `kubectl logs` shows the number. The corpus copy of
// the example quotes the code once more ("\"print bpi(2000)\""): perl then sees a string constant,
// warns under -w that it is useless in void context, prints nothing and still exits 0.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { piDigits } from '../../runtime/src/programs/pi-digits.ts';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/images');

describe('the perl pi Job', () => {
  it('completes, and kubectl logs prints π to 2000 digits', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kubectl', 'apply', '-f', join(fixtures, 'pi-job.yaml')).stdout).toBe('job.batch/pi created\n');
    dockyard('advance', '1m');
    const jobs = dockyard('kubectl', 'get', 'jobs').stdout;
    expect(jobs).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+1\/1\s+\d+s\s+60s\n$/);
    const pod = /^(pi-\S+)\s+0\/1\s+Completed\s+0\s/m.exec(dockyard('kubectl', 'get', 'pods').stdout)![1]!;
    const logs = dockyard('kubectl', 'logs', pod).stdout;
    expect(logs).toBe(piDigits(2000) + '\n');
    expect(logs.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    // The arithmetic takes its time: the container ran for about a second and a half.
    const state = dockyard('kubectl', 'describe', 'pod', pod).stdout;
    const [started, finished] = [/Started:\s+(.*)/.exec(state)![1]!, /Finished:\s+(.*)/.exec(state)![1]!].map((t) => Date.parse(t));
    expect(finished! - started!).toBeGreaterThanOrEqual(1000);
    expect(finished! - started!).toBeLessThanOrEqual(3000);
    expect(state).toMatch(/Reason:\s+Completed\n\s+Exit Code:\s+0\n/);
  }, 90_000);

  it('the corpus copy, quoted once more, only warns about a useless constant', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'apply', '-f', sharedPath('corpus/k8s/job.yaml'));
    dockyard('advance', '1m');
    expect(dockyard('kubectl', 'get', 'jobs').stdout).toMatch(/^pi\s+Complete\s+1\/1\s/m);
    const pod = /^(pi-\S+)\s/m.exec(dockyard('kubectl', 'get', 'pods').stdout)![1]!;
    expect(dockyard('kubectl', 'logs', pod).stdout).toBe('Useless use of a constant ("print bpi(2000)") in void context at -e line 1.\n');
  }, 90_000);

  it('without bignum’s bpi perl dies: exit 255 and the message on stderr', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', '-q', 'perl');
    dockyard('docker', 'run', '-d', '--name', 'nobpi', 'perl', 'perl', '-wle', 'print bpi(20)');
    dockyard('docker', 'run', '-d', '--name', 'ten', 'perl', 'perl', '-Mbignum=bpi', '-le', 'print "pi is ", bpi(10)');
    dockyard('advance', '5s');
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Names}} {{.Status}}').stdout).toMatch(/^ten Exited \(0\) \d seconds ago\nnobpi Exited \(255\) \d seconds ago\n$/);
    expect(dockyard('docker', 'logs', 'nobpi')).toMatchObject({ stdout: '', stderr: 'Undefined subroutine &main::bpi called at -e line 1.\n' });
    expect(dockyard('docker', 'logs', 'ten').stdout).toBe('pi is 3.141592654\n');
  }, 90_000);
});
