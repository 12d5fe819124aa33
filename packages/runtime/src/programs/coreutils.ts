// The everyday commands of a container, as busybox (alpine, busybox images) and GNU coreutils
// (Debian-based images such as nginx) print them. One implementation per command; where the two
// word their errors differently, the image decides: an image with /bin/busybox gets busybox's.

import { FsError, type FileStat } from '../fs/file-system.ts';
import { basename, dirname, resolvePath } from '../fs/path.ts';
import { toRFC3339 } from '../sim/wall-time.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import type { InstantProgram, Io } from './program.ts';
import { parseSignal } from './program.ts';
import { ps } from './ps.ts';

export function instant(name: string, run: InstantProgram['run']): InstantProgram {
  return { kind: 'instant', name, run };
}

export function isBusybox(io: Io): boolean {
  return io.sys.fs.stat('/bin/busybox') !== undefined;
}

/** `cat: can't open 'x': No such file or directory` (busybox) or `cat: x: No such file or directory` (GNU). */
export function fileError(io: Io, command: string, path: string, error: FsError, verb = "can't open"): void {
  io.err(isBusybox(io) ? `${command}: ${verb} '${path}': ${error.description}\n` : `${command}: ${path}: ${error.description}\n`);
}

function tryFs<T>(io: Io, command: string, path: string, action: () => T, verb?: string): T | undefined {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    fileError(io, command, path, error, verb);
    return undefined;
  }
}

const abs = (io: Io, path: string) => resolvePath(io.cwd, path);

function flags(args: readonly string[]): { opts: Set<string>; rest: string[]; values: Map<string, string> } {
  const opts = new Set<string>();
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (/^-n$|^-c$/.test(a) && args[i + 1] !== undefined && /^\d+$/.test(args[i + 1]!)) {
      values.set(a.slice(1), args[++i]!);
      continue;
    }
    if (/^-[A-Za-z]+$/.test(a)) for (const c of a.slice(1)) opts.add(c);
    else if (/^--[a-z-]+$/.test(a)) opts.add(a);
    else rest.push(a);
  }
  return { opts, rest, values };
}

const echo = instant('echo', (argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = unescape(text);
  io.out(text + (newline ? '\n' : ''));
  return 0;
});

function unescape(text: string): string {
  return text.replace(/\\([nt\\a0e])/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', a: '\x07', '0': '', e: '\x1b' })[c] ?? c);
}

const printf = instant('printf', (argv, io) => {
  const [format = '', ...args] = argv.slice(1);
  let i = 0;
  let out = '';
  do {
    out += unescape(format).replace(/%(-?\d*)([sdq%])/g, (_, width: string, conv: string) => {
      if (conv === '%') return '%';
      const value = args[i++] ?? (conv === 'd' ? '0' : '');
      const text = conv === 'd' ? String(Math.trunc(Number(value)) || 0) : value;
      const w = Number(width);
      return w < 0 ? text.padEnd(-w) : text.padStart(w);
    });
  } while (i > 0 && i < args.length);
  io.out(out);
  return 0;
});

/** `test` and `[`: the file, string and integer tests scripts use. */
function runTest(args: string[], io: Io): boolean {
  const not = args[0] === '!';
  if (not) return !runTest(args.slice(1), io);
  const and = args.indexOf('-a');
  if (and > 0) return runTest(args.slice(0, and), io) && runTest(args.slice(and + 1), io);
  const or = args.indexOf('-o');
  if (or > 0) return runTest(args.slice(0, or), io) || runTest(args.slice(or + 1), io);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, value = ''] = args as [string, string];
    const stat = (follow = true): FileStat | undefined => (follow ? io.sys.fs.stat(abs(io, value)) : io.sys.fs.lstat(abs(io, value)));
    switch (op) {
      case '-z':
        return value === '';
      case '-n':
        return value !== '';
      case '-e':
        return stat() !== undefined;
      case '-f':
        return stat()?.kind === 'file';
      case '-d':
        return stat()?.kind === 'dir';
      case '-L':
      case '-h':
        return stat(false)?.kind === 'symlink';
      case '-s':
        return (stat()?.size ?? 0) > 0;
      case '-x':
        return ((stat()?.mode ?? 0) & 0o111) !== 0;
      case '-r':
      case '-w':
        return stat() !== undefined;
    }
    return false;
  }
  const [a = '', op, b = ''] = args;
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return Number(a) === Number(b);
    case '-ne':
      return Number(a) !== Number(b);
    case '-lt':
      return Number(a) < Number(b);
    case '-le':
      return Number(a) <= Number(b);
    case '-gt':
      return Number(a) > Number(b);
    case '-ge':
      return Number(a) >= Number(b);
  }
  return false;
}

const test = instant('test', (argv, io) => (runTest(argv.slice(1), io) ? 0 : 1));
const bracket = instant('[', (argv, io) => {
  if (argv[argv.length - 1] !== ']') {
    io.err('[: missing ]\n');
    return 2;
  }
  return runTest(argv.slice(1, -1), io) ? 0 : 1;
});

const cat = instant('cat', (argv, io) => {
  const files = argv.slice(1).filter((a) => a !== '-' && !/^-[A-Za-z]+$/.test(a));
  if (files.length === 0) {
    io.out(io.stdin);
    return 0;
  }
  let status = 0;
  for (const file of files) {
    if (file === '/dev/zero' || file === '/dev/urandom') return { process: 'stream-reader' };
    const text = tryFs(io, 'cat', file, () => io.sys.fs.readText(abs(io, file)));
    if (text === undefined) status = 1;
    else io.out(text);
  }
  return status;
});

function modeString(stat: FileStat): string {
  const type = stat.kind === 'dir' ? 'd' : stat.kind === 'symlink' ? 'l' : '-';
  const bits = ['r', 'w', 'x'];
  let out = type;
  for (let i = 8; i >= 0; i--) out += stat.mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  return out;
}

const ls = instant('ls', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  const targets = rest.length > 0 ? rest : ['.'];
  const long = opts.has('l');
  const all = opts.has('a') || opts.has('A');
  const time = new Date(VIRTUAL_EPOCH_MS).toUTCString().slice(8, 11) + '  1 00:00';
  const line = (name: string, stat: FileStat) =>
    long
      ? `${modeString(stat)} ${String(stat.kind === 'dir' ? 2 : 1).padStart(4)} ${'root'.padEnd(8)} ${'root'.padEnd(8)} ${String(stat.size).padStart(9)} ${time} ${name}${stat.kind === 'symlink' ? ` -> ${stat.target}` : ''}\n`
      : `${name}\n`;
  let status = 0;
  for (const [index, target] of targets.entries()) {
    const path = abs(io, target);
    const stat = io.sys.fs.stat(path);
    if (stat === undefined) {
      io.err(isBusybox(io) ? `ls: ${target}: No such file or directory\n` : `ls: cannot access '${target}': No such file or directory\n`);
      status = isBusybox(io) ? 1 : 2;
      continue;
    }
    if (stat.kind !== 'dir' || opts.has('d')) {
      io.out(line(target, stat));
      continue;
    }
    if (targets.length > 1) io.out(`${index > 0 ? '\n' : ''}${target}:\n`);
    const names = io.sys.fs.readdir(path).filter((n) => all || !n.startsWith('.'));
    if (long) io.out(`total ${names.length * 4}\n`);
    if (opts.has('a')) for (const dot of ['.', '..']) io.out(line(dot, { ...stat }));
    for (const name of names) io.out(line(name, io.sys.fs.lstat(`${path}/${name}`)!));
  }
  return status;
});

const env = instant('env', (argv, io) => {
  if (argv.length > 1 && !argv[1]!.includes('=')) return { process: 'env-exec' };
  for (const entry of [...io.environ(), ...argv.slice(1)]) io.out(entry + '\n');
  return 0;
});

const printenv = instant('printenv', (argv, io) => {
  if (argv.length === 1) {
    for (const entry of io.environ()) io.out(entry + '\n');
    return 0;
  }
  let status = 0;
  for (const name of argv.slice(1)) {
    const value = io.getenv(name);
    if (value === undefined) status = 1;
    else io.out(value + '\n');
  }
  return status;
});

const hostname = instant('hostname', (argv, io) => {
  if (argv[1] === '-i') {
    io.out(io.sys.interfaces().filter((i) => i.name !== 'lo').map((i) => i.ip).join(' ') + ' \n');
    return 0;
  }
  io.out(io.sys.hostname + '\n');
  return 0;
});

const id = instant('id', (argv, io) => {
  const u = io.sys.user;
  if (argv[1] === '-u') io.out(`${u.uid}\n`);
  else if (argv[1] === '-g') io.out(`${u.gid}\n`);
  else if (argv[1] === '-un' || argv[1] === '-nu') io.out(`${u.name}\n`);
  else io.out(`uid=${u.uid}(${u.name}) gid=${u.gid}(${u.group}) groups=${u.groups.map((g) => `${g.gid}(${g.name})`).join(',')}\n`);
  return 0;
});

const whoami = instant('whoami', (_argv, io) => {
  io.out(io.sys.user.name + '\n');
  return 0;
});

const touch = instant('touch', (argv, io) => {
  let status = 0;
  for (const file of flags(argv.slice(1)).rest) {
    const path = abs(io, file);
    if (io.sys.fs.stat(path) !== undefined) continue;
    if (tryFs(io, 'touch', file, () => io.sys.fs.writeFile(path, ''), "can't create") === undefined) status = 1;
  }
  return status;
});

const rm = instant('rm', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  let status = 0;
  for (const file of rest) {
    const path = abs(io, file);
    const stat = io.sys.fs.lstat(path);
    if (stat === undefined) {
      if (opts.has('f')) continue;
      io.err(isBusybox(io) ? `rm: can't remove '${file}': No such file or directory\n` : `rm: cannot remove '${file}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (stat.kind === 'dir' && !opts.has('r') && !opts.has('R')) {
      io.err(isBusybox(io) ? `rm: '${file}' is a directory\n` : `rm: cannot remove '${file}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (tryFs(io, 'rm', file, () => io.sys.fs.remove(path, { recursive: true }), "can't remove") === undefined) status = 1;
  }
  return status;
});

const mkdir = instant('mkdir', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  let status = 0;
  for (const dir of rest) {
    const done = tryFs(io, 'mkdir', dir, () => io.sys.fs.mkdir(abs(io, dir), { recursive: opts.has('p') }), "can't create directory");
    if (done === undefined) status = 1;
  }
  return status;
});

const rmdir = instant('rmdir', (argv, io) => {
  let status = 0;
  for (const dir of argv.slice(1)) if (tryFs(io, 'rmdir', dir, () => io.sys.fs.remove(abs(io, dir)), "can't remove") === undefined) status = 1;
  return status;
});

function copy(io: Io, from: string, to: string, recursive: boolean): void {
  const stat = io.sys.fs.stat(from)!;
  const dest = io.sys.fs.stat(to)?.kind === 'dir' ? `${to}/${basename(from)}` : to;
  if (stat.kind === 'dir') {
    if (!recursive) throw new FsError('EISDIR', from);
    io.sys.fs.mkdir(dest, { recursive: true });
    for (const name of io.sys.fs.readdir(from)) copy(io, `${from}/${name}`, `${dest}/${name}`, true);
    return;
  }
  io.sys.fs.writeFile(dest, io.sys.fs.readContent(from), { mode: stat.mode });
}

const cp = instant('cp', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  const to = rest.pop();
  if (to === undefined || rest.length === 0) {
    io.err('cp: missing file operand\n');
    return 1;
  }
  let status = 0;
  for (const from of rest) if (tryFs(io, 'cp', from, () => copy(io, abs(io, from), abs(io, to), opts.has('r') || opts.has('R') || opts.has('a')), "can't stat") === undefined) status = 1;
  return status;
});

const mv = instant('mv', (argv, io) => {
  const { rest } = flags(argv.slice(1));
  const to = rest.pop();
  if (to === undefined || rest.length === 0) {
    io.err('mv: missing file operand\n');
    return 1;
  }
  let status = 0;
  for (const from of rest) {
    const target = io.sys.fs.stat(abs(io, to))?.kind === 'dir' ? `${abs(io, to)}/${basename(from)}` : abs(io, to);
    if (tryFs(io, 'mv', from, () => io.sys.fs.rename(abs(io, from), target), "can't rename") === undefined) status = 1;
  }
  return status;
});

const ln = instant('ln', (argv, io) => {
  const { rest } = flags(argv.slice(1));
  const [target, link] = rest;
  if (target === undefined) return 1;
  const path = abs(io, link ?? basename(target));
  io.sys.fs.remove(path, { force: true });
  return tryFs(io, 'ln', path, () => io.sys.fs.symlink(target, path)) === undefined ? 1 : 0;
});

const chmod = instant('chmod', (argv, io) => {
  const [mode, ...files] = flags(argv.slice(1)).rest;
  let status = 0;
  for (const file of files) {
    const path = abs(io, file);
    const stat = io.sys.fs.stat(path);
    if (stat === undefined || mode === undefined) {
      status = 1;
      continue;
    }
    const next = /^[0-7]+$/.test(mode) ? parseInt(mode, 8) : mode.includes('+x') ? stat.mode | 0o111 : mode.includes('-x') ? stat.mode & ~0o111 : stat.mode;
    io.sys.fs.chmod(path, next);
  }
  return status;
});

function textLines(io: Io, command: string, files: string[]): string[] | undefined {
  if (files.length === 0) return io.stdin.split('\n').slice(0, io.stdin.endsWith('\n') ? -1 : undefined);
  const out: string[] = [];
  for (const file of files) {
    const text = tryFs(io, command, file, () => io.sys.fs.readText(abs(io, file)));
    if (text === undefined) return undefined;
    out.push(...text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined));
  }
  return out;
}

function countArg(argv: readonly string[]): { n: number; files: string[] } {
  const { values, rest } = flags(argv.slice(1));
  const dashN = argv.slice(1).find((a) => /^-\d+$/.test(a));
  return { n: Number(values.get('n') ?? dashN?.slice(1) ?? 10), files: rest.filter((a) => !/^-\d+$/.test(a)) };
}

const head = instant('head', (argv, io) => {
  const { n, files } = countArg(argv);
  const lines = textLines(io, 'head', files);
  if (lines === undefined) return 1;
  for (const line of lines.slice(0, n)) io.out(line + '\n');
  return 0;
});

const tail = instant('tail', (argv, io) => {
  const { opts } = flags(argv.slice(1));
  const { n, files } = countArg(argv);
  if (opts.has('f') || opts.has('F') || files.includes('/dev/zero')) return { process: 'stream-reader' };
  const lines = textLines(io, 'tail', files);
  if (lines === undefined) return 1;
  for (const line of lines.slice(Math.max(0, lines.length - n))) io.out(line + '\n');
  return 0;
});

const wc = instant('wc', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  const text = rest.length > 0 ? tryFs(io, 'wc', rest[0]!, () => io.sys.fs.readText(abs(io, rest[0]!))) : io.stdin;
  if (text === undefined) return 1;
  const lines = (text.match(/\n/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  const suffix = rest[0] ? ` ${rest[0]}` : '';
  if (opts.has('l')) io.out(`${lines}${suffix}\n`);
  else if (opts.has('w')) io.out(`${words}${suffix}\n`);
  else if (opts.has('c')) io.out(`${text.length}${suffix}\n`);
  else io.out(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(text.length).padStart(7)}${suffix}\n`);
  return 0;
});

const grep = instant('grep', (argv, io) => {
  const { opts, rest } = flags(argv.slice(1));
  const [pattern, ...files] = rest;
  if (pattern === undefined) {
    io.err('Usage: grep [OPTIONS] PATTERN [FILE]...\n');
    return 2;
  }
  let re: RegExp;
  try {
    re = new RegExp(opts.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, opts.has('i') ? 'i' : '');
  } catch {
    io.err(`grep: bad regex '${pattern}'\n`);
    return 2;
  }
  const lines = textLines(io, 'grep', files);
  if (lines === undefined) return 2;
  const hits = lines.filter((line) => re.test(line) !== opts.has('v'));
  if (opts.has('c')) io.out(`${hits.length}\n`);
  else if (!opts.has('q')) for (const line of hits) io.out(line + '\n');
  return hits.length > 0 ? 0 : 1;
});

const date = instant('date', (argv, io) => {
  const d = new Date(VIRTUAL_EPOCH_MS + io.sys.now);
  if (argv[1] === '+%s') io.out(`${Math.floor(d.getTime() / 1000)}\n`);
  else if (argv[1] === '-Iseconds' || argv[1] === '-u' && argv[2] === '-Iseconds') io.out(toRFC3339(io.sys.now).replace('Z', '+00:00') + '\n');
  else {
    const [wd, mon, day, time, year] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11), d.getUTCDate(), d.toISOString().slice(11, 19), d.getUTCFullYear()];
    io.out(`${wd} ${mon} ${String(day).padStart(2)} ${time} UTC ${year}\n`);
  }
  return 0;
});

/** The kernel release Docker Desktop's VM reports; containers share the host's kernel. */
export const KERNEL_RELEASE = '6.10.14-linuxkit';

const uname = instant('uname', (argv, io) => {
  const all = argv.includes('-a');
  if (all) io.out(`Linux ${io.sys.hostname} ${KERNEL_RELEASE} #1 SMP PREEMPT_DYNAMIC Fri Nov 29 17:24:06 UTC 2024 x86_64 ${isBusybox(io) ? 'Linux' : 'GNU/Linux'}\n`);
  else if (argv.includes('-r')) io.out(`${KERNEL_RELEASE}\n`);
  else if (argv.includes('-m')) io.out('x86_64\n');
  else if (argv.includes('-n')) io.out(`${io.sys.hostname}\n`);
  else io.out('Linux\n');
  return 0;
});

const kill = instant('kill', (argv, io) => {
  let args = argv.slice(1);
  let signal = parseSignal('TERM')!;
  if (args[0] === '-s' || args[0] === '-n') {
    signal = parseSignal(args[1] ?? '') ?? signal;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '-l') {
    const parsed = parseSignal(args[0].slice(1));
    if (parsed === undefined) {
      io.err(`kill: bad signal name '${args[0].slice(1)}'\n`);
      return 1;
    }
    signal = parsed;
    args = args.slice(1);
  }
  let status = 0;
  for (const pid of args) {
    if (!io.sys.kill(Number(pid), signal)) {
      io.err(isBusybox(io) ? `kill: can't kill pid ${pid}: No such process\n` : `kill: (${pid}) - No such process\n`);
      status = 1;
    }
  }
  return status;
});

const pwd = instant('pwd', (_argv, io) => {
  io.out(io.cwd + '\n');
  return 0;
});

const which = instant('which', (argv, io) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const dirs = (io.getenv('PATH') ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':');
    const found = dirs.map((d) => `${d}/${name}`).find((path) => ((io.sys.fs.stat(path)?.mode ?? 0) & 0o111) !== 0);
    if (found) io.out(found + '\n');
    else status = 1;
  }
  return status;
});

const seq = instant('seq', (argv, io) => {
  const nums = argv.slice(1).map(Number);
  const [first, last] = nums.length === 1 ? [1, nums[0]!] : [nums[0]!, nums[nums.length - 1]!];
  const step = nums.length === 3 ? nums[1]! : 1;
  for (let i = first; step > 0 ? i <= last : i >= last; i += step) io.out(`${i}\n`);
  return 0;
});

const basenameCmd = instant('basename', (argv, io) => {
  let name = basename(argv[1] ?? '');
  if (argv[2] && name.endsWith(argv[2])) name = name.slice(0, -argv[2].length);
  io.out(name + '\n');
  return 0;
});

const dirnameCmd = instant('dirname', (argv, io) => {
  io.out(dirname(argv[1] ?? '.') + '\n');
  return 0;
});

const free = instant('free', (argv, io) => {
  const unit = argv.includes('-m') ? 1024 * 1024 : 1024;
  const total = Math.floor(io.sys.memTotal / unit);
  const used = Math.floor(io.sys.processes().reduce((s, p) => s + p.rss, 0) / unit);
  io.out(`              total        used        free      shared  buff/cache   available\n`);
  io.out(`Mem:  ${String(total).padStart(13)} ${String(used).padStart(11)} ${String(total - used).padStart(11)} ${'0'.padStart(11)} ${'0'.padStart(11)} ${String(total - used).padStart(11)}\n`);
  io.out(`Swap: ${'0'.padStart(13)} ${'0'.padStart(11)} ${'0'.padStart(11)}\n`);
  return 0;
});

const constant = (name: string, status: number) => instant(name, () => status);

export const COREUTILS: InstantProgram[] = [
  echo,
  printf,
  test,
  bracket,
  cat,
  ls,
  env,
  printenv,
  hostname,
  id,
  whoami,
  ps,
  touch,
  rm,
  mkdir,
  rmdir,
  cp,
  mv,
  ln,
  chmod,
  head,
  tail,
  wc,
  grep,
  date,
  uname,
  kill,
  pwd,
  which,
  seq,
  basenameCmd,
  dirnameCmd,
  free,
  constant('true', 0),
  constant(':', 0),
  constant('false', 1),
  constant('sync', 0),
];
