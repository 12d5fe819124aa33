// User applications declare how they behave instead of shipping code: an app profile in image
// labels (LABEL dockyard.app.port=8080), overridable per container with `docker run -l` and, by
// the kubelet, with pod annotations of the same keys. The `app` program runs a profile; `node`
// runs one too, with defaults read from the script. The format is documented in the README.

import { parseDuration } from '../sim/duration.ts';
import { httpDate } from '../network/http.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import { parseUrl } from './http-client.ts';
import { parseBytes } from './sizes.ts';
import type { Proc, ProcessProgram } from './program.ts';

export const PROFILE_PREFIX = 'dockyard.app.';

export interface AppProfile {
  ports: number[];
  /** Path prefix → status and body; unlisted paths answer 404. */
  paths: { path: string; status: number; body: string }[];
  startupMs: number;
  startupCpuMs: number;
  requiredEnv: string[];
  /** Env vars holding URLs (or host:port) that must answer before the app is ready. */
  depends: string[];
  memory: number;
  memoryGrowth: number;
  cpu: number;
  exitAfterMs?: number;
  exitCode: number;
  logs: string[];
  logEvery?: { ms: number; line: string };
  /** On SIGTERM: exit with this code, or undefined to have no handler (PID 1 then ignores it). */
  sigtermExit?: number;
  /** Paths whose status flips after a time: `/healthz=500@30s`. */
  flips: { path: string; status: number; afterMs: number }[];
}

export class ProfileError extends Error {}

/** Reads `dockyard.app.*` labels over `defaults`; a malformed value names its label. */
export function readProfile(labels: Readonly<Record<string, string>>, defaults: Partial<AppProfile> = {}): AppProfile {
  const get = (key: string) => labels[PROFILE_PREFIX + key];
  const duration = (key: string, fallback: number) => {
    const v = get(key);
    if (v === undefined) return fallback;
    try {
      return parseDuration(v);
    } catch {
      throw new ProfileError(`label ${PROFILE_PREFIX}${key}: invalid duration "${v}"`);
    }
  };
  const bytes = (key: string, fallback: number) => {
    const v = get(key);
    if (v === undefined) return fallback;
    const n = parseBytes(v.replace(/\/s$/, ''));
    if (n === undefined) throw new ProfileError(`label ${PROFILE_PREFIX}${key}: invalid size "${v}"`);
    return n;
  };
  const list = (key: string) => (get(key) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const paths: AppProfile['paths'] = [];
  const flips: AppProfile['flips'] = [];
  for (const entry of list('paths')) {
    const m = /^(\/\S*?)=(\d{3})(?:@(\S+?))?(?::(.*))?$/.exec(entry);
    if (!m) throw new ProfileError(`label ${PROFILE_PREFIX}paths: invalid entry "${entry}" (expected /path=STATUS)`);
    if (m[3]) flips.push({ path: m[1]!, status: Number(m[2]), afterMs: parseDuration(m[3]) });
    else paths.push({ path: m[1]!, status: Number(m[2]), body: m[4] ?? '' });
  }
  const exit = get('exit');
  const exitMatch = exit === undefined ? undefined : /^([^:]+)(?::(\d+))?$/.exec(exit);
  if (exit !== undefined && !exitMatch) throw new ProfileError(`label ${PROFILE_PREFIX}exit: invalid value "${exit}" (expected DURATION[:CODE])`);
  const every = get('log-every');
  const everyMatch = every === undefined ? undefined : /^([^:]+):(.*)$/.exec(every);
  const sigterm = get('sigterm');
  const portsText = list('port');
  return {
    ports: portsText.length > 0 ? portsText.map(Number) : (defaults.ports ?? []),
    paths: paths.length > 0 ? paths : (defaults.paths ?? [{ path: '/', status: 200, body: '' }]),
    startupMs: duration('startup', defaults.startupMs ?? 0),
    startupCpuMs: duration('startup-cpu', defaults.startupCpuMs ?? 0),
    requiredEnv: get('env') !== undefined ? list('env') : (defaults.requiredEnv ?? []),
    depends: get('depends') !== undefined ? list('depends') : (defaults.depends ?? []),
    memory: bytes('memory', defaults.memory ?? 16 * 1024 * 1024),
    memoryGrowth: bytes('memory-growth', defaults.memoryGrowth ?? 0),
    cpu: get('cpu') !== undefined ? Number(get('cpu')) : (defaults.cpu ?? 0),
    ...(exitMatch ? { exitAfterMs: parseDuration(exitMatch[1]!) } : defaults.exitAfterMs !== undefined ? { exitAfterMs: defaults.exitAfterMs } : {}),
    exitCode: exitMatch?.[2] !== undefined ? Number(exitMatch[2]) : (defaults.exitCode ?? 0),
    logs: get('log') !== undefined ? get('log')!.split('\\n') : (defaults.logs ?? []),
    ...(everyMatch ? { logEvery: { ms: parseDuration(everyMatch[1]!), line: everyMatch[2]! } } : {}),
    ...(sigterm !== undefined && sigterm !== 'ignore' ? { sigtermExit: Number(sigterm.replace(/^exit:?/, '') || 0) } : defaults.sigtermExit !== undefined ? { sigtermExit: defaults.sigtermExit } : {}),
    flips: flips.length > 0 ? flips : (defaults.flips ?? []),
  };
}

interface AppState {
  profile: AppProfile;
  ready: boolean;
  /** Statuses that changed at run time (flips). */
  overrides: Record<string, number>;
  requests: number;
}

function expand(p: Proc, text: string): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => p.getenv(name) ?? (name === 'PORT' ? String(p.state<AppState>().profile.ports[0] ?? '') : ''));
}

/** Starts a process that follows `profile`; shared by `app` and `node`. */
export function startProfile(p: Proc, profile: AppProfile): void {
  for (const name of profile.requiredEnv) {
    if (!p.getenv(name)) {
      p.err(`Error: missing required environment variable ${name}\n`);
      p.exit(1);
      return;
    }
  }
  p.setState({ profile, ready: false, overrides: {}, requests: 0 } satisfies AppState);
  p.memory(profile.memory, profile.memoryGrowth);
  p.cpu(profile.cpu);
  if (profile.startupCpuMs > 0) p.work('started', profile.startupCpuMs + 0);
  else p.timer('started', profile.startupMs);
  if (profile.exitAfterMs !== undefined) p.timer('exit', profile.exitAfterMs);
}

export function profileTimer(p: Proc, name: string): void {
  const st = p.state<AppState>();
  const { profile } = st;
  if (name === 'started') {
    if (profile.startupCpuMs > 0 && profile.startupMs > 0) {
      p.timer('started-wait', profile.startupMs);
      return;
    }
    name = 'started-wait';
  }
  if (name === 'started-wait') {
    for (const variable of profile.depends) {
      const value = p.getenv(variable) ?? '';
      const url = parseUrl(value.includes('://') ? value.replace(/^[a-z0-9+.-]+:\/\/(?:[^@/]*@)?/i, 'http://') : `http://${value}`);
      const defaultPort = /^postgres/.test(value) ? 5432 : /^redis/.test(value) ? 6379 : /^mysql/.test(value) ? 3306 : /^mongodb/.test(value) ? 27017 : undefined;
      const port = url && !/:\d+/.test(value.replace(/^[a-z]+:\/\//i, '').split('/')[0]!) && defaultPort ? defaultPort : url?.port;
      const result = url && port ? p.sys.connect(url.host, port) : 'unknown-host';
      if (result !== true) {
        const ip = url ? p.sys.resolve(url.host)?.[0] : undefined;
        const why = result === 'unknown-host' ? `getaddrinfo ENOTFOUND ${url?.host ?? value}` : result === 'refused' ? `connect ECONNREFUSED ${ip}:${port}` : `connect ETIMEDOUT ${ip}:${port}`;
        p.err(`Error: cannot reach ${variable} (${url?.host ?? value}:${port ?? ''}): ${why}\n`);
        p.exit(1);
        return;
      }
    }
    for (const line of profile.logs) p.out(expand(p, line) + '\n');
    for (const port of profile.ports) p.listen(port);
    st.ready = true;
    if (profile.logEvery) p.timer('log', profile.logEvery.ms);
    for (const [i, flip] of profile.flips.entries()) p.timer(`flip:${i}`, flip.afterMs);
    return;
  }
  if (name === 'log' && profile.logEvery) {
    p.out(expand(p, profile.logEvery.line) + '\n');
    p.timer('log', profile.logEvery.ms);
    return;
  }
  if (name.startsWith('flip:')) {
    const flip = profile.flips[Number(name.slice(5))]!;
    st.overrides[flip.path] = flip.status;
    return;
  }
  if (name === 'exit') p.exit(profile.exitCode);
}

export function profileRequest(p: Proc, path: string): { status: number; headers: [string, string][]; body: string } {
  const st = p.state<AppState>();
  st.requests++;
  const clean = path.split('?')[0]!;
  const match = st.profile.paths
    .filter((entry) => clean === entry.path || (entry.path !== '/' && clean.startsWith(entry.path + '/')))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const status = st.overrides[clean] ?? match?.status ?? 404;
  const body = status === 404 ? 'Not Found\n' : (match?.body ? expand(p, match.body) : status < 400 ? 'OK' : 'Error') + '\n';
  return { status, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(VIRTUAL_EPOCH_MS + p.sys.now)], ['Content-Length', String(body.length)]], body };
}

export function profileSignal(p: Proc, signal: string): boolean {
  const st = p.state<AppState | null>();
  if (st === null || (signal !== 'SIGTERM' && signal !== 'SIGINT') || st.profile.sigtermExit === undefined) return false;
  p.exit(st.profile.sigtermExit);
  return true;
}

/** Reads the container's labels over `defaults` and starts the profile; a bad label ends the process with 126. */
export function startFromLabels(p: Proc, defaults: Partial<AppProfile> = {}): void {
  let profile: AppProfile;
  try {
    profile = readProfile(p.labels, defaults);
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    p.err(`dockyard: ${error.message}\n`);
    p.exit(126);
    return;
  }
  startProfile(p, profile);
}

export const app: ProcessProgram = {
  kind: 'process',
  name: 'app',
  start: (p) => startFromLabels(p),
  timer: profileTimer,
  signal: profileSignal,
  request: (p, _port, request) => profileRequest(p, request.path),
};
