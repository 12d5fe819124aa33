// Bad input gets docker's own words and exit status, and leaves the state as it was.
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker errors', () => {
  it('answers mistakes the way docker does and changes nothing', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const id = dockyard('docker', 'run', '-d', '--name', 'my-nginx', '-p', '8080:80', 'nginx:1.25').stdout.trim();
    const state = () => dockyard('docker', 'ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.State}} {{.Ports}}').stdout;
    const before = state();

    expect(dockyard('docker', 'run', 'nope')).toMatchObject({
      status: 125,
      stderr:
        "Unable to find image 'nope:latest' locally\ndocker: Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.\nSee 'docker run --help'.\n",
    });
    expect(dockyard('docker', 'run', '-d', '--name', 'my-nginx', 'nginx:1.25')).toMatchObject({
      status: 125,
      stderr: `docker: Error response from daemon: Conflict. The container name "/my-nginx" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\nSee 'docker run --help'.\n`,
    });
    expect(dockyard('docker', 'run', '-m', '12x', 'busybox')).toMatchObject({ status: 125, stderr: `invalid argument "12x" for "-m, --memory" flag: invalid size: '12x'\nSee 'docker run --help'.\n` });
    expect(dockyard('docker', 'run', '--foo', 'busybox')).toMatchObject({ status: 125, stderr: "unknown flag: --foo\nSee 'docker run --help'.\n" });
    expect(dockyard('docker', 'run', 'Nginx')).toMatchObject({ status: 125, stderr: "docker: invalid reference format: repository name (library/Nginx) must be lowercase.\nSee 'docker run --help'.\n" });
    const missing = dockyard('docker', 'run', 'busybox', 'nope');
    expect(missing.status).toBe(127);
    expect(missing.stderr).toMatch(/^Unable to find image 'busybox:latest' locally\n/);
    expect(missing.stderr).toMatch(
      /\ndocker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in \$PATH: unknown\.\nSee 'docker run --help'\.\n$/,
    );
    expect(dockyard('docker', 'stop', 'ghost')).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such container: ghost\n' });
    expect(dockyard('docker', 'exec', 'my-nginx', 'ps')).toMatchObject({
      status: 127,
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown\n',
    });
    expect(dockyard('docker', 'rm', 'my-nginx')).toMatchObject({
      status: 1,
      stderr: 'Error response from daemon: cannot remove container "/my-nginx": container is running: stop the container before removing or force remove\n',
    });
    expect(dockyard('docker', 'fly')).toMatchObject({ status: 1, stderr: "docker: 'fly' is not a docker command.\nSee 'docker --help'\n" });
    // my-nginx is as it was; the only newcomer is the container whose command was not found, left Created as docker leaves it.
    const after = state().trim().split('\n');
    expect(after.filter((l) => l.includes(' my-nginx '))).toEqual([before.trim()]);
    expect(after.filter((l) => !l.includes(' my-nginx '))).toEqual([expect.stringMatching(/^[0-9a-f]{64} [a-z]+_[a-z]+ created $/)]);
  });

  it('refuses a second container on a taken port and leaves it Created', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '-p', '8080:80', '--name', 'first', 'nginx:1.25');
    const second = dockyard('docker', 'run', '-d', '-p', '8080:80', '--name', 'second', 'nginx:1.25');
    expect(second.status).toBe(125);
    expect(second.stderr).toMatch(/^docker: Error response from daemon: driver failed programming external connectivity on endpoint second \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\.\nSee 'docker run --help'\.\n$/);
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Names}} {{.Status}}').stdout).toBe('second Created\nfirst Up Less than a second\n');
  });

  it('refuses to exec into a stopped container', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const id = dockyard('docker', 'run', '-d', '--name', 'done', 'busybox', 'true').stdout.trim();
    expect(dockyard('docker', 'exec', 'done', 'ls')).toMatchObject({ status: 1, stderr: `Error response from daemon: container ${id} is not running\n` });
  });
});
