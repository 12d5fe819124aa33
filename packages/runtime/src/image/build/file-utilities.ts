// The file utilities a RUN line uses (coreutils or BusyBox applets), working on the step's file
// system with the shell's user: mkdir, rm, cp, mv, chmod, chown, touch, ln, cat, ls, tee, ...

import { FsError } from '../../fs/file-system.ts';
import { basename, dirname } from '../../fs/path.ts';
import { lookupGroup, lookupUser } from './accounts.ts';
import type { Program, Shell, ShellIo } from './shell.ts';

function flags(args: string[]): { opts: Set<string>; operands: string[] } {
  const opts = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const arg of args) {
    if (!done && arg === '--') done = true;
    else if (!done && /^--[a-z-]+$/.test(arg)) opts.add(arg.slice(2));
    else if (!done && /^-[A-Za-z]+$/.test(arg)) for (const c of arg.slice(1)) opts.add(c);
    else operands.push(arg);
  }
  return { opts, operands };
}

function denied(io: ShellIo, program: string, what: string, path: string): number {
  io.stderr(`${program}: ${what} '${path}': Permission denied\n`);
  return 1;
}

const mkdir: Program = (args, shell, io) => {
  const modeAt = args.indexOf('-m');
  const mode = modeAt >= 0 ? parseInt(args.splice(modeAt, 2)[1] ?? '755', 8) : undefined;
  const { opts, operands } = flags(args);
  let status = 0;
  for (const operand of operands) {
    const path = shell.resolve(operand);
    try {
      if (shell.fs.stat(path)?.kind === 'dir') {
        if (!opts.has('p') && !opts.has('parents')) {
          io.stderr(`mkdir: cannot create directory '${operand}': File exists\n`);
          status = 1;
        }
        continue;
      }
      let parent = dirname(path);
      while (shell.fs.stat(parent) === undefined && parent !== '/') parent = dirname(parent);
      if (!shell.canWrite(parent)) {
        status = denied(io, 'mkdir', 'cannot create directory', operand);
        continue;
      }
      shell.fs.mkdir(path, { recursive: opts.has('p') || opts.has('parents'), uid: shell.uid, gid: shell.gid, ...(mode !== undefined ? { mode } : {}) });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      io.stderr(`mkdir: cannot create directory '${operand}': ${error.description}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  const force = opts.has('f') || opts.has('force');
  const recursive = opts.has('r') || opts.has('R') || opts.has('recursive');
  let status = 0;
  for (const operand of operands) {
    const path = shell.resolve(operand);
    const stat = shell.fs.lstat(path);
    if (stat === undefined) {
      if (!force) {
        io.stderr(`rm: cannot remove '${operand}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (stat.kind === 'dir' && !recursive) {
      io.stderr(`rm: cannot remove '${operand}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (!shell.canWrite(dirname(path))) {
      status = denied(io, 'rm', 'cannot remove', operand);
      continue;
    }
    shell.fs.remove(path, { recursive: true, force: true });
  }
  return status;
};

const rmdir: Program = (args, shell, io) => {
  for (const operand of flags(args).operands) {
    try {
      shell.fs.remove(shell.resolve(operand));
    } catch (error) {
      return shell.fail(io, 'rmdir', error);
    }
  }
  return 0;
};

/** Copies `from` to `to` (a directory tree when recursive), owned by the shell's user. */
function copy(shell: Shell, from: string, to: string, keepOwner: boolean): void {
  const stat = shell.fs.lstat(from)!;
  const owner = keepOwner ? { uid: stat.uid, gid: stat.gid } : { uid: shell.uid, gid: shell.gid };
  if (stat.kind === 'dir') {
    if (shell.fs.stat(to)?.kind !== 'dir') shell.fs.mkdir(to, { mode: stat.mode, ...owner });
    for (const name of shell.fs.readdir(from)) copy(shell, `${from}/${name}`, `${to}/${name}`, keepOwner);
  } else if (stat.kind === 'symlink') {
    shell.fs.remove(to, { force: true });
    shell.fs.symlink(stat.target!, to, owner);
  } else {
    shell.fs.writeFile(to, shell.fs.readContent(from), { mode: stat.mode, ...owner });
  }
}

function copyOrMove(name: 'cp' | 'mv'): Program {
  return (args, shell, io) => {
    const { opts, operands } = flags(args);
    const recursive = name === 'mv' || opts.has('r') || opts.has('R') || opts.has('a') || opts.has('recursive') || opts.has('archive');
    const keepOwner = name === 'mv' || opts.has('a') || opts.has('p') || opts.has('archive');
    if (operands.length < 2) {
      io.stderr(`${name}: missing destination file operand after '${operands[0] ?? ''}'\n`);
      return 1;
    }
    const target = shell.resolve(operands.pop()!);
    const intoDir = shell.fs.stat(target)?.kind === 'dir';
    if (operands.length > 1 && !intoDir) {
      io.stderr(`${name}: target '${target}' is not a directory\n`);
      return 1;
    }
    for (const operand of operands) {
      const from = shell.resolve(operand);
      const stat = shell.fs.lstat(from);
      if (stat === undefined) {
        io.stderr(`${name}: cannot stat '${operand}': No such file or directory\n`);
        return 1;
      }
      if (stat.kind === 'dir' && !recursive) {
        io.stderr(`cp: -r not specified; omitting directory '${operand}'\n`);
        return 1;
      }
      const to = intoDir ? `${target}/${basename(from)}` : target;
      if (!shell.canWrite(dirname(to))) return denied(io, name, 'cannot create regular file', to);
      try {
        if (name === 'mv') shell.fs.rename(from, to);
        else copy(shell, from, to, keepOwner);
      } catch (error) {
        return shell.fail(io, name, error);
      }
    }
    return 0;
  };
}

function walkPaths(shell: Shell, path: string, recursive: boolean): string[] {
  if (!recursive || shell.fs.lstat(path)?.kind !== 'dir') return [path];
  return [...shell.fs.walk(path)].filter((e) => e.stat.kind !== 'symlink').map((e) => e.path);
}

const chmod: Program = (args, shell, io) => {
  const recursive = args.includes('-R') || args.includes('--recursive');
  const [modeText, ...targets] = args.filter((a) => a !== '-R' && a !== '--recursive' && a !== '--');
  const valid = modeText !== undefined && (/^[0-7]{3,4}$/.test(modeText) || /^[ugoa]*[-+=][rwxXst]+(,[ugoa]*[-+=][rwxXst]+)*$/.test(modeText));
  if (!valid || targets.length === 0) {
    io.stderr(`chmod: missing operand\n`);
    return 1;
  }
  for (const target of targets) {
    const path = shell.resolve(target);
    if (shell.fs.stat(path) === undefined) {
      io.stderr(`chmod: cannot access '${target}': No such file or directory\n`);
      return 1;
    }
    for (const p of walkPaths(shell, path, recursive)) {
      const stat = shell.fs.stat(p)!;
      if (shell.uid !== 0 && stat.uid !== shell.uid) return denied(io, 'chmod', 'changing permissions of', p);
      shell.fs.chmod(p, applyMode(stat.mode, modeText, stat.kind === 'dir'));
    }
  }
  return 0;
};

function applyMode(mode: number, text: string, isDir: boolean): number {
  if (/^[0-7]+$/.test(text)) return parseInt(text, 8);
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]+)$/.exec(clause)!;
    const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of m[3]!) {
        if (p === 'r') bits |= 4 << shift;
        if (p === 'w') bits |= 2 << shift;
        if (p === 'x' || (p === 'X' && (isDir || (mode & 0o111) !== 0))) bits |= 1 << shift;
      }
    }
    mode = m[2] === '+' ? mode | bits : m[2] === '-' ? mode & ~bits : bits;
  }
  return mode;
}

const chown: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  const [spec, ...targets] = operands;
  if (spec === undefined || targets.length === 0) {
    io.stderr('chown: missing operand\n');
    return 1;
  }
  if (shell.uid !== 0) return denied(io, 'chown', 'changing ownership of', targets[0]!);
  const [userName, groupName] = spec.split(/[:.]/) as [string, string | undefined];
  const user = userName === '' ? undefined : lookupUser(shell.fs, userName);
  if (userName !== '' && user === undefined) {
    io.stderr(`chown: invalid user: '${spec}'\n`);
    return 1;
  }
  const group = groupName === undefined || groupName === '' ? undefined : lookupGroup(shell.fs, groupName);
  if (groupName && group === undefined) {
    io.stderr(`chown: invalid group: '${spec}'\n`);
    return 1;
  }
  for (const target of targets) {
    const path = shell.resolve(target);
    if (shell.fs.stat(path) === undefined) {
      io.stderr(`chown: cannot access '${target}': No such file or directory\n`);
      return 1;
    }
    for (const p of walkPaths(shell, path, opts.has('R') || opts.has('recursive'))) {
      const stat = shell.fs.stat(p)!;
      const gid = group ?? (groupName === '' && user ? user.gid : stat.gid);
      shell.fs.chown(p, user?.uid ?? stat.uid, gid);
    }
  }
  return 0;
};

const touch: Program = (args, shell, io) => {
  for (const operand of flags(args).operands) {
    const path = shell.resolve(operand);
    if (shell.fs.stat(path) !== undefined) continue;
    if (shell.fs.stat(dirname(path))?.kind !== 'dir') {
      io.stderr(`touch: cannot touch '${operand}': No such file or directory\n`);
      return 1;
    }
    if (!shell.canWrite(dirname(path))) return denied(io, 'touch', 'cannot touch', operand);
    shell.fs.writeFile(path, '', { uid: shell.uid, gid: shell.gid });
  }
  return 0;
};

const ln: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  const [target, link] = operands;
  if (target === undefined) return 1;
  let path = shell.resolve(link ?? basename(target));
  if (shell.fs.stat(path)?.kind === 'dir') path = `${path}/${basename(target)}`;
  if (opts.has('f')) shell.fs.remove(path, { force: true });
  try {
    if (opts.has('s')) shell.fs.symlink(target, path, { uid: shell.uid, gid: shell.gid });
    else shell.fs.writeFile(path, shell.fs.readContent(shell.resolve(target)));
  } catch (error) {
    return shell.fail(io, 'ln', error);
  }
  return 0;
};

const cat: Program = (args, shell, io) => {
  const files = flags(args).operands;
  if (files.length === 0) {
    io.stdout(io.stdin);
    return 0;
  }
  for (const file of files) {
    try {
      io.stdout(shell.fs.readText(shell.resolve(file)));
    } catch (error) {
      return shell.fail(io, 'cat', error);
    }
  }
  return 0;
};

const ls: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const path = shell.resolve(operand);
    const stat = shell.fs.stat(path);
    if (stat === undefined) {
      io.stderr(`ls: cannot access '${operand}': No such file or directory\n`);
      return 2;
    }
    const names = stat.kind === 'dir' ? shell.fs.readdir(path).filter((n) => opts.has('a') || !n.startsWith('.')) : [operand];
    io.stdout(names.map((n) => `${n}\n`).join(''));
  }
  return 0;
};

const tee: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  for (const file of operands) {
    const path = shell.resolve(file);
    const before = opts.has('a') && shell.fs.stat(path)?.kind === 'file' ? shell.fs.readText(path) : '';
    shell.fs.writeFile(path, before + io.stdin);
  }
  io.stdout(io.stdin);
  return 0;
};

const sleep: Program = (args, shell) => {
  shell.spend(Number.parseFloat(args[0] ?? '0') * 1000);
  return 0;
};

const env: Program = (_args, shell, io) => {
  io.stdout(Object.keys(shell.env).sort().map((k) => `${k}=${shell.env[k]}\n`).join(''));
  return 0;
};

const whoami: Program = (_args, shell, io) => {
  const line = shell.fs.stat('/etc/passwd') ? shell.fs.readText('/etc/passwd').split('\n').find((l) => l.split(':')[2] === String(shell.uid)) : undefined;
  io.stdout(`${line?.split(':')[0] ?? shell.uid}\n`);
  return 0;
};

const grep: Program = (args, shell, io) => {
  const { opts, operands } = flags(args);
  const [pattern = '', ...files] = operands;
  const text = files.length > 0 ? files.map((f) => (shell.fs.stat(shell.resolve(f))?.kind === 'file' ? shell.fs.readText(shell.resolve(f)) : '')).join('') : io.stdin;
  const lines = text.split('\n').filter((l) => l.includes(pattern) !== opts.has('v') && l !== '');
  if (!opts.has('q')) io.stdout(lines.map((l) => `${l}\n`).join(''));
  return lines.length > 0 ? 0 : 1;
};

/**
 * `sh -c '...' [NAME ARGS...]`, `bash -c '...'`, `sh script.sh ARGS...`: `$0` is NAME, else the name
 * the shell was run by (`sh`, `/bin/bash`), or the script's path.
 */
const sh: Program = (args, shell, io, name) => {
  const c = args.indexOf('-c');
  if (c >= 0) return shell.runWith([args[c + 2] ?? name, ...args.slice(c + 3)], args[c + 1] ?? '', io);
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0) return shell.runWith([name], io.stdin, io);
  const script = args[at]!;
  try {
    return shell.runWith(args.slice(at), shell.fs.readText(shell.resolve(script)).replace(/^#!.*\n/, ''), io);
  } catch {
    io.stderr(`sh: can't open '${script}': No such file or directory\n`);
    return 2;
  }
};

export const FILE_UTILITIES: Record<string, Program> = {
  mkdir,
  rm,
  rmdir,
  cp: copyOrMove('cp'),
  mv: copyOrMove('mv'),
  chmod,
  chown,
  touch,
  ln,
  cat,
  ls,
  tee,
  sleep,
  env,
  whoami,
  grep,
  sh,
  bash: sh,
  ash: sh,
  dash: sh,
};
