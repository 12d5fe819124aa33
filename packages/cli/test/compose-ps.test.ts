// `docker compose ps`: compose's table (NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS), running
// containers only unless -a, -q full ids, --services, --status, and --format json or a template.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
    ports:
      - "8080:80"
  job:
    image: busybox
    command: ["sh", "-c", "exit 2"]
`;

describe('docker compose ps', () => {
  it('lists the project containers as compose does', () => {
    const { dockyard } = composeSandbox('board', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    dockyard('advance', '5s');

    expect(dockyard('docker', 'compose', 'ps').stdout).toBe(
      'NAME          IMAGE        COMMAND                  SERVICE   CREATED         STATUS         PORTS\n' +
        'board-web-1   nginx:1.25   "/docker-entrypoint.…"   web       5 seconds ago   Up 5 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
    expect(dockyard('docker', 'compose', 'ps', '-a').stdout).toBe(
      'NAME          IMAGE        COMMAND                  SERVICE   CREATED         STATUS                     PORTS\n' +
        'board-job-1   busybox      "sh -c \'exit 2\'"         job       5 seconds ago   Exited (2) 5 seconds ago   \n' +
        'board-web-1   nginx:1.25   "/docker-entrypoint.…"   web       5 seconds ago   Up 5 seconds               0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
    const ids = dockyard('docker', 'compose', 'ps', '-a', '-q').stdout.trim().split('\n');
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(dockyard('docker', 'compose', 'ps', '-a', '--services').stdout).toBe('job\nweb\n');
    expect(dockyard('docker', 'compose', 'ps', '--status', 'exited', '--format', '{{.Name}}: {{.State}} {{.ExitCode}}').stdout).toBe('board-job-1: exited 2\n');
    expect(dockyard('docker', 'compose', 'ps', '--format', 'table {{.Service}}\t{{.Ports}}').stdout).toBe('SERVICE   PORTS\nweb       0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n');

    const json = dockyard('docker', 'compose', 'ps', '--format', 'json').stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ Name: 'board-web-1', Service: 'web', Project: 'board', State: 'running', Status: 'Up 5 seconds', Image: 'nginx:1.25', ExitCode: 0 });
    expect(json[0]!['Publishers']).toEqual([{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }]);
  }, 60_000);

  it('lists a project by name alone, without its files', () => {
    const { dir, dockyard } = composeSandbox('board', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d', 'web').status).toBe(0);
    rmSync(join(dir, 'compose.yaml'));
    expect(dockyard('docker', 'compose', 'ps')).toMatchObject({ status: 1, stderr: 'no configuration file provided: not found\n' });
    expect(dockyard('docker', 'compose', '-p', 'board', 'ps', '--format', '{{.Name}}').stdout).toBe('board-web-1\n');
    expect(dockyard('docker', 'compose', '-p', 'elsewhere', 'ps').stdout).toBe('NAME      IMAGE     COMMAND   SERVICE   CREATED   STATUS    PORTS\n');
  }, 60_000);
});
