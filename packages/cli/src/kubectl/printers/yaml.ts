// `kubectl get -o yaml`: kubectl marshals the object to JSON and converts it with
// sigs.k8s.io/yaml, i.e. go-yaml v2 encoding the decoded JSON. This is a port of just what that
// path can produce (block mappings and sequences of JSON values), byte for byte:
// - map keys in go-yaml's order (letters after other characters, digit runs compared as numbers);
// - sequences in a mapping not indented (`containers:\n- name: x`), 2-space indentation;
// - a string is plain unless it would read back as another type (`"80"`, `"true"`, `"null"`,
//   a timestamp: double quotes) or plain YAML cannot hold it (`': '`, a leading `- `, `#`:
//   single quotes); strings with line breaks use a literal block (`|`, `|-`, `|+`) when they
//   can, else double quotes with escapes;
// - long plain and quoted scalars fold at spaces past column 80, continuing 2 columns deeper.
// [go-yaml v2 encode.go `stringv`, resolve.go `resolve`, sorter.go `keyList.Less`,
// emitterc.go `yaml_emitter_analyze_scalar`, `yaml_emitter_select_scalar_style`,
// `yaml_emitter_write_plain_scalar` / `_single_quoted_` / `_double_quoted_` / `_literal_`;
// kubectl's YAMLPrinter; checked byte for byte against the stock kubectl client in tests]

import { compareStrings } from './labels.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What kubectl prints (after `error: `) when the YAML conversion fails. */
export class YamlError extends Error {
  override name = 'YamlError';
}

const BEST_WIDTH = 80;
const INDENT = 2;

/**
 * The YAML kubectl prints for one JSON-shaped value (an object or a List), ending in a newline.
 * Throws YamlError (`yaml: control characters are not allowed`) where kubectl fails.
 */
export function toYaml(value: unknown): string {
  const out = new Emitter();
  out.node(asReadBack(value), -1, 'document');
  return out.finish();
}

/**
 * The value as go-yaml reads it back from Go's JSON text (sigs.k8s.io/yaml parses the compact
 * JSON as YAML): characters Go leaves unescaped but YAML forbids fail the conversion; a raw NEL
 * (U+0085) is a line break there, folded like one inside a value and a parse error inside a key.
 * Undefined fields drop out, as in JSON.
 */
function asReadBack(value: unknown): Json {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  if (FORBIDDEN.test(JSON.stringify(json))) throw new YamlError('yaml: control characters are not allowed');
  const state = { line: 1 };
  return readBack(json, state);
}

function readBack(value: Json, state: { line: number }): Json {
  if (typeof value === 'string') return readBackString(value, state);
  if (Array.isArray(value)) return value.map((item) => readBack(item, state));
  if (value === null || typeof value !== 'object') return value;
  // No prototype: a key named __proto__ (a valid ConfigMap key) is then a key like any other.
  const out: { [key: string]: Json } = Object.create(null);
  // Go writes keys in byte order; NELs met on the way count as lines for the error message.
  for (const key of Object.keys(value).sort(compareStrings)) {
    if (key.includes('\u0085')) {
      // Reported on the line of the key's last break (as the stock client shows).
      const line = state.line + key.split('\u0085').length - 2;
      throw new YamlError(`yaml: line ${line}: did not find expected ',' or '}'`);
    }
    out[key] = readBack(value[key]!, state);
  }
  return out;
}

const FORBIDDEN = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
// Only raw spaces surround the break in Go's JSON text: tabs are escaped there (\t).
const NEL_RUN = / *(?:\u0085 *)+/g;

function readBackString(text: string, state: { line: number }): string {
  if (!text.includes('\u0085')) return text;
  return text.replace(NEL_RUN, (run) => {
    const breaks = run.split('\u0085').length - 1;
    state.line += breaks;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

type Context = 'document' | 'mapping-value' | 'sequence-item';

class Emitter {
  private text = '';
  private column = 0;
  /** Right after a literal block's final line break: the next line needs no break of its own. */
  private atLineStart = true;

  finish(): string {
    return this.atLineStart ? this.text : `${this.text}\n`;
  }

  /**
   * Writes a node. `indent` is the indentation of the collection holding it (-1 at the top);
   * the cursor sits after `key:` (mapping-value), after `- ` (sequence-item) or at a line start.
   */
  node(value: Json, indent: number, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.inline('[]', context);
      // A sequence in a mapping is not indented; at the top or in a sequence it is.
      const own = context === 'mapping-value' ? Math.max(indent, 0) : indent + (context === 'document' ? 1 : INDENT);
      value.forEach((item, i) => {
        if (i > 0 || context === 'mapping-value') this.newline(own);
        else if (context === 'document') this.pad(own);
        this.put('- ');
        this.node(item, own, 'sequence-item');
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort(yamlKeyCompare);
      if (keys.length === 0) return this.inline('{}', context);
      const own = context === 'document' ? 0 : indent + INDENT;
      keys.forEach((key, i) => {
        if (i > 0 || context === 'mapping-value') this.newline(own);
        if (isSimpleKey(key)) {
          this.scalar(key, own, true);
        } else {
          // A key with a line break or over 128 bytes is written as `? key` then `: value`.
          this.put('? ');
          this.scalar(key, own, false);
          this.newline(own);
        }
        this.put(':');
        this.node(value[key]!, own, 'mapping-value');
      });
      return;
    }
    if (context === 'mapping-value') this.put(' ');
    this.scalar(value, indent < 0 ? 0 : indent, false);
  }

  private inline(text: string, context: Context): void {
    if (context === 'mapping-value') this.put(' ');
    this.put(text);
  }

  private scalar(value: null | boolean | number | string, indent: number, simpleKey: boolean): void {
    if (value === null) return this.put('null');
    if (typeof value === 'boolean') return this.put(value ? 'true' : 'false');
    if (typeof value === 'number') return this.put(formatNumber(value));
    // Continuation lines of a scalar sit one level deeper than its collection.
    const continuation = indent + INDENT;
    const style = selectStyle(value, simpleKey);
    switch (style) {
      case 'plain':
        return this.plain(value, continuation, !simpleKey);
      case 'single':
        return this.singleQuoted(value, continuation, !simpleKey);
      case 'double':
        return this.doubleQuoted(value, continuation, !simpleKey);
      case 'literal':
        return this.literal(value, continuation);
    }
  }

  private plain(value: string, indent: number, allowBreaks: boolean): void {
    if (!value.includes(' ') || this.column + value.length <= BEST_WIDTH) return this.put(value);
    let spaces = false;
    const chars = [...value];
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') {
          this.newline(indent);
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    });
  }

  private singleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    // Short enough never to reach the fold column, and nothing to double: write it at once.
    if (this.column + value.length + 2 <= BEST_WIDTH && !value.includes("'") && !BREAKS.test(value)) {
      return this.put(`'${value}'`);
    }
    this.put("'");
    let spaces = false;
    let breaks = false;
    const chars = [...value];
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
          this.newline(indent);
        } else {
          this.put(ch);
        }
        spaces = true;
      } else if (isBreak(ch.codePointAt(0)!)) {
        // Printable line breaks (U+2028, U+2029) end the line; the next character is indented.
        this.lineBreak(ch);
        breaks = true;
      } else {
        if (breaks) this.pad(indent);
        this.put(ch === "'" ? "''" : ch);
        spaces = false;
        breaks = false;
      }
    });
    this.put("'");
  }

  private doubleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    if (this.column + value.length + 2 <= BEST_WIDTH && PRINTABLE_ASCII_UNESCAPED.test(value)) return this.put(`"${value}"`);
    this.put('"');
    let spaces = false;
    const chars = [...value];
    // go-yaml's is_bom looks at the first character whatever the index: a value that starts
    // with a BOM has every character escaped.
    const escapeAll = value.startsWith('\ufeff');
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (escapeAll || !isPrintable(cp) || cp === 0xfeff || isBreak(cp) || ch === '"' || ch === '\\') {
        this.put(escape(cp));
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.newline(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    });
    this.put('"');
  }

  private literal(value: string, indent: number): void {
    this.put('|');
    const chars = [...value];
    if (chars[0] === ' ' || isBreak(chars[0]!.codePointAt(0)!)) this.put(String(INDENT));
    const last = chars[chars.length - 1]!;
    if (!isBreak(last.codePointAt(0)!)) this.put('-');
    else if (chars.length === 1 || isBreak(chars[chars.length - 2]!.codePointAt(0)!)) this.put('+');
    this.lineBreak('\n');
    for (const ch of chars) {
      if (isBreak(ch.codePointAt(0)!)) {
        this.lineBreak(ch);
      } else {
        if (this.atLineStart) this.pad(indent);
        this.put(ch);
      }
    }
  }

  private lineBreak(ch: string): void {
    this.text += ch;
    this.column = 0;
    this.atLineStart = true;
  }

  private newline(indent: number): void {
    if (!this.atLineStart) this.lineBreak('\n');
    this.pad(indent);
  }

  private pad(indent: number): void {
    if (indent > this.column) {
      this.text += ' '.repeat(indent - this.column);
      this.column = indent;
      this.atLineStart = false;
    }
  }

  private put(text: string): void {
    this.text += text;
    this.column += codePointLength(text);
    this.atLineStart = false;
  }
}

/** yaml_emitter_check_simple_key for a scalar: no line break and at most 128 bytes of UTF-8. */
function isSimpleKey(key: string): boolean {
  if (/[\r\n\u0085\u2028\u2029]/.test(key)) return false;
  // A UTF-16 unit never takes more than 3 bytes of UTF-8.
  return key.length <= 42 || new TextEncoder().encode(key).length <= 128;
}

/** Characters as Go counts runes: code points. */
function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) count--;
  }
  return count;
}

const BREAKS = /[\r\n\u0085\u2028\u2029]/;

/** Text a double-quoted scalar holds as it is: printable ASCII but `"` and `\\`. */
const PRINTABLE_ASCII_UNESCAPED = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/** Words that need no analysis: a letter first, then letters, digits, `_./-` and `:` not last. */
const SIMPLE_WORD = /^[A-Za-z_](?:[A-Za-z0-9_./-]|:(?!$))*$/;

type Style = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml's choice: encoder's wish (literal, plain or double), then the emitter's downgrades. */
function selectStyle(value: string, simpleKey: boolean): Style {
  if (SIMPLE_WORD.test(value) && !RESOLVE_TO_OTHER.has(value)) return 'plain';
  const analysis = analyze(value);
  let style: Style;
  if (value.includes('\n')) style = 'literal';
  else if (resolvesToString(value) && !isBase60Float(value)) style = 'plain';
  else style = 'double';
  if (simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed) style = 'single';
    else if (value === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
  return style;
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]!.codePointAt(0)!);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      else if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(cp)) special = true;
    if (ch === ' ') {
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
    precededByWhitespace = isBlank(cp);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** go-yaml's is_printable, by code point. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function isBreak(cp: number): boolean {
  return cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isBlank(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || isBreak(cp);
}

/** Double-quoted escapes as go-yaml writes them. */
function escape(cp: number): string {
  switch (cp) {
    case 0x00: return '\\0';
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x09: return '\\t';
    case 0x0a: return '\\n';
    case 0x0b: return '\\v';
    case 0x0c: return '\\f';
    case 0x0d: return '\\r';
    case 0x1b: return '\\e';
    case 0x22: return '\\"';
    case 0x5c: return '\\\\';
    case 0x85: return '\\N';
    case 0xa0: return '\\_';
    case 0x2028: return '\\L';
    case 0x2029: return '\\P';
  }
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

const RESOLVE_TO_OTHER = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT_DOT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** Whether go-yaml would read the string back, unquoted, as a string (resolve.go `resolve`). */
function resolvesToString(value: string): boolean {
  if (RESOLVE_TO_OTHER.has(value)) return false;
  const first = value[0] ?? '';
  if (first === '.') return !GO_FLOAT_DOT.test(value);
  if (!/[-+0-9]/.test(first)) return true;
  if (isTimestamp(value)) return false;
  const plain = value.replaceAll('_', '');
  return !(GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain));
}

/** go-yaml quotes base-60 floats (`1:20`) for YAML 1.1 readers. */
function isBase60Float(value: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(value);
}

/** The timestamp forms go-yaml v2 accepts (Go time.Parse of its four layouts, with range checks). */
function isTimestamp(value: string): boolean {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      value,
    );
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const hour = Number(match[4] ?? match[7] ?? 0);
  const minute = Number(match[5] ?? match[8] ?? 0);
  const second = Number(match[6] ?? match[9] ?? 0);
  return hour < 24 && minute < 60 && second < 60;
}

/** Integers as decimals; other numbers as Go's strconv.FormatFloat(f, 'g', -1, 64). */
function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Shortest 'g' switches to an exponent below 1e-4 or from 1e6 (eprec 6).
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** go-yaml v2's key order (sorter.go `keyList.Less`) for string keys. */
export function yamlKeyCompare(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(a, b) ? -1 : 1;
}

const ASCII = /^[\x00-\x7f]*$/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** keyList.Less for ASCII keys, without splitting them into arrays (the common, hot case). */
function asciiKeyLess(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length && isDigit(a.charCodeAt(ai)); ai++) an = an * 10 + (a.charCodeAt(ai) - 48);
    let bi = i;
    for (; bi < b.length && isDigit(b.charCodeAt(bi)); bi++) bn = bn * 10 + (b.charCodeAt(bi) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return a.length < b.length;
}

// Go's unicode tables may lag the JavaScript engine's for code points assigned lately.
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function yamlKeyLess(a: string, b: string): boolean {
  if (ASCII.test(a) && ASCII.test(b)) return asciiKeyLess(a, b);
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]!);
    const bl = LETTER.test(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}
