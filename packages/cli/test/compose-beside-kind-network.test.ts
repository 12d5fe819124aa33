// The workspace's cluster is kind on the same Docker host: kind's `kind` network holds
// 172.18.0.0/16 on that daemon, so a compose project's network takes the next default pool
// (172.19.0.0/16) and its containers never share an address with a node. Published ports then
// answer on localhost even though the cluster's data plane is asked first, port 80 included
// (kind's ingress port mapping takes localhost:80 only when no container publishes it).
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  web:
    image: nginx:1.25
    ports:
      - "8081:80"
    volumes:
      - ./site:/usr/share/nginx/html:ro
`;

describe('a compose project beside the kind cluster', () => {
  it('gets a subnet of its own, so its published port answers and no node address is taken', () => {
    const { dockyard } = composeSandbox('beside', { 'compose.yaml': FILE, 'site/index.html': '<p>compose, not a node</p>\n' });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);

    expect(dockyard('docker', 'inspect', 'beside-web-1', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.Gateway}}{{end}}').stdout).toBe('172.19.0.2 172.19.0.1\n');
    expect(dockyard('kubectl', 'get', 'node', 'node-1', '-o', 'jsonpath={.status.addresses[0].address}').stdout).toBe('172.18.0.2');
    expect(dockyard('curl', 'http://localhost:8081/').stdout).toBe('<p>compose, not a node</p>\n');

    // Asking for kind's subnet by hand overlaps it, as on a real daemon running kind.
    const clash = dockyard('docker', 'network', 'create', '--subnet', '172.18.0.0/16', 'clash');
    expect(clash.status).toBe(1);
    expect(clash.stderr).toBe('Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n');
  }, 60_000);

  it('answers localhost:80 from a service that publishes it, and ingress-nginx again once it is down', () => {
    const { dockyard } = composeSandbox('front', {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "80:80"\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n',
      'site/index.html': '<p>the front page</p>\n',
    });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    expect(dockyard('curl', 'http://localhost/').stdout).toBe('<p>the front page</p>\n');
    expect(dockyard('docker', 'compose', 'down').status).toBe(0);
    const ingress = dockyard('curl', '-i', 'http://localhost/');
    expect(ingress.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r?\n/);
    expect(ingress.stdout).toContain('<center>nginx</center>');
  }, 60_000);
});
