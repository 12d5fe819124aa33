// `docker compose down`: containers (dependents first) and networks go; named volumes stay and the
// next `up` finds their data; -v removes them, --rmi local the images compose built, and
// --remove-orphans containers of services the files no longer have.
import { describe, expect, it } from 'vitest';
import { composeSandbox } from './support/compose-sandbox.ts';

const FILE = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: secret
    volumes:
      - pgdata:/var/lib/postgresql/data
  tool:
    build: .
volumes:
  pgdata:
`;

describe('docker compose down', () => {
  it('keeps named volumes (the data survives) unless -v, and removes built images with --rmi local', () => {
    const { dockyard, write } = composeSandbox('keep', { 'compose.yaml': FILE, Dockerfile: 'FROM busybox\nCMD ["sleep", "3600"]\n' });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const [volume] = JSON.parse(dockyard('docker', 'volume', 'inspect', 'keep_pgdata').stdout) as { Labels: Record<string, string> }[];
    expect(volume!.Labels).toEqual({ 'com.docker.compose.project': 'keep', 'com.docker.compose.version': '2.29.1', 'com.docker.compose.volume': 'pgdata' });
    dockyard('advance', '10s');

    expect(dockyard('docker', 'compose', 'down').stderr).toBe(
      ' Container keep-tool-1  Stopping\n Container keep-db-1  Stopping\n Container keep-db-1  Stopped\n Container keep-db-1  Removing\n Container keep-db-1  Removed\n' +
        ' Container keep-tool-1  Stopped\n Container keep-tool-1  Removing\n Container keep-tool-1  Removed\n' +
        ' Network keep_default  Removing\n Network keep_default  Removed\n',
    );
    // Postgres stops at once on its SIGINT; `sleep` as PID 1 ignores SIGTERM and is killed after 10 s.
    expect(dockyard('docker', 'volume', 'ls', '-q').stdout).toBe('keep_pgdata\n');

    expect(dockyard('docker', 'compose', 'up', '-d').stderr).toBe(
      ' Network keep_default  Creating\n Network keep_default  Created\n' +
        ' Container keep-db-1  Creating\n Container keep-db-1  Created\n Container keep-tool-1  Creating\n Container keep-tool-1  Created\n' +
        ' Container keep-db-1  Starting\n Container keep-tool-1  Starting\n Container keep-db-1  Started\n Container keep-tool-1  Started\n',
    );
    expect(dockyard('docker', 'compose', 'logs', 'db').stdout).toContain('PostgreSQL Database directory appears to contain a database; Skipping initialization');

    // A service gone from the file leaves an orphan.
    write('compose.yaml', FILE.replace('  tool:\n    build: .\n', ''));
    const orphan = 'WARN[0000] Found orphan containers ([keep-tool-1]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.\n';
    expect(dockyard('docker', 'compose', 'up', '-d').stderr).toBe(`${orphan} Container keep-db-1  Running\n`);
    write('compose.yaml', FILE);

    const down = dockyard('docker', 'compose', 'down', '-v', '--rmi', 'local');
    expect(down.status).toBe(0);
    expect(down.stderr).toMatch(/ Network keep_default  Removed\n Image keep-tool  Removing\n Image keep-tool  Removed\n Volume keep_pgdata  Removing\n Volume keep_pgdata  Removed\n$/);
    expect(dockyard('docker', 'volume', 'ls', '-q').stdout).toBe('');
    expect(dockyard('docker', 'images', 'keep-tool', '-q').stdout).toBe('');
    expect(dockyard('docker', 'images', 'postgres', '-q').stdout).not.toBe('');

    expect(dockyard('docker', 'compose', 'down')).toMatchObject({ status: 0, stderr: 'Warning: No resource found to remove for project "keep".\n' });
  }, 90_000);

  it('removes orphans with --remove-orphans, and works from the project name alone', () => {
    const { dockyard, write } = composeSandbox('keep', { 'compose.yaml': FILE, Dockerfile: 'FROM busybox\nCMD ["sleep", "3600"]\n' });
    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    write('compose.yaml', FILE.replace('  tool:\n    build: .\n', ''));
    const down = dockyard('docker', 'compose', 'down', '--remove-orphans');
    expect(down.stderr).toMatch(/^ Container keep-db-1  Stopping\n Container keep-db-1  Stopped\n Container keep-db-1  Removing\n Container keep-db-1  Removed\n Container keep-tool-1  Stopping\n/);
    expect(dockyard('docker', 'ps', '-a', '-q').stdout).toBe('');

    expect(dockyard('docker', 'compose', 'up', '-d').status).toBe(0);
    const byName = dockyard('docker', 'compose', '-p', 'keep', '--project-directory', '/nowhere', 'down');
    expect(byName.status).toBe(0);
    expect(dockyard('docker', 'ps', '-a', '-q').stdout).toBe('');
  }, 90_000);
});
