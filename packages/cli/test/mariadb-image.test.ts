// The official mariadb image: its entrypoint takes MARIADB_* variables (MYSQL_* as aliases),
// refuses an uninitialised database without a password variable in MariaDB's words, initialises
// /var/lib/mysql once, and mariadbd says it is ready for connections with its package's version.
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const time = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00';

describe('the mariadb image', () => {
  it('refuses to start without a password variable', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'nopw', 'mariadb');
    dockyard('advance', '5s');
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Status}}').stdout).toMatch(/^Exited \(1\) /);
    const logs = dockyard('docker', 'logs', 'nopw');
    expect(logs.stdout).toMatch(new RegExp(`^${time} \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MariaDB Server 1:11\\.4\\.4\\+maria~ubu2404 started\\.\\n`));
    expect(logs.stderr).toMatch(
      new RegExp(
        `^${time} \\[ERROR\\] \\[Entrypoint\\]: Database is uninitialized and password option is not specified\\n\\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\\n$`,
      ),
    );
  }, 90_000);

  it('initialises with the MYSQL_ aliases and is ready for connections', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'db', '-e', 'MYSQL_ROOT_PASSWORD=secret', '-e', 'MYSQL_DATABASE=wordpress', 'mariadb:10.6.4-focal');
    dockyard('advance', '30s');
    const logs = dockyard('docker', 'logs', 'db');
    expect(logs.stdout).toContain('[Note] [Entrypoint]: Creating database wordpress\n');
    expect(logs.stdout).toMatch(/\[Note\] \[Entrypoint\]: MariaDB init process done\. Ready for start up\.\n\n$/);
    expect(logs.stderr).toMatch(
      /^2025-01-01  0:00:\d\d 0 \[Note\] Starting MariaDB 10\.6\.4-MariaDB-1:10\.6\.4\+maria~focal as process 1\n2025-01-01  0:00:\d\d 0 \[Note\] mariadbd: ready for connections\.\nVersion: '10\.6\.4-MariaDB-1:10\.6\.4\+maria~focal'  socket: '\/run\/mysqld\/mysqld\.sock'  port: 3306  mariadb\.org binary distribution\n$/,
    );
    expect(dockyard('docker', 'stop', 'db').stdout).toBe('db\n');
    expect(dockyard('docker', 'logs', 'db').stderr).toMatch(/ 0 \[Note\] mariadbd \(initiated by: unknown\): Normal shutdown\n.* 0 \[Note\] mariadbd: Shutdown complete\n$/);
  }, 90_000);
});
