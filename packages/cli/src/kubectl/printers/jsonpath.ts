// kubectl's JSONPath (k8s.io/client-go/util/jsonpath): text with `{...}` actions holding fields
// (`.metadata.name`, `['app.kubernetes.io/name']`, `.labels.app\.kubernetes\.io/name`), array
// indexes and slices (`[0]`, `[-1]`, `[1:3]`, `[*]`), unions (`[0,2]`), wildcards (`.*`),
// recursive descent (`..name`), filters (`[?(@.type=="Ready")]`, `[?(@.ports)]`), quoted
// text (`{"\n"}`) and `{range ...}{end}` blocks. Results of one action print separated by
// spaces; maps and lists print as compact JSON; nothing is added at the end. kubectl lets
// missing keys print nothing. A wildcard or `..` over a map walks it in Go's random map order
// in kubectl; here in sorted key order. [client-go util/jsonpath parser.go, jsonpath.go; cli-runtime
// printers/jsonpath.go; checked against the stock kubectl client in tests]
import { compareStrings } from './labels.ts';
import { goNumber, goPrint, goSyntax, goType } from './go-format.ts';
import { toCompactJson } from './json.ts';

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'list'; nodes: Node[] }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [Param, Param, Param] }
  | { type: 'filter'; left: Node; right: Node; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; lists: Node[] }
  | { type: 'identifier'; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

const EOF = '';

class Parser {
  private pos = 0;
  private start = 0;
  readonly root: Node & { type: 'list' } = { type: 'list', nodes: [] };

  constructor(private readonly input: string) {}

  parse(): this {
    this.parseText(this.root);
    return this;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1;
      return EOF;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += ch.length;
    return ch;
  }

  private backup(ch: string): void {
    this.pos -= ch === EOF ? 1 : ch.length;
  }

  private peek(): string {
    const ch = this.next();
    this.backup(ch);
    return ch;
  }

  private consumeText(): string {
    const text = this.input.slice(this.start, Math.min(this.pos, this.input.length));
    this.start = this.pos;
    return text;
  }

  private parseText(cur: Node & { type: 'list' }): void {
    const rest = this.input.slice(this.pos);
    const left = rest.indexOf('{');
    if (left < 0) {
      if (rest !== '') cur.nodes.push({ type: 'text', text: rest });
      this.pos = this.start = this.input.length;
      return;
    }
    this.pos += left;
    if (left > 0) cur.nodes.push({ type: 'text', text: this.consumeText() });
    this.pos += 1;
    this.consumeText();
    const list: Node & { type: 'list' } = { type: 'list', nodes: [] };
    cur.nodes.push(list);
    this.parseInsideAction(list);
  }

  private parseInsideAction(cur: Node & { type: 'list' }): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const ch = this.next();
      if (ch === EOF || ch === '\n' || ch === '\r') throw new JsonPathError('unclosed action');
      if (ch === ' ' || ch === '@' || ch === '$') {
        this.consumeText();
        continue;
      }
      if (ch === '[') return this.parseArray(cur);
      if (ch === '"' || ch === "'") return this.parseQuote(cur, ch);
      if (ch === '.') return this.parseField(cur);
      if (ch === '+' || ch === '-' || /\p{Nd}/u.test(ch)) {
        this.backup(ch);
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(ch)) {
        this.backup(ch);
        return this.parseIdentifier(cur);
      }
      throw new JsonPathError(`unrecognized character in action: ${goRuneQuote(ch)}`);
    }
  }

  private parseIdentifier(cur: Node & { type: 'list' }): void {
    for (;;) {
      const ch = this.next();
      if (isTerminator(ch)) {
        this.backup(ch);
        break;
      }
    }
    const value = this.consumeText();
    if (['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) {
      cur.nodes.push({ type: 'bool', value: ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value) });
    } else {
      cur.nodes.push({ type: 'identifier', name: value });
    }
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: Node & { type: 'list' }): void {
    if (cur.nodes[cur.nodes.length - 1]?.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: Node & { type: 'list' }): void {
    const ch = this.peek();
    if (ch === '+' || ch === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !/\p{Nd}/u.test(c)) {
        this.backup(c);
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: 'int', value: Number(value) });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
    } else {
      throw new JsonPathError(`cannot parse number ${value}`);
    }
    this.parseInsideAction(cur);
  }

  private parseArray(cur: Node & { type: 'list' }): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathError('unterminated array');
      if (ch === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const lists = parts.map((part) => parseAction(`[${part.trim()}]`));
      cur.nodes.push({ type: 'union', lists });
      return this.parseInsideAction(cur);
    }
    const dictKey = /^'([^']*)'$/.exec(text);
    if (dictKey !== null) {
      cur.nodes.push(...(parseAction(`.${dictKey[1]}`) as Node & { type: 'list' }).nodes);
      return this.parseInsideAction(cur);
    }
    const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (slice === null) throw new JsonPathError(`invalid array index ${text}`);
    const params: [Param, Param, Param] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') {
          params[i]!.known = false;
        } else {
          params[i]!.known = true;
          params[i]!.value = Number(part);
          if (!/^-?\d+$/.test(part)) throw new JsonPathError(`array index ${part} is not a number`);
        }
      } else if (i === 1) {
        params[i] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ type: 'array', params });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: Node & { type: 'list' }): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathError('unterminated filter');
      if (ch === '"' || ch === "'") {
        if (!begin) {
          begin = true;
          pair = ch;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && ch === pair) end = true;
      } else if (ch === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const match = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (match === null) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(match[1]!), right: parseAction(match[3]!), operator: match[2]! });
    }
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: Node & { type: 'list' }, end: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathError('unterminated quoted string');
      if (ch === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    cur.nodes.push({ type: 'text', text: unquote(value) });
    this.parseInsideAction(cur);
  }

  private parseField(cur: Node & { type: 'list' }): void {
    this.consumeText();
    for (;;) {
      const ch = this.next();
      if (ch === '\\') {
        this.next();
      } else if (isTerminator(ch)) {
        this.backup(ch);
        break;
      }
    }
    const value = this.consumeText();
    cur.nodes.push(value === '*' ? { type: 'wildcard' } : { type: 'field', name: value.replaceAll('\\', '') });
    this.parseInsideAction(cur);
  }
}

function parseAction(text: string): Node {
  const parser = new Parser(`{${text}}`).parse();
  return parser.root.nodes[0] ?? { type: 'list', nodes: [] };
}

function isTerminator(ch: string): boolean {
  return ch === EOF || ' \t\r\n.,[]$@{}'.includes(ch);
}

function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || /[\p{L}\p{Nd}]/u.test(ch);
}

/** Go's %#U of a rune: `U+0021 '!'`. */
function goRuneQuote(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/** strconv.Unquote, extended to single-quoted strings as jsonpath's UnquoteExtend does. */
function unquote(text: string): string {
  let body = text.slice(1, -1);
  if (text.startsWith("'")) body = body.replaceAll('\\\'', "'").replaceAll('"', '\\"');
  try {
    return JSON.parse(`"${body.replace(/\\([abfnrtv'])/g, (_, c: string) => ({ a: '\\u0007', b: '\\b', f: '\\f', n: '\\n', r: '\\r', t: '\\t', v: '\\u000b', "'": "'" })[c]!)}"`) as string;
  } catch {
    throw new JsonPathError(`unquote string ${text} error invalid syntax`);
  }
}

type Value = unknown;

/** A parsed template: kubectl's `-o jsonpath=TEMPLATE`. */
export class JsonPath {
  private readonly root: Node & { type: 'list' };
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd: Node | undefined;

  /** Parses a template; a syntax error throws JsonPathError with client-go's message. */
  constructor(readonly template: string) {
    this.root = new Parser(template).parse().root;
  }

  /** The text kubectl prints for `data` (errors throw JsonPathError with client-go's message). */
  execute(data: unknown): string {
    return this.findAll(data)
      .map((results) => printResults(results))
      .join('');
  }

  /** Every action's results (client-go `FindResults`), for printers that format them their own way. */
  findAll(data: unknown): unknown[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    return this.findResults(data, this.root.nodes);
  }

  private findResults(data: unknown, nodes: readonly Node[]): Value[][] {
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk([data], node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, rest));
        } else {
          this.findResults(undefined, rest);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEnd) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: Node): Value[] {
    switch (node.type) {
      case 'list': {
        let current = input;
        for (const child of node.nodes) current = this.walk(current, child);
        return current;
      }
      case 'text':
        return [node.text];
      case 'field':
        return evalField(input, node.name);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return [node.value];
      case 'wildcard':
        return input.flatMap((value) => (Array.isArray(value) ? value : isMap(value) ? sortedValues(value) : []));
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return node.lists.flatMap((list) => this.walk(input, list));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return input;
          }
          throw new JsonPathError('not in range, nothing to end');
        }
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalFilter(input: Value[], node: Node & { type: 'filter' }): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathError(`${goPrint(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        const lefts = this.walk([item], node.left);
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.operator)) results.push(item);
      }
    }
    return results;
  }
}

function isMap(value: Value): value is Record<string, Value> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sortedValues(map: Record<string, Value>): Value[] {
  // Go ranges over maps in random order; sorting keys makes ours repeatable.
  return Object.keys(map)
    .sort(compareStrings)
    .map((key) => map[key]);
}

function evalField(input: Value[], name: string): Value[] {
  const results: Value[] = [];
  for (const value of input) {
    if (name === '' && value !== undefined && value !== null) {
      results.push(value);
      continue;
    }
    if (isMap(value) && Object.prototype.hasOwnProperty.call(value, name)) results.push(value[name]);
  }
  return results;
}

function evalArray(input: Value[], original: readonly Param[]): Value[] {
  const result: Value[] = [];
  for (const value of input) {
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw new JsonPathError(`${goType(value)} is not array or slice`);
    const params = original.map((p) => ({ ...p }));
    if (!params[0]!.known) params[0]!.value = 0;
    if (params[0]!.value < 0) params[0]!.value += value.length;
    if (!params[1]!.known) params[1]!.value = value.length;
    if (params[1]!.value < 0 || (params[1]!.value === 0 && params[1]!.derived)) params[1]!.value += value.length;
    const [start, end] = [params[0]!.value, params[1]!.value];
    if (end === start) continue;
    if (start >= value.length || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${value.length}`);
    if (end > value.length || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${value.length}`);
    if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (params[2]!.known) {
      if (params[2]!.value <= 0) throw new JsonPathError('step must be > 0');
      step = params[2]!.value;
    }
    for (let i = start; i < end; i += step) result.push(value[i]);
  }
  return result;
}

function evalRecursive(input: Value[]): Value[] {
  const result: Value[] = [];
  for (const value of input) {
    const children = Array.isArray(value) ? value : isMap(value) ? sortedValues(value) : [];
    if (children.length > 0) {
      result.push(value);
      result.push(...evalRecursive(children));
    }
  }
  return result;
}

/** text/template's comparisons as jsonpath's copy does them: same basic kinds only. */
function compare(left: Value, right: Value, operator: string): boolean {
  const kind = (v: Value): string => (typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v);
  if (operator === '==' || operator === '!=') {
    if (kind(left) !== kind(right) && !(typeof left === 'number' && typeof right === 'number')) {
      throw new JsonPathError('incompatible types for comparison');
    }
    const equal = left === right;
    return operator === '==' ? equal : !equal;
  }
  if (!['<', '>', '<=', '>='].includes(operator)) throw new JsonPathError(`unrecognized filter operator ${operator}`);
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) throw new JsonPathError('incompatible types for comparison');
  const l = left as number | string;
  const r = right as number | string;
  switch (operator) {
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    default:
      return l >= r;
  }
}

/** One action's results: space-separated; maps and lists as compact JSON, the rest as text. */
function printResults(results: readonly Value[]): string {
  return results
    .map((value) => {
      if (value !== null && typeof value === 'object') return toCompactJson(value);
      if (value === null || value === undefined) return 'null';
      if (typeof value === 'number') return goNumber(value);
      return String(value);
    })
    .join(' ');
}

/**
 * `kubectl get -o jsonpath=TEMPLATE` for one object (or a List): stdout, or the error kubectl
 * writes to stderr (and exits 1) when the template is invalid or fails on the data.
 */
export function printJsonPath(template: string, data: unknown): { stdout: string; stderr: string } {
  let path: JsonPath;
  try {
    path = new JsonPath(template);
  } catch (error) {
    return { stdout: '', stderr: `error: error parsing jsonpath ${template}, ${(error as Error).message}\n` };
  }
  try {
    return { stdout: path.execute(data), stderr: '' };
  } catch (error) {
    const json = JSON.parse(JSON.stringify(data ?? null)) as unknown;
    const details =
      `Error executing template: ${(error as Error).message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSyntax(json)}\n\n`;
    return { stdout: '', stderr: `error: error executing jsonpath ${JSON.stringify(template)}: ${details}\n` };
  }
}
