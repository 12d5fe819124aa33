// perl, as the official image runs it, for the one-liners the Kubernetes docs use: the Job
// example `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints π to 2000 digits and exits 0.
// Command-line switches are read as perlrun describes them (-e/-E code, -l, -w, -M/-m modules,
// clustered as in -wle); the code may hold `print` statements of string and number literals and of
// bpi(N) (exported by bignum, bigrat, bigfloat and Math::BigFloat), separated by `;`. A bare string
// constant is perl's "Useless use of a constant" under -w. Anything else is not simulated and says
// so on stderr. The run costs CPU time as Math::BigFloat's pure-Perl arithmetic would.

import { piDigits } from './pi-digits.ts';
import type { Proc, ProcessProgram } from './program.ts';

/** Modules whose import list can export bpi. */
const BPI_EXPORTERS = new Set(['bignum', 'bigrat', 'bigfloat', 'Math::BigFloat']);

/** Estimated single-core cost of Math::BigFloat's bpi(N): about 1.5 s for 2000 digits, growing with N². */
function bpiCpuMs(digits: number): number {
  return Math.max(5, Math.round(1500 * (digits / 2000) ** 2));
}

interface PerlRun {
  /** What perl says while compiling: warnings, or the error that stops it (status set). */
  compile: string;
  out: string;
  /** What the running program says on stderr (a die). */
  err: string;
  /** False when compiling failed: nothing runs. */
  compiled: boolean;
  status: number;
  cpuMs: number;
}

interface PerlState {
  run: PerlRun;
}

interface Switches {
  code: string[];
  /** -l: print appends "\n". */
  lineEnding: boolean;
  warnings: boolean;
  modules: { name: string; imports: string[] }[];
  script?: string;
}

/** Reads perl's switches; a string is perl's complaint about them. */
function readSwitches(args: readonly string[]): Switches | string {
  const s: Switches = { code: [], lineEnding: false, warnings: false, modules: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      const rest = arg.slice(j + 1);
      if (flag === 'e' || flag === 'E') {
        const code = rest !== '' ? rest : args[++i];
        if (code === undefined) return `No code specified for -${flag}.`;
        s.code.push(code);
        break;
      }
      if (flag === 'M' || flag === 'm') {
        const spec = rest !== '' ? rest : args[++i];
        if (spec === undefined) return `Missing argument to -${flag}`;
        const [name = '', list] = spec.split('=');
        s.modules.push({ name, imports: list === undefined ? (flag === 'M' ? ['*'] : []) : list.split(',') });
        break;
      }
      if (flag === 'l') s.lineEnding = true;
      else if (flag === 'w' || flag === 'W') s.warnings = true;
      else if (!'acdfnpsStTuUvWX0'.includes(flag)) return `Unrecognized switch: -${flag}${rest}  (-h will show valid options).`;
    }
  }
  if (s.code.length === 0 && i < args.length) s.script = args[i];
  return s;
}

/** Splits on `;` outside quotes. */
function statements(code: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of code) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ';') {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out.filter((s) => s !== '');
}

function unquote(literal: string): string | undefined {
  const m = /^(["'])([\s\S]*)\1$/.exec(literal);
  if (m === null) return undefined;
  if (m[1] === "'") return m[2]!.replace(/\\([\\'])/g, '$1');
  return m[2]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"', $: '$', '@': '@' })[c] ?? c);
}

/** Splits a print list on commas outside quotes and parentheses. */
function listItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of list) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

/** Runs the -e code to its output; perl compiles the whole program before running any of it. */
export function runPerl(s: Switches): PerlRun {
  const run: PerlRun = { compile: '', out: '', err: '', status: 0, cpuMs: 5, compiled: false };
  const hasBpi = s.modules.some((m) => BPI_EXPORTERS.has(m.name) && m.imports.includes('bpi'));
  const known = new Set(['bignum', 'bigrat', 'bigfloat', 'bigint', 'strict', 'warnings', 'Math::BigFloat', 'Math::BigInt', 'POSIX', 'utf8']);
  const missing = s.modules.find((m) => !known.has(m.name));
  if (missing !== undefined) {
    const file = `${missing.name.replace(/::/g, '/')}.pm`;
    run.compile = `Can't locate ${file} in @INC (you may need to install the ${missing.name} module) (@INC entries checked: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.40.0 /usr/local/share/perl/5.40.0 /usr/lib/x86_64-linux-gnu/perl5/5.40 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.40 /usr/share/perl/5.40 /usr/local/lib/site_perl).\nBEGIN failed--compilation aborted.\n`;
    run.status = 2;
    return run;
  }
  const line = s.code.join('\n');
  const actions: (() => void)[] = [];
  for (const statement of statements(line)) {
    const constant = unquote(statement);
    if (constant !== undefined || /^-?\d+(\.\d+)?$/.test(statement)) {
      // A constant in void context does nothing; -w says so (0 and 1 are exempt, as in perl).
      if (s.warnings && statement !== '0' && statement !== '1') run.compile += `Useless use of a constant (${constant !== undefined ? `"${constant}"` : statement}) in void context at -e line 1.\n`;
      continue;
    }
    const print = /^print\b\s*(?:\(([\s\S]*)\)|([\s\S]*))$/.exec(statement);
    if (print === null) {
      run.compile = `perl: the simulated perl runs print statements of literals and bpi(N); not: ${statement}\n`;
      run.status = 255;
      return run;
    }
    const parts: (() => string)[] = [];
    for (const item of listItems(print[1] ?? print[2] ?? '')) {
      const text = unquote(item);
      const bpi = /^bpi\s*\(\s*(\d+)\s*\)$/.exec(item);
      if (text !== undefined) parts.push(() => text);
      else if (/^-?\d+(\.\d+)?$/.test(item)) parts.push(() => String(Number(item)));
      else if (bpi !== null) {
        const digits = Number(bpi[1]);
        parts.push(() => {
          if (!hasBpi) throw new PerlDie('Undefined subroutine &main::bpi called at -e line 1.\n');
          run.cpuMs += bpiCpuMs(digits);
          return piDigits(Math.max(1, digits));
        });
      } else {
        run.compile = `perl: the simulated perl runs print statements of literals and bpi(N); not: ${item}\n`;
        run.status = 255;
        return run;
      }
    }
    actions.push(() => {
      run.out += parts.map((part) => part()).join('') + (s.lineEnding ? '\n' : '');
    });
  }
  run.compiled = true;
  try {
    for (const action of actions) action();
  } catch (error) {
    if (!(error instanceof PerlDie)) throw error;
    run.err += error.message;
    run.status = 255;
  }
  return run;
}

class PerlDie extends Error {}

export const perl: ProcessProgram = {
  kind: 'process',
  name: 'perl',
  start(p: Proc) {
    const switches = readSwitches(p.argv.slice(1));
    p.memory(8 * 1024 * 1024);
    if (typeof switches === 'string') {
      p.err(switches + '\n');
      p.exit(255);
      return;
    }
    if (switches.code.length === 0) {
      // perl's errno: ENOENT for a script it cannot open.
      p.err(switches.script === undefined ? 'perl: the simulated perl runs -e one-liners; no script was given\n' : `Can't open perl script "${switches.script}": No such file or directory\n`);
      p.exit(switches.script === undefined ? 255 : 2);
      return;
    }
    const run = runPerl(switches);
    p.setState({ run } satisfies PerlState);
    // Compile-time warnings and errors come out before the program runs.
    p.err(run.compile);
    if (!run.compiled) {
      p.exit(run.status);
      return;
    }
    p.cpu(1);
    p.work('done', run.cpuMs);
  },
  timer(p, name) {
    if (name !== 'done') return;
    const { run } = p.state<PerlState>();
    p.cpu(0);
    p.out(run.out);
    if (run.err !== '') p.err(run.err);
    p.exit(run.status);
  },
};
