// busybox ps (procps/ps.c, the DESKTOP build the busybox and alpine images ship): the columns
// pid,user,time,args by default, or those `-o` lists (`-o pid,ppid,args`, `-o pid=ID,comm`).
// Each column is padded to its width plus a space, the last one not at all; `=HEADER` renames a
// column and sets its width, and the header line is left out when every header is empty.
// The POSIX selections -a -A -d -e -f -l and -T are accepted and change nothing (busybox always
// lists every process of the namespace); words without a dash (`ps aux`) are ignored.

import type { InstantProgram, Io, ProcessInfo } from './program.ts';

interface Column {
  width: number;
  header: string;
  value(p: ProcessInfo, now: number): string;
  /** Numbers are right-aligned in their width. */
  right?: boolean;
}

/** `mm:ss`, minutes padded as busybox pads them. */
function minutesSeconds(ms: number, minuteWidth: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(total / 60)).padStart(minuteWidth)}:${String(total % 60).padStart(2, '0')}`;
}

/** Kilobytes in four characters, as smart_ulltoa4 writes them: 980, 9876, 12m, 1.2g. */
function kilobytes(bytes: number): string {
  const kb = Math.round(bytes / 1024);
  if (kb < 10_000) return String(kb);
  const mb = kb / 1024;
  if (mb < 1000) return `${Math.round(mb)}m`;
  return `${(mb / 1024).toFixed(1)}g`;
}

const COLUMNS: Readonly<Record<string, Column>> = {
  user: { width: 8, header: 'USER', value: (p) => p.user },
  comm: { width: 16, header: 'COMMAND', value: (p) => (p.command.split(' ')[0] ?? '').split('/').pop()!.slice(0, 15) },
  args: { width: 0, header: 'COMMAND', value: (p) => p.command },
  pid: { width: 5, header: 'PID', value: (p) => String(p.pid), right: true },
  ppid: { width: 5, header: 'PPID', value: (p) => String(p.ppid), right: true },
  etime: { width: 7, header: 'ELAPSED', value: (p, now) => minutesSeconds(now - p.startedAt, 3) },
  // The simulator keeps no per-process CPU time: every process shows what an idle one would.
  time: { width: 5, header: 'TIME', value: () => minutesSeconds(0, 2) },
  tty: { width: 6, header: 'TT', value: () => '?' },
  stat: { width: 4, header: 'STAT', value: () => 'S' },
  rss: { width: 4, header: 'RSS', value: (p) => kilobytes(p.rss) },
};

const SPEC_NAMES = Object.keys(COLUMNS).join(',');

/** One `-o` argument: comma-separated names, the last of which may rename its header. */
function parseSpec(spec: string): Column[] | string {
  const equal = spec.indexOf('=');
  const names = (equal < 0 ? spec : spec.slice(0, equal)).split(',');
  const columns: Column[] = [];
  for (const name of names) {
    const column = COLUMNS[name];
    if (column === undefined) return `bad -o argument '${name}', supported arguments: ${SPEC_NAMES}`;
    columns.push(column);
  }
  if (equal >= 0) {
    const header = spec.slice(equal + 1);
    const last = columns.pop()!;
    // A named header sets the width, even a narrower one (POSIX: as wide as the header text).
    columns.push({ ...last, header, width: header === '' ? last.width : header.length });
  }
  return columns;
}

/** One line: numbers are printed right-aligned in their width; every field but the last is padded to it. */
function line(columns: readonly Column[], cell: (c: Column) => string, header: boolean): string {
  return columns
    .map((c, i) => {
      const raw = cell(c);
      const text = c.right && !header ? raw.padStart(c.width) : raw;
      return i === columns.length - 1 ? text : text.padEnd(c.width) + ' ';
    })
    .join('');
}

/** getopt's complaint, then the applet's usage (busybox also prints its version banner between them). */
function usage(io: Io, message: string): number {
  io.err(`ps: ${message}\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n`);
  return 1;
}

export const ps: InstantProgram = {
  kind: 'instant',
  name: 'ps',
  run(argv, io) {
    const columns: Column[] = [];
    const args = argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (!arg.startsWith('-') || arg === '-') continue;
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j]!;
        if (flag === 'o') {
          const spec = arg.slice(j + 1) || args[++i];
          if (spec === undefined) return usage(io, "option requires an argument -- 'o'");
          const parsed = parseSpec(spec);
          if (typeof parsed === 'string') {
            io.err(`ps: ${parsed}\n`);
            return 1;
          }
          columns.push(...parsed);
          break;
        }
        if (!'ZaAdeflT'.includes(flag)) return usage(io, `invalid option -- '${flag}'`);
      }
    }
    const shown = columns.length > 0 ? columns : [COLUMNS['pid']!, COLUMNS['user']!, COLUMNS['time']!, COLUMNS['args']!];
    if (shown.some((c) => c.header !== '')) io.out(line(shown, (c) => c.header, true) + '\n');
    const now = io.sys.now;
    for (const process of io.sys.processes()) io.out(line(shown, (c) => c.value(process, now) || '-', false) + '\n');
    return 0;
  },
};
