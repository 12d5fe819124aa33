// Replicas: deploy.replicas and --scale create `<project>-<service>-<n>` containers, scaling down
// removes the highest numbers; the service name resolves to every replica in the project's
// network (the daemon's embedded DNS), and declared aliases too.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
    deploy:
      replicas: 2
  client:
    image: busybox
    command: ["sleep", "3600"]
    networks:
      default:
      back:
        aliases: [probe]
networks:
  back:
`;

describe('docker compose up: scale', () => {
  it('creates the replicas, scales up and down, and resolves the service name to each replica', () => {
    const { dockyard } = composeSandbox('site', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    expect(dockyard('docker', 'compose', 'ps', '--format', '{{.Name}} {{.Service}}').stdout).toBe('site-client-1 client\nsite-web-1 web\nsite-web-2 web\n');

    const lookup = dockyard('docker', 'compose', 'exec', '-T', 'client', 'nslookup', 'web');
    expect(lookup.status).toBe(0);
    const addresses = [...lookup.stdout.matchAll(/^Address: (172\.\d+\.\d+\.\d+)$/gm)].map((m) => m[1]);
    expect(addresses).toHaveLength(2);
    const ips = dockyard('docker', 'inspect', 'site-web-1', 'site-web-2', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}').stdout.trim().split('\n');
    expect([...addresses].sort()).toEqual([...ips].sort());
    // An alias of the client on the second network resolves from a container on it.
    expect(dockyard('docker', 'compose', 'exec', '-T', 'client', 'nslookup', 'probe').stdout).toMatch(/^Address: 172\.\d+\.\d+\.\d+$/m);

    const up = dockyard('docker', 'compose', 'up', '-d', '--scale', 'web=3');
    expect(up.stderr).toBe(
      ' Container site-client-1  Running\n Container site-web-1  Running\n Container site-web-2  Running\n' +
        ' Container site-web-3  Creating\n Container site-web-3  Created\n Container site-web-3  Starting\n Container site-web-3  Started\n',
    );
    const down = dockyard('docker', 'compose', 'up', '-d', '--scale', 'web=1');
    expect(down.stderr).toBe(
      ' Container site-client-1  Running\n Container site-web-1  Running\n' +
        ' Container site-web-3  Stopping\n Container site-web-2  Stopping\n Container site-web-3  Stopped\n Container site-web-3  Removing\n Container site-web-3  Removed\n' +
        ' Container site-web-2  Stopped\n Container site-web-2  Removing\n Container site-web-2  Removed\n',
    );
    expect(dockyard('docker', 'compose', 'ps', '-q', 'web').stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('refuses a --scale for a service the project does not have', () => {
    const { dockyard } = composeSandbox('site', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d', '--scale', 'api=2')).toMatchObject({ status: 1, stderr: 'no such service: api\n' });
    expect(dockyard('docker', 'compose', 'up', '-d', '--scale', 'web')).toMatchObject({ status: 1, stderr: 'invalid --scale option "web". Should be SERVICE=NUM\n' });
  }, 60_000);
});
