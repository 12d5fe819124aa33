// The official mysql image: its entrypoint refuses an uninitialised database without a password
// variable, initialises /var/lib/mysql the first time (creating MYSQL_DATABASE) and skips that when
// the volume already holds a database; mysqld then says it is ready for connections on 3306, and
// shuts down cleanly on docker stop.
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { sandbox } from './support/run-dockyard.ts';

const time = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00';

describe('the mysql image', () => {
  it('needs a password variable to initialise', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'nopw', 'mysql:8');
    dockyard('advance', '5s');
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Status}}').stdout).toMatch(/^Exited \(1\) /);
    const logs = dockyard('docker', 'logs', 'nopw');
    expect(logs.stdout).toMatch(
      new RegExp(
        `^${time} \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MySQL Server 8\\.0\\.40-1\\.el9 started\\.\\n${time} \\[Note\\] \\[Entrypoint\\]: Switching to dedicated user 'mysql'\\n${time} \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MySQL Server 8\\.0\\.40-1\\.el9 started\\.\\n$`,
      ),
    );
    expect(logs.stderr).toMatch(
      new RegExp(
        `^${time} \\[ERROR\\] \\[Entrypoint\\]: Database is uninitialized and password option is not specified\\n    You need to specify one of the following as an environment variable:\\n    - MYSQL_ROOT_PASSWORD\\n    - MYSQL_ALLOW_EMPTY_PASSWORD\\n    - MYSQL_RANDOM_ROOT_PASSWORD\\n$`,
      ),
    );
  }, 90_000);

  it('initialises its volume once, is ready on 3306, and keeps the data for the next container', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'run', '-d', '--name', 'db', '-v', 'dbdata:/var/lib/mysql', '-e', 'MYSQL_ROOT_PASSWORD=secret', '-e', 'MYSQL_DATABASE=shop', 'mysql:8');
    dockyard('advance', '30s');
    const first = dockyard('docker', 'logs', 'db');
    expect(first.stdout).toContain('[Note] [Entrypoint]: Initializing database files\n');
    expect(first.stdout).toContain('[Note] [Entrypoint]: Creating database shop\n');
    expect(first.stdout).toMatch(/\[Note\] \[Entrypoint\]: MySQL init process done\. Ready for start up\.\n\n$/);
    expect(first.stderr).toMatch(/\[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '8\.0\.40'  socket: '\/var\/run\/mysqld\/mysqld\.sock'  port: 3306  MySQL Community Server - GPL\.\n$/);
    expect(dockyard('docker', 'exec', 'db', 'ls', '/var/lib/mysql').stdout).toBe('ibdata1\nmysql\nperformance_schema\nshop\nsys\n');

    expect(dockyard('docker', 'stop', 'db').stdout).toBe('db\n');
    expect(dockyard('docker', 'logs', 'db').stderr).toMatch(/\[MY-010910\] \[Server\] \/usr\/sbin\/mysqld: Shutdown complete \(mysqld 8\.0\.40\)  MySQL Community Server - GPL\.\n$/);
    expect(dockyard('docker', 'ps', '-a', '--format', '{{.Status}}').stdout).toMatch(/^Exited \(0\) /);

    dockyard('docker', 'run', '-d', '--name', 'db2', '-v', 'dbdata:/var/lib/mysql', 'mysql:8');
    dockyard('advance', '10s');
    const second = dockyard('docker', 'logs', 'db2');
    expect(second.stdout).not.toContain('Initializing database files');
    expect(second.stderr).toContain('ready for connections.');
  }, 90_000);

  it('the corpus pod’s --ignore-db-dir, gone in MySQL 8, fails the entrypoint’s config check', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'apply', '-f', sharedPath('corpus/k8s/mysql.yaml'));
    dockyard('advance', '30s');
    expect(dockyard('kubectl', 'get', 'pod', 'mysql').stdout).toMatch(/^mysql\s+0\/1\s+CrashLoopBackOff\s/m);
    const logs = dockyard('kubectl', 'logs', 'mysql').stdout;
    expect(logs).toMatch(
      new RegExp(
        `^${time} \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MySQL Server 8\\.0\\.40-1\\.el9 started\\.\\n` +
          `${time} \\[ERROR\\] \\[Entrypoint\\]: mysqld failed while attempting to check config\\n` +
          `\\tcommand was: mysqld --ignore-db-dir lost\\+found --verbose --help --log-bin-index=/tmp/tmp\\.[A-Za-z0-9]{10}\\n` +
          `\\t\\S+ 0 \\[ERROR\\] \\[MY-000068\\] \\[Server\\] unknown option '--ignore-db-dir'\\.\\n` +
          `\\S+ 0 \\[ERROR\\] \\[MY-010119\\] \\[Server\\] Aborting\\n$`,
      ),
    );
  }, 90_000);
});
