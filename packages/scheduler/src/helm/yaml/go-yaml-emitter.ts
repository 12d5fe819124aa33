// YAML output byte for byte as helm's toYaml writes it. Helm calls sigs.k8s.io/yaml.Marshal,
// which encodes to JSON and re-encodes that with its copy of go-yaml v2 (v2.4): keys sorted in
// go-yaml's natural order, sequences not indented under their key, 2-space indent, strings quoted
// only when they would read back as something else, `|-` blocks for multi-line strings, and long
// plain lines folded at 80 columns. The rules below follow go-yaml's emitter (yaml_emitter_*).
//
// The `yaml` package prints a different style (it indents sequences, quotes differently and does
// not fold), so this writer is our own.

import { formatFloat } from '../template/fmt.ts';
import { marshalJson, unmarshalJson } from './go-json.ts';
import { GoInt, type GoValue, isGoMap } from '../template/value.ts';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** sigs.k8s.io/yaml.Marshal(value) (with its trailing newline). Throws JsonError for NaN/Inf. */
export function marshalGoYaml(value: GoValue): string {
  // Through JSON, as sigs.k8s.io/yaml does: structs become maps, []byte base64, whole floats ints.
  const json = asYamlScalars(unmarshalJson(marshalJson(value)));
  const w = new Writer();
  w.node(json, -1, 'top');
  w.finish();
  return w.out;
}

/**
 * The JSON text read back as go-yaml reads it: a number JSON wrote without a fraction or
 * exponent (every whole float64 below 1e21) is a YAML int, so 80.0 prints as 80.
 */
function asYamlScalars(value: GoValue): GoValue {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? new GoInt(value, 'int64') : value;
  if (Array.isArray(value)) return value.map(asYamlScalars);
  if (isGoMap(value)) return new Map([...value].map(([k, v]) => [k, asYamlScalars(v)]));
  return value;
}

type Context = 'top' | 'mapValue' | 'seqItem';

class Writer {
  out = '';
  column = 0;
  /** Last thing written was whitespace (or nothing): go-yaml's emitter.whitespace. */
  whitespace = true;
  /** At the start of a line, only indentation written so far: emitter.indention. */
  indention = true;

  write(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }
  newline(): void {
    this.out += '\n';
    this.column = 0;
  }
  /** yaml_emitter_write_indent. */
  writeIndent(indent: number): void {
    const target = Math.max(indent, 0);
    if (!this.indention || this.column > target || (this.column === target && !this.whitespace)) this.newline();
    while (this.column < target) this.write(' ');
    this.whitespace = true;
    this.indention = true;
  }
  /** yaml_emitter_write_indicator. */
  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.write(' ');
    this.write(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** The document end (sigs.k8s.io/yaml's encoder never writes a closing "..."). */
  finish(): void {
    if (this.column > 0 || this.out === '') this.newline();
  }

  /**
   * Writes a node whose parent block is at `indent` (-1 for the document). Mapping values and
   * sequence items arrive right after their "key:" or "- ".
   */
  node(value: GoValue, indent: number, ctx: Context): void {
    if (isGoMap(value)) {
      if (value.size === 0) return this.scalarRaw('{}');
      const inner = ctx === 'top' ? 0 : indent + BEST_INDENT;
      const keys = [...value.keys()].sort(naturalLess);
      keys.forEach((key, i) => {
        if (!(ctx === 'seqItem' && i === 0)) this.writeIndent(inner);
        this.scalar(key, inner, true);
        this.indicator(':', false, false, false);
        this.node(value.get(key), inner, 'mapValue');
      });
      return;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return this.scalarRaw('[]');
      // In a mapping a sequence is not indented ("indentless"); elsewhere it is.
      const inner = ctx === 'mapValue' ? indent : ctx === 'top' ? 0 : indent + BEST_INDENT;
      value.forEach((item, i) => {
        if (!(ctx === 'seqItem' && i === 0)) this.writeIndent(inner);
        this.indicator('-', true, false, true);
        this.node(item, inner, 'seqItem');
      });
      return;
    }
    if (value === null || value === undefined) return this.scalarRaw('null');
    if (typeof value === 'boolean') return this.scalarRaw(String(value));
    if (value instanceof GoInt) return this.scalarRaw(String(value.value));
    if (typeof value === 'number') return this.scalarRaw(yamlFloat(value));
    // A scalar's continuation lines sit one step in from its block (2 at the top level).
    if (typeof value === 'string') return this.scalar(value, indent < 0 ? BEST_INDENT : indent + BEST_INDENT, false);
    this.scalarRaw('null');
  }

  /** A plain scalar that needs no analysis (numbers, booleans, {} and []). */
  scalarRaw(text: string): void {
    if (!this.whitespace) this.write(' ');
    this.write(text);
    this.whitespace = false;
    this.indention = false;
  }

  /** A string scalar: chooses the style as go-yaml does and writes it. */
  scalar(s: string, indent: number, simpleKey: boolean): void {
    const a = analyze(s);
    let style: 'plain' | 'single' | 'double' | 'literal';
    if (s.includes('\n')) style = 'literal';
    else if (resolvesToString(s)) style = 'plain';
    else style = 'double';
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (s.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        return this.plain(s, indent, allowBreaks);
      case 'single':
        return this.singleQuoted(s, indent, allowBreaks);
      case 'double':
        return this.doubleQuoted(s, indent, allowBreaks);
      case 'literal':
        return this.literal(s, indent);
    }
  }

  plain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.write(' ');
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  singleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') {
          this.writeIndent(indent);
        } else this.write(c);
        spaces = true;
      } else {
        if (c === "'") this.write("'");
        this.write(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
  }

  doubleQuoted(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    let spaces = false;
    const chars = [...s];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || c === '"' || c === '\\') {
        this.write('\\' + escapeFor(cp));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }

  literal(s: string, indent: number): void {
    this.indicator('|', true, false, false);
    // Block scalar hints: an explicit indent when the text starts with a space or break, and the
    // chomping: '-' without a final newline, '+' with more than one.
    if (s.startsWith(' ') || isBreak(s.codePointAt(0) ?? 0)) this.indicator(String(BEST_INDENT), false, false, false);
    const chars = [...s];
    const last = chars[chars.length - 1];
    if (last === undefined || !isBreak(last.codePointAt(0)!)) this.indicator('-', false, false, false);
    else if (chars.length === 1 || isBreak(chars[chars.length - 2]!.codePointAt(0)!)) this.indicator('+', false, false, false);
    this.newline();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c.codePointAt(0)!)) {
        this.newline();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escapeFor(cp: number): string {
  switch (cp) {
    case 0x00:
      return '0';
    case 0x07:
      return 'a';
    case 0x08:
      return 'b';
    case 0x09:
      return 't';
    case 0x0a:
      return 'n';
    case 0x0b:
      return 'v';
    case 0x0c:
      return 'f';
    case 0x0d:
      return 'r';
    case 0x1b:
      return 'e';
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x85:
      return 'N';
    case 0xa0:
      return '_';
    case 0x2028:
      return 'L';
    case 0x2029:
      return 'P';
  }
  if (cp <= 0xff) return 'x' + cp.toString(16).toUpperCase().padStart(2, '0');
  if (cp <= 0xffff) return 'u' + cp.toString(16).toUpperCase().padStart(4, '0');
  return 'U' + cp.toString(16).toUpperCase().padStart(8, '0');
}

/** go-yaml's is_printable (on code points): no tabs, no C0/C1 controls, BMP only. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  if (s.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  let precededByWhitespace = true;
  const chars = [...s];
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    const cp = c.codePointAt(0)!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(cp)) specialCharacters = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(cp);
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const RESOLVE_MAP = new Set([
  '',
  '~',
  'null',
  'Null',
  'NULL',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/** go-yaml's timestamp layouts: RFC 3339 with short fields (T or t), "date time", or a date. */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)?$/;

/** Would time.Parse accept it (fields in range)? */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  const hour = Number(m[4] ?? m[7] ?? 0);
  const minute = Number(m[5] ?? m[8] ?? 0);
  const second = Number(m[6] ?? m[9] ?? 0);
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

/** Would go-yaml read `s`, written plain, back as a string? (resolve() in go-yaml v2.) */
function resolvesToString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false;
  const first = s[0]!;
  if (first === '.') return !isGoFloat(s);
  if (/[0-9+-]/.test(first)) {
    if (isTimestamp(s)) return false;
    const plain = s.replace(/_/g, '');
    if (isGoInt(plain)) return false;
    if (YAML_STYLE_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
    if (BASE60_FLOAT.test(s)) return false;
  }
  return true;
}

/** strconv.ParseInt / ParseUint with base 0 (in range of 64 bits). */
function isGoInt(s: string): boolean {
  const m = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/.exec(s);
  if (!m) return false;
  return true;
}

/** strconv.ParseFloat on a string starting with '.': ".5", ".5e3". */
function isGoFloat(s: string): boolean {
  return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
}

/** go-yaml writes floats with strconv 'g' and -1 precision; infinities as .inf. */
function yamlFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  return formatFloat(x, 'g', -1);
}

/**
 * go-yaml v2's key order: numbers by value; strings rune by rune, where a run of digits compares
 * as a number and a letter sorts after a non-letter (so "a2" < "a10" and "a-b" < "ab").
 */
function naturalLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

