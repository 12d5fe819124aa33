// `docker run` and `docker create` flags, turned into what the daemon is asked to create.

import { type CreateOptions, type DockerMount, type Healthcheck, parseDuration, type PortBinding, parseRestartPolicy, resolvePath } from '@dockyard/runtime';
import { type Session } from '../../session.ts';
import { type FlagSpec, invalidSize, type ParsedFlags, parseMemory, usageError } from './flags.ts';

export const CREATE_FLAGS: FlagSpec[] = [
  { name: 'detach', short: 'd', kind: 'bool' },
  { name: 'interactive', short: 'i', kind: 'bool' },
  { name: 'tty', short: 't', kind: 'bool' },
  { name: 'rm', kind: 'bool' },
  { name: 'name', kind: 'string' },
  { name: 'publish', short: 'p', kind: 'list' },
  { name: 'publish-all', short: 'P', kind: 'bool' },
  { name: 'expose', kind: 'list' },
  { name: 'env', short: 'e', kind: 'list' },
  { name: 'env-file', kind: 'list' },
  { name: 'volume', short: 'v', kind: 'list' },
  { name: 'mount', kind: 'list' },
  { name: 'tmpfs', kind: 'list' },
  { name: 'memory', short: 'm', kind: 'string' },
  { name: 'cpus', kind: 'string' },
  { name: 'cpu-shares', short: 'c', kind: 'string' },
  { name: 'pids-limit', kind: 'string' },
  { name: 'restart', kind: 'string' },
  { name: 'network', kind: 'string', aliases: ['net'] },
  { name: 'network-alias', kind: 'list', aliases: ['net-alias'] },
  { name: 'ip', kind: 'string' },
  { name: 'hostname', short: 'h', kind: 'string' },
  { name: 'domainname', kind: 'string' },
  { name: 'workdir', short: 'w', kind: 'string' },
  { name: 'user', short: 'u', kind: 'string' },
  { name: 'entrypoint', kind: 'string' },
  { name: 'label', short: 'l', kind: 'list' },
  { name: 'health-cmd', kind: 'string' },
  { name: 'health-interval', kind: 'string' },
  { name: 'health-timeout', kind: 'string' },
  { name: 'health-retries', kind: 'string' },
  { name: 'health-start-period', kind: 'string' },
  { name: 'health-start-interval', kind: 'string' },
  { name: 'no-healthcheck', kind: 'bool' },
  { name: 'stop-signal', kind: 'string' },
  { name: 'stop-timeout', kind: 'string' },
  { name: 'add-host', kind: 'list' },
  { name: 'dns', kind: 'list' },
  { name: 'pull', kind: 'string' },
  { name: 'platform', kind: 'string' },
  { name: 'init', kind: 'bool' },
  { name: 'privileged', kind: 'bool' },
  { name: 'read-only', kind: 'bool' },
  { name: 'cap-add', kind: 'list' },
  { name: 'cap-drop', kind: 'list' },
  { name: 'attach', short: 'a', kind: 'list' },
  { name: 'sig-proxy', kind: 'bool' },
  { name: 'log-driver', kind: 'string' },
  { name: 'log-opt', kind: 'list' },
];

/** `[ip:]hostPort:containerPort[/proto]` or `containerPort[/proto]`, as -p takes them. */
export function parsePublish(verb: string, text: string): PortBinding {
  const [spec, protocol = 'tcp'] = text.split('/');
  const parts = spec!.split(':');
  if (parts.length > 3 || (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp')) throw usageError(verb, `invalid argument "${text}" for "-p, --publish" flag: Invalid proto: ${protocol}`);
  const containerPort = parts[parts.length - 1]!;
  const hostPort = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const hostIp = parts.length === 3 ? parts[0]! : '';
  if (!/^\d+$/.test(containerPort) || Number(containerPort) > 65535) throw usageError(verb, `invalid argument "${text}" for "-p, --publish" flag: invalid containerPort: ${containerPort}`);
  if (hostPort !== '' && (!/^\d+$/.test(hostPort) || Number(hostPort) > 65535)) throw usageError(verb, `invalid argument "${text}" for "-p, --publish" flag: invalid hostPort: ${hostPort}`);
  return { containerPort: Number(containerPort), protocol: protocol as 'tcp', hostIp, hostPort: hostPort === '' ? 0 : Number(hostPort) };
}

/** Copies a directory or file of the user's disk into the simulated host, so a bind mount shows it. */
export function copyHostPath(session: Session, path: string): void {
  const host = session.world.dockerHost.files;
  const stat = session.files.stat(path);
  if (stat === undefined) {
    host.mkdir(path, { recursive: true });
    return;
  }
  if (stat.kind === 'dir') {
    host.mkdir(path, { recursive: true });
    for (const name of session.files.readdir(path)) copyHostPath(session, `${path}/${name}`);
  } else {
    host.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    host.writeFile(path, session.files.readFile(path), { mode: stat.mode });
  }
}

function parseVolume(session: Session, verb: string, text: string): DockerMount {
  const parts = text.split(':');
  const mode = parts.length === 3 ? parts[2]! : parts.length === 2 && !parts[1]!.startsWith('/') ? parts[1]! : '';
  const [source, target] = parts.length === 1 ? ['', parts[0]!] : [parts[0]!, parts[1]!];
  if (!target.startsWith('/')) throw usageError(verb, `invalid argument "${text}" for "-v, --volume" flag: invalid mount config: invalid mount path: '${target}' mount path must be absolute`);
  const readOnly = mode.split(',').includes('ro');
  if (source === '') return { type: 'volume', source: '', target, readOnly };
  if (source.startsWith('/') || source.startsWith('.') || source.startsWith('~')) {
    const path = resolvePath(session.files.cwd, source.replace(/^~/, session.env['HOME'] ?? '/root'));
    copyHostPath(session, path);
    return { type: 'bind', source: path, target, readOnly };
  }
  return { type: 'volume', source, target, readOnly };
}

function parseMount(session: Session, verb: string, text: string): DockerMount {
  const fields = new Map(text.split(',').map((kv) => kv.split('=') as [string, string]));
  const type = (fields.get('type') ?? 'volume') as DockerMount['type'];
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '';
  const source = fields.get('source') ?? fields.get('src') ?? '';
  const readOnly = fields.has('readonly') || fields.has('ro');
  if (!target) throw usageError(verb, `invalid argument "${text}" for "--mount" flag: target is required`);
  if (type === 'bind') {
    const path = resolvePath(session.files.cwd, source);
    if (session.files.stat(path) === undefined) throw usageError(verb, `invalid argument "${text}" for "--mount" flag: bind source path does not exist: ${path}`);
    copyHostPath(session, path);
    return { type, source: path, target, readOnly };
  }
  return { type, source, target, readOnly };
}

function readEnvFile(session: Session, verb: string, path: string): string[] {
  let text: string;
  try {
    text = session.files.readText(path);
  } catch {
    throw usageError(verb, `open ${path}: no such file or directory`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .flatMap((l) => (l.includes('=') ? [l] : session.env[l] !== undefined ? [`${l}=${session.env[l]}`] : []));
}

function durationNs(verb: string, flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDuration(text) * 1_000_000;
  } catch {
    throw usageError(verb, `invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}"`);
  }
}

/** Turns parsed flags, the image and the command into the daemon's create request. */
export function createOptions(session: Session, verb: string, flags: ParsedFlags, image: string, command: string[]): CreateOptions {
  const s = (name: string) => flags.strings.get(name);
  const l = (name: string) => flags.lists.get(name) ?? [];
  const options: CreateOptions = { image };
  if (command.length > 0) options.cmd = command;
  if (s('name') !== undefined) options.name = s('name')!;
  const entrypoint = s('entrypoint');
  if (entrypoint !== undefined) options.entrypoint = entrypoint === '' ? [] : [entrypoint];
  const env = [...l('env-file').flatMap((f) => readEnvFile(session, verb, f)), ...l('env').flatMap((e) => (e.includes('=') ? [e] : session.env[e] !== undefined ? [`${e}=${session.env[e]}`] : []))];
  if (env.length > 0) options.env = env;
  const labels = Object.fromEntries(l('label').map((kv) => [kv.split('=')[0]!, kv.includes('=') ? kv.slice(kv.indexOf('=') + 1) : '']));
  if (Object.keys(labels).length > 0) options.labels = labels;
  if (s('workdir') !== undefined) options.workingDir = s('workdir')!;
  if (s('user') !== undefined) options.user = s('user')!;
  if (s('hostname') !== undefined) options.hostname = s('hostname')!;
  if (s('domainname') !== undefined) options.domainname = s('domainname')!;
  if (flags.bools.has('tty')) options.tty = true;
  if (flags.bools.has('interactive')) options.openStdin = true;
  if (l('expose').length > 0) options.expose = l('expose');
  if (l('publish').length > 0) options.portBindings = l('publish').map((p) => parsePublish(verb, p));
  if (flags.bools.has('publish-all')) options.publishAll = true;
  if (flags.bools.has('rm')) options.autoRemove = true;
  if (flags.bools.has('init')) options.init = true;
  const memory = s('memory');
  if (memory !== undefined) {
    const bytes = parseMemory(memory);
    if (bytes === undefined) throw invalidSize(verb, '-m, --memory', memory);
    options.memory = bytes;
  }
  const cpus = s('cpus');
  if (cpus !== undefined) {
    if (!/^\d*\.?\d+$/.test(cpus)) throw usageError(verb, `invalid argument "${cpus}" for "--cpus" flag: failed to parse ${cpus} as a rational number`);
    options.nanoCpus = Math.round(Number(cpus) * 1e9);
  }
  const shares = s('cpu-shares');
  if (shares !== undefined) options.cpuShares = Number(shares);
  const pids = s('pids-limit');
  if (pids !== undefined) {
    if (!/^-?\d+$/.test(pids)) throw usageError(verb, `invalid argument "${pids}" for "--pids-limit" flag: strconv.ParseInt: parsing "${pids}": invalid syntax`);
    options.pidsLimit = Number(pids);
  }
  const restart = s('restart');
  if (restart !== undefined) {
    const policy = parseRestartPolicy(restart);
    if (typeof policy === 'string') throw usageError(verb, policy);
    options.restartPolicy = policy;
  }
  if (s('network') !== undefined) options.networkMode = s('network')!;
  if (l('network-alias').length > 0) options.networkAliases = l('network-alias');
  if (s('ip') !== undefined) options.ip = s('ip')!;
  const mounts = [...l('volume').map((v) => parseVolume(session, verb, v)), ...l('mount').map((m) => parseMount(session, verb, m)), ...l('tmpfs').map((t): DockerMount => ({ type: 'tmpfs', source: '', target: t.split(':')[0]!, readOnly: false }))];
  if (mounts.length > 0) options.mounts = mounts;
  if (s('stop-signal') !== undefined) options.stopSignal = s('stop-signal')!;
  if (s('stop-timeout') !== undefined) options.stopTimeout = Number(s('stop-timeout'));
  if (l('add-host').length > 0) options.extraHosts = l('add-host');
  if (l('dns').length > 0) options.dns = l('dns');
  if (flags.bools.has('no-healthcheck')) options.healthcheck = { Test: ['NONE'] };
  else {
    const check: Healthcheck = {};
    if (s('health-cmd') !== undefined) check.Test = ['CMD-SHELL', s('health-cmd')!];
    const interval = durationNs(verb, 'health-interval', s('health-interval'));
    const timeout = durationNs(verb, 'health-timeout', s('health-timeout'));
    const startPeriod = durationNs(verb, 'health-start-period', s('health-start-period'));
    const startInterval = durationNs(verb, 'health-start-interval', s('health-start-interval'));
    if (interval !== undefined) check.Interval = interval;
    if (timeout !== undefined) check.Timeout = timeout;
    if (startPeriod !== undefined) check.StartPeriod = startPeriod;
    if (startInterval !== undefined) check.StartInterval = startInterval;
    if (s('health-retries') !== undefined) check.Retries = Number(s('health-retries'));
    if (Object.keys(check).length > 0) options.healthcheck = check;
  }
  return options;
}
