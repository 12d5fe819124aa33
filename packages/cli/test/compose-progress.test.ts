// Where compose's progress goes and how it looks: plain lines on stderr when the output is not a
// terminal; with --progress tty the `[+] Running n/n` block redrawn in place, each line with its
// mark, its status in a column and its elapsed (virtual) time at the right edge of 80 columns;
// nothing with --progress quiet; compose's own errors for flags that do not go together.
import { describe, expect, it } from 'vitest';
import { composeSandbox, lastFrame } from './support/compose-sandbox.ts';

const FILE = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 2s
  web:
    image: nginx:1.25
    depends_on:
      db:
        condition: service_healthy
`;

describe('docker compose progress', () => {
  it('draws the tty block, prints nothing when quiet, and plain lines otherwise', () => {
    const { dockyard } = composeSandbox('dash', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', 'pull', '--quiet').status).toBe(0);

    const tty = dockyard('docker', 'compose', '--progress', 'tty', 'up', '-d');
    expect(tty.status).toBe(0);
    expect(tty.stdout).toBe('');
    expect(tty.stderr).toContain('\x1b[?25l[+] Running 0/1\x1b[K\n');
    // The timer ends at column 80: the terminal width compose assumes when it cannot ask.
    const line = (left: string, time: string) => `${left.padEnd(80 - time.length - 1)}${time} \n`;
    expect(lastFrame(tty.stderr)).toBe(
      '[+] Running 3/3\n' +
        line(' ✔ Network dash_default  Created', '0.0s') +
        line(' ✔ Container dash-db-1   Healthy', '2.3s') +
        line(' ✔ Container dash-web-1  Started', '2.6s'),
    );

    expect(dockyard('docker', 'compose', '--progress', 'quiet', 'down')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(dockyard('docker', 'compose', 'up', '-d', '--no-start').stderr).toBe(
      ' Network dash_default  Creating\n Network dash_default  Created\n Container dash-db-1  Creating\n Container dash-db-1  Created\n Container dash-web-1  Creating\n Container dash-web-1  Created\n',
    );
  }, 60_000);

  it('refuses flags that do not go together, with compose words and its exit status', () => {
    const { dockyard } = composeSandbox('dash', { 'compose.yaml': FILE });
    expect(dockyard('docker', 'compose', '--progress', 'tty', '--ansi', 'never', 'ps')).toMatchObject({ status: 16, stderr: "can't use --progress tty while ANSI support is disabled\n" });
    expect(dockyard('docker', 'compose', '--progress', 'fancy', 'ps')).toMatchObject({ status: 16, stderr: 'unsupported --progress value "fancy"\n' });
    expect(dockyard('docker', 'compose', 'up', '--build', '--no-build')).toMatchObject({ status: 1, stderr: '--build and --no-build are incompatible\n' });
    expect(dockyard('docker', 'compose', 'up', '--bogus')).toMatchObject({ status: 16, stderr: 'unknown flag: --bogus\n' });
    const unknown = dockyard('docker', 'compose', 'bogus');
    expect(unknown.status).toBe(16);
    expect(unknown.stderr).toBe('unknown docker command: "compose bogus"\n');
    expect(unknown.stdout).toContain('Usage:  docker compose [OPTIONS] COMMAND');
    expect(dockyard('docker', 'compose', 'version')).toMatchObject({ status: 0, stdout: 'Docker Compose version v2.29.1\n' });
    expect(dockyard('docker', 'compose', 'version', '--short').stdout).toBe('2.29.1\n');
    expect(dockyard('docker', 'compose', 'up', '-d', 'nope')).toMatchObject({ status: 1, stderr: 'no such service: nope\n' });
  }, 60_000);
});
