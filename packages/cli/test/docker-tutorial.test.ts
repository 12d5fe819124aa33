// Sections 1 and 2 of the tutorial, verbatim after `dockyard`, through the real executable.
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('the tutorial, sections 1 and 2', () => {
  it('runs nginx, lists it, shows its logs, opens a shell in it, stops and removes it', () => {
    const { dockyard, input } = sandbox();
    dockyard('init', '--clock', 'manual');

    const run = dockyard('docker', 'run', '-d', '--name', 'my-nginx', '-p', '8080:80', 'nginx:1.25');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(run.stderr).toMatch(/^Unable to find image 'nginx:1\.25' locally\n1\.25: Pulling from library\/nginx\n([0-9a-f]{12}: (Pulling fs layer|Waiting|Verifying Checksum|Download complete|Pull complete)\n)+Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:1\.25\n$/);
    const id = run.stdout.trim();

    dockyard('advance', '5s');
    const ps = dockyard('docker', 'ps');
    expect(ps.stdout).toBe(
      'CONTAINER ID   IMAGE        COMMAND                  CREATED         STATUS         PORTS                                     NAMES\n' +
        `${id.slice(0, 12)}   nginx:1.25   "/docker-entrypoint.…"   5 seconds ago   Up 5 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   my-nginx\n`,
    );

    const page = dockyard('curl', 'http://localhost:8080/');
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(page.stdout).toHaveLength(615);

    const logs = dockyard('docker', 'logs', 'my-nginx');
    expect(logs.stdout).toMatch(
      /^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n\/docker-entrypoint\.sh: Looking for shell scripts in \/docker-entrypoint\.d\/\n/,
    );
    expect(logs.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs.stdout).toMatch(/172\.17\.0\.1 - - \[01\/Jan\/2025:00:00:0\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"\n$/);
    expect(logs.stderr).toMatch(/^2025\/01\/01 00:00:0\d \[notice\] 1#1: using the "epoll" event method\n/);
    expect(logs.stderr).toContain('[notice] 1#1: start worker process 29\n');

    const shell = input('hostname\ncat /etc/os-release | head -n 1\nexit\n', 'docker', 'exec', '-it', 'my-nginx', '/bin/bash');
    expect(shell).toMatchObject({ status: 0, stdout: `${id.slice(0, 12)}\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n`, stderr: 'exit\n' });

    const limit = dockyard('cat', `/sys/fs/cgroup/memory/docker/${id}/memory.limit_in_bytes`);
    expect(limit).toMatchObject({ status: 0, stdout: '9223372036854771712\n' });

    expect(dockyard('docker', 'stop', 'my-nginx')).toMatchObject({ status: 0, stdout: 'my-nginx\n' });
    expect(dockyard('docker', 'ps', '-a').stdout).toMatch(/ {3}Exited \(0\) Less than a second ago {3}[ ]{10}my-nginx\n$/);
    expect(dockyard('docker', 'rm', 'my-nginx')).toMatchObject({ status: 0, stdout: 'my-nginx\n' });
    expect(dockyard('docker', 'ps', '-a').stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
    expect(dockyard('curl', 'http://localhost:8080/')).toMatchObject({ status: 7, stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n" });
  });

  it('shows the memory limit given with --memory in the cgroup file the tutorial reads', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const id = dockyard('docker', 'run', '-d', '--memory', '256m', 'busybox', 'sleep', '3600').stdout.trim();
    expect(dockyard('cat', `/sys/fs/cgroup/memory/docker/${id}/memory.limit_in_bytes`).stdout).toBe('268435456\n');
    expect(dockyard('docker', 'exec', id.slice(0, 5), 'cat', '/sys/fs/cgroup/memory.max').stdout).toBe('268435456\n');
  });
});
