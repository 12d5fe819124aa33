// JSON as the API server's Go code reads it: JSON.parse does the parsing, and when it refuses the
// text a small scanner finds the first error the way encoding/json's scanner does (it checks the
// whole text before decoding), to give Go's words, e.g. `invalid character '}' looking for
// beginning of value` or `unexpected end of JSON input`. Go scans bytes, so a character is one
// byte of UTF-8 and is quoted as Go's quoteChar quotes it.
// [go src/encoding/json/scanner.go: the step functions, eof, quoteChar]

/** A syntax error with encoding/json's message. */
export class GoJsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJsonSyntaxError';
  }
}

/** JSON.parse, failing with Go's message. */
export function parseGoJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GoJsonSyntaxError(goJsonSyntaxError(text) ?? 'unexpected end of JSON input');
  }
}

const enum Expect {
  Value,
  ValueOrEnd, // after `[`
  KeyOrEnd, // after `{`
  Key, // after `,` in an object
  AfterValue,
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined) => b !== undefined && (isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46));
/** The message encoding/json gives for `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  const bytes = new TextEncoder().encode(text);
  const scanned = scanGoJsonValue(bytes, 0);
  if ('error' in scanned) return scanned.error;
  let i = scanned.end;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return i < bytes.length ? `invalid character ${quoteChar(bytes[i]!)} after top-level value` : undefined;
}

/** Where a scan ended: after a whole value, or at the byte Go's scanner refused (the length at EOF). */
export type GoJsonScan = { end: number } | { error: string; at: number };

/** Scans one JSON value (and the whitespace before it) from byte `start` of UTF-8 text. */
export function scanGoJsonValue(bytes: Uint8Array, start: number): GoJsonScan {
  // One past the end stands for the space Go's scanner feeds at EOF: a literal or number cut
  // short fails on that space; anything else is `unexpected end of JSON input`.
  const at = (i: number): number | undefined => (i < bytes.length ? bytes[i] : i === bytes.length ? 0x20 : undefined);
  const eof: GoJsonScan = { error: 'unexpected end of JSON input', at: bytes.length };
  const invalid = (i: number, context: string): GoJsonScan => ({ error: `invalid character ${quoteChar(at(i)!)} ${context}`, at: i });
  const stack: ('object' | 'key' | 'array')[] = [];
  let expect = Expect.Value;
  let i = start;
  for (;;) {
    if (expect === Expect.AfterValue && stack.length === 0) return { end: i };
    const b = at(i);
    if (b === undefined) return eof;
    if (isSpace(b)) {
      i++;
      continue;
    }
    if (expect === Expect.AfterValue) {
      const top = stack[stack.length - 1];
      if (top === 'key') {
        if (b !== 0x3a) return invalid(i, 'after object key');
        stack[stack.length - 1] = 'object';
        expect = Expect.Value;
      } else if (top === 'object') {
        if (b === 0x2c) expect = Expect.Key;
        else if (b === 0x7d) stack.pop();
        else return invalid(i, 'after object key:value pair');
      } else {
        if (b === 0x2c) expect = Expect.Value;
        else if (b === 0x5d) stack.pop();
        else return invalid(i, 'after array element');
      }
      i++;
      continue;
    }
    if ((expect === Expect.ValueOrEnd && b === 0x5d) || (expect === Expect.KeyOrEnd && b === 0x7d)) {
      stack.pop();
      expect = Expect.AfterValue;
      i++;
      continue;
    }
    if (expect === Expect.KeyOrEnd || expect === Expect.Key) {
      if (b !== 0x22) return invalid(i, 'looking for beginning of object key string');
      const end = scanString(i);
      if (typeof end !== 'number') return end;
      stack[stack.length - 1] = 'key';
      expect = Expect.AfterValue;
      i = end;
      continue;
    }
    // The beginning of a value.
    if (b === 0x7b || b === 0x5b) {
      stack.push(b === 0x7b ? 'object' : 'array');
      expect = b === 0x7b ? Expect.KeyOrEnd : Expect.ValueOrEnd;
      i++;
      continue;
    }
    let end: number | GoJsonScan;
    if (b === 0x22) end = scanString(i);
    else if (b === 0x2d || isDigit(b)) end = scanNumber(i);
    else if (b === 0x74) end = scanLiteral(i, 'true');
    else if (b === 0x66) end = scanLiteral(i, 'false');
    else if (b === 0x6e) end = scanLiteral(i, 'null');
    else return invalid(i, 'looking for beginning of value');
    if (typeof end !== 'number') return end;
    expect = Expect.AfterValue;
    i = end;
  }

  /** A string from its opening quote; the index after its closing quote, or the error. */
  function scanString(start: number): number | GoJsonScan {
    let i = start + 1;
    for (;;) {
      const b = at(i);
      if (b === undefined || i >= bytes.length) return eof;
      if (b === 0x22) return i + 1;
      if (b < 0x20) return invalid(i, 'in string literal');
      if (b === 0x5c) {
        const e = at(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(at(i + k))) return invalid(i + k, 'in \\u hexadecimal character escape');
          i += 6;
          continue;
        }
        if (![0x62, 0x66, 0x6e, 0x72, 0x74, 0x5c, 0x2f, 0x22].includes(e!)) return invalid(i + 1, 'in string escape code');
        i += 2;
        continue;
      }
      i++;
    }
  }

  function scanNumber(start: number): number | GoJsonScan {
    let i = start;
    if (at(i) === 0x2d) {
      i++;
      if (!isDigit(at(i))) return invalid(i, 'in numeric literal');
    }
    if (at(i) === 0x30) i++;
    else while (isDigit(at(i))) i++;
    if (at(i) === 0x2e) {
      i++;
      if (!isDigit(at(i))) return invalid(i, 'after decimal point in numeric literal');
      while (isDigit(at(i))) i++;
    }
    if (at(i) === 0x65 || at(i) === 0x45) {
      i++;
      if (at(i) === 0x2b || at(i) === 0x2d) i++;
      if (!isDigit(at(i))) return invalid(i, 'in exponent of numeric literal');
      while (isDigit(at(i))) i++;
    }
    return i;
  }

  function scanLiteral(start: number, word: string): number | GoJsonScan {
    for (let k = 1; k < word.length; k++) {
      if (at(start + k) !== word.charCodeAt(k)) return invalid(start + k, `in literal ${word} (expecting '${word[k]}')`);
    }
    return start + word.length;
  }
}

/** Go's quoteChar: a byte in single quotes, escaped as strconv.Quote escapes the rune of that value. */
function quoteChar(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return `'"'`;
  const named: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x5c: '\\\\' };
  if (named[b] !== undefined) return `'${named[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  // A failing byte is never a UTF-8 continuation byte (0x80-0xBF): the lead byte fails first.
  return `'${String.fromCharCode(b)}'`;
}
