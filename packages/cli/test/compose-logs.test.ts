// compose's log output: `<service>-<n>` padded to the longest name plus one, then ` | `, lines of
// all containers in the order they were written, stderr lines on stderr; --tail per container,
// -t the daemon's timestamps, --no-log-prefix, -f until the containers stop, and `up` attached.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  ticker:
    image: busybox
    command: ["sh", "-c", "for i in 1 2 3; do echo tick $$i; sleep 2; done"]
  tocker-long-name:
    image: busybox
    command: ["sh", "-c", "sleep 1; for i in 1 2 3; do echo tock $$i; sleep 2; done; echo oops >&2"]
`;

describe('docker compose logs', () => {
  it('prefixes and interleaves the containers lines in time order', () => {
    const { dockyard } = composeSandbox('clock', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    dockyard('advance', '10s');
    const logs = dockyard('docker', 'compose', 'logs');
    expect(logs.stdout).toBe(
      'ticker-1            | tick 1\n' +
        'tocker-long-name-1  | tock 1\n' +
        'ticker-1            | tick 2\n' +
        'tocker-long-name-1  | tock 2\n' +
        'ticker-1            | tick 3\n' +
        'tocker-long-name-1  | tock 3\n',
    );
    expect(logs.stderr).toBe('tocker-long-name-1  | oops\n');
    expect(dockyard('docker', 'compose', 'logs', 'ticker').stdout).toBe('ticker-1  | tick 1\nticker-1  | tick 2\nticker-1  | tick 3\n');
    // The last line of each container: tocker's is the one it wrote on stderr.
    expect(dockyard('docker', 'compose', 'logs', '--tail', '1', '--no-log-prefix')).toMatchObject({ stdout: 'tick 3\n', stderr: 'oops\n' });
    expect(dockyard('docker', 'compose', 'logs', '-t', 'ticker').stdout).toMatch(/^ticker-1  \| 2025-01-01T00:00:\d\d\.\d{9}Z tick 1\n/);
    expect(dockyard('docker', 'compose', 'logs', 'nope')).toMatchObject({ status: 1, stderr: 'no such service: nope\n' });
  }, 60_000);

  it('follows with -f until the containers stop, and up without -d attaches', () => {
    const { dockyard, now } = composeSandbox('clock', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const start = now();
    const follow = dockyard('docker', 'compose', 'logs', '-f', 'ticker');
    expect(follow.stdout).toBe('ticker-1  | tick 1\nticker-1  | tick 2\nticker-1  | tick 3\n');
    // The loop's last sleep ends 6 s after the start; -f ends with the container.
    expect(now() - start).toBeGreaterThanOrEqual(5_000);
    expect(now() - start).toBeLessThan(8_000);

    dockyard('advance', '5s');
    const attached = dockyard('docker', 'compose', 'up');
    expect(attached.status).toBe(0);
    expect(attached.stdout).toBe(
      'Attaching to ticker-1, tocker-long-name-1\n' +
        'ticker-1            | tick 1\n' +
        'tocker-long-name-1  | tock 1\n' +
        'ticker-1            | tick 2\n' +
        'tocker-long-name-1  | tock 2\n' +
        'ticker-1            | tick 3\n' +
        'tocker-long-name-1  | tock 3\n' +
        'ticker-1 exited with code 0\n' +
        'tocker-long-name-1 exited with code 0\n',
    );
    expect(attached.stderr).toBe(' Container clock-ticker-1  Created\n Container clock-tocker-long-name-1  Created\ntocker-long-name-1  | oops\n');
  }, 60_000);
});
