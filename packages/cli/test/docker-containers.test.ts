// The container verbs' output shapes: attached runs, inspect, stats, top, port, networks, volumes,
// OOM kills and health in `docker ps`.
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('docker container verbs', () => {
  it('runs attached, prints the output and exits with the container code; --rm removes it', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', 'busybox', 'true');
    expect(dockyard('docker', 'run', '--rm', 'busybox', 'sh', '-c', 'echo hello from $(hostname | cut -c1-0)busybox; exit 3')).toMatchObject({ status: 3, stdout: 'hello from busybox\n' });
    expect(dockyard('docker', 'ps', '-aq').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('ends a memory hog with --memory 64m OOMKilled and 137', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('docker', 'run', '--name', 'hog', '--memory', '64m', 'busybox', 'tail', '/dev/zero').status).toBe(137);
    expect(dockyard('docker', 'inspect', '-f', '{{.State.OOMKilled}} {{.State.ExitCode}}', 'hog').stdout).toBe('true 137\n');
    expect(dockyard('events').stdout).toMatch(/container\.oom {2}host=docker-desktop id=[0-9a-f]{64} name=hog image=busybox limit=67108864/);
  });

  it('inspects a container in the Engine API shape', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'web', '-p', '8080:80', '--memory', '128m', '--cpus', '1.5', '--restart', 'on-failure:3', 'nginx:1.25');
    const [inspect] = JSON.parse(dockyard('docker', 'inspect', 'web').stdout);
    expect(inspect).toMatchObject({
      Name: '/web',
      Path: '/docker-entrypoint.sh',
      Args: ['nginx', '-g', 'daemon off;'],
      State: { Status: 'running', Running: true, OOMKilled: false, ExitCode: 0 },
      HostConfig: { Memory: 134217728, NanoCpus: 1500000000, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 }, PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } },
      Config: { Image: 'nginx:1.25', Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], StopSignal: 'SIGQUIT', ExposedPorts: { '80/tcp': {} } },
      NetworkSettings: { IPAddress: '172.17.0.2', Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }] }, Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02' } } },
    });
    expect(dockyard('docker', 'inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', 'web').stdout).toBe('172.17.0.2\n');
    expect(dockyard('docker', 'inspect', 'nope')).toMatchObject({ status: 1, stdout: '[]\n', stderr: 'Error: No such object: nope\n' });
    expect(dockyard('docker', 'port', 'web').stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
  });

  it('shows stats with docker\'s columns and top with the host\'s PIDs', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const id = dockyard('docker', 'run', '-d', '--name', 'web', '--memory', '64m', 'nginx:1.25').stdout.trim();
    const stats = dockyard('docker', 'stats', '--no-stream').stdout.split('\n');
    expect(stats[0]).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS');
    expect(stats[1]).toBe(`${id.slice(0, 12)}   web       0.00%     7.57MiB / 64MiB     11.83%    0B / 0B   0B / 0B     5`);
    const top = dockyard('docker', 'top', 'web').stdout.split('\n');
    expect(top[0]).toBe('UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD');
    expect(top[1]).toMatch(/^root {16}\d{4} {16}1 {19}0 {19}00:00 {15}\? {19}00:00:00 {12}nginx: master process nginx -g daemon off;$/);
    expect(top).toHaveLength(7);
  });

  it('shows health in docker ps', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'web', '--health-cmd', 'curl -f http://localhost/ || exit 1', '--health-interval', '5s', 'nginx:1.25');
    expect(dockyard('docker', 'ps', '--format', '{{.Status}}').stdout).toBe('Up Less than a second (health: starting)\n');
    dockyard('advance', '5s');
    expect(dockyard('docker', 'ps', '--format', '{{.Status}}').stdout).toBe('Up 5 seconds (healthy)\n');
    dockyard('docker', 'exec', 'web', 'rm', '/usr/share/nginx/html/index.html');
    dockyard('advance', '15s');
    expect(dockyard('docker', 'ps', '--format', '{{.Status}}').stdout).toBe('Up 20 seconds (unhealthy)\n');
  });

  it('creates networks where containers find each other by name, and volumes that outlive containers', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('docker', 'network', 'create', 'app-net').stdout).toMatch(/^[0-9a-f]{64}\n$/);
    dockyard('docker', 'run', '-d', '--name', 'web', '--network', 'app-net', 'nginx:1.25');
    expect(dockyard('docker', 'run', '--rm', '--network', 'app-net', 'busybox', 'wget', '-qO-', 'http://web/').stdout).toContain('Welcome to nginx!');
    expect(dockyard('docker', 'network', 'ls').stdout).toMatch(/^NETWORK ID {5}NAME {6}DRIVER {4}SCOPE\n[0-9a-f]{12} {3}app-net {3}bridge {4}local\n[0-9a-f]{12} {3}bridge {4}bridge {4}local\n[0-9a-f]{12} {3}host {6}host {6}local\n[0-9a-f]{12} {3}none {6}null {6}local\n$/);
    expect(dockyard('docker', 'volume', 'create', 'data').stdout).toBe('data\n');
    dockyard('docker', 'run', '--rm', '-v', 'data:/data', 'busybox', 'sh', '-c', 'echo kept > /data/note');
    expect(dockyard('docker', 'run', '--rm', '-v', 'data:/data', 'busybox', 'cat', '/data/note').stdout).toBe('kept\n');
    expect(dockyard('docker', 'volume', 'ls').stdout).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
    expect(dockyard('docker', 'volume', 'rm', 'nope')).toMatchObject({ status: 1, stderr: 'Error response from daemon: get nope: no such volume\n' });
  });

  it('runs an interactive shell with -it and prints docker events', () => {
    const { dockyard, input } = sandbox();
    dockyard('init', '--clock', 'manual');
    const session = input('echo hello\nps\nexit 4\n', 'docker', 'run', '-it', '--name', 'box', 'busybox');
    expect(session.status).toBe(4);
    // ps is a child the shell forked: it lists itself.
    expect(session.stdout).toBe('hello\nPID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    2 root      0:00 ps\n');
    const events = dockyard('docker', 'events', '--since', '0', '--until', '0s').stdout.split('\n');
    expect(events[0]).toMatch(/^2025-01-01T00:00:\d\d\.\d{9}Z container create [0-9a-f]{64} \(image=busybox, name=box\)$/);
    expect(events).toContainEqual(expect.stringMatching(/ container die [0-9a-f]{64} \(exitCode=4, image=busybox, name=box\)$/));
  });

  it('feeds a pipe to docker exec -i', () => {
    const { dockyard, input } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'box', 'busybox', 'sleep', '3600');
    expect(input('echo $((6 * 7))\nhostname | wc -c\n', 'docker', 'exec', '-i', 'box', 'sh')).toMatchObject({ status: 0, stdout: '42\n13\n' });
  });
});
