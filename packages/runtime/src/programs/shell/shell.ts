// The shell: busybox's `sh` (ash) and Debian's `bash`, one interpreter with their two wordings of
// errors and prompts. It runs the compiled instructions of shell-syntax.ts; builtins and instant
// programs run inside it, other programs become child processes it waits for, so `sleep 30` in a
// loop takes virtual time and a snapshot taken meanwhile resumes at the same instruction.
//
// Real details kept: `sh -c 'one command'` execs that command (it becomes PID 1); a trap for a
// signal runs only after the foreground child ends, but at once during `wait`; an interactive
// shell ignores SIGTERM; PID 1 without a trap ignores signals (the kernel's rule).

import { FsError } from '../../fs/file-system.ts';
import { basename, dirname, resolvePath } from '../../fs/path.ts';
import { envValue, mergeEnv } from '../../host/kernel.ts';
import type { Io, Proc, ProcessProgram, Signal, System } from '../program.ts';
import { SIGNALS } from '../program.ts';
import type { ProgramRegistry } from '../registry.ts';
import { evaluateArithmetic } from './arithmetic.ts';
import { compileScript, type Instr, type Part, type Redirect, type SimpleCommand, ShellSyntaxError, type Word } from './shell-syntax.ts';

type Flavor = 'sh' | 'bash';

interface ShellState {
  flavor: Flavor;
  code: Instr[];
  pc: number;
  status: number;
  env: string[];
  vars: Record<string, string>;
  args: string[];
  loops: Record<string, { items: string[]; i: number }>;
  loopBase: number;
  /** PID of the foreground child being waited for. */
  waiting?: number;
  /** True while the `wait` builtin waits (traps run at once then). */
  inWait?: boolean;
  pendingTraps: string[];
  traps: Record<string, string>;
  lastBg?: number;
  background: number[];
  mode: 'command' | 'script' | 'interactive';
  /** Set by the -c exec optimisation and `exit`: the process is gone. */
  gone?: boolean;
}

/** Names the shell runs itself, before looking in PATH. */
const SPECIAL_BUILTINS = new Set(['cd', 'export', 'unset', 'exit', 'exec', 'set', 'shift', 'trap', 'wait', 'read', 'eval', '.', 'source', 'local', 'command', 'type', 'ulimit', 'umask', 'alias', 'return', 'break', 'continue']);
/** Regular builtins that also exist as programs: the shell's own copy wins. */
const BUILTIN_PROGRAMS = new Set(['echo', 'printf', 'test', '[', '[[', 'true', 'false', ':', 'pwd', 'kill']);

export class Shell implements ProcessProgram {
  readonly kind = 'process';

  constructor(
    readonly name: Flavor,
    readonly programs: ProgramRegistry,
  ) {}

  start(p: Proc): void {
    const argv = [...p.argv];
    const self = argv.shift() ?? this.name;
    while (argv[0] && /^[-+][eixlsu]+$/.test(argv[0]) && argv[0] !== '-c') argv.shift();
    const st: ShellState = {
      flavor: this.name,
      code: [],
      pc: 0,
      status: 0,
      env: p.environ(),
      vars: {},
      args: [self],
      loops: {},
      loopBase: 0,
      pendingTraps: [],
      traps: {},
      background: [],
      mode: 'interactive',
    };
    if (this.name === 'bash') st.vars['HOSTNAME'] = p.sys.hostname;
    let source: string | undefined;
    if (argv[0] === '-c') {
      source = argv[1];
      if (source === undefined) {
        p.err(this.name === 'bash' ? 'bash: -c: option requires an argument\n' : "sh: -c requires an argument\n");
        p.exit(2);
        return;
      }
      st.args = argv.length > 2 ? argv.slice(2) : [self];
      st.mode = 'command';
    } else if (argv[0] !== undefined) {
      const script = argv[0];
      try {
        source = p.sys.fs.readText(resolvePath(p.cwd, script));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        p.err(this.name === 'bash' ? `bash: ${script}: ${error.description}\n` : `sh: can't open '${script}': ${error.description}\n`);
        p.exit(this.name === 'bash' ? 127 : 2);
        return;
      }
      st.args = argv;
      st.mode = 'script';
    } else if (!p.interactive) {
      source = p.stdin;
      st.mode = 'script';
    }
    p.setState(st);
    if (source === undefined) {
      this.#prompt(p, st);
      return;
    }
    if (!this.#load(p, st, source)) {
      p.exit(2);
      return;
    }
    this.#resume(p, st);
  }

  input(p: Proc, line: string | null): void {
    const st = p.state<ShellState>();
    if (line === null) {
      if (this.name === 'bash') p.err('exit\n');
      p.exit(st.status);
      return;
    }
    if (line.trim() === '') return this.#prompt(p, st);
    if (!this.#load(p, st, line)) {
      st.status = 2;
      return this.#prompt(p, st);
    }
    this.#resume(p, st);
  }

  childExited(p: Proc, pid: number, status: number): void {
    const st = p.state<ShellState>();
    st.background = st.background.filter((b) => b !== pid);
    if (st.waiting !== pid) return;
    delete st.waiting;
    st.status = status;
    if (st.inWait) {
      if (st.background.length > 0) return;
      delete st.inWait;
      st.status = 0;
    }
    st.pc++;
    const traps = st.pendingTraps.splice(0);
    for (const trap of traps) {
      this.#runTrap(p, st, trap);
      if (st.gone) return;
    }
    this.#resume(p, st);
  }

  signal(p: Proc, signal: Signal): boolean {
    const st = p.state<ShellState>();
    const trap = st.traps[signal.slice(3)];
    if (trap !== undefined) {
      if (st.waiting !== undefined && !st.inWait) {
        st.pendingTraps.push(trap);
        return true;
      }
      if (st.inWait) {
        delete st.inWait;
        delete st.waiting;
        st.status = 128 + SIGNALS[signal];
        st.pc++;
      }
      this.#runTrap(p, st, trap);
      if (!st.gone && st.waiting === undefined) this.#resume(p, st);
      return true;
    }
    // An interactive shell ignores SIGTERM and SIGQUIT, and SIGINT only interrupts the line.
    return st.mode === 'interactive' && (signal === 'SIGTERM' || signal === 'SIGQUIT' || signal === 'SIGINT');
  }

  #load(p: Proc, st: ShellState, source: string): boolean {
    try {
      st.code = compileScript(source, st.loopBase);
      st.loopBase += 1000;
      st.pc = 0;
      return true;
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      const where = st.mode === 'command' ? (this.name === 'bash' ? 'bash: -c: line 1: ' : 'sh: ') : `${this.name}: `;
      p.err(`${where}${error.message}\n`);
      return false;
    }
  }

  #prompt(p: Proc, st: ShellState): void {
    const user = p.sys.user;
    const home = envValue(st.env, 'HOME') ?? '/root';
    const cwd = p.cwd;
    const sign = user.uid === 0 ? '#' : '$';
    if (this.name === 'bash') {
      const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
      p.awaitInput(`${user.name}@${p.sys.hostname}:${shown}${sign} `);
    } else {
      p.awaitInput(`${cwd} ${sign} `);
    }
  }

  #runTrap(p: Proc, st: ShellState, trap: string): void {
    const saved = { code: st.code, pc: st.pc };
    if (!this.#load(p, st, trap)) return;
    this.#execute(p, st, p, true);
    if (st.gone) return;
    st.code = saved.code;
    st.pc = saved.pc;
  }

  #resume(p: Proc, st: ShellState): void {
    const result = this.#execute(p, st, p, false);
    if (result !== 'done' || st.gone) return;
    if (st.mode === 'interactive') this.#prompt(p, st);
    else this.#finish(p, st, st.status);
  }

  #finish(p: Proc, st: ShellState, status: number): void {
    st.gone = true;
    const trap = st.traps['EXIT'] ?? st.traps['0'];
    if (trap !== undefined) {
      delete st.traps['EXIT'];
      delete st.traps['0'];
      if (this.#load(p, st, trap)) this.#execute(p, st, p, true);
    }
    p.exit(status);
  }

  /**
   * Runs instructions until the script ends ('done'), a child must be waited for ('blocked') or
   * the shell exits. `sync` runs to the end without waiting (command substitution, traps).
   */
  #execute(p: Proc, st: ShellState, io: Io, sync: boolean): 'done' | 'blocked' {
    let steps = 0;
    while (st.pc < st.code.length) {
      if (++steps > 100_000) {
        // A loop that never waits would never let virtual time move; real shells would spin a CPU.
        io.err(`${this.name}: loop without a pause stopped after 100000 steps\n`);
        st.status = 1;
        return 'done';
      }
      const instr = st.code[st.pc]!;
      switch (instr.op) {
        case 'jmp':
          st.pc = instr.to;
          continue;
        case 'jz':
          st.pc = st.status === 0 ? instr.to : st.pc + 1;
          continue;
        case 'jnz':
          st.pc = st.status !== 0 ? instr.to : st.pc + 1;
          continue;
        case 'not':
          st.status = st.status === 0 ? 1 : 0;
          st.pc++;
          continue;
        case 'status':
          st.status = instr.v;
          st.pc++;
          continue;
        case 'for': {
          let loop = st.loops[instr.id];
          if (loop === undefined) {
            const items = instr.words ? instr.words.flatMap((w) => this.#expand(p, st, w, io)) : st.args.slice(1);
            loop = st.loops[instr.id] = { items, i: 0 };
          }
          if (loop.i >= loop.items.length) {
            st.pc = instr.end;
            continue;
          }
          st.vars[instr.name] = loop.items[loop.i++]!;
          st.pc++;
          continue;
        }
        case 'done':
          delete st.loops[instr.id];
          st.pc++;
          continue;
        case 'case': {
          const subject = this.#expandJoined(p, st, instr.word, io);
          const hit = instr.items.find((item) => item.patterns.some((pat) => globMatch(this.#expandJoined(p, st, pat, io), subject)));
          st.pc = hit ? hit.to : instr.end;
          if (!hit) st.status = 0;
          continue;
        }
        case 'bg': {
          const argv = this.#words(p, st, instr.cmd, io);
          const child = p.spawn(argv, { env: this.#childEnv(p, st, instr.cmd, io) });
          if ('error' in child) io.err(this.#notRunnable(argv[0]!, child.status));
          else if (child.status === undefined) {
            st.background.push(child.pid);
            st.lastBg = child.pid;
          }
          st.status = 0;
          st.pc++;
          continue;
        }
        case 'pipe': {
          let input = io.stdin;
          for (const [i, cmd] of instr.cmds.entries()) {
            const last = i === instr.cmds.length - 1;
            let captured = '';
            const stageIo: Io = last ? { ...bindIo(io), stdin: input } : { ...bindIo(io), stdin: input, out: (t) => void (captured += t) };
            const result = this.#run(p, st, cmd, stageIo, true);
            st.status = typeof result === 'number' ? result : 0;
            input = captured;
            if (st.gone) return 'done';
          }
          st.pc++;
          continue;
        }
        case 'run': {
          const last = st.pc === st.code.length - 1;
          const result = this.#run(p, st, instr.cmd, io, sync, last && st.code.length === 1 && st.mode === 'command');
          if (st.gone) return 'done';
          if (result === 'wait') return 'blocked';
          st.status = result;
          st.pc++;
          continue;
        }
      }
    }
    return 'done';
  }

  /** Runs one simple command: a number is its status, 'wait' means a child runs on. */
  #run(p: Proc, st: ShellState, cmd: SimpleCommand, io: Io, sync: boolean, mayExec = false): number | 'wait' {
    let argv: string[];
    let env: string[];
    try {
      argv = this.#words(p, st, cmd, io);
      env = this.#childEnv(p, st, cmd, io);
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      io.err(`${this.name}: ${error.message}\n`);
      return 1;
    }
    if (argv.length === 0) {
      for (const [name, word] of cmd.assigns) this.#setVar(st, name, this.#expandJoined(p, st, word, io));
      return 0;
    }
    const redirected = this.#redirect(p, st, cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    const { io: cmdIo, finish } = redirected;
    const name = argv[0]!;
    if (SPECIAL_BUILTINS.has(name)) {
      const result = this.#builtin(p, st, argv, cmdIo, sync);
      return result === 'wait' ? result : finish(result);
    }
    if (BUILTIN_PROGRAMS.has(name)) {
      const program = this.programs.get(name === '[[' ? '[' : name);
      if (program?.kind === 'instant') {
        const args = name === '[[' ? ['[', ...argv.slice(1).map((a) => (a === ']]' ? ']' : a))] : argv;
        const status = program.run(args, withEnv(cmdIo, env, p));
        return finish(typeof status === 'number' ? status : 0);
      }
    }
    if (mayExec && cmd.redirects.length === 0) {
      const failed = p.exec(argv, env);
      if (failed === undefined) {
        st.gone = true;
        return 0;
      }
      io.err(this.#notRunnable(name, failed.status, false, st));
      return failed.status;
    }
    const found = this.programs.resolve(p.sys.fs, argv, envValue(env, 'PATH'), p.cwd);
    if ('kind' in found) {
      const status = found.kind === 'not-found' || found.kind === 'no-such-file' ? 127 : 126;
      io.err(this.#notRunnable(name, status, found.kind === 'no-such-file', st));
      return finish(status);
    }
    if (found.program.kind === 'instant') {
      const status = found.program.run(found.argv, asForkedChild(withEnv(cmdIo, env, p), p, found.argv));
      if (typeof status === 'number') return finish(status);
    }
    const quiet = cmd.redirects.some((r) => r.fd === 1 && r.op !== '<' && this.#expandJoined(p, st, r.target, io) === '/dev/null');
    const child = p.spawn(argv, { env, stdin: cmdIo.stdin, output: quiet ? 'null' : 'inherit' });
    if ('error' in child) {
      io.err(this.#notRunnable(name, child.status, false, st));
      return finish(child.status);
    }
    if (child.status !== undefined) return finish(child.status);
    if (sync) return 0;
    st.waiting = child.pid;
    return 'wait';
  }

  #notRunnable(name: string, status: number, noSuchFile = false, st?: ShellState): string {
    if (this.name === 'bash') {
      // bash names the line for -c scripts (`bash: line 1: nope: command not found`).
      const where = st?.mode === 'command' ? 'bash: line 1: ' : 'bash: ';
      if (status === 126) return `${where}${name}: Permission denied\n`;
      return noSuchFile ? `${where}${name}: No such file or directory\n` : `${where}${name}: command not found\n`;
    }
    return status === 126 ? `sh: ${name}: Permission denied\n` : `sh: ${name}: not found\n`;
  }

  #words(p: Proc, st: ShellState, cmd: SimpleCommand, io: Io): string[] {
    return cmd.words.flatMap((w) => this.#expand(p, st, w, io));
  }

  #childEnv(p: Proc, st: ShellState, cmd: SimpleCommand, io: Io): string[] {
    if (cmd.assigns.length === 0) return st.env;
    const env = [...st.env];
    for (const [name, word] of cmd.assigns) setEnv(env, name, this.#expandJoined(p, st, word, io));
    return env;
  }

  #setVar(st: ShellState, name: string, value: string): void {
    if (envValue(st.env, name) !== undefined) setEnv(st.env, name, value);
    else st.vars[name] = value;
  }

  #getVar(p: Proc, st: ShellState, name: string): string | undefined {
    switch (name) {
      case '?':
        return String(st.status);
      case '$':
        return String(p.pid);
      case '#':
        return String(st.args.length - 1);
      case '!':
        return st.lastBg === undefined ? '' : String(st.lastBg);
      case '@':
      case '*':
        return st.args.slice(1).join(' ');
      case '-':
        return st.mode === 'interactive' ? 'himBH' : 'hB';
      case 'RANDOM':
        return String(Math.floor(p.sys.random() * 32768));
      case 'PWD':
        return p.cwd;
      case 'UID':
        return this.name === 'bash' ? String(p.sys.user.uid) : st.vars['UID'];
    }
    if (/^\d+$/.test(name)) return st.args[Number(name)];
    return st.vars[name] ?? envValue(st.env, name);
  }

  #expandJoined(p: Proc, st: ShellState, word: Word, io: Io): string {
    return this.#expandParts(p, st, word, io, true).map((f) => f.text).join(' ');
  }

  /** A word becomes zero or more fields: quotes kept together, unquoted expansions split, globs matched. */
  #expand(p: Proc, st: ShellState, word: Word, io: Io): string[] {
    const fields = this.#expandParts(p, st, word, io, false);
    return fields.flatMap((f) => (f.glob ? this.#glob(p, f.text) : [f.text]));
  }

  #expandParts(p: Proc, st: ShellState, word: Word, io: Io, joined: boolean): { text: string; glob: boolean }[] {
    const fields: { text: string; glob: boolean; real: boolean }[] = [{ text: '', glob: false, real: false }];
    const current = () => fields[fields.length - 1]!;
    const appendSplit = (value: string) => {
      if (joined) {
        current().text += value;
        current().real ||= value !== '';
        return;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && (current().real || current().text !== '')) fields.push({ text: '', glob: false, real: false });
        if (piece !== '') {
          current().text += piece;
          current().real = true;
        }
      });
    };
    word.forEach((part, index) => {
      switch (part.t) {
        case 'lit': {
          let v = part.v;
          if (index === 0 && (v === '~' || v.startsWith('~/'))) v = (envValue(st.env, 'HOME') ?? '/root') + v.slice(1);
          current().text += v;
          current().real = true;
          if (/[*?]/.test(v)) current().glob = true;
          return;
        }
        case 'sq':
          current().text += part.v;
          current().real = true;
          return;
        case 'dq': {
          if (part.parts.length === 1 && part.parts[0]!.t === 'var' && part.parts[0]!.name === '@' && !joined) {
            st.args.slice(1).forEach((arg, i) => {
              if (i > 0) fields.push({ text: '', glob: false, real: true });
              current().text += arg;
              current().real = true;
            });
            return;
          }
          current().text += part.parts.map((inner) => this.#expandOne(p, st, inner, io)).join('');
          current().real = true;
          return;
        }
        default:
          appendSplit(this.#expandOne(p, st, part, io));
      }
    });
    return fields.filter((f) => f.real).map(({ text, glob }) => ({ text, glob }));
  }

  #expandOne(p: Proc, st: ShellState, part: Part, io: Io): string {
    switch (part.t) {
      case 'lit':
      case 'sq':
        return part.v;
      case 'dq':
        return part.parts.map((inner) => this.#expandOne(p, st, inner, io)).join('');
      case 'cmd':
        return this.#substitute(p, st, part.src, io);
      case 'arith':
        try {
          return String(evaluateArithmetic(this.#substituteVars(p, st, part.src, io), (name) => this.#getVar(p, st, name)));
        } catch (error) {
          throw new ExpansionError(`arithmetic syntax error: ${(error as Error).message}`);
        }
      case 'var':
        return this.#parameter(p, st, part, io);
    }
  }

  #substituteVars(p: Proc, st: ShellState, src: string, io: Io): string {
    return src.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9#?$!])\}?/g, (_, name: string) => this.#getVar(p, st, name) ?? '').replace(/\$\(([^)]*)\)/g, (_, cmd: string) => this.#substitute(p, st, cmd, io));
  }

  #parameter(p: Proc, st: ShellState, part: Extract<Part, { t: 'var' }>, io: Io): string {
    const value = this.#getVar(p, st, part.name);
    const arg = () => (part.arg ? this.#expandJoined(p, st, part.arg, io) : '');
    switch (part.op) {
      case undefined:
        return value ?? '';
      case 'length':
        return String((value ?? '').length);
      case ':-':
        return value ? value : arg();
      case '-':
        return value !== undefined ? value : arg();
      case ':=':
      case '=':
        if (part.op === ':=' ? !value : value === undefined) {
          this.#setVar(st, part.name, arg());
          return arg();
        }
        return value ?? '';
      case ':+':
        return value ? arg() : '';
      case '+':
        return value !== undefined ? arg() : '';
      case ':?':
      case '?':
        if (part.op === ':?' ? !value : value === undefined) throw new ExpansionError(`${part.name}: ${arg() || 'parameter not set'}`);
        return value ?? '';
      case '#':
      case '##':
      case '%':
      case '%%':
        return trimPattern(value ?? '', arg(), part.op);
    }
    return value ?? '';
  }

  /** `$(...)`: runs the commands in a copy of this shell and returns their output, trailing newlines cut. */
  #substitute(p: Proc, st: ShellState, src: string, io: Io): string {
    let out = '';
    const sub: ShellState = { ...st, code: [], pc: 0, vars: { ...st.vars }, env: [...st.env], loops: {}, pendingTraps: [], background: [], traps: {}, mode: 'command' };
    try {
      sub.code = compileScript(src, st.loopBase + 500);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.err(`${this.name}: ${error.message}\n`);
      return '';
    }
    const capture: Io = { ...bindIo(io), out: (t) => void (out += t) };
    this.#execute(p, sub, capture, true);
    st.status = sub.status;
    if (sub.gone) delete sub.gone;
    return out.replace(/\n+$/, '');
  }

  #glob(p: Proc, pattern: string): string[] {
    const dir = pattern.includes('/') ? dirname(pattern) : '.';
    const base = basename(pattern);
    if (/[*?]/.test(dir)) return [pattern];
    try {
      const names = p.sys.fs.readdir(resolvePath(p.cwd, dir)).filter((n) => (base.startsWith('.') || !n.startsWith('.')) && globMatch(base, n));
      if (names.length === 0) return [pattern];
      return names.map((n) => (pattern.includes('/') ? `${dir === '/' ? '' : dir}/${n}` : n));
    } catch (error) {
      if (error instanceof FsError) return [pattern];
      throw error;
    }
  }

  /** Applies redirections; returns the command's Io and a finisher that writes captured output to files. */
  #redirect(p: Proc, st: ShellState, redirects: Redirect[], io: Io): number | { io: Io; finish: (status: number) => number } {
    if (redirects.length === 0) return { io, finish: (s) => s };
    let out = io.out;
    let err = io.err;
    let stdin = io.stdin;
    const files: { path: string; append: boolean; text: string }[] = [];
    for (const r of redirects) {
      const target = this.#expandJoined(p, st, r.target, io);
      if (r.op === '<') {
        try {
          stdin = p.sys.fs.readText(resolvePath(p.cwd, target));
        } catch (error) {
          if (!(error instanceof FsError)) throw error;
          io.err(this.name === 'bash' ? `bash: ${target}: ${error.description}\n` : `sh: can't open ${target}: ${error.description.toLowerCase()}\n`);
          return 1;
        }
        continue;
      }
      if (r.op === '>&') {
        if (target === '1' && r.fd === 2) err = out;
        else if (target === '2' && r.fd === 1) out = err;
        continue;
      }
      let sink: (text: string) => void;
      if (target === '/dev/null') sink = () => {};
      else if (target === '/dev/stdout') sink = io.out;
      else if (target === '/dev/stderr') sink = io.err;
      else {
        const path = resolvePath(p.cwd, target);
        const parent = p.sys.fs.stat(dirname(path));
        if (parent?.kind !== 'dir') {
          io.err(this.name === 'bash' ? `bash: ${target}: No such file or directory\n` : `sh: can't create ${target}: nonexistent directory\n`);
          return 1;
        }
        const file = { path, append: r.op === '>>', text: '' };
        files.push(file);
        sink = (text) => void (file.text += text);
      }
      if (r.fd === 2) err = sink;
      else out = sink;
    }
    const cmdIo: Io = { ...bindIo(io), stdin, out, err };
    return {
      io: cmdIo,
      finish: (status) => {
        for (const file of files) {
          try {
            const before = file.append && p.sys.fs.stat(file.path)?.kind === 'file' ? p.sys.fs.readText(file.path) : '';
            p.sys.fs.writeFile(file.path, before + file.text);
          } catch (error) {
            if (!(error instanceof FsError)) throw error;
            io.err(`${this.name}: can't create ${file.path}: ${error.description}\n`);
            return 1;
          }
        }
        return status;
      },
    };
  }

  #builtin(p: Proc, st: ShellState, argv: string[], io: Io, sync: boolean): number | 'wait' {
    const [name, ...args] = argv as [string, ...string[]];
    switch (name) {
      case 'cd': {
        const target = args[0] === undefined || args[0] === '~' ? (envValue(st.env, 'HOME') ?? '/root') : args[0] === '-' ? (envValue(st.env, 'OLDPWD') ?? p.cwd) : args[0];
        const path = resolvePath(p.cwd, target);
        const stat = p.sys.fs.stat(path);
        if (stat?.kind !== 'dir') {
          const why = stat === undefined ? 'No such file or directory' : 'Not a directory';
          io.err(this.name === 'bash' ? `bash: cd: ${target}: ${why}\n` : `sh: cd: can't cd to ${target}: ${why}\n`);
          return 1;
        }
        setEnv(st.env, 'OLDPWD', p.cwd);
        p.cwd = path;
        setEnv(st.env, 'PWD', path);
        return 0;
      }
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          const key = eq < 0 ? arg : arg.slice(0, eq);
          const value = eq < 0 ? (st.vars[key] ?? envValue(st.env, key) ?? '') : arg.slice(eq + 1);
          delete st.vars[key];
          setEnv(st.env, key, value);
        }
        if (args.length === 0) for (const entry of st.env) io.out(`export ${entry.replace(/=(.*)$/, "='$1'")}\n`);
        return 0;
      case 'local':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          st.vars[eq < 0 ? arg : arg.slice(0, eq)] = eq < 0 ? '' : arg.slice(eq + 1);
        }
        return 0;
      case 'unset':
        for (const arg of args.filter((a) => !a.startsWith('-'))) {
          delete st.vars[arg];
          const index = st.env.findIndex((e) => e.startsWith(`${arg}=`));
          if (index >= 0) st.env.splice(index, 1);
        }
        return 0;
      case 'exit':
      case 'return': {
        const code = args[0] === undefined ? st.status : Number(args[0]) & 255;
        if (st.mode === 'interactive' && this.name === 'bash' && name === 'exit') io.err('exit\n');
        this.#finish(p, st, Number.isNaN(code) ? 2 : code);
        return code;
      }
      case 'exec': {
        if (args.length === 0) return 0;
        const failed = p.exec(args, st.env);
        if (failed === undefined) {
          st.gone = true;
          return 0;
        }
        io.err(this.name === 'bash' ? `bash: ${args[0]}: ${failed.status === 127 ? 'not found' : 'Permission denied'}\n` : `sh: exec: ${args[0]}: not found\n`);
        this.#finish(p, st, failed.status);
        return failed.status;
      }
      case 'set': {
        const dashdash = args.indexOf('--');
        if (dashdash >= 0) st.args = [st.args[0]!, ...args.slice(dashdash + 1)];
        return 0;
      }
      case 'shift': {
        const n = Number(args[0] ?? 1);
        st.args = [st.args[0]!, ...st.args.slice(1 + n)];
        return 0;
      }
      case 'trap': {
        if (args.length < 2) return 0;
        const [action, ...signals] = args as [string, ...string[]];
        for (const sig of signals) {
          const key = sig.toUpperCase().replace(/^SIG/, '');
          const named = /^\d+$/.test(key) ? (Object.keys(SIGNALS).find((s) => SIGNALS[s as Signal] === Number(key))?.slice(3) ?? (key === '0' ? 'EXIT' : key)) : key;
          if (action === '-') delete st.traps[named];
          else st.traps[named] = action;
        }
        return 0;
      }
      case 'wait': {
        if (sync || st.background.length === 0) return 0;
        st.inWait = true;
        st.waiting = st.background[st.background.length - 1];
        return 'wait';
      }
      case 'read': {
        const names = args.filter((a) => !a.startsWith('-'));
        const line = io.stdin.split('\n')[0] ?? '';
        if (io.stdin === '') return 1;
        const pieces = line.split(/\s+/);
        names.forEach((n, i) => (st.vars[n] = i === names.length - 1 ? pieces.slice(i).join(' ') : (pieces[i] ?? '')));
        if (names.length === 0) st.vars['REPLY'] = line;
        return 0;
      }
      case 'eval':
      case '.':
      case 'source': {
        let src = args.join(' ');
        if (name !== 'eval') {
          try {
            src = p.sys.fs.readText(resolvePath(p.cwd, args[0] ?? ''));
          } catch (error) {
            if (!(error instanceof FsError)) throw error;
            io.err(`${this.name}: ${args[0]}: ${error.description}\n`);
            return 1;
          }
        }
        const sub: ShellState = { ...st, code: [], pc: 0, loops: {} };
        try {
          sub.code = compileScript(src, st.loopBase + 700);
        } catch (error) {
          if (!(error instanceof ShellSyntaxError)) throw error;
          io.err(`${this.name}: ${error.message}\n`);
          return 2;
        }
        this.#execute(p, sub, io, true);
        Object.assign(st, { vars: sub.vars, env: sub.env, traps: sub.traps, gone: sub.gone });
        return sub.status;
      }
      case 'command':
      case 'type': {
        const wanted = args.filter((a) => !a.startsWith('-'));
        let status = 0;
        for (const cmdName of wanted) {
          if (SPECIAL_BUILTINS.has(cmdName) || BUILTIN_PROGRAMS.has(cmdName)) {
            io.out(name === 'type' ? `${cmdName} is a shell builtin\n` : `${cmdName}\n`);
            continue;
          }
          const found = this.programs.resolve(p.sys.fs, [cmdName], envValue(st.env, 'PATH'), p.cwd);
          if ('kind' in found) {
            status = 1;
            if (name === 'type') io.out(`${cmdName}: not found\n`);
          } else io.out(name === 'type' ? `${cmdName} is ${found.path}\n` : `${found.path}\n`);
        }
        return status;
      }
      default:
        return 0;
    }
  }
}

class ExpansionError extends Error {}

/** An Io whose methods keep working when spread into a new object. */
function bindIo(io: Io): Io {
  return {
    stdin: io.stdin,
    out: (t) => io.out(t),
    err: (t) => io.err(t),
    getenv: (n) => io.getenv(n),
    environ: () => io.environ(),
    get cwd() {
      return io.cwd;
    },
    set cwd(v: string) {
      io.cwd = v;
    },
    sys: io.sys,
  };
}

/**
 * An external command the shell forks: it takes the next PID of the namespace and, while it runs,
 * is in the process list as the shell's child (so `sh -c 'sleep 5 & ps'` lists ps itself). It runs
 * in-process, with the shell's streams, so pipes and redirections reach it.
 */
function asForkedChild(io: Io, p: Proc, argv: readonly string[]): Io {
  const pid = p.skipPids(1);
  const sys = io.sys;
  const processes = () => {
    const listed = sys.processes();
    const shell = listed.find((info) => info.pid === p.pid);
    if (shell === undefined) return listed;
    return [...listed, { pid, ppid: p.pid, uid: shell.uid, user: shell.user, command: argv.join(' '), startedAt: sys.now, rss: 0 }];
  };
  // The rest of the system is the shell's: read through it, so `now` stays current.
  return Object.defineProperty(io, 'sys', { value: Object.assign(Object.create(sys) as System, { processes }) });
}

function withEnv(io: Io, env: string[], p: Proc): Io {
  return {
    ...bindIo(io),
    getenv: (n) => envValue(env, n),
    environ: () => [...env],
    get cwd() {
      return p.cwd;
    },
    set cwd(v: string) {
      p.cwd = v;
    },
  };
}

function setEnv(env: string[], name: string, value: string): void {
  const merged = mergeEnv(env, [`${name}=${value}`]);
  env.splice(0, env.length, ...merged);
}

/** Shell pattern matching (`*`, `?`, `[...]`) of a whole string. */
export function globMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(re + '$', 's').test(text);
}

function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const lengths = [...Array(value.length + 1).keys()];
  if (op === '#' || op === '##') {
    const order = op === '#' ? lengths : lengths.reverse();
    const n = order.find((len) => globMatch(pattern, value.slice(0, len)));
    return n === undefined ? value : value.slice(n);
  }
  const order = op === '%' ? lengths : lengths.reverse();
  const n = order.find((len) => globMatch(pattern, value.slice(value.length - len)));
  return n === undefined ? value : value.slice(0, value.length - n);
}
