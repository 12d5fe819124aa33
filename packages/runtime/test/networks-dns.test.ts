// Bridge networks: addresses from 172.17.0.0/16, user-defined networks with name resolution
// through Docker's embedded DNS, isolation between networks, and published ports.
import { describe, expect, it } from 'vitest';
import { dockerHost } from './fixtures/docker-host.ts';

describe('networks and DNS', () => {
  it('resolves container names and aliases on a user-defined network', () => {
    const h = dockerHost();
    h.docker.createNetwork('app-net');
    h.run({ name: 'web', image: 'nginx:1.25', networkMode: 'app-net', networkAliases: ['frontend'] });
    h.run({ name: 'client', image: 'busybox', cmd: ['sleep', '3600'], networkMode: 'app-net' });
    h.engine.runFor(1_000);
    expect(h.exec('client', ['nslookup', 'web']).out).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tweb\nAddress: 172.18.0.2\n\n');
    expect(h.exec('client', ['wget', '-qO-', 'http://frontend/']).out).toContain('<title>Welcome to nginx!</title>');
    expect(h.exec('client', ['cat', '/etc/resolv.conf']).out).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(h.logs('web')).toMatch(/172\.18\.0\.3 - - \[01\/Jan\/2025:00:00:01 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n$/);
  });

  it('does not resolve names on the default bridge, and keeps networks apart', () => {
    const h = dockerHost();
    h.run({ name: 'web', image: 'nginx:1.25' });
    h.run({ name: 'client', image: 'busybox', cmd: ['sleep', '3600'] });
    h.docker.createNetwork('other');
    h.run({ name: 'outsider', image: 'busybox', cmd: ['sleep', '3600'], networkMode: 'other' });
    h.engine.runFor(1_000);
    expect(h.exec('client', ['nslookup', 'web'])).toEqual({ code: 1, out: "Server:\t\t192.168.65.7\nAddress:\t192.168.65.7:53\n\n** server can't find web: NXDOMAIN\n\n** server can't find web: NXDOMAIN\n\n" });
    expect(h.exec('client', ['wget', '-qO-', 'http://172.17.0.2/']).out).toContain('Welcome to nginx!');
    expect(h.exec('outsider', ['wget', '-qO-', 'http://172.17.0.2/'])).toEqual({ code: 1, out: 'wget: download timed out\n' });
  });

  it('publishes ports on the host, and refuses a port that is taken', () => {
    const h = dockerHost();
    h.run({ name: 'one', image: 'nginx:1.25', portBindings: [{ containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: 8080 }] });
    h.engine.runFor(100);
    const response = h.fabric.http(h.host.netns, '127.0.0.1', 8080, { method: 'GET', path: '/', headers: {}, body: '' });
    expect(response).toMatchObject({ status: 200 });
    expect(() => h.run({ name: 'two', image: 'nginx:1.25', portBindings: [{ containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: 8080 }] })).toThrow(
      /^driver failed programming external connectivity on endpoint two \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/,
    );
    expect(h.docker.summary(h.docker.get('two')).status).toBe('Created');
  });

  it('will not remove a network with running containers', () => {
    const h = dockerHost();
    h.docker.createNetwork('busy');
    const id = h.run({ name: 'member', image: 'busybox', cmd: ['sleep', '60'], networkMode: 'busy' });
    expect(() => h.docker.removeNetwork('busy')).toThrow(`error while removing network: network busy has active endpoints (name:"member" id:"${id.slice(0, 12)}")`);
    expect(() => h.docker.removeNetwork('bridge')).toThrow('bridge is a pre-defined network and cannot be removed');
  });
});
