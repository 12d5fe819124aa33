// mysql and mariadb as their official images run them (docker-library/mysql's and
// MariaDB/mariadb-docker's docker-entrypoint.sh, then mysqld or mariadbd).
// The entrypoint refuses to initialise a database without one of MYSQL_ROOT_PASSWORD,
// MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD, initialises /var/lib/mysql the first
// time (a temporary server, the MYSQL_DATABASE it creates; several seconds of CPU) and skips that
// when the directory already holds a database, so data on a volume survives the container. mysqld
// then logs that it is ready for connections on 3306 and shuts down on SIGTERM. Options MySQL 8
// removed (--ignore-db-dir) fail the entrypoint's config check. Its lines are
// MySQL 8's error-log format; 5.7's older format ([Note] without codes) is not modelled.
// MariaDB's entrypoint takes MARIADB_* variables (and the MYSQL_* ones as aliases) and words its
// refusal its own way; mariadbd logs MariaDB's `ready for connections.` and Version lines.

import { FsError } from '../fs/file-system.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import type { Proc, ProcessProgram } from './program.ts';

const DATA_DIR = '/var/lib/mysql';
/** The password variables the entrypoint accepts, in the order it lists them. */
const PASSWORD_VARIABLES = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'];

/** The entrypoint's `mysql_note` time: `2025-01-01 00:00:05+00:00`. */
function noteTime(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().slice(0, 19).replace('T', ' ') + '+00:00';
}

function note(p: Proc, text: string, level = 'Note'): void {
  (level === 'ERROR' ? p.err.bind(p) : p.out.bind(p))(`${noteTime(p.sys.now)} [${level}] [Entrypoint]: ${text}\n`);
}

/** mysqld's error-log time: `2025-01-01T00:00:05.123456Z`. */
function serverTime(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function version(p: Proc): string {
  return p.getenv('MYSQL_VERSION') ?? '8.0.40';
}

/** The server package's version as the entrypoint prints it: Debian builds `-1debian10`, Oracle Linux ones `-1.el9` (`-1.el7` for 5.7). */
function packageVersion(p: Proc): string {
  let release = '';
  try {
    release = p.sys.fs.readText('/etc/os-release');
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
  }
  const debian = /^VERSION_ID="?10"?$/m.test(release);
  return `${version(p)}-1${debian ? 'debian10' : version(p).startsWith('5.7') ? '.el7' : '.el9'}`;
}

function initialized(p: Proc): boolean {
  return p.sys.fs.stat(`${DATA_DIR}/mysql`) !== undefined;
}

/** What differs between the two images' entrypoints. */
interface Flavour {
  readonly name: string;
  readonly product: 'MySQL' | 'MariaDB';
  /** The server binaries the entrypoint initialises for (others are just exec'd). */
  readonly daemons: readonly string[];
  packageVersion(p: Proc): string;
  /** The variable of this flavour or its alias, first one set. */
  env(p: Proc, name: string): string;
  /** The refusal when no password variable is set; undefined when one is. */
  missingPassword(p: Proc): string | undefined;
  checkConfig(p: Proc, args: readonly string[]): boolean;
}

function databaseEntrypoint(flavour: Flavour): ProcessProgram {
  return {
    kind: 'process',
    name: flavour.name,
    start(p) {
      let args = p.argv.slice(1);
      if (args.length === 0 || args[0]!.startsWith('-')) args = [flavour.daemons[0]!, ...args];
      if (!flavour.daemons.includes(args[0]!)) {
        execOrFail(p, args);
        return;
      }
      const started = `Entrypoint script for ${flavour.product} Server ${flavour.packageVersion(p)} started.`;
      note(p, started);
      if (!flavour.checkConfig(p, args)) return;
      note(p, "Switching to dedicated user 'mysql'");
      note(p, started);
      if (initialized(p)) {
        execOrFail(p, args);
        return;
      }
      const refusal = flavour.missingPassword(p);
      if (refusal !== undefined) {
        note(p, 'Database is uninitialized and password option is not specified', 'ERROR');
        p.err(refusal);
        p.exit(1);
        return;
      }
      p.setState({ args });
      p.memory(180 * 1024 * 1024);
      note(p, 'Initializing database files');
      // The server's --initialize, then a temporary server loading the time zones: CPU-bound.
      p.work('initialized', 6000);
    },
    timer(p, name) {
      if (name !== 'initialized') return;
      const database = flavour.env(p, 'DATABASE');
      try {
        p.sys.fs.mkdir(`${DATA_DIR}/mysql`, { recursive: true });
        p.sys.fs.mkdir(`${DATA_DIR}/performance_schema`, { recursive: true });
        p.sys.fs.mkdir(`${DATA_DIR}/sys`, { recursive: true });
        p.sys.fs.writeFile(`${DATA_DIR}/ibdata1`, '');
        if (database !== '') p.sys.fs.mkdir(`${DATA_DIR}/${database}`, { recursive: true });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        p.err(`${serverTime(p.sys.now)} 0 [ERROR] [MY-010460] [Server] --initialize specified but the data directory exists and is not writable. Aborting.\n`);
        p.exit(1);
        return;
      }
      note(p, 'Database files initialized');
      note(p, 'Starting temporary server');
      note(p, 'Temporary server started.');
      if (database !== '') note(p, `Creating database ${database}`);
      const user = flavour.env(p, 'USER');
      if (user !== '' && flavour.env(p, 'PASSWORD') !== '') {
        note(p, `Creating user ${user}`);
        if (database !== '') note(p, `Giving user ${user} access to schema ${database}`);
      }
      note(p, 'Stopping temporary server');
      note(p, 'Temporary server stopped');
      p.out('\n');
      note(p, `${flavour.product} init process done. Ready for start up.`);
      p.out('\n');
      execOrFail(p, p.state<{ args: string[] }>().args);
    },
  };
}

export const mysqlEntrypoint = databaseEntrypoint({
  name: 'mysql-entrypoint',
  product: 'MySQL',
  daemons: ['mysqld'],
  packageVersion,
  env: (p, name) => p.getenv(`MYSQL_${name}`) ?? '',
  missingPassword: (p) =>
    PASSWORD_VARIABLES.some((name) => (p.getenv(name) ?? '') !== '')
      ? undefined
      : `    You need to specify one of the following as an environment variable:\n${PASSWORD_VARIABLES.map((v) => `    - ${v}\n`).join('')}`,
  checkConfig,
});

/** MariaDB's password variables; each also read under its MYSQL_ name (MYSQL_ALLOW_EMPTY_PASSWORD for the empty one). */
const MARIADB_PASSWORDS: readonly [string, string][] = [
  ['MARIADB_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD'],
  ['MARIADB_ROOT_PASSWORD_HASH', 'MARIADB_ROOT_PASSWORD_HASH'],
  ['MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD'],
  ['MARIADB_RANDOM_ROOT_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
];

export const mariadbEntrypoint = databaseEntrypoint({
  name: 'mariadb-entrypoint',
  product: 'MariaDB',
  daemons: ['mariadbd', 'mysqld'],
  // The image's MARIADB_VERSION is the package's: `1:11.4.4+maria~ubu2404`.
  packageVersion: (p) => p.getenv('MARIADB_VERSION') ?? '',
  env: (p, name) => p.getenv(`MARIADB_${name}`) ?? p.getenv(`MYSQL_${name}`) ?? '',
  missingPassword: (p) =>
    MARIADB_PASSWORDS.some(([name, alias]) => (p.getenv(name) ?? p.getenv(alias) ?? '') !== '')
      ? undefined
      : // MARIADB_ROOT_PASSWORD_HASH arrived in 2022; the older (`~focal`) builds do not name it.
        `\tYou need to specify one of MARIADB_ROOT_PASSWORD, ${(p.getenv('MARIADB_VERSION') ?? '').endsWith('~focal') ? '' : 'MARIADB_ROOT_PASSWORD_HASH, '}MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n`,
  checkConfig: () => true,
});

/** Options MySQL 8 removed that old manifests still pass (the docs' mysql pod: `--ignore-db-dir lost+found`). */
const REMOVED_IN_8 = ['--ignore-db-dir'];

function unknownOption(p: Proc, args: readonly string[]): string | undefined {
  if (version(p).startsWith('5.')) return undefined;
  return args.find((a) => REMOVED_IN_8.includes(a.split('=')[0]!));
}

/**
 * The entrypoint's mysql_check_config: `mysqld ARGS --verbose --help` must succeed before anything
 * else, or the entrypoint quotes the command and mysqld's complaint and exits 1.
 */
function checkConfig(p: Proc, args: readonly string[]): boolean {
  const bad = unknownOption(p, args);
  if (bad === undefined) return true;
  const tmp = `/tmp/tmp.${Array.from({ length: 10 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(p.sys.random() * 62)]).join('')}`;
  const at = serverTime(p.sys.now);
  p.err(
    `${noteTime(p.sys.now)} [ERROR] [Entrypoint]: mysqld failed while attempting to check config\n` +
      `\tcommand was: ${[...args, '--verbose', '--help', `--log-bin-index=${tmp}`].join(' ')}\n` +
      `\t${at} 0 [ERROR] [MY-000068] [Server] unknown option '${bad.split('=')[0]}'.\n` +
      `${at} 0 [ERROR] [MY-010119] [Server] Aborting\n`,
  );
  p.exit(1);
  return false;
}

function execOrFail(p: Proc, args: string[]): void {
  const failed = p.exec(args);
  if (failed) {
    p.err(`/usr/local/bin/docker-entrypoint.sh: line 437: exec: ${args[0]}: not found\n`);
    p.exit(127);
  }
}

function serverLog(p: Proc, level: string, code: string, text: string): void {
  p.err(`${serverTime(p.sys.now)} 0 [${level}] [${code}] [Server] ${text}\n`);
}

export const mysqld: ProcessProgram = {
  kind: 'process',
  name: 'mysqld',
  start(p) {
    if (p.argv.includes('--version') || p.argv.includes('-V')) {
      p.out(`/usr/sbin/mysqld  Ver ${version(p)} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
      p.exit(0);
      return;
    }
    p.memory(360 * 1024 * 1024);
    serverLog(p, 'System', 'MY-010116', `/usr/sbin/mysqld (mysqld ${version(p)}) starting as process ${p.pid}`);
    // InnoDB recovery and the buffer pool: about a second and a half of work before it listens.
    p.work('ready', 1500);
  },
  timer(p, name) {
    if (name === 'ready') {
      p.listen(3306);
      p.listen(33060);
      serverLog(p, 'System', 'MY-011323', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
      serverLog(p, 'System', 'MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${version(p)}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
    } else if (name === 'exit') {
      serverLog(p, 'System', 'MY-010910', `/usr/sbin/mysqld: Shutdown complete (mysqld ${version(p)})  MySQL Community Server - GPL.`);
      p.exit(0);
    }
  },
  signal(p, signal) {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') return false;
    serverLog(p, 'System', 'MY-013172', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${version(p)}).`);
    p.timer('exit', 1000);
    return true;
  },
};

/** MariaDB's log time: `2025-01-01  0:00:05`, the hour padded with a space. */
function mariadbTime(now: number): string {
  const iso = new Date(VIRTUAL_EPOCH_MS + now).toISOString();
  return `${iso.slice(0, 10)} ${String(Number(iso.slice(11, 13))).padStart(2)}${iso.slice(13, 19)}`;
}

/** The server's version string from the package's: `11.4.4-MariaDB-ubu2404`; older builds kept the whole package version. */
function mariadbVersion(p: Proc): string {
  const pkg = p.getenv('MARIADB_VERSION') ?? '';
  const m = /^\d+:([\d.]+)\+maria~(\w+)$/.exec(pkg);
  if (m === null) return `${pkg}-MariaDB`;
  return m[2]!.startsWith('ubu') ? `${m[1]}-MariaDB-${m[2]}` : `${m[1]}-MariaDB-${pkg}`;
}

function mariadbLog(p: Proc, text: string): void {
  p.err(`${mariadbTime(p.sys.now)} 0 [Note] ${text}\n`);
}

/** mariadbd (and the mysqld name older MariaDB images run it under). */
export const mariadbd: ProcessProgram = {
  kind: 'process',
  name: 'mariadbd',
  start(p) {
    const self = (p.argv[0] ?? 'mariadbd').split('/').pop()!;
    p.setState({ self });
    p.memory(120 * 1024 * 1024);
    mariadbLog(p, `Starting MariaDB ${mariadbVersion(p)} as process ${p.pid}`);
    p.work('ready', 1500);
  },
  timer(p, name) {
    const { self } = p.state<{ self: string }>();
    if (name === 'ready') {
      p.listen(3306);
      mariadbLog(p, `${self}: ready for connections.`);
      p.err(`Version: '${mariadbVersion(p)}'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution\n`);
    } else if (name === 'exit') {
      mariadbLog(p, `${self}: Shutdown complete`);
      p.exit(0);
    }
  },
  signal(p, signal) {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') return false;
    mariadbLog(p, `${p.state<{ self: string }>().self} (initiated by: unknown): Normal shutdown`);
    p.timer('exit', 1000);
    return true;
  },
};
