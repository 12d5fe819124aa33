// A deterministic /bin/sh for RUN steps: runs a parsed script against the step's union file
// system. Shell builtins and file utilities (mkdir, rm, cp, mv, chmod, chown, echo >, ...) work on
// the tree; package managers and account tools are simulated in programs.ts; a program the image
// has but Dockyard does not simulate is a no-op with a note; a program the image lacks fails with
// status 127 as sh does. Commands take virtual time (`elapsedMs`), which the builder reports.

import { FsError, type FileSystem } from '../../fs/file-system.ts';
import { basename, dirname, resolvePath } from '../../fs/path.ts';
import { PROGRAM_MARKER } from '../../registry/base-image.ts';
import { type AndOr, type Command, parseShell, type Pipeline, type SimpleCommand, ShellSyntaxError, type Word } from './shell-parser.ts';

export interface ShellIo {
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What a simulated program gets: its arguments, the shell's state, its standard streams and the name it was run by. */
export type Program = (args: string[], shell: Shell, io: ShellIo, name: string) => number;

/** Exit status of a script that stopped (`exit N`, `set -e`). */
class ExitSignal {
  constructor(readonly status: number) {}
}

export interface ShellOptions {
  fs: FileSystem;
  env: Record<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  programs: Readonly<Record<string, Program>>;
  /** A line of the step's output (stdout and stderr interleaved, as BuildKit shows them). */
  output: (line: string, atMs: number) => void;
  /** `$0`: the shell's path as it was run (`/bin/sh`, or the first word of a SHELL instruction). */
  name?: string;
}

export class Shell {
  readonly fs: FileSystem;
  readonly env: Record<string, string>;
  cwd: string;
  readonly uid: number;
  readonly gid: number;
  /** Virtual time the commands so far have taken. */
  elapsedMs = 0;
  readonly #programs: Readonly<Record<string, Program>>;
  readonly #output: (line: string, atMs: number) => void;
  /** `$0`, `$1`...: the shell's name and its positional parameters (none for `sh -c script`). */
  #params: string[];
  #errexit = false;
  #xtrace = false;
  #pending = '';
  /** Where a nested shell's (`sh -c`, a script) output goes: its command's redirected streams. */
  #streams: Pick<ShellIo, 'stdout' | 'stderr'> | undefined;
  /** `$?`: the status of the last pipeline. */
  #status = 0;

  constructor(options: ShellOptions) {
    this.fs = options.fs;
    this.env = { ...options.env };
    this.cwd = options.cwd;
    this.uid = options.uid;
    this.gid = options.gid;
    this.#programs = options.programs;
    this.#output = options.output;
    this.#params = [options.name ?? '/bin/sh'];
  }

  /** The shell's flavour: BusyBox ash on Alpine and BusyBox images, dash elsewhere. */
  get busybox(): boolean {
    return this.fs.lstat('/bin/busybox') !== undefined;
  }

  /**
   * Runs a script with `$0` and the positional parameters set (`sh -c script NAME ARGS...`, a
   * script file with its arguments), as the child shell would, writing to `io` when given (the
   * running command's streams); returns its exit status.
   */
  runWith(params: readonly string[], script: string, io?: ShellIo): number {
    const saved = { params: this.#params, streams: this.#streams };
    this.#params = [...params];
    if (io !== undefined) this.#streams = io;
    try {
      return this.run(script);
    } finally {
      this.#params = saved.params;
      this.#streams = saved.streams;
    }
  }

  /** Runs a script as `/bin/sh -c script`; returns its exit status. */
  run(script: string): number {
    let lists: AndOr[];
    try {
      lists = parseShell(script);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      this.#stderr(`/bin/sh: ${this.busybox ? '' : '1: '}${error.message}\n`);
      return 2;
    }
    let status = 0;
    try {
      for (const list of lists) status = this.#runList(list);
    } catch (signal) {
      if (!(signal instanceof ExitSignal)) throw signal;
      status = signal.status;
    }
    this.#flush();
    return status;
  }

  /** Resolves a path against the shell's working directory. */
  resolve(path: string): string {
    return resolvePath(this.cwd, path);
  }

  /** Adds virtual time (a program that downloads, compiles, installs). */
  spend(ms: number): void {
    this.elapsedMs += Math.max(0, Math.round(ms));
  }

  #stdout(text: string): void {
    if (this.#streams === undefined) this.print(text);
    else this.#streams.stdout(text);
  }

  #stderr(text: string): void {
    if (this.#streams === undefined) this.print(text);
    else this.#streams.stderr(text);
  }

  /** Writes text to the step's output, line by line, at the current virtual time. */
  print(text: string): void {
    this.#pending += text;
    const lines = this.#pending.split('\n');
    this.#pending = lines.pop()!;
    for (const line of lines) this.#output(line, this.elapsedMs);
  }

  /** The error message of a failed file operation, worded like coreutils. */
  fail(io: ShellIo, program: string, error: unknown): number {
    if (!(error instanceof FsError)) throw error;
    io.stderr(`${program}: ${error.path}: ${error.description}\n`);
    return 1;
  }

  /** Whether the shell's user may create or delete entries in `dir` (root always may). */
  canWrite(dir: string): boolean {
    if (this.uid === 0) return true;
    const stat = this.fs.stat(dir);
    if (stat === undefined) return false;
    if (stat.uid === this.uid) return (stat.mode & 0o200) !== 0;
    if (stat.gid === this.gid) return (stat.mode & 0o020) !== 0;
    return (stat.mode & 0o002) !== 0;
  }

  #flush(): void {
    if (this.#pending !== '') this.#output(this.#pending, this.elapsedMs);
    this.#pending = '';
  }

  #runList(list: AndOr): number {
    let status = this.#runPipeline(list.first);
    this.#status = status;
    for (let i = 0; i < list.rest.length; i++) {
      const { op, pipeline } = list.rest[i]!;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = this.#runPipeline(pipeline);
      this.#status = status;
    }
    // set -e: a failing and-or list stops the script, unless its failure was tested by && or ||.
    const last = list.rest.length === 0 ? list.first : list.rest[list.rest.length - 1]!.pipeline;
    if (this.#errexit && status !== 0 && !last.negated && (list.rest.length === 0 || list.rest[list.rest.length - 1]!.op === '&&')) {
      throw new ExitSignal(status);
    }
    return status;
  }

  #runPipeline(pipeline: Pipeline): number {
    let input = '';
    let status = 0;
    pipeline.commands.forEach((command, i) => {
      const last = i === pipeline.commands.length - 1;
      let captured = '';
      const io: ShellIo = {
        stdin: input,
        stdout: last ? (text) => this.#stdout(text) : (text) => (captured += text),
        stderr: (text) => this.#stderr(text),
      };
      status = this.#runCommand(command, io);
      input = captured;
    });
    return pipeline.negated ? (status === 0 ? 1 : 0) : status;
  }

  #runCommand(command: Command, io: ShellIo): number {
    if (command.kind === 'compound') {
      io.stderr(`dockyard: the shell construct "${command.keyword} ..." is not simulated; it was skipped\n`);
      return 0;
    }
    return this.#runSimple(command, io);
  }

  #runSimple(command: SimpleCommand, outer: ShellIo): number {
    const words = command.words.flatMap((w) => this.#expand(w));
    // Leading NAME=value words set variables for the command (or the shell, without a command).
    const assignments: [string, string][] = [];
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const word = words.shift()!;
      const eq = word.indexOf('=');
      assignments.push([word.slice(0, eq), word.slice(eq + 1)]);
    }
    if (words.length === 0) {
      for (const [k, v] of assignments) this.env[k] = v;
      return 0;
    }
    // set -x: the expanded command on stderr before it runs, as dash and ash print it.
    if (this.#xtrace) outer.stderr(`+ ${[...assignments.map(([k, v]) => `${k}=${v}`), ...words].join(' ')}\n`);
    const io = this.#redirect(command, outer);
    if (typeof io === 'number') return io;
    const saved = assignments.map(([k]) => [k, this.env[k]] as const);
    for (const [k, v] of assignments) this.env[k] = v;
    try {
      return this.#exec(words, io.io);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete this.env[k];
        else this.env[k] = v;
      }
      io.done();
    }
  }

  /** Sets up `>`, `>>`, `<`, `2>&1`; returns the streams and a function that writes the files. */
  #redirect(command: SimpleCommand, outer: ShellIo): { io: ShellIo; done: () => void } | number {
    let stdout = outer.stdout;
    let stderr = outer.stderr;
    let stdin = outer.stdin;
    const files: { path: string; append: boolean; text: string }[] = [];
    for (const r of command.redirects) {
      const target = this.#expand(r.target).join(' ');
      if (r.op === '>&') {
        if (r.fd === 2 && target === '1') stderr = (t) => stdout(t);
        else if (r.fd === 1 && target === '2') stdout = (t) => stderr(t);
        continue;
      }
      if (r.op === '<') {
        try {
          stdin = this.fs.readText(this.resolve(target));
        } catch (error) {
          outer.stderr(`/bin/sh: ${this.busybox ? '' : '1: '}cannot open ${target}: No such file\n`);
          return 2;
        }
        continue;
      }
      if (target === '/dev/null') {
        if (r.fd === 2) stderr = () => {};
        else stdout = () => {};
        continue;
      }
      const path = this.resolve(target);
      const isDir = this.fs.stat(path)?.kind === 'dir';
      if (isDir || this.fs.stat(dirname(path))?.kind !== 'dir' || !this.canWrite(dirname(path))) {
        const reason = isDir ? 'Is a directory' : this.fs.stat(dirname(path)) === undefined ? 'nonexistent directory' : 'Permission denied';
        outer.stderr(`/bin/sh: ${this.busybox ? '' : '1: '}cannot create ${target}: ${reason}\n`);
        return 2;
      }
      const file = { path, append: r.op === '>>', text: '' };
      files.push(file);
      if (r.fd === 2) stderr = (t) => (file.text += t);
      else stdout = (t) => (file.text += t);
    }
    return {
      io: { stdin, stdout: (t) => stdout(t), stderr: (t) => stderr(t) },
      done: () => {
        for (const f of files) {
          const before = f.append && this.fs.stat(f.path)?.kind === 'file' ? this.fs.readText(f.path) : '';
          const exists = this.fs.stat(f.path) !== undefined;
          this.fs.writeFile(f.path, before + f.text, exists ? {} : { uid: this.uid, gid: this.gid });
        }
      },
    };
  }

  #exec(words: string[], io: ShellIo): number {
    const [name, ...args] = words as [string, ...string[]];
    const builtin = BUILTINS[name];
    if (builtin !== undefined) return builtin(args, this, io, name);
    const found = this.#lookup(name);
    if (found === undefined) {
      io.stderr(`/bin/sh: ${this.busybox ? '' : '1: '}${name}: not found\n`);
      return 127;
    }
    if (found.program === undefined) {
      // A text script the image or the context holds (`RUN ./build.sh`).
      return this.#script(found.path, words, io);
    }
    const program = this.#programs[found.program];
    if (program === undefined) {
      io.stderr(`dockyard: "${basename(found.path)}" is not simulated; the command changed nothing\n`);
      return 0;
    }
    return program(args, this, io, name);
  }

  #script(path: string, words: readonly string[], io: ShellIo): number {
    const text = this.fs.readText(path);
    if ((this.fs.stat(path)!.mode & 0o111) === 0) {
      io.stderr(`/bin/sh: ${this.busybox ? '' : '1: '}${path}: Permission denied\n`);
      return 126;
    }
    const body = text.replace(/^#!.*\n/, '');
    const saved = this.#errexit;
    try {
      // $0 is the script as it was named, $1... its arguments.
      return this.runWith(words, body, io);
    } finally {
      this.#errexit = saved;
    }
  }

  /** Finds an executable: by path, or through $PATH. Marker files name their simulated program. */
  #lookup(name: string): { path: string; program?: string } | undefined {
    const candidates = name.includes('/') ? [this.resolve(name)] : (this.env['PATH'] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':').filter(Boolean).map((dir) => `${dir}/${name}`);
    for (const path of candidates) {
      const stat = this.fs.stat(path);
      if (stat?.kind !== 'file') continue;
      const content = this.fs.readContent(path);
      if (!(content instanceof Uint8Array)) return { path, program: basename(path) };
      const head = new TextDecoder().decode(content.subarray(0, 80));
      if (head.startsWith(PROGRAM_MARKER)) {
        const program = head.slice(PROGRAM_MARKER.length).split('\n')[0]!.trim();
        // BusyBox applets are symbolic links to /bin/busybox: the name called is the applet.
        return { path, program: program === 'busybox' ? basename(name) : program };
      }
      if (head.startsWith('#!')) return { path };
      return { path, program: basename(path) };
    }
    return undefined;
  }

  /** Word expansion: variables, command substitution, then pathname globbing of unquoted words. */
  #expand(word: Word): string[] {
    let text = '';
    let glob = false;
    for (const part of word) {
      if (part.quote === 'single') {
        text += part.text.replace(/[*?[]/g, (c) => `\0${c}`);
        continue;
      }
      const expanded = this.#substitute(part.text);
      if (part.quote === 'none' && /[*?[]/.test(expanded)) glob = true;
      text += part.quote === 'double' ? expanded.replace(/[*?[]/g, (c) => `\0${c}`) : expanded;
    }
    if (glob) {
      const matches = this.#glob(text);
      if (matches.length > 0) return matches;
    }
    return [text.replace(/\0/g, '')];
  }

  #substitute(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\' && text[i + 1] === '$') {
        out += '$';
        i++;
        continue;
      }
      if (c !== '$') {
        out += c;
        continue;
      }
      if (text[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < text.length; j++) {
          if (text[j] === '(') depth++;
          if (text[j] === ')' && --depth === 0) break;
        }
        out += this.#capture(text.slice(i + 2, j)).replace(/\n+$/, '');
        i = j;
        continue;
      }
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*])(?:(:?[-+=])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|([?$#@*0-9]))/.exec(text.slice(i));
      if (m === null) {
        out += c;
        continue;
      }
      const value = this.#parameter((m[1] ?? m[4] ?? m[5])!);
      const op = m[2];
      const alt = m[3] ?? '';
      if (op === ':-' || op === ':=') out += value ? value : this.#substitute(alt);
      else if (op === '-' || op === '=') out += value ?? this.#substitute(alt);
      else if (op === ':+') out += value ? this.#substitute(alt) : '';
      else if (op === '+') out += value !== undefined ? this.#substitute(alt) : '';
      else out += value ?? '';
      i += m[0].length - 1;
    }
    return out;
  }

  /**
   * A variable or special parameter. For the RUN line itself (`sh -c script`) `$0` is the shell's
   * path and there are no positional parameters; `$$` is the container's first process. `$@` is
   * joined like `$*` (not split into words inside quotes).
   */
  #parameter(name: string): string | undefined {
    if (name === '#') return String(this.#params.length - 1);
    if (name === '@' || name === '*') return this.#params.slice(1).join(' ');
    if (name === '?') return String(this.#status);
    if (name === '$') return '1';
    if (/^[0-9]/.test(name)) return this.#params[Number(name)];
    return this.env[name];
  }

  #capture(script: string): string {
    let captured = '';
    const output = (line: string) => void (captured += `${line}\n`);
    const inner = new Shell({ fs: this.fs, env: this.env, cwd: this.cwd, uid: this.uid, gid: this.gid, programs: this.#programs, output });
    inner.runWith(this.#params, script);
    this.spend(inner.elapsedMs);
    return captured;
  }

  #glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
    let paths = [absolute ? '/' : ''];
    for (const part of parts) {
      if (part === '') continue;
      const next: string[] = [];
      const hasGlob = /(?<!\0)[*?[]/.test(part);
      for (const base of paths) {
        const dir = this.resolve(base === '' ? '.' : base);
        if (!hasGlob) {
          next.push(join(base, part.replace(/\0/g, '')));
          continue;
        }
        if (this.fs.stat(dir)?.kind !== 'dir') continue;
        const regex = globRegex(part);
        for (const name of this.fs.readdir(dir)) {
          if (name.startsWith('.') && !part.startsWith('.')) continue;
          if (regex.test(name)) next.push(join(base, name));
        }
      }
      paths = next;
    }
    return paths.filter((p) => this.fs.lstat(this.resolve(p)) !== undefined).sort();
  }

  /** `set -e` and friends. */
  setOption(flag: string, on: boolean): void {
    if (flag === 'e' || flag === 'errexit') this.#errexit = on;
    if (flag === 'x' || flag === 'xtrace') this.#xtrace = on;
  }

  exit(status: number): never {
    throw new ExitSignal(status);
  }
}

function join(base: string, name: string): string {
  return base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
}

function globRegex(part: string): RegExp {
  let out = '^';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '\0') {
      out += `\\${part[++i]}`;
    } else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = part.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += `[${part.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else out += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`${out}$`);
}

/** Builtins of sh itself: they exist in every image that has a shell. */
const BUILTINS: Record<string, Program> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  exit: (args, shell) => shell.exit(args[0] === undefined ? 0 : Number(args[0]) & 0xff),
  set: (args, shell) => {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-o' || arg === '+o') {
        shell.setOption(args[++i] ?? '', arg === '-o');
        continue;
      }
      if (/^[-+][a-z]+$/.test(arg)) for (const flag of arg.slice(1)) shell.setOption(flag, arg[0] === '-');
    }
    return 0;
  },
  cd: (args, shell, io) => {
    const target = shell.resolve(args[0] ?? shell.env['HOME'] ?? '/');
    if (shell.fs.stat(target)?.kind !== 'dir') {
      io.stderr(`/bin/sh: ${shell.busybox ? '' : '1: '}cd: can't cd to ${args[0]}\n`);
      return 2;
    }
    shell.cwd = target;
    return 0;
  },
  export: (args, shell) => {
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq > 0) shell.env[arg.slice(0, eq)] = arg.slice(eq + 1);
    }
    return 0;
  },
  unset: (args, shell) => {
    for (const arg of args) delete shell.env[arg];
    return 0;
  },
  echo: (args, _shell, io) => {
    let newline = true;
    while (args[0] === '-n' || args[0] === '-e') if (args.shift() === '-n') newline = false;
    io.stdout(args.join(' ').replace(/\\n/g, '\n') + (newline ? '\n' : ''));
    return 0;
  },
  printf: (args, _shell, io) => {
    const [format = '', ...values] = args;
    let i = 0;
    io.stdout(format.replace(/%[sd]/g, () => values[i++] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
    return 0;
  },
  pwd: (_args, shell, io) => {
    io.stdout(`${shell.cwd}\n`);
    return 0;
  },
  test: (args, shell) => testExpression(args, shell),
  '[': (args, shell) => testExpression(args.slice(0, -1), shell),
  command: (args, shell, io) => {
    if (args[0] === '-v') {
      const name = args[1] ?? '';
      const paths = (shell.env['PATH'] ?? '').split(':').map((d) => `${d}/${name}`);
      const found = BUILTINS[name] ? name : paths.find((p) => shell.fs.stat(p)?.kind === 'file');
      if (found === undefined) return 1;
      io.stdout(`${found}\n`);
      return 0;
    }
    return 0;
  },
};

function testExpression(args: string[], shell: Shell): number {
  const negate = args[0] === '!';
  if (negate) args = args.slice(1);
  let result: boolean;
  if (args.length === 2) {
    const stat = shell.fs.stat(shell.resolve(args[1]!));
    const op = args[0];
    result = op === '-f' ? stat?.kind === 'file' : op === '-d' ? stat?.kind === 'dir' : op === '-e' ? stat !== undefined : op === '-z' ? args[1] === '' : op === '-n' ? args[1] !== '' : op === '-x' ? stat !== undefined && (stat.mode & 0o111) !== 0 : false;
  } else if (args.length === 3) {
    result = args[1] === '=' || args[1] === '==' ? args[0] === args[2] : args[1] === '!=' ? args[0] !== args[2] : false;
  } else {
    result = args.length === 1 && args[0] !== '';
  }
  return result !== negate ? 0 : 1;
}
