// Users and groups of an image: /etc/passwd and /etc/group, read for USER and --chown, and edited
// by BusyBox's addgroup/adduser (Alpine: `addgroup -S appgroup && adduser -S appuser -G appgroup`)
// and shadow's groupadd/useradd/usermod (Debian, Ubuntu). System ids are the first free from 100
// (BusyBox) or counting down from 999 (shadow); others the first free from 1000.

import type { FileSystem } from '../../fs/file-system.ts';
import type { Program, Shell, ShellIo } from './shell.ts';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function rows(fs: FileSystem, path: string): string[][] {
  if (fs.stat(path)?.kind !== 'file') return [];
  return fs
    .readText(path)
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

/** A user by name or numeric id, as /etc/passwd has it. */
export function lookupUser(fs: FileSystem, nameOrId: string): Account | undefined {
  const row = rows(fs, '/etc/passwd').find((r) => r[0] === nameOrId || (/^\d+$/.test(nameOrId) && r[2] === nameOrId));
  if (row === undefined) return /^\d+$/.test(nameOrId) ? { name: nameOrId, uid: Number(nameOrId), gid: Number(nameOrId), home: '/', shell: '' } : undefined;
  return { name: row[0]!, uid: Number(row[2]), gid: Number(row[3]), home: row[5] ?? '/', shell: row[6] ?? '' };
}

/** A group's id by name or numeric id. */
export function lookupGroup(fs: FileSystem, nameOrId: string): number | undefined {
  if (/^\d+$/.test(nameOrId)) return Number(nameOrId);
  const row = rows(fs, '/etc/group').find((r) => r[0] === nameOrId);
  return row === undefined ? undefined : Number(row[2]);
}

/** uid and gid of a USER value (`node`, `1000`, `appuser:appgroup`, `1000:1000`); undefined when unknown. */
export function resolveUserSpec(fs: FileSystem, spec: string): { uid: number; gid: number } | undefined {
  const [userPart, groupPart] = spec.split(':') as [string, string | undefined];
  const user = lookupUser(fs, userPart);
  if (user === undefined) return undefined;
  if (groupPart === undefined) return { uid: user.uid, gid: user.gid };
  const gid = lookupGroup(fs, groupPart);
  return gid === undefined ? undefined : { uid: user.uid, gid };
}

function append(shell: Shell, path: string, line: string): void {
  const before = shell.fs.stat(path)?.kind === 'file' ? shell.fs.readText(path) : '';
  shell.fs.writeFile(path, before + (before === '' || before.endsWith('\n') ? '' : '\n') + line + '\n');
}

function freeId(used: Set<number>, from: number, down = false): number {
  let id = from;
  while (used.has(id)) id += down ? -1 : 1;
  return id;
}

function usedIds(fs: FileSystem, path: string): Set<number> {
  return new Set(rows(fs, path).map((r) => Number(r[2])));
}

interface Parsed {
  opts: Record<string, string | true>;
  operands: string[];
}

/** getopt for the account tools: `valued` options take the next word. */
function parse(args: string[], valued: string[]): Parsed {
  const opts: Record<string, string | true> = {};
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      opts[name] = valued.includes(name) ? (inline ?? args[++i] ?? '') : true;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (valued.includes(c)) {
          opts[c] = arg.slice(j + 1) || args[++i] || '';
          break;
        }
        opts[c] = true;
      }
    } else operands.push(arg);
  }
  return { opts, operands };
}

function requireRoot(shell: Shell, io: ShellIo, program: string): boolean {
  if (shell.uid === 0) return true;
  io.stderr(`${program}: Permission denied.\n`);
  return false;
}

/** BusyBox addgroup [-g GID] [-S] GROUP, or `addgroup USER GROUP` to add a member. */
const addgroup: Program = (args, shell, io) => {
  if (!requireRoot(shell, io, 'addgroup')) return 1;
  const { opts, operands } = parse(args, ['g']);
  const [name, group] = operands;
  if (name === undefined) return usage(io, 'addgroup');
  if (group !== undefined) return addMember(shell, io, 'addgroup', name, group);
  if (lookupGroup(shell.fs, name) !== undefined) {
    io.stderr(`addgroup: group '${name}' in use\n`);
    return 1;
  }
  const used = usedIds(shell.fs, '/etc/group');
  const gid = typeof opts['g'] === 'string' ? Number(opts['g']) : freeId(used, opts['S'] || opts['system'] ? 100 : 1000);
  append(shell, '/etc/group', `${name}:x:${gid}:`);
  return 0;
};

/** BusyBox adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] USER [GROUP]. */
const adduser: Program = (args, shell, io) => {
  if (!requireRoot(shell, io, 'adduser')) return 1;
  const { opts, operands } = parse(args, ['h', 'g', 's', 'G', 'u', 'k', 'home', 'gecos', 'shell', 'ingroup', 'uid']);
  const [name, existingGroup] = operands;
  if (name === undefined) return usage(io, 'adduser');
  if (existingGroup !== undefined) return addMember(shell, io, 'adduser', name, existingGroup);
  if (lookupUser(shell.fs, name) !== undefined && !/^\d+$/.test(name)) {
    io.stderr(`adduser: user '${name}' in use\n`);
    return 1;
  }
  const system = opts['S'] === true || opts['system'] === true;
  const groupName = (opts['G'] ?? opts['ingroup']) as string | undefined;
  let gid: number;
  if (groupName !== undefined) {
    const found = lookupGroup(shell.fs, groupName);
    if (found === undefined) {
      io.stderr(`adduser: unknown group ${groupName}\n`);
      return 1;
    }
    gid = found;
  } else if (system) {
    gid = lookupGroup(shell.fs, 'nogroup') ?? 65533;
  } else {
    gid = -1;
  }
  const uid = typeof (opts['u'] ?? opts['uid']) === 'string' ? Number(opts['u'] ?? opts['uid']) : freeId(usedIds(shell.fs, '/etc/passwd'), system ? 100 : 1000);
  if (gid === -1) {
    // A regular user gets a group of its own name, with the same number when free.
    const used = usedIds(shell.fs, '/etc/group');
    gid = used.has(uid) ? freeId(used, 1000) : uid;
    append(shell, '/etc/group', `${name}:x:${gid}:`);
  }
  const home = ((opts['h'] ?? opts['home']) as string | undefined) ?? `/home/${name}`;
  const login = ((opts['s'] ?? opts['shell']) as string | undefined) ?? (system ? '/sbin/nologin' : '/bin/sh');
  append(shell, '/etc/passwd', `${name}:x:${uid}:${gid}:${(opts['g'] ?? opts['gecos'] ?? 'Linux User,,,') as string}:${home}:${login}`);
  append(shell, '/etc/shadow', `${name}:!::0:::::`);
  if (!opts['H'] && !opts['no-create-home'] && shell.fs.stat(home) === undefined) {
    shell.fs.mkdir(home, { recursive: true, uid, gid, mode: 0o2755 & 0o7777 });
  }
  return 0;
};

/** shadow's groupadd [-r] [-g GID] GROUP. */
const groupadd: Program = (args, shell, io) => {
  if (!requireRoot(shell, io, 'groupadd')) return 10;
  const { opts, operands } = parse(args, ['g', 'gid', 'K']);
  const [name] = operands;
  if (name === undefined) return usage(io, 'groupadd', 2);
  if (lookupGroup(shell.fs, name) !== undefined) {
    io.stderr(`groupadd: group '${name}' already exists\n`);
    return 9;
  }
  const used = usedIds(shell.fs, '/etc/group');
  const system = opts['r'] === true || opts['system'] === true;
  const given = opts['g'] ?? opts['gid'];
  const gid = typeof given === 'string' ? Number(given) : system ? freeId(used, 999, true) : freeId(used, 1000);
  append(shell, '/etc/group', `${name}:x:${gid}:`);
  return 0;
};

/** shadow's useradd [-r] [-m] [-M] [-u UID] [-g GROUP] [-G GROUPS] [-d HOME] [-s SHELL] USER. */
const useradd: Program = (args, shell, io) => {
  if (!requireRoot(shell, io, 'useradd')) return 1;
  const { opts, operands } = parse(args, ['u', 'g', 'G', 'd', 's', 'c', 'uid', 'gid', 'groups', 'home-dir', 'shell', 'comment']);
  const [name] = operands;
  if (name === undefined) return usage(io, 'useradd', 2);
  if (lookupUser(shell.fs, name) !== undefined) {
    io.stderr(`useradd: user '${name}' already exists\n`);
    return 9;
  }
  const system = opts['r'] === true || opts['system'] === true;
  const givenUid = opts['u'] ?? opts['uid'];
  const uid = typeof givenUid === 'string' ? Number(givenUid) : system ? freeId(usedIds(shell.fs, '/etc/passwd'), 999, true) : freeId(usedIds(shell.fs, '/etc/passwd'), 1000);
  const groupName = (opts['g'] ?? opts['gid']) as string | undefined;
  let gid: number;
  if (groupName !== undefined) {
    const found = lookupGroup(shell.fs, groupName);
    if (found === undefined) {
      io.stderr(`useradd: group '${groupName}' does not exist\n`);
      return 6;
    }
    gid = found;
  } else if (opts['N'] === true) {
    gid = 100;
  } else {
    const used = usedIds(shell.fs, '/etc/group');
    gid = used.has(uid) ? (system ? freeId(used, 999, true) : freeId(used, 1000)) : uid;
    append(shell, '/etc/group', `${name}:x:${gid}:`);
  }
  const home = ((opts['d'] ?? opts['home-dir']) as string | undefined) ?? `/home/${name}`;
  const login = ((opts['s'] ?? opts['shell']) as string | undefined) ?? '/bin/sh';
  append(shell, '/etc/passwd', `${name}:x:${uid}:${gid}:${(opts['c'] ?? opts['comment'] ?? '') as string}:${home}:${login}`);
  append(shell, '/etc/shadow', `${name}:!:20000:0:99999:7:::`);
  for (const extra of String(opts['G'] ?? opts['groups'] ?? '').split(',').filter(Boolean)) addMember(shell, io, 'useradd', name, extra);
  if ((opts['m'] === true || opts['create-home'] === true) && shell.fs.stat(home) === undefined) {
    shell.fs.mkdir(home, { recursive: true, uid, gid, mode: 0o750 });
  }
  return 0;
};

/** shadow's usermod -aG GROUPS USER (the part Dockerfiles use). */
const usermod: Program = (args, shell, io) => {
  if (!requireRoot(shell, io, 'usermod')) return 1;
  const { opts, operands } = parse(args, ['G', 'g', 's', 'd', 'u', 'groups']);
  const [name] = operands;
  if (name === undefined || lookupUser(shell.fs, name) === undefined) {
    io.stderr(`usermod: user '${name ?? ''}' does not exist\n`);
    return 6;
  }
  for (const group of String(opts['G'] ?? opts['groups'] ?? '').split(',').filter(Boolean)) {
    const status = addMember(shell, io, 'usermod', name, group);
    if (status !== 0) return 6;
  }
  return 0;
};

function addMember(shell: Shell, io: ShellIo, program: string, user: string, group: string): number {
  const lines = shell.fs.stat('/etc/group')?.kind === 'file' ? shell.fs.readText('/etc/group').split('\n') : [];
  const index = lines.findIndex((l) => l.split(':')[0] === group);
  if (index < 0) {
    io.stderr(`${program}: group '${group}' does not exist\n`);
    return 1;
  }
  const fields = lines[index]!.split(':');
  const members = (fields[3] ?? '').split(',').filter(Boolean);
  if (!members.includes(user)) members.push(user);
  fields[3] = members.join(',');
  lines[index] = fields.join(':');
  shell.fs.writeFile('/etc/group', lines.join('\n'));
  return 0;
}

function usage(io: ShellIo, program: string, status = 1): number {
  io.stderr(`${program}: missing operand\n`);
  return status;
}

export const ACCOUNT_TOOLS: Record<string, Program> = { addgroup, adduser, groupadd, useradd, usermod };
