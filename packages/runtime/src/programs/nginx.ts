// nginx as the official image runs it: `/docker-entrypoint.sh nginx -g 'daemon off;'`. The
// entrypoint prints the configuration lines the real script prints (and edits default.conf for
// IPv6, so a restarted container says the file "differs from the packaged version"), then execs
// nginx, which logs its notices to stderr, starts one worker per CPU, serves files from its
// `root`, proxies `location`s with `proxy_pass`, writes access-log lines in the combined format
// to stdout, and shuts down gracefully on SIGQUIT (the image's STOPSIGNAL) and fast on SIGTERM.

import { FsError } from '../fs/file-system.ts';
import { joinPath } from '../fs/path.ts';
import { type HttpRequest, type HttpResponse, httpDate, statusText } from '../network/http.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import { parseUrl } from './http-client.ts';
import type { Proc, ProcessProgram } from './program.ts';
import { SIGNALS } from './program.ts';

const DEFAULT_CONF = '/etc/nginx/conf.d/default.conf';
const IPV6_LISTEN = '    listen  [::]:80;';

export const nginxEntrypoint: ProcessProgram = {
  kind: 'process',
  name: 'nginx-entrypoint',
  start(p) {
    const self = p.argv[0] ?? '/docker-entrypoint.sh';
    const args = p.argv.slice(1);
    const quiet = (p.getenv('NGINX_ENTRYPOINT_QUIET_LOGS') ?? '') !== '';
    const log = (line: string) => {
      if (!quiet) p.out(line + '\n');
    };
    if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
      const dir = '/docker-entrypoint.d/';
      const scripts = safeReaddir(p, dir).filter((name) => p.sys.fs.stat(dir + name)?.kind === 'file');
      if (scripts.length > 0) {
        log(`${self}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
        log(`${self}: Looking for shell scripts in /docker-entrypoint.d/`);
        for (const name of scripts) {
          const path = dir + name;
          const executable = ((p.sys.fs.stat(path)?.mode ?? 0) & 0o111) !== 0;
          if (name.endsWith('.envsh')) log(executable ? `${self}: Sourcing ${path}` : `${self}: Ignoring ${path}, not executable`);
          else if (name.endsWith('.sh')) {
            log(executable ? `${self}: Launching ${path}` : `${self}: Ignoring ${path}, not executable`);
            if (executable && name === '10-listen-on-ipv6-by-default.sh') listenOnIpv6(p, log);
          } else log(`${self}: Ignoring ${path}`);
        }
        log(`${self}: Configuration complete; ready for start up`);
        // The real script forks find, sort, grep and friends: nginx's first worker gets PID 29.
        p.skipPids(27);
      } else {
        log(`${self}: No files found in /docker-entrypoint.d/, skipping configuration`);
      }
    }
    const failed = p.exec(args);
    if (failed) {
      p.err(`${self}: exec: line 47: ${args[0]}: not found\n`);
      p.exit(127);
    }
  },
};

function listenOnIpv6(p: Proc, log: (line: string) => void): void {
  const tag = '10-listen-on-ipv6-by-default.sh: info:';
  let conf: string;
  try {
    conf = p.sys.fs.readText(DEFAULT_CONF);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    log(`${tag} ${DEFAULT_CONF} is not a file or does not exist`);
    return;
  }
  if (conf.includes('[::]:80')) {
    log(`${tag} ${DEFAULT_CONF} differs from the packaged version`);
    return;
  }
  log(`${tag} Getting the checksum of ${DEFAULT_CONF}`);
  try {
    p.sys.fs.writeFile(DEFAULT_CONF, conf.replace(/^(\s*listen\s+80;.*)$/m, `$1\n${IPV6_LISTEN}`));
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    log(`${tag} can not modify ${DEFAULT_CONF} (read-only file system?)`);
    return;
  }
  log(`${tag} Enabled listen on IPv6 in ${DEFAULT_CONF}`);
}

function safeReaddir(p: Proc, dir: string): string[] {
  try {
    return p.sys.fs.readdir(dir);
  } catch (error) {
    if (error instanceof FsError) return [];
    throw error;
  }
}

interface Location {
  prefix: string;
  proxy?: string;
  status?: number;
  body?: string;
}

interface Server {
  port: number;
  root: string;
  locations: Location[];
}

interface NginxState {
  version: string;
  servers: Server[];
  workers: number[];
  stopping?: 'graceful' | 'fast';
}

/** The server blocks of /etc/nginx/conf.d/*.conf: listen, root, and locations with proxy_pass or return. */
export function readNginxConfig(p: Proc): Server[] {
  const servers: Server[] = [];
  for (const name of safeReaddir(p, '/etc/nginx/conf.d/').filter((n) => n.endsWith('.conf'))) {
    let text: string;
    try {
      text = p.sys.fs.readText(`/etc/nginx/conf.d/${name}`).replace(/#.*$/gm, '');
    } catch (error) {
      if (error instanceof FsError) continue;
      throw error;
    }
    for (const block of text.split(/\bserver\s*\{/).slice(1)) {
      const port = Number(/\blisten\s+(?:[\d.]+:)?(\d+)/.exec(block)?.[1] ?? 80);
      const root = /^\s*root\s+([^;\s]+);/m.exec(block)?.[1] ?? '/usr/share/nginx/html';
      const locations: Location[] = [];
      for (const match of block.matchAll(/location\s+(?:=\s*)?(\S+)\s*\{([^}]*)\}/g)) {
        const proxy = /proxy_pass\s+([^;\s]+);/.exec(match[2]!)?.[1];
        const ret = /return\s+(\d+)(?:\s+("?)([^;"]*)\2)?;/.exec(match[2]!);
        locations.push({ prefix: match[1]!, ...(proxy ? { proxy } : {}), ...(ret ? { status: Number(ret[1]), body: ret[3] ?? '' } : {}) });
      }
      locations.sort((a, b) => b.prefix.length - a.prefix.length);
      servers.push({ port, root, locations });
    }
  }
  return servers.length > 0 ? servers : [{ port: 80, root: '/usr/share/nginx/html', locations: [] }];
}

function stamp(now: number): string {
  const d = new Date(VIRTUAL_EPOCH_MS + now).toISOString();
  return `${d.slice(0, 10).replace(/-/g, '/')} ${d.slice(11, 19)}`;
}

function notice(p: Proc, pid: number, text: string): void {
  p.err(`${stamp(p.sys.now)} [notice] ${pid}#${pid}: ${text}\n`);
}

export const nginx: ProcessProgram = {
  kind: 'process',
  name: 'nginx',
  start(p) {
    const args = p.argv.slice(1);
    const version = p.getenv('NGINX_VERSION') ?? '1.25.5';
    if (args.includes('-v') || args.includes('-V')) {
      p.err(`nginx version: nginx/${version}\n`);
      p.exit(0);
      return;
    }
    if (args.includes('-t')) {
      p.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
      p.exit(0);
      return;
    }
    const signalArg = args[args.indexOf('-s') + 1];
    if (args.includes('-s') && signalArg) {
      const signal = ({ stop: 'SIGTERM', quit: 'SIGQUIT', reload: 'SIGHUP', reopen: 'SIGUSR1' } as const)[signalArg as 'stop'];
      if (signal) p.sys.kill(1, signal);
      p.exit(signal ? 0 : 1);
      return;
    }
    const daemonOff = args.some((a) => /daemon\s+off;/.test(a));
    if (!daemonOff) {
      // nginx daemonizes: the master forks into the background and the command returns at once.
      p.spawn([p.argv[0]!, '-g', 'daemon off;'], { output: 'inherit' });
      p.exit(0);
      return;
    }
    p.setTitle(`nginx: master process ${p.argv.join(' ')}`);
    p.setState({ version, servers: readNginxConfig(p), workers: [] } satisfies NginxState);
    p.memory(3 * 1024 * 1024 + 200 * 1024);
    p.work('ready', 12);
  },
  timer(p, name) {
    const st = p.state<NginxState>();
    if (name === 'ready') {
      notice(p, p.pid, 'using the "epoll" event method');
      notice(p, p.pid, `nginx/${st.version}`);
      notice(p, p.pid, 'built by gcc 12.2.0 (Debian 12.2.0-14) ');
      notice(p, p.pid, 'OS: Linux 6.10.14-linuxkit');
      notice(p, p.pid, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
      for (const server of st.servers) p.listen(server.port);
      notice(p, p.pid, 'start worker processes');
      for (let i = 0; i < p.sys.cpus; i++) {
        const worker = p.fork('helper-process', ['nginx: worker process', String(1024 * 1024 + 96 * 1024)]);
        st.workers.push(worker);
        notice(p, p.pid, `start worker process ${worker}`);
      }
      return;
    }
    if (name === 'exit') {
      for (const worker of st.workers) {
        if (st.stopping === 'graceful') notice(p, worker, 'gracefully shutting down');
        notice(p, worker, 'exiting');
        notice(p, worker, 'exit');
      }
      for (const worker of st.workers) {
        notice(p, p.pid, `signal ${SIGNALS.SIGCHLD} (SIGCHLD) received from ${worker}`);
        notice(p, p.pid, `worker process ${worker} exited with code 0`);
      }
      notice(p, p.pid, 'exit');
      p.exit(0);
    }
  },
  signal(p, signal) {
    const st = p.state<NginxState>();
    if (st === null) return false;
    if (signal === 'SIGQUIT' || signal === 'SIGTERM' || signal === 'SIGINT') {
      if (st.stopping) return true;
      st.stopping = signal === 'SIGQUIT' ? 'graceful' : 'fast';
      notice(p, p.pid, signal === 'SIGQUIT' ? `signal 3 (SIGQUIT) received, shutting down` : `signal ${SIGNALS[signal]} (${signal}) received, exiting`);
      p.timer('exit', 2);
      return true;
    }
    if (signal === 'SIGHUP') {
      notice(p, p.pid, 'signal 1 (SIGHUP) received, reconfiguring');
      notice(p, p.pid, 'reconfiguring');
      st.servers = readNginxConfig(p);
      return true;
    }
    return signal === 'SIGUSR1' || signal === 'SIGWINCH';
  },
  request(p, port, request) {
    const st = p.state<NginxState>();
    if (st === null || st.stopping) return undefined;
    const server = st.servers.find((s) => s.port === port) ?? st.servers[0]!;
    const response = serve(p, st, server, request);
    const agent = request.headers['user-agent'] ?? '-';
    const local = clockAt(p.sys.now).local;
    const length = request.method === 'HEAD' ? 0 : response.body.length;
    p.out(`${request.remoteIp} - - [${local}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${length} "${request.headers['referer'] ?? '-'}" "${agent}" "${request.headers['x-forwarded-for'] ?? '-'}"\n`);
    return response;
  },
};

// A fixed modification time for every file served: the simulator keeps no file times, and the
// image was built before time 0.
const MODIFIED_MS = VIRTUAL_EPOCH_MS - 86_400_000;
const LAST_MODIFIED = httpDate(MODIFIED_MS);

/**
 * The access log's local time (`25/Nov/2026:10:00:00 +0000`) and the Date header, at a virtual
 * time. Both count whole seconds, so they are made once a second, not once a request: readiness
 * probes alone ask a thousand pods' nginx hundreds of times a second.
 */
const clock = { second: Number.NaN, local: '', http: '' };

function clockAt(now: number): { readonly local: string; readonly http: string } {
  const second = Math.floor(now / 1000);
  if (second !== clock.second) {
    const time = new Date(VIRTUAL_EPOCH_MS + second * 1000);
    clock.second = second;
    clock.local = `${String(time.getUTCDate()).padStart(2, '0')}/${time.toUTCString().slice(8, 11)}/${time.getUTCFullYear()}:${time.toISOString().slice(11, 19)} +0000`;
    clock.http = httpDate(time.getTime());
  }
  return clock;
}

function page(version: string, status: number): string {
  const title = `${status} ${statusText(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', txt: 'text/plain', png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml', ico: 'image/x-icon' };

function respond(p: Proc, version: string, status: number, body: string, type: string, extra: [string, string][] = []): HttpResponse {
  return {
    status,
    headers: [['Server', `nginx/${version}`], ['Date', clockAt(p.sys.now).http], ['Content-Type', type], ['Content-Length', String(body.length)], ['Connection', 'keep-alive'], ...extra],
    body,
  };
}

function serve(p: Proc, st: NginxState, server: Server, request: HttpRequest): HttpResponse {
  const path = decodeURIComponent(request.path.split('?')[0]!);
  const location = server.locations.find((l) => path.startsWith(l.prefix));
  if (location?.status !== undefined) return respond(p, st.version, location.status, location.body ? location.body + '\n' : page(st.version, location.status), location.body ? 'application/octet-stream' : 'text/html');
  if (location?.proxy) {
    const upstream = parseUrl(location.proxy);
    if (upstream === undefined) return respond(p, st.version, 502, page(st.version, 502), 'text/html');
    const forwarded = upstream.path !== '/' || location.proxy.replace(/^https?:\/\/[^/]+/, '') !== '' ? upstream.path.replace(/\/$/, '') + '/' + path.slice(location.prefix.length).replace(/^\//, '') : request.path;
    const result = p.sys.http(upstream.host, upstream.port, { method: request.method, path: forwarded, headers: { ...request.headers, host: upstream.host, 'x-forwarded-for': request.remoteIp }, body: request.body });
    if (typeof result === 'string') {
      p.err(`${stamp(p.sys.now)} [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream, client: ${request.remoteIp}, server: localhost, request: "${request.method} ${request.path} HTTP/1.1", upstream: "${location.proxy}", host: "${request.headers['host'] ?? 'localhost'}"\n`);
      return respond(p, st.version, 502, page(st.version, 502), 'text/html');
    }
    return { ...result, headers: [['Server', `nginx/${st.version}`], ...result.headers.filter(([k]) => k.toLowerCase() !== 'server')] };
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return respond(p, st.version, 405, page(st.version, 405), 'text/html');
  let file = joinPath(server.root, path);
  let stat = p.sys.fs.stat(file);
  if (stat?.kind === 'dir') {
    if (!path.endsWith('/')) return respond(p, st.version, 301, page(st.version, 301), 'text/html', [['Location', `http://${request.headers['host'] ?? 'localhost'}${path}/`]]);
    file = joinPath(file, 'index.html');
    stat = p.sys.fs.stat(file);
    if (stat === undefined) return respond(p, st.version, 403, page(st.version, 403), 'text/html');
  }
  if (stat?.kind !== 'file') {
    p.err(`${stamp(p.sys.now)} [error] 29#29: *1 open() "${file}" failed (2: No such file or directory), client: ${request.remoteIp}, server: localhost, request: "${request.method} ${request.path} HTTP/1.1", host: "${request.headers['host'] ?? 'localhost'}"\n`);
    return respond(p, st.version, 404, page(st.version, 404), 'text/html');
  }
  const body = p.sys.fs.readText(file);
  const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const response = respond(p, st.version, 200, body, type, [
    ['Last-Modified', LAST_MODIFIED],
    ['ETag', `"${Math.floor(MODIFIED_MS / 1000).toString(16)}-${body.length.toString(16)}"`],
    ['Accept-Ranges', 'bytes'],
  ]);
  return request.method === 'HEAD' ? { ...response, body: '' } : response;
}
