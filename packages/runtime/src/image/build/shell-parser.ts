// The POSIX shell grammar a RUN line needs, parsed into lists of pipelines: words (with their
// quoting kept for expansion at run time), `&&`, `||`, `;`, newlines, pipes, redirections, and
// compound commands (`if`, `for`, `while`, `case`, `{ }`, `( )`) kept as raw text so the
// interpreter can name them.

export interface WordPart {
  text: string;
  quote: 'none' | 'single' | 'double';
}
export type Word = WordPart[];

export interface Redirect {
  /** 1 stdout, 2 stderr, 0 stdin */
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  words: Word[];
  redirects: Redirect[];
}
export interface CompoundCommand {
  kind: 'compound';
  keyword: string;
  text: string;
}
export type Command = SimpleCommand | CompoundCommand;

export interface Pipeline {
  commands: Command[];
  negated: boolean;
}

/** A list: pipelines joined by `&&` / `||` (the operator before each, after the first). */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

type Token = { type: 'word'; word: Word; raw: string } | { type: 'op'; op: string };

const COMPOUND_END: Record<string, string> = { if: 'fi', for: 'done', while: 'done', until: 'done', case: 'esac', '{': '}', '(': ')' };

/** Parses a script into its sequence of and-or lists (separated by `;`, `&` or newlines). */
export function parseShell(script: string): AndOr[] {
  const tokens = tokenize(script);
  const lists: AndOr[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const parseCommand = (): Command => {
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    const first = peek();
    if (first?.type === 'word' && first.raw in COMPOUND_END) {
      // Keep the compound command whole, to its matching end word.
      const keyword = first.raw;
      const parts: string[] = [];
      let depth = 0;
      while (i < tokens.length) {
        const t = tokens[i++]!;
        parts.push(t.type === 'word' ? t.raw : t.op);
        if (t.type === 'word' && t.raw in COMPOUND_END) depth++;
        if (t.type === 'word' && Object.values(COMPOUND_END).includes(t.raw) && depth > 0) {
          depth--;
          if (depth === 0) break;
        }
        if (t.type === 'op' && t.op === ')' && keyword === '(') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (depth !== 0) throw new ShellSyntaxError(`Syntax error: end of file unexpected (expecting "${COMPOUND_END[keyword]}")`);
      return { kind: 'compound', keyword, text: parts.join(' ') };
    }
    for (;;) {
      const t = peek();
      if (t === undefined) break;
      if (t.type === 'word') {
        words.push(t.word);
        i++;
        continue;
      }
      const redirect = /^(\d?)(>>|>&|>|<)$/.exec(t.op);
      if (redirect) {
        i++;
        const target = tokens[i++];
        if (target?.type !== 'word') throw new ShellSyntaxError(`Syntax error: redirection unexpected`);
        const op = redirect[2] as Redirect['op'];
        redirects.push({ fd: redirect[1] ? Number(redirect[1]) : op === '<' ? 0 : 1, op, target: target.word });
        continue;
      }
      if (t.op === '&>') {
        i++;
        const target = tokens[i++];
        if (target?.type !== 'word') throw new ShellSyntaxError(`Syntax error: redirection unexpected`);
        redirects.push({ fd: 1, op: '>', target: target.word }, { fd: 2, op: '>&', target: [{ text: '1', quote: 'none' }] });
        continue;
      }
      break;
    }
    return { kind: 'simple', words, redirects };
  };
  const parsePipeline = (): Pipeline => {
    let negated = false;
    const t = peek();
    if (t?.type === 'word' && t.raw === '!') {
      negated = true;
      i++;
    }
    const commands = [parseCommand()];
    while (peek()?.type === 'op' && (peek() as { op: string }).op === '|') {
      i++;
      skipNewlines();
      commands.push(parseCommand());
    }
    return { commands, negated };
  };
  const skipNewlines = () => {
    while (peek()?.type === 'op' && (peek() as { op: string }).op === '\n') i++;
  };
  while (i < tokens.length) {
    const t = peek()!;
    if (t.type === 'op' && (t.op === ';' || t.op === '\n' || t.op === '&')) {
      i++;
      continue;
    }
    const list: AndOr = { first: parsePipeline(), rest: [] };
    for (;;) {
      const next = peek();
      if (next?.type === 'op' && (next.op === '&&' || next.op === '||')) {
        i++;
        skipNewlines();
        list.rest.push({ op: next.op, pipeline: parsePipeline() });
      } else break;
    }
    const after = peek();
    if (after !== undefined && !(after.type === 'op' && [';', '\n', '&'].includes(after.op))) {
      throw new ShellSyntaxError(`Syntax error: "${after.type === 'op' ? after.op : after.raw}" unexpected`);
    }
    lists.push(list);
  }
  return lists;
}

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] = [];
  let raw = '';
  let current = '';
  const flushPart = (quote: WordPart['quote'] = 'none') => {
    if (current !== '' || quote !== 'none') parts.push({ text: current, quote });
    current = '';
  };
  const flushWord = () => {
    flushPart();
    if (parts.length > 0) tokens.push({ type: 'word', word: parts, raw });
    parts = [];
    raw = '';
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      if (script[i + 1] === '\n') {
        i++;
        continue;
      }
      flushPart();
      if (i + 1 < script.length) parts.push({ text: script[++i]!, quote: 'single' });
      raw += c + (script[i] ?? '');
      continue;
    }
    if (c === "'") {
      flushPart();
      const end = script.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError(`Syntax error: Unterminated quoted string`);
      current = script.slice(i + 1, end);
      raw += script.slice(i, end + 1);
      flushPart('single');
      i = end;
      continue;
    }
    if (c === '"') {
      flushPart();
      let j = i + 1;
      let text = '';
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && ['$', '"', '\\', '`', '\n'].includes(script[j + 1] ?? '')) {
          j++;
          if (script[j] === '\n') continue;
          text += script[j] === '$' ? '\\$' : script[j];
          continue;
        }
        text += script[j];
      }
      if (j >= script.length) throw new ShellSyntaxError(`Syntax error: Unterminated quoted string`);
      current = text;
      raw += script.slice(i, j + 1);
      flushPart('double');
      i = j;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      // Command substitution: keep it whole, nested parentheses included.
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        if (script[j] === ')' && --depth === 0) break;
      }
      current += script.slice(i, j + 1);
      raw += script.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '#' && current === '' && parts.length === 0) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      flushWord();
      continue;
    }
    const rest = script.slice(i);
    const op = /^(?:&&|\|\||;;|&>|\d?>>|\d?>&|\d?>|<|\||;|&|\n|\(|\))/.exec(rest)?.[0];
    if (op !== undefined && !(/^\d/.test(op) && (current !== '' || parts.length > 0))) {
      if ((op === '(' || op === ')') && (current !== '' || parts.length > 0)) {
        current += c;
        raw += c;
        continue;
      }
      flushWord();
      if (op === '(' ) tokens.push({ type: 'word', word: [{ text: '(', quote: 'none' }], raw: '(' });
      else tokens.push({ type: 'op', op });
      i += op.length - 1;
      continue;
    }
    current += c;
    raw += c;
  }
  flushWord();
  return tokens;
}
