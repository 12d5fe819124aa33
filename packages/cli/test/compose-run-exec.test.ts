// `docker compose run` (a one-off container `<project>-<service>-run-<id>` after its dependencies
// are up; its exit status; --rm; -d) and `docker compose exec` (a command in the service's running
// container; its exit status; -T; --index).
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  cache:
    image: redis:7-alpine
  tool:
    image: busybox
    command: ["sleep", "3600"]
    environment:
      GREETING: hello
    depends_on: [cache]
`;

describe('docker compose run and exec', () => {
  it('runs one-off containers after starting their dependencies', () => {
    const { dockyard } = composeSandbox('ops', { 'compose.yaml': FILE });
    const run = dockyard('docker', 'compose', 'run', '--rm', 'tool', 'sh', '-c', 'echo $GREETING; hostname');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^hello\n[0-9a-f]{12}\n$/);
    expect(run.stderr).toMatch(/ Container ops-cache-1  Creating\n Container ops-cache-1  Created\n Container ops-cache-1  Starting\n Container ops-cache-1  Started\n$/);
    // --rm: the one-off is gone; its dependency stays up.
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Names}}').stdout).toBe('ops-cache-1\n');

    const failed = dockyard('docker', 'compose', 'run', 'tool', 'sh', '-c', 'exit 3');
    expect(failed.status).toBe(3);
    const names = dockyard('docker', 'ps', '-a', '--format', '{{.Names}}').stdout.trim().split('\n');
    expect(names).toEqual([expect.stringMatching(/^ops-tool-run-[0-9a-f]{12}$/), 'ops-cache-1']);
    const oneOff = (name: string) => dockyard('docker', 'inspect', name, '--format', '{{index .Config.Labels "com.docker.compose.oneoff"}}').stdout;
    expect(oneOff(names[0]!)).toBe('True\n');
    expect(oneOff('ops-cache-1')).toBe('False\n');

    const detached = dockyard('docker', 'compose', 'run', '-d', 'tool');
    expect(detached.status).toBe(0);
    expect(detached.stdout).toMatch(/^ops-tool-run-[0-9a-f]{12}\n$/);
    // One-offs are not the service's containers.
    expect(dockyard('docker', 'compose', 'ps', '--services').stdout).toBe('cache\n');
  }, 60_000);

  it('execs in the running container with its exit status, and says when the service is not running', () => {
    const { dockyard, piped } = composeSandbox('ops', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'exec', 'tool', 'true')).toMatchObject({ status: 1, stderr: 'service "tool" is not running\n' });
    expect(dockyard('docker', 'compose', 'up', '-d', '--scale', 'tool=2').status).toBe(0);
    expect(dockyard('docker', 'compose', 'exec', '-T', 'tool', 'sh', '-c', 'echo $GREETING; exit 4')).toMatchObject({ status: 4, stdout: 'hello\n' });
    // -T: no TTY, so what is piped in reaches the command (`exec -T db psql < dump.sql`).
    expect(piped('line one\nline two\n', 'docker', 'compose', 'exec', '-T', 'tool', 'sh', '-c', 'cat > /tmp/in; wc -l /tmp/in')).toMatchObject({ status: 0, stdout: '2 /tmp/in\n' });
    expect(dockyard('docker', 'compose', 'exec', '-T', 'tool', 'cat', '/tmp/in').stdout).toBe('line one\nline two\n');
    const second = dockyard('docker', 'compose', 'exec', '--index', '2', 'tool', 'hostname').stdout.trim();
    expect(second).toBe(dockyard('docker', 'inspect', 'ops-tool-2', '--format', '{{.Config.Hostname}}').stdout.trim());
    expect(dockyard('docker', 'compose', 'exec', '--index', '3', 'tool', 'true')).toMatchObject({ status: 1, stderr: 'service "tool" is not running container #3\n' });
    expect(dockyard('docker', 'compose', 'exec', 'tool')).toMatchObject({ status: 16, stderr: 'requires at least 2 arg(s), only received 1\n' });
  }, 60_000);
});
