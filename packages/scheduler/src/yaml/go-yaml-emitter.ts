// YAML as go-yaml v2 writes it, byte for byte: the last step of sigs.k8s.io/yaml, through which
// `kubectl get -o yaml` and helm's toYaml (and `helm get values`, `helm status`) both print. The
// value is JSON-shaped, as sigs.k8s.io/yaml has it after its JSON round trip:
// - map keys in go-yaml's order (go-yaml-key-order.ts);
// - sequences in a mapping not indented (`containers:\n- name: x`), 2-space indentation;
// - a string is plain unless it would read back as another type (`"80"`, `"true"`, `"null"`,
//   a timestamp: double quotes; go-yaml-resolve.ts) or plain YAML cannot hold it (`': '`, a
//   leading `- `, `#`: single quotes); strings with line breaks use a literal block (`|`, `|-`,
//   `|+`) when they can, else double quotes with escapes;
// - long plain and quoted scalars fold at spaces past column 80, continuing 2 columns deeper;
// - a key with a line break or over 128 bytes is written `? key` / `: value`.
// [go-yaml v2 encode.go `stringv`, emitterc.go `yaml_emitter_analyze_scalar`,
// `yaml_emitter_select_scalar_style`, `yaml_emitter_write_plain_scalar` / `_single_quoted_` /
// `_double_quoted_` / `_literal_`; checked byte for byte against the stock kubectl and helm]
//
// The `yaml` package prints a different style (it indents sequences, quotes differently and does
// not fold), so this writer is our own.

import { goYamlKeyCompare } from './go-yaml-key-order.ts';
import { isBase60Float, resolvesToString } from './go-yaml-resolve.ts';

/** A JSON-shaped value; a mapping is a Map, so that any key (even `__proto__`) is a plain key. */
export type GoYamlValue = null | boolean | number | string | readonly GoYamlValue[] | ReadonlyMap<string, GoYamlValue>;

const BEST_WIDTH = 80;
const INDENT = 2;

/** The block YAML go-yaml v2 writes for one value, ending in a newline. */
export function emitGoYaml(value: GoYamlValue): string {
  const out = new Emitter();
  out.node(value, -1, 'document');
  return out.finish();
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
  node(value: GoYamlValue, indent: number, context: Context): void {
    if (isSequence(value)) {
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
    if (isMapping(value)) {
      // go-yaml's order is not transitive for a few key sets (1 < 0777 < 0o17 < 1): Go then
      // follows its random map order, this the Map's.
      const keys = [...value.keys()].sort(goYamlKeyCompare);
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
        this.node(value.get(key)!, own, 'mapping-value');
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

// Array.isArray and instanceof Map do not narrow the readonly types out of the union.
function isSequence(value: GoYamlValue): value is readonly GoYamlValue[] {
  return Array.isArray(value);
}

function isMapping(value: GoYamlValue): value is ReadonlyMap<string, GoYamlValue> {
  return value instanceof Map;
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
  if (SIMPLE_WORD.test(value) && resolvesToString(value)) return 'plain';
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

/**
 * A whole number as a decimal (JSON writes it without a fraction, so it reads back as a YAML int:
 * 80.0 prints as 80); other numbers as Go's strconv.FormatFloat(f, 'g', -1, 64).
 */
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
