// The Kubernetes tutorial's PHP guestbook: gb-frontend:v5 behind a NodePort serves the guestbook
// page, writes messages through guestbook.php to the Redis leader and reads them back from a
// follower (gb-redis-follower:v2, a replica of redis-leader that refuses writes).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/guestbook');

describe('the guestbook', () => {
  it('stores a message through the leader and reads it from a follower', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'apply', '-f', join(fixtures, 'guestbook.yaml'));
    dockyard('advance', '1m');
    expect(dockyard('kubectl', 'get', 'pods').stdout.match(/1\/1\s+Running\s+0\s/g)).toHaveLength(6);
    const nodePort = dockyard('kubectl', 'get', 'service', 'frontend', '-o', 'jsonpath={.spec.ports[0].nodePort}').stdout;
    const url = `http://localhost:${nodePort}`;
    const page = dockyard('curl', '-s', `${url}/`).stdout;
    expect(page).toContain('<title>Guestbook</title>');
    expect(page).toContain('<h2>Guestbook</h2>');
    const missing = dockyard('curl', '-si', `${url}/nope.php`).stdout;
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(missing).toContain(`<p>The requested URL /nope.php was not found on this server.</p>\n<hr>\n<address>Apache/2.4.25 (Debian) Server at localhost Port 80</address>\n`);

    expect(dockyard('curl', '-s', `${url}/guestbook.php?cmd=get&key=messages`).stdout).toBe('{"data": ""}');
    expect(dockyard('curl', '-si', `${url}/guestbook.php?cmd=set&key=messages&value=,hello,kubernetes`).stdout).toMatch(
      /^HTTP\/1\.1 200 OK\r\nDate: .*\r\nServer: Apache\/2\.4\.25 \(Debian\)\r\nX-Powered-By: PHP\/5\.6\.40\r\nContent-Length: 22\r\nContent-Type: application\/json\r\n\r\n\{"message": "Updated"\}$/,
    );
    expect(dockyard('curl', '-s', `${url}/guestbook.php?cmd=get&key=messages`).stdout).toBe('{"data": ",hello,kubernetes"}');

    // The followers replicate the leader and refuse writes.
    const leader = /^(redis-leader-\S+)/m.exec(dockyard('kubectl', 'get', 'pods').stdout)![1]!;
    expect(dockyard('kubectl', 'exec', leader, '--', 'redis-cli', '-h', 'redis-follower', 'get', 'guestbook').stdout).toBe(',hello,kubernetes\n');
    expect(dockyard('kubectl', 'exec', leader, '--', 'redis-cli', '-h', 'redis-follower', 'set', 'guestbook', 'x').stdout).toBe("READONLY You can't write against a read only replica.\n");
    const follower = /^(redis-follower-\S+)/m.exec(dockyard('kubectl', 'get', 'pods').stdout)![1]!;
    expect(dockyard('kubectl', 'logs', follower).stdout).toMatch(
      /1:S 01 Jan 2025 00:00:\d\d\.\d{3} \* Connecting to MASTER redis-leader:6379\n1:S .* \* MASTER <-> REPLICA sync started\n1:S .* \* Master replied to PING, replication can continue\.\.\.\n1:S .* \* MASTER <-> REPLICA sync: Finished with success\n$/,
    );
  }, 90_000);

  it('without a leader the frontend shows Predis’s exception, as display_errors does', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'create', 'deployment', 'frontend', '--image=gcr.io/google_samples/gb-frontend:v5');
    dockyard('kubectl', 'expose', 'deployment', 'frontend', '--type=NodePort', '--port=80');
    dockyard('advance', '1m');
    const nodePort = dockyard('kubectl', 'get', 'service', 'frontend', '-o', 'jsonpath={.spec.ports[0].nodePort}').stdout;
    expect(dockyard('curl', '-s', `http://localhost:${nodePort}/guestbook.php?cmd=set&key=messages&value=hi`).stdout).toContain(
      "<b>Fatal error</b>:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'php_network_getaddresses: getaddrinfo failed: Name or service not known [tcp://redis-leader:6379]'",
    );
  }, 90_000);
});
