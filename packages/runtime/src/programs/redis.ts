// redis-server and redis-cli as the official redis image runs them. The server prints Redis's
// startup banner, answers PING/SET/GET/DEL/INCR/KEYS over its port, and on SIGTERM saves and
// says "bye bye" before exiting 0. Commands travel as requests whose method is the command.
// Started with `--replicaof HOST PORT` (or the older `--slaveof`) it is a read-only replica: it
// connects to its master (retrying each second while it cannot), refuses writes with READONLY,
// and answers reads with the master's data - replication without lag, the simulator's shortcut.

import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import type { HttpResponse } from '../network/http.ts';
import type { Proc, ProcessProgram, InstantProgram } from './program.ts';
import { instant } from './coreutils.ts';

interface RedisState {
  port: number;
  data: Record<string, string>;
  stopping?: boolean;
  master?: { host: string; port: number; linked: boolean };
}

const WRITES = new Set(['SET', 'DEL', 'INCR']);

function stamp(now: number): string {
  const d = new Date(VIRTUAL_EPOCH_MS + now);
  const iso = d.toISOString();
  return `${String(d.getUTCDate()).padStart(2, '0')} ${d.toUTCString().slice(8, 11)} ${d.getUTCFullYear()} ${iso.slice(11, 23)}`;
}

function log(p: Proc, role: 'C' | 'M' | 'S', level: '*' | '#', text: string): void {
  p.out(`${p.pid}:${role} ${stamp(p.sys.now)} ${level} ${text}\n`);
}

/** The official image's docker-entrypoint.sh: `redis-server` is prepended to flags and .conf files. */
export const redisEntrypoint: ProcessProgram = {
  kind: 'process',
  name: 'redis-entrypoint',
  start(p) {
    let args = p.argv.slice(1);
    if (args.length === 0 || args[0]!.startsWith('-') || args[0]!.endsWith('.conf')) args = ['redis-server', ...args];
    const failed = p.exec(args);
    if (failed) {
      p.err(`/usr/local/bin/docker-entrypoint.sh: exec: line 37: ${args[0]}: not found\n`);
      p.exit(127);
    }
  },
};

export const redisServer: ProcessProgram = {
  kind: 'process',
  name: 'redis-server',
  start(p) {
    const args = p.argv.slice(1);
    if (args.includes('--version') || args.includes('-v')) {
      p.out(`Redis server v=${p.getenv('REDIS_VERSION') ?? '7.4.1'} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=0\n`);
      p.exit(0);
      return;
    }
    const portFlag = args.indexOf('--port');
    const port = portFlag >= 0 ? Number(args[portFlag + 1]) : 6379;
    const version = p.getenv('REDIS_VERSION') ?? '7.4.1';
    p.setTitle(`redis-server *:${port}`);
    const of = Math.max(args.indexOf('--replicaof'), args.indexOf('--slaveof'));
    const master = of >= 0 && args[of + 1] !== undefined ? { host: args[of + 1]!, port: Number(args[of + 2] ?? 6379), linked: false } : undefined;
    p.setState({ port, data: {}, ...(master ? { master } : {}) } satisfies RedisState);
    log(p, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    log(p, 'C', '*', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=${p.pid}, just started`);
    if (!args.some((a) => a.endsWith('.conf'))) {
      log(p, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
    }
    p.memory(3 * 1024 * 1024 + 512 * 1024);
    p.work('ready', 3);
  },
  timer(p, name) {
    const st = p.state<RedisState>();
    const role = st.master ? 'S' : 'M';
    if (name === 'ready') {
      log(p, role, '*', 'monotonic clock: POSIX clock_gettime');
      log(p, role, '*', `Running mode=standalone, port=${st.port}.`);
      log(p, role, '*', 'Server initialized');
      log(p, role, '*', 'Ready to accept connections tcp');
      p.listen(st.port);
      if (st.master) syncWithMaster(p, st);
    } else if (name === 'sync') {
      syncWithMaster(p, st);
    } else if (name === 'exit') {
      log(p, role, '*', 'User requested shutdown...');
      log(p, role, '*', 'Saving the final RDB snapshot before exiting.');
      log(p, role, '*', 'DB saved on disk');
      log(p, role, '#', 'Redis is now ready to exit, bye bye...');
      p.exit(0);
    }
  },
  signal(p, signal) {
    const st = p.state<RedisState>();
    if (st === null || (signal !== 'SIGTERM' && signal !== 'SIGINT')) return false;
    if (!st.stopping) {
      st.stopping = true;
      p.out(`${p.pid}:signal-handler (${Math.floor((VIRTUAL_EPOCH_MS + p.sys.now) / 1000)}) Received ${signal} scheduling shutdown...\n`);
      p.timer('exit', 50);
    }
    return true;
  },
  request(p, _port, request) {
    const st = p.state<RedisState>();
    const [command = '', ...args] = request.body.split('\u0000');
    const upper = command.toUpperCase();
    if (st.master !== undefined && upper !== 'PING') {
      if (WRITES.has(upper)) return { status: 200, headers: [], body: "READONLY You can't write against a read only replica." };
      if (st.master.linked) {
        const answer = p.sys.http(st.master.host, st.master.port, { method: 'REDIS', path: '/', headers: {}, body: request.body });
        if (typeof answer !== 'string') return answer;
        st.master.linked = false;
        log(p, 'S', '#', 'Connection with master lost.');
        p.timer('sync', 1000);
      }
    }
    return { status: 200, headers: [], body: redisCommand(st, upper, args) };
  },
};

/** The replica's handshake with its master; retried every second (replicationCron) until it answers. */
function syncWithMaster(p: Proc, st: RedisState): void {
  const master = st.master!;
  log(p, 'S', '*', `Connecting to MASTER ${master.host}:${master.port}`);
  log(p, 'S', '*', 'MASTER <-> REPLICA sync started');
  const reply = p.sys.http(master.host, master.port, { method: 'REDIS', path: '/', headers: {}, body: 'PING' });
  if (typeof reply === 'string') {
    log(p, 'S', '#', `Error condition on socket for SYNC: ${reply === 'unknown-host' ? 'Name or service not known' : 'Connection refused'}`);
    p.timer('sync', 1000);
    return;
  }
  log(p, 'S', '*', 'Master replied to PING, replication can continue...');
  log(p, 'S', '*', 'MASTER <-> REPLICA sync: Finished with success');
  master.linked = true;
}

function redisCommand(st: RedisState, command: string, args: string[]): string {
  switch (command) {
    case 'PING':
      return args[0] ?? 'PONG';
    case 'SET':
      st.data[args[0] ?? ''] = args[1] ?? '';
      return 'OK';
    case 'GET':
      return st.data[args[0] ?? ''] ?? '';
    case 'DEL': {
      const n = args.filter((k) => k in st.data).length;
      for (const k of args) delete st.data[k];
      return `(integer) ${n}`;
    }
    case 'INCR': {
      const next = String(Number(st.data[args[0] ?? ''] ?? 0) + 1);
      st.data[args[0] ?? ''] = next;
      return `(integer) ${next}`;
    }
    case 'KEYS':
      return Object.keys(st.data).sort().join('\n');
    case 'DBSIZE':
      return `(integer) ${Object.keys(st.data).length}`;
    default:
      return `ERR unknown command '${command.toLowerCase()}', with args beginning with: ${args.map((a) => `'${a}' `).join('')}`;
  }
}

export const redisCli: InstantProgram = instant('redis-cli', (argv, io) => {
  const args = argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-h') host = args[++i] ?? host;
    else if (args[i] === '-p') port = Number(args[++i]);
    else rest.push(args[i]!);
  }
  const command = rest.length > 0 ? rest : ['PING'];
  const result = io.sys.http(host, port, { method: 'REDIS', path: '/', headers: {}, body: command.join('\u0000') });
  if (typeof result === 'string') {
    io.err(result === 'unknown-host' ? `Could not connect to Redis at ${host}:${port}: Name does not resolve\n` : `Could not connect to Redis at ${host}:${port}: Connection refused\n`);
    return 1;
  }
  io.out((result as HttpResponse).body + '\n');
  return 0;
});
