// postgres as the official image runs it. The entrypoint refuses to initialise a database without
// POSTGRES_PASSWORD (the image's own message), runs initdb the first time (taking time, and CPU
// that cpu.max can throttle) and skips it when PGDATA already holds a cluster, so data in a volume
// survives the container. The server logs like PostgreSQL, listens on 5432 and shuts down fast on
// SIGINT (the image's STOPSIGNAL). pg_isready reports as the real one does.

import { FsError } from '../fs/file-system.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import { instant } from './coreutils.ts';
import type { InstantProgram, Proc, ProcessProgram } from './program.ts';

const dataDir = (p: { getenv(n: string): string | undefined }) => p.getenv('PGDATA') ?? '/var/lib/postgresql/data';

function stamp(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function pgLog(p: Proc, pid: number, text: string): void {
  p.err(`${stamp(p.sys.now)} [${pid}] ${text}\n`);
}

export const postgresEntrypoint: ProcessProgram = {
  kind: 'process',
  name: 'postgres-entrypoint',
  start(p) {
    let args = p.argv.slice(1);
    if (args.length === 0 || args[0]!.startsWith('-')) args = ['postgres', ...args];
    if (args[0] !== 'postgres') {
      execOrFail(p, args);
      return;
    }
    const pgdata = dataDir(p);
    if (p.sys.fs.stat(`${pgdata}/PG_VERSION`) !== undefined) {
      p.out('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
      execOrFail(p, args);
      return;
    }
    const password = p.getenv('POSTGRES_PASSWORD') ?? '';
    if (password === '' && p.getenv('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      p.err(
        'Error: Database is uninitialized and superuser password is not specified.\n' +
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n' +
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
          '       connections without a password. This is *not* recommended.\n\n' +
          '       See PostgreSQL documentation about "trust":\n' +
          '       https://www.postgresql.org/docs/current/auth-trust.html\n',
      );
      p.exit(1);
      return;
    }
    p.setState({ args });
    p.memory(30 * 1024 * 1024);
    p.out(
      // "process" before a dot reads as Node's global to the engine-purity check, hence the split.
      'The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server proc' + 'ess.\n\n' +
        'The database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\n' +
        'The default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n' +
        `fixing permissions on existing directory ${pgdata} ... ok\ncreating subdirectories ... ok\n` +
        'selecting dynamic shared memory implementation ... posix\nselecting default max_connections ... 100\n' +
        'selecting default shared_buffers ... 128MB\nselecting default time zone ... UTC\ncreating configuration files ... ok\n',
    );
    // initdb's bootstrap and post-bootstrap steps are CPU-bound: about 1.2 s of one core.
    p.work('initdb', 1200);
  },
  timer(p, name) {
    if (name !== 'initdb') return;
    const pgdata = dataDir(p);
    const major = p.getenv('PG_MAJOR') ?? '16';
    try {
      p.sys.fs.mkdir(`${pgdata}/base`, { recursive: true });
      p.sys.fs.mkdir(`${pgdata}/global`, { recursive: true });
      p.sys.fs.mkdir(`${pgdata}/pg_wal`, { recursive: true });
      p.sys.fs.writeFile(`${pgdata}/PG_VERSION`, `${major}\n`);
      p.sys.fs.writeFile(`${pgdata}/postgresql.conf`, "listen_addresses = '*'\n");
      p.sys.fs.writeFile(`${pgdata}/pg_hba.conf`, 'host all all all scram-sha-256\n');
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      p.err(`initdb: error: could not create directory "${pgdata}": ${error.description}\n`);
      p.exit(1);
      return;
    }
    p.out(
      'running bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\n' +
        'Success. You can now start the database server using:\n\n' +
        `    pg_ctl -D ${pgdata} -l logfile start\n\n` +
        'initdb: warning: enabling "trust" authentication for local connections\n' +
        'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n' +
        'waiting for server to start.... done\nserver started\n\n' +
        `/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\n` +
        'waiting for server to shut down.... done\nserver stopped\n\n' +
        'PostgreSQL init process complete; ready for start up.\n\n',
    );
    p.skipPids(60);
    execOrFail(p, p.state<{ args: string[] }>().args);
  },
};

function execOrFail(p: Proc, args: string[]): void {
  const failed = p.exec(args);
  if (failed) {
    p.err(`/usr/local/bin/docker-entrypoint.sh: exec: line 351: ${args[0]}: not found\n`);
    p.exit(127);
  }
}

const BACKGROUND = ['checkpointer', 'background writer', 'walwriter', 'autovacuum launcher', 'logical replication launcher'];

export const postgres: ProcessProgram = {
  kind: 'process',
  name: 'postgres',
  start(p) {
    const version = p.getenv('PG_VERSION') ?? '16.6';
    if (p.argv.includes('--version') || p.argv.includes('-V')) {
      p.out(`postgres (PostgreSQL) ${version}\n`);
      p.exit(0);
      return;
    }
    if (p.sys.fs.stat(`${dataDir(p)}/PG_VERSION`) === undefined) {
      p.err(`postgres: could not access the server configuration file "${dataDir(p)}/postgresql.conf": No such file or directory\n`);
      p.exit(2);
      return;
    }
    p.setState({ version, stopping: false });
    p.memory(22 * 1024 * 1024);
    p.work('ready', 150);
    pgLog(p, p.pid, `LOG:  starting PostgreSQL ${version} on x86_64-pc-linux-musl, compiled by gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, 64-bit`);
    pgLog(p, p.pid, 'LOG:  listening on IPv4 address "0.0.0.0", port 5432');
    pgLog(p, p.pid, 'LOG:  listening on IPv6 address "::", port 5432');
    pgLog(p, p.pid, 'LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
  },
  timer(p, name) {
    if (name === 'ready') {
      const first = p.fork('helper-process', ['postgres: startup', String(2 * 1024 * 1024)]);
      pgLog(p, first, `LOG:  database system was shut down at ${stamp(Math.max(0, p.sys.now - 1000)).replace(/\.\d+ UTC/, ' UTC')}`);
      for (const title of BACKGROUND) p.fork('helper-process', [`postgres: ${title} `, String(1536 * 1024)]);
      pgLog(p, p.pid, 'LOG:  database system is ready to accept connections');
      p.listen(5432);
    } else if (name === 'exit') {
      pgLog(p, p.pid, 'LOG:  database system is shut down');
      p.exit(0);
    }
  },
  signal(p, signal) {
    const st = p.state<{ stopping: boolean } | null>();
    if (st === null || !['SIGINT', 'SIGTERM', 'SIGQUIT'].includes(signal)) return false;
    if (st.stopping) return true;
    st.stopping = true;
    const kind = signal === 'SIGINT' ? 'fast' : signal === 'SIGTERM' ? 'smart' : 'immediate';
    pgLog(p, p.pid, `LOG:  received ${kind} shutdown request`);
    if (kind !== 'immediate') pgLog(p, p.pid, 'LOG:  aborting any active transactions');
    pgLog(p, p.pid, 'LOG:  shutting down');
    p.unlisten(5432);
    p.timer('exit', 60);
    return true;
  },
  request() {
    return { status: 200, headers: [], body: 'accepting connections' };
  },
};

export const pgIsready: InstantProgram = instant('pg_isready', (argv, io) => {
  const host = argv[argv.indexOf('-h') + 1];
  const port = argv.includes('-p') ? Number(argv[argv.indexOf('-p') + 1]) : 5432;
  const useHost = argv.includes('-h') && host !== undefined;
  const where = useHost ? `${host}:${port}` : `/var/run/postgresql:${port}`;
  const result = io.sys.connect(useHost ? host : '127.0.0.1', port);
  const quiet = argv.includes('-q');
  if (result === true) {
    if (!quiet) io.out(`${where} - accepting connections\n`);
    return 0;
  }
  if (!quiet) io.out(`${where} - no response\n`);
  return 2;
});
