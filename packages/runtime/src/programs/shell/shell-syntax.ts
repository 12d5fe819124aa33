// The POSIX shell language subset that container commands, probes and Kubernetes examples use:
// simple commands with quoting, variables, `$(...)` and `$((...))`; `|`, `&&`, `||`, `;`, `&`;
// if/while/until/for/case; `{ }` and `( )`; redirections. Scripts are parsed once and compiled
// to a flat list of instructions with jumps, so a running shell's place is a number and its whole
// state is plain JSON that a snapshot can carry while it sleeps in the middle of a loop.

export type Part =
  | { t: 'lit'; v: string }
  | { t: 'sq'; v: string }
  | { t: 'dq'; parts: Part[] }
  | { t: 'var'; name: string; op?: string; arg?: Part[] }
  | { t: 'cmd'; src: string }
  | { t: 'arith'; src: string };
export type Word = Part[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export interface SimpleCommand {
  assigns: [string, Word][];
  words: Word[];
  redirects: Redirect[];
}

type Node =
  | { k: 'simple'; cmd: SimpleCommand }
  | { k: 'pipe'; cmds: Node[]; neg: boolean }
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'seq'; list: Node[] }
  | { k: 'bg'; node: Node }
  | { k: 'if'; clauses: [Node, Node][]; otherwise?: Node }
  | { k: 'loop'; until: boolean; cond: Node; body: Node }
  | { k: 'for'; name: string; words: Word[] | undefined; body: Node }
  | { k: 'case'; word: Word; items: { patterns: Word[]; body: Node }[] }
  | { k: 'group'; body: Node };

export type Instr =
  | { op: 'run'; cmd: SimpleCommand }
  | { op: 'pipe'; cmds: SimpleCommand[] }
  | { op: 'bg'; cmd: SimpleCommand }
  | { op: 'jz' | 'jnz' | 'jmp'; to: number }
  | { op: 'not' }
  | { op: 'status'; v: number }
  | { op: 'for'; id: number; name: string; words: Word[] | undefined; end: number }
  | { op: 'done'; id: number }
  | { op: 'case'; word: Word; items: { patterns: Word[]; to: number }[]; end: number };

export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

type Token = { type: 'word'; word: Word; raw: string; quoted: boolean } | { type: 'op'; v: string };

const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', '{', '}', '!']);

/** Splits shell source into words (with their quoting kept as parts) and operators. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '(' || c === ')') {
      if (c === ';' && src[i + 1] === ';') {
        tokens.push({ type: 'op', v: ';;' });
        i += 2;
      } else {
        tokens.push({ type: 'op', v: c });
        i++;
      }
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '>>' || two === '>&' || two === '&>') {
      tokens.push({ type: 'op', v: two });
      i += 2;
      continue;
    }
    if (c === '|' || c === '&' || c === '>' || c === '<') {
      tokens.push({ type: 'op', v: c });
      i++;
      continue;
    }
    // An fd number right before a redirection (`2>`, `2>&1`).
    const fd = /^(\d)(>>|>&|>|<)/.exec(src.slice(i));
    if (fd) {
      tokens.push({ type: 'op', v: fd[1]! + fd[2]! });
      i += fd[0].length;
      continue;
    }
    const start = i;
    const [word, end, quoted] = readWord(src, i);
    i = end;
    tokens.push({ type: 'word', word, raw: src.slice(start, end), quoted });
  }
  return tokens;
}

function readWord(src: string, start: number): [Word, number, boolean] {
  const parts: Part[] = [];
  let lit = '';
  let quoted = false;
  let i = start;
  const flush = () => {
    if (lit) parts.push({ t: 'lit', v: lit });
    lit = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (' \t\n;&|()<>'.includes(c)) break;
    if (c === '\\') {
      lit += src[i + 1] ?? '';
      i += 2;
      quoted = true;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      flush();
      parts.push({ t: 'sq', v: src.slice(i + 1, end) });
      i = end + 1;
      quoted = true;
      continue;
    }
    if (c === '"') {
      flush();
      const [inner, end] = readDoubleQuoted(src, i + 1);
      parts.push({ t: 'dq', parts: inner });
      i = end;
      quoted = true;
      continue;
    }
    if (c === '$') {
      const [part, end] = readDollar(src, i);
      if (part) {
        flush();
        parts.push(part);
        i = end;
        continue;
      }
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      flush();
      parts.push({ t: 'cmd', src: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    lit += c;
    i++;
  }
  flush();
  return [parts, i, quoted];
}

function readDoubleQuoted(src: string, start: number): [Part[], number] {
  const parts: Part[] = [];
  let lit = '';
  let i = start;
  while (i < src.length && src[i] !== '"') {
    const c = src[i]!;
    if (c === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const [part, end] = readDollar(src, i);
      if (part) {
        if (lit) parts.push({ t: 'lit', v: lit });
        lit = '';
        parts.push(part);
        i = end;
        continue;
      }
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
      parts.push({ t: 'cmd', src: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    lit += c;
    i++;
  }
  if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string');
  if (lit) parts.push({ t: 'lit', v: lit });
  return [parts, i + 1];
}

/** `$name`, `${name...}`, `$(...)`, `$((...))`, `$?` and friends; undefined for a lone `$`. */
function readDollar(src: string, i: number): [Part | undefined, number] {
  const next = src[i + 1];
  if (next === '(' && src[i + 2] === '(') {
    const end = matching(src, i + 1, '(', ')');
    return [{ t: 'arith', src: src.slice(i + 3, end - 1) }, end + 1];
  }
  if (next === '(') {
    const end = matching(src, i + 1, '(', ')');
    return [{ t: 'cmd', src: src.slice(i + 2, end) }, end + 1];
  }
  if (next === '{') {
    const end = matching(src, i + 1, '{', '}');
    const body = src.slice(i + 2, end);
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])(:?[-=+?]|#{1,2}|%{1,2})?([\s\S]*)$/.exec(body);
    if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    if (m[1]) return [{ t: 'var', name: m[2]!, op: 'length' }, end + 1];
    return [{ t: 'var', name: m[2]!, ...(m[3] ? { op: m[3], arg: readWord(m[4]!.replace(/ /g, '\\ '), 0)[0] } : {}) }, end + 1];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(src.slice(i + 1));
  if (m) return [{ t: 'var', name: m[1]! }, i + 1 + m[1]!.length];
  return [undefined, i];
}

function matching(src: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === "'" && o === '(') {
      i = src.indexOf("'", i + 1);
      if (i < 0) break;
      continue;
    }
    if (src[i] === o) depth++;
    else if (src[i] === c && --depth === 0) return i;
  }
  throw new ShellSyntaxError(`unexpected end of file (expecting "${c}")`);
}

// --- parsing -------------------------------------------------------------------------------------

class Parser {
  #i = 0;
  constructor(readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.#list(new Set());
    if (this.#i < this.tokens.length) throw new ShellSyntaxError(`syntax error: unexpected "${this.#text(this.tokens[this.#i]!)}"`);
    return node;
  }

  #text(token: Token): string {
    return token.type === 'op' ? (token.v === '\n' ? 'newline' : token.v) : token.raw;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  #isKeyword(token: Token | undefined, ...words: string[]): boolean {
    return token?.type === 'word' && !token.quoted && words.includes(token.raw);
  }

  #skipNewlines(): void {
    while (this.#peek()?.type === 'op' && (this.#peek() as { v: string }).v === '\n') this.#i++;
  }

  #expectKeyword(word: string): void {
    this.#skipNewlines();
    if (!this.#isKeyword(this.#peek(), word)) {
      const token = this.#peek();
      throw new ShellSyntaxError(token ? `syntax error: unexpected "${this.#text(token)}" (expecting "${word}")` : `syntax error: unexpected end of file (expecting "${word}")`);
    }
    this.#i++;
  }

  /** Commands separated by `;`, `&` or newlines, up to one of the `stop` keywords. */
  #list(stop: Set<string>): Node {
    const list: Node[] = [];
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token === undefined) break;
      if (token.type === 'word' && !token.quoted && stop.has(token.raw)) break;
      if (token.type === 'op' && (token.v === ')' || token.v === ';;')) break;
      let node = this.#andOr();
      const sep = this.#peek();
      if (sep?.type === 'op' && (sep.v === ';' || sep.v === '&')) {
        this.#i++;
        if (sep.v === '&') node = { k: 'bg', node };
      }
      list.push(node);
    }
    return list.length === 1 ? list[0]! : { k: 'seq', list };
  }

  #andOr(): Node {
    let node = this.#pipeline();
    for (;;) {
      const token = this.#peek();
      if (token?.type !== 'op' || (token.v !== '&&' && token.v !== '||')) return node;
      this.#i++;
      this.#skipNewlines();
      node = { k: token.v === '&&' ? 'and' : 'or', l: node, r: this.#pipeline() };
    }
  }

  #pipeline(): Node {
    let neg = false;
    if (this.#isKeyword(this.#peek(), '!')) {
      neg = true;
      this.#i++;
    }
    const cmds = [this.#command()];
    while (this.#peek()?.type === 'op' && (this.#peek() as { v: string }).v === '|') {
      this.#i++;
      this.#skipNewlines();
      cmds.push(this.#command());
    }
    return cmds.length === 1 && !neg ? cmds[0]! : { k: 'pipe', cmds, neg };
  }

  #command(): Node {
    const token = this.#peek();
    if (token === undefined) throw new ShellSyntaxError('syntax error: unexpected end of file');
    if (token.type === 'op' && token.v === '(') {
      this.#i++;
      const body = this.#list(new Set());
      if ((this.#peek() as { v?: string } | undefined)?.v !== ')') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.#i++;
      return { k: 'group', body };
    }
    if (token.type === 'word' && !token.quoted) {
      switch (token.raw) {
        case '{': {
          this.#i++;
          const body = this.#list(new Set(['}']));
          this.#expectKeyword('}');
          return { k: 'group', body };
        }
        case 'if':
          return this.#if();
        case 'while':
        case 'until': {
          this.#i++;
          const cond = this.#list(new Set(['do']));
          this.#expectKeyword('do');
          const body = this.#list(new Set(['done']));
          this.#expectKeyword('done');
          return { k: 'loop', until: token.raw === 'until', cond, body };
        }
        case 'for':
          return this.#for();
        case 'case':
          return this.#case();
        case 'then':
        case 'do':
        case 'done':
        case 'fi':
        case 'elif':
        case 'else':
        case 'esac':
        case '}':
          throw new ShellSyntaxError(`syntax error: unexpected "${token.raw}"`);
      }
    }
    return this.#simple();
  }

  #if(): Node {
    this.#i++;
    const clauses: [Node, Node][] = [];
    let otherwise: Node | undefined;
    for (;;) {
      const cond = this.#list(new Set(['then']));
      this.#expectKeyword('then');
      const body = this.#list(new Set(['elif', 'else', 'fi']));
      clauses.push([cond, body]);
      this.#skipNewlines();
      const next = this.#peek();
      if (this.#isKeyword(next, 'elif')) {
        this.#i++;
        continue;
      }
      if (this.#isKeyword(next, 'else')) {
        this.#i++;
        otherwise = this.#list(new Set(['fi']));
      }
      this.#expectKeyword('fi');
      return { k: 'if', clauses, ...(otherwise ? { otherwise } : {}) };
    }
  }

  #for(): Node {
    this.#i++;
    const name = this.#peek();
    if (name?.type !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.raw)) throw new ShellSyntaxError('syntax error: bad for loop variable');
    this.#i++;
    let words: Word[] | undefined;
    this.#skipNewlines();
    if (this.#isKeyword(this.#peek(), 'in')) {
      this.#i++;
      words = [];
      while (this.#peek()?.type === 'word') words.push((this.tokens[this.#i++] as { word: Word }).word);
    }
    const sep = this.#peek();
    if (sep?.type === 'op' && sep.v === ';') this.#i++;
    this.#expectKeyword('do');
    const body = this.#list(new Set(['done']));
    this.#expectKeyword('done');
    return { k: 'for', name: name.raw, words, body };
  }

  #case(): Node {
    this.#i++;
    const subject = this.#peek();
    if (subject?.type !== 'word') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting word)');
    this.#i++;
    this.#expectKeyword('in');
    const items: { patterns: Word[]; body: Node }[] = [];
    for (;;) {
      this.#skipNewlines();
      if (this.#isKeyword(this.#peek(), 'esac')) {
        this.#i++;
        return { k: 'case', word: subject.word, items };
      }
      if ((this.#peek() as { v?: string } | undefined)?.v === '(') this.#i++;
      const patterns: Word[] = [];
      for (;;) {
        const token = this.#peek();
        if (token?.type !== 'word') throw new ShellSyntaxError('syntax error: bad case pattern');
        patterns.push(token.word);
        this.#i++;
        const op = this.#peek() as { v?: string } | undefined;
        if (op?.v === '|') {
          this.#i++;
          continue;
        }
        if (op?.v === ')') {
          this.#i++;
          break;
        }
        throw new ShellSyntaxError('syntax error: expecting ")" in case pattern');
      }
      const body = this.#list(new Set(['esac']));
      items.push({ patterns, body });
      if ((this.#peek() as { v?: string } | undefined)?.v === ';;') this.#i++;
    }
  }

  #simple(): Node {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    for (;;) {
      const token = this.#peek();
      if (token === undefined) break;
      if (token.type === 'op') {
        const redirect = /^(\d?)(>>|>&|>|<|&>)$/.exec(token.v);
        if (!redirect) break;
        this.#i++;
        const target = this.#peek();
        if (target?.type !== 'word') throw new ShellSyntaxError('syntax error: unexpected redirection');
        this.#i++;
        const op = redirect[2]!;
        if (op === '&>') {
          cmd.redirects.push({ fd: 1, op: '>', target: target.word }, { fd: 2, op: '>&', target: [{ t: 'lit', v: '1' }] });
          continue;
        }
        const fd = redirect[1] ? Number(redirect[1]) : op === '<' ? 0 : 1;
        cmd.redirects.push({ fd, op: op as Redirect['op'], target: target.word });
        continue;
      }
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.raw);
      if (cmd.words.length === 0 && assign && token.word[0]?.t === 'lit') {
        const first = token.word[0];
        const rest: Word = [{ t: 'lit' as const, v: first.v.slice(assign[0].length) }, ...token.word.slice(1)].filter((p) => p.t !== 'lit' || p.v !== '');
        cmd.assigns.push([assign[1]!, rest]);
        this.#i++;
        continue;
      }
      if (cmd.words.length > 0 || !KEYWORDS.has(token.raw) || token.quoted || token.raw === '!') {
        cmd.words.push(token.word);
        this.#i++;
        continue;
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const token = this.#peek();
      throw new ShellSyntaxError(token ? `syntax error: unexpected "${this.#text(token)}"` : 'syntax error: unexpected end of file');
    }
    return { k: 'simple', cmd };
  }
}

// --- compiling -----------------------------------------------------------------------------------

class Compiler {
  readonly code: Instr[] = [];
  #loopId = 0;
  readonly #loops: { breaks: number[]; continues: number[] }[] = [];

  constructor(loopIdBase: number) {
    this.#loopId = loopIdBase;
  }

  compile(node: Node): void {
    switch (node.k) {
      case 'simple': {
        const name = node.cmd.words[0]?.length === 1 && node.cmd.words[0][0]!.t === 'lit' ? node.cmd.words[0][0]!.v : undefined;
        if ((name === 'break' || name === 'continue') && this.#loops.length > 0) {
          const loop = this.#loops[this.#loops.length - 1]!;
          (name === 'break' ? loop.breaks : loop.continues).push(this.code.length);
          this.code.push({ op: 'jmp', to: -1 });
          return;
        }
        this.code.push({ op: 'run', cmd: node.cmd });
        return;
      }
      case 'pipe': {
        const simple = node.cmds.map((c) => {
          if (c.k !== 'simple') throw new ShellSyntaxError('compound commands in a pipeline are not supported by this shell');
          return c.cmd;
        });
        if (simple.length === 1) this.code.push({ op: 'run', cmd: simple[0]! });
        else this.code.push({ op: 'pipe', cmds: simple });
        if (node.neg) this.code.push({ op: 'not' });
        return;
      }
      case 'and':
      case 'or': {
        this.compile(node.l);
        const jump = { op: node.k === 'and' ? 'jnz' : 'jz', to: -1 } as Instr & { to: number };
        this.code.push(jump);
        this.compile(node.r);
        jump.to = this.code.length;
        return;
      }
      case 'seq':
        for (const child of node.list) this.compile(child);
        return;
      case 'group':
        this.compile(node.body);
        return;
      case 'bg': {
        if (node.node.k !== 'simple') throw new ShellSyntaxError('only simple commands can run in the background in this shell');
        this.code.push({ op: 'bg', cmd: node.node.cmd });
        return;
      }
      case 'if': {
        const ends: (Instr & { to: number })[] = [];
        for (const [cond, body] of node.clauses) {
          this.compile(cond);
          const skip = { op: 'jnz', to: -1 } as Instr & { to: number };
          this.code.push(skip);
          this.compile(body);
          const end = { op: 'jmp', to: -1 } as Instr & { to: number };
          this.code.push(end);
          ends.push(end);
          skip.to = this.code.length;
        }
        if (node.otherwise) this.compile(node.otherwise);
        else this.code.push({ op: 'status', v: 0 });
        for (const end of ends) end.to = this.code.length;
        return;
      }
      case 'loop': {
        const top = this.code.length;
        this.#loops.push({ breaks: [], continues: [] });
        this.compile(node.cond);
        const exit = { op: node.until ? 'jz' : 'jnz', to: -1 } as Instr & { to: number };
        this.code.push(exit);
        this.compile(node.body);
        this.code.push({ op: 'jmp', to: top });
        const loop = this.#loops.pop()!;
        exit.to = this.code.length;
        this.code.push({ op: 'status', v: 0 });
        for (const at of loop.breaks) (this.code[at] as { to: number }).to = this.code.length;
        for (const at of loop.continues) (this.code[at] as { to: number }).to = top;
        return;
      }
      case 'for': {
        const id = this.#loopId++;
        const top = this.code.length;
        const head = { op: 'for', id, name: node.name, words: node.words, end: -1 } as Instr & { end: number };
        this.code.push(head);
        this.#loops.push({ breaks: [], continues: [] });
        this.compile(node.body);
        this.code.push({ op: 'jmp', to: top });
        const loop = this.#loops.pop()!;
        const done = this.code.length;
        this.code.push({ op: 'done', id });
        head.end = done;
        for (const at of loop.breaks) (this.code[at] as { to: number }).to = done;
        for (const at of loop.continues) (this.code[at] as { to: number }).to = top;
        return;
      }
      case 'case': {
        const instr = { op: 'case', word: node.word, items: [] as { patterns: Word[]; to: number }[], end: -1 } as Instr & { op: 'case' };
        this.code.push(instr);
        const ends: (Instr & { to: number })[] = [];
        for (const item of node.items) {
          instr.items.push({ patterns: item.patterns, to: this.code.length });
          this.compile(item.body);
          const end = { op: 'jmp', to: -1 } as Instr & { to: number };
          this.code.push(end);
          ends.push(end);
        }
        instr.end = this.code.length;
        for (const end of ends) end.to = this.code.length;
        return;
      }
    }
  }
}

/** Parses and compiles a script; loop ids start at `loopIdBase` so separate scripts never share one. */
export function compileScript(src: string, loopIdBase = 0): Instr[] {
  const compiler = new Compiler(loopIdBase);
  compiler.compile(new Parser(tokenize(src)).parse());
  return compiler.code;
}
