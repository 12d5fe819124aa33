// The parser of Go's text/template (text/template/parse): turns the lexer's tokens into trees,
// one for the file and one for each {{define}} / {{block}} in it, with Go's error texts.

import { TemplateParseError } from './errors.ts';
import { quote } from './fmt.ts';
import { isKeyword, lex, type Token, type TokenType } from './lexer.ts';
import type {
  ActionNode,
  BranchNode,
  CommandNode,
  DelimiterNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  Source,
  TemplateNode,
  VariableNode,
} from './nodes.ts';
import { nodeString } from './nodes.ts';

/** One parsed template: a file's body or a define. */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
  readonly src: Source;
}

/** Go's item String(): how the parser names a token in "unexpected ..." errors. */
function tokenString(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'error') return token.val;
  if (isKeyword(token.type)) return `<${token.val}>`;
  const chars = [...token.val];
  if (chars.length > 10) return quote(chars.slice(0, 10).join('')) + '...';
  return quote(token.val);
}

/** Is the tree empty (only whitespace text)? Go lets such a define not replace a real one. */
export function isEmptyTree(node: Node): boolean {
  switch (node.type) {
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return node.text.trim() === '';
    default:
      return false;
  }
}

/**
 * Parses `text` (named `name`) and returns its trees by name: the file's own tree under `name`
 * plus every template it defines. `hasFunction` says which function names exist.
 */
export function parse(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  return parseWithFunctions(name, text, hasFunction).trees;
}

/** Like parse, also returning the function names the text calls. */
export function parseWithFunctions(
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
): { trees: Map<string, Tree>; functions: Set<string> } {
  const functions = new Set<string>();
  const parser = new Parser(name, text, (fn) => {
    functions.add(fn);
    return hasFunction(fn);
  });
  try {
    return { trees: parser.parseFile(), functions };
  } catch (err) {
    if (err instanceof RangeError) {
      // Nesting deep enough to exhaust the JavaScript stack.
      throw new TemplateParseError(name, parser.line(), 'template nested too deeply');
    }
    throw err;
  }
}

class Parser {
  readonly #tokens: Token[];
  #i = 0;
  readonly #src: Source;
  readonly #hasFunction: (name: string) => boolean;
  #vars: string[] = ['$'];
  #rangeDepth = 0;
  #actionLine = 0;
  readonly #trees = new Map<string, Tree>();
  /** Line of the last token read, as Go's errorf reports it. */
  #lastLine = 1;

  constructor(name: string, text: string, hasFunction: (name: string) => boolean) {
    this.#tokens = lex(text);
    this.#src = { parseName: name, text };
    this.#hasFunction = hasFunction;
  }

  line(): number {
    return this.#lastLine;
  }

  parseFile(): Map<string, Tree> {
    const root = this.#newList(this.#peek().pos);
    while (this.#peek().type !== 'eof') {
      if (this.#peek().type === 'leftDelim') {
        const save = this.#i;
        this.#next();
        if (this.#nextNonSpace().type === 'define') {
          this.#parseDefinition();
          continue;
        }
        this.#i = save;
      }
      const node = this.#textOrAction();
      if (node.type === 'end' || node.type === 'else') this.#error(`unexpected ${nodeString(node)}`);
      root.nodes.push(node);
    }
    this.#add({ name: this.#src.parseName, root, src: this.#src });
    return this.#trees;
  }

  // --- tokens ---

  #peek(): Token {
    return this.#tokens[this.#i] ?? this.#tokens[this.#tokens.length - 1]!;
  }
  #next(): Token {
    const token = this.#peek();
    if (this.#i < this.#tokens.length) this.#i++;
    this.#lastLine = token.line;
    return token;
  }
  #backup(n = 1): void {
    this.#i -= n;
  }
  #nextNonSpace(): Token {
    let token = this.#next();
    while (token.type === 'space') token = this.#next();
    return token;
  }
  /** Like Go's: the spaces before the token are consumed, the token is not. */
  #peekNonSpace(): Token {
    const token = this.#nextNonSpace();
    this.#backup();
    return token;
  }
  #expect(type: TokenType, context: string): Token {
    const token = this.#nextNonSpace();
    if (token.type !== type) this.#unexpected(token, context);
    return token;
  }

  #error(message: string): never {
    throw new TemplateParseError(this.#src.parseName, this.#lastLine, message);
  }
  #unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.#actionLine !== 0 && this.#actionLine !== token.line) {
        extra = ` in action started at ${this.#src.parseName}:${this.#actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.#lastLine = token.line;
      this.#error(`${token.val}${extra}`);
    }
    this.#error(`unexpected ${tokenString(token)} in ${context}`);
  }

  // --- trees ---

  #add(tree: Tree): void {
    const existing = this.#trees.get(tree.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.#trees.set(tree.name, tree);
      return;
    }
    if (!isEmptyTree(tree.root)) this.#error(`template: multiple definition of template ${quote(tree.name)}`);
  }

  #parseDefinition(): void {
    const context = 'define clause';
    const nameToken = this.#nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.#unexpected(nameToken, context);
    const name = this.#unquote(nameToken.val);
    this.#expect('rightDelim', context);
    const outerVars = this.#vars;
    this.#vars = ['$'];
    const [root, end] = this.#itemList();
    if (end.type !== 'end') this.#error(`unexpected ${nodeString(end)} in ${context}`);
    this.#vars = outerVars;
    this.#add({ name, root, src: this.#src });
  }

  #newList(pos: number): ListNode {
    return { type: 'list', pos, src: this.#src, nodes: [] };
  }

  #itemList(): [ListNode, DelimiterNode] {
    const list = this.#newList(this.#peekNonSpace().pos);
    while (this.#peekNonSpace().type !== 'eof') {
      const node = this.#textOrAction();
      if (node.type === 'end' || node.type === 'else') return [list, node];
      list.nodes.push(node);
    }
    this.#error('unexpected EOF');
  }

  #textOrAction(): Node {
    const token = this.#nextNonSpace();
    switch (token.type) {
      case 'text':
        return { type: 'text', pos: token.pos, src: this.#src, text: token.val };
      case 'leftDelim': {
        this.#actionLine = token.line;
        try {
          return this.#action();
        } finally {
          this.#actionLine = 0;
        }
      }
      default:
        this.#unexpected(token, 'input');
    }
  }

  #action(): Node {
    const token = this.#nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.#blockControl();
      case 'break':
      case 'continue':
        return this.#breakControl(token);
      case 'else':
        return this.#elseControl();
      case 'end':
        return this.#endControl();
      case 'if':
      case 'range':
      case 'with':
        return this.#branchControl(token.type);
      case 'template':
        return this.#templateControl();
    }
    this.#backup();
    const start = this.#peek();
    const pipe = this.#pipeline('command', 'rightDelim');
    const action: ActionNode = { type: 'action', pos: start.pos, src: this.#src, line: start.line, pipe };
    return action;
  }

  #breakControl(token: Token): Node {
    const next = this.#nextNonSpace();
    if (next.type !== 'rightDelim') this.#unexpected(next, `{{${token.type}}}`);
    if (this.#rangeDepth === 0) this.#error(`{{${token.type}}} outside {{range}}`);
    return { type: token.type as 'break' | 'continue', pos: token.pos, src: this.#src };
  }

  #elseControl(): DelimiterNode {
    const peek = this.#peekNonSpace();
    // "{{else if" and "{{else with" leave the keyword for the enclosing branch to parse.
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos, src: this.#src, line: peek.line };
    const token = this.#expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, src: this.#src, line: token.line };
  }

  #endControl(): DelimiterNode {
    const token = this.#expect('rightDelim', 'end');
    return { type: 'end', pos: token.pos, src: this.#src, line: token.line };
  }

  #branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    const varCount = this.#vars.length;
    try {
      const pipe = this.#pipeline(context, 'rightDelim');
      if (context === 'range') this.#rangeDepth++;
      const [list, next] = this.#itemList();
      if (context === 'range') this.#rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        // {{else if b}} is {{else}}{{if b}}...{{end}} with the inner {{end}} shared.
        if ((context === 'if' && this.#peek().type === 'if') || (context === 'with' && this.#peek().type === 'with')) {
          this.#next();
          elseList = this.#newList(next.pos);
          elseList.nodes.push(this.#branchControl(context));
        } else {
          const [list2, end] = this.#itemList();
          elseList = list2;
          if (end.type !== 'end') this.#error(`expected end; found ${nodeString(end)}`);
        }
      }
      return { type: context, pos: pipe.pos, src: this.#src, line: pipe.line, pipe, list, elseList };
    } finally {
      this.#vars.length = varCount;
    }
  }

  #templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.#nextNonSpace().type !== 'rightDelim') {
      this.#backup();
      pipe = this.#pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, src: this.#src, line: token.line, name, pipe };
  }

  #blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    const pipe = this.#pipeline(context, 'rightDelim');
    const outerVars = this.#vars;
    this.#vars = ['$'];
    const [root, end] = this.#itemList();
    if (end.type !== 'end') this.#error(`unexpected ${nodeString(end)} in ${context}`);
    this.#vars = outerVars;
    this.#add({ name, root, src: this.#src });
    return { type: 'template', pos: token.pos, src: this.#src, line: token.line, name, pipe };
  }

  #templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.#unexpected(token, context);
    return this.#unquote(token.val);
  }

  #pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const token = this.#peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, src: this.#src, line: token.line, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments: "$x :=", "$x =", "$i, $v :=".
    decls: for (;;) {
      const v = this.#peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.#i;
      this.#nextNonSpace();
      const next = this.#peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.#nextNonSpace();
        pipe.decl.push(this.#newVariable(v.pos, v.val));
        this.#vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.#nextNonSpace();
        pipe.decl.push(this.#newVariable(v.pos, v.val));
        this.#vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.#peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
          this.#error('range can only initialize variables');
        }
        this.#error(`too many declarations in ${context}`);
      } else {
        this.#i = save;
      }
      break;
    }
    for (;;) {
      const token = this.#nextNonSpace();
      if (token.type === end) {
        this.#checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.#backup();
          pipe.cmds.push(this.#command());
          break;
        default:
          this.#unexpected(token, context);
      }
    }
  }

  #checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.#error(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const first = cmd.args[0]!;
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
        this.#error(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  #command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.#peekNonSpace().pos, src: this.#src, args: [] };
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand) cmd.args.push(operand);
      const token = this.#next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.#backup();
      else if (token.type !== 'pipe') this.#unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.#error('empty command');
    return cmd;
  }

  #operand(): Node | undefined {
    const node = this.#term();
    if (!node) return undefined;
    if (this.#peek().type !== 'field') return node;
    // Go gives the whole chain the position of its first chained field (".b" in ".a.b").
    const pos = this.#peek().pos;
    const fields: string[] = [];
    while (this.#peek().type === 'field') fields.push(this.#next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, src: this.#src, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos, src: this.#src, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.#error(`unexpected . after term ${quote(nodeString(node))}`);
    }
    return { type: 'chain', pos, src: this.#src, node, field: fields };
  }

  #term(): Node | undefined {
    const token = this.#nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.#hasFunction(token.val)) this.#error(`function ${quote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, src: this.#src, ident: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos, src: this.#src };
      case 'nil':
        return { type: 'nil', pos: token.pos, src: this.#src };
      case 'variable':
        return this.#useVar(token.pos, token.val);
      case 'field':
        return { type: 'field', pos: token.pos, src: this.#src, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: token.pos, src: this.#src, value: token.val === 'true' };
      case 'charConstant':
      case 'number':
        return this.#newNumber(token);
      case 'leftParen':
        return this.#pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, src: this.#src, quoted: token.val, text: this.#unquote(token.val) };
    }
    this.#backup();
    return undefined;
  }

  #newVariable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, src: this.#src, ident: name.split('.') };
  }

  #useVar(pos: number, name: string): VariableNode {
    const v = this.#newVariable(pos, name);
    if (!this.#vars.includes(v.ident[0]!)) this.#error(`undefined variable ${quote(v.ident[0]!)}`);
    return v;
  }

  #newNumber(token: Token): NumberNode {
    const base = { type: 'number' as const, pos: token.pos, src: this.#src, text: token.val };
    if (token.type === 'charConstant') {
      const rune = unquoteChar(token.val);
      if (rune === undefined) this.#error('invalid syntax');
      return { ...base, isInt: true, isFloat: true, int: rune, float: rune };
    }
    const text = token.val;
    if (text.endsWith('i')) this.#error(`illegal number syntax: ${quote(text)}`);
    const asInt = parseGoInt(text);
    if (asInt !== undefined) return { ...base, isInt: true, isFloat: true, int: asInt, float: asInt };
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) this.#error(`integer overflow: ${quote(text)}`);
      const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
      return { ...base, isInt, isFloat: true, int: isInt ? f : 0, float: f };
    }
    this.#error(`illegal number syntax: ${quote(text)}`);
  }

  #unquote(quoted: string): string {
    const s = unquote(quoted);
    if (s === undefined) this.#error('invalid syntax');
    return s;
  }
}

/** strconv.ParseInt(text, 0, 64) without the 64-bit range (JS numbers). */
function parseGoInt(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2]!;
  if (body.includes('_')) {
    if (/__|_$/.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  if (!Number.isFinite(value) || value > 2 ** 63) return undefined;
  return m[1] === '-' ? -value : value;
}

function parseGoFloat(text: string): number | undefined {
  const clean = text.replace(/_/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return undefined;
  const f = Number(clean);
  return Number.isFinite(f) ? f : undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** strconv.Unquote for "..." and `...` strings; undefined for invalid syntax. */
function unquote(quoted: string): string | undefined {
  if (quoted.startsWith('`')) {
    if (!quoted.endsWith('`') || quoted.length < 2) return undefined;
    return quoted.slice(1, -1).replace(/\r/g, '');
  }
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) return undefined;
  return unescape(quoted.slice(1, -1), '"');
}

function unescape(body: string, quoteChar: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quoteChar) return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === quoteChar) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
      const cp = parseInt(hex, 16);
      if (e === 'x') out += String.fromCharCode(cp); // a byte; Go strings are bytes, kept as a code unit here
      else if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      else out += String.fromCodePoint(cp);
      i += len;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      out += String.fromCharCode(v);
      i += 2;
    } else return undefined;
  }
  return out;
}

/** The rune of a character constant like 'a' or '\n'. */
function unquoteChar(text: string): number | undefined {
  if (text.length < 3 || !text.startsWith("'") || !text.endsWith("'")) return undefined;
  const s = unescape(text.slice(1, -1), "'");
  if (s === undefined) return undefined;
  const chars = [...s];
  if (chars.length !== 1) return undefined;
  return chars[0]!.codePointAt(0);
}
