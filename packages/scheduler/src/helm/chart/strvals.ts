// helm's --set syntax (pkg/strvals): `a.b=c,d[0].e=f,list={x,y}`, with `\` escaping the next
// character, `null` deleting a key later, and typed values (true/false/null, int64 numbers
// without a leading zero; everything else, floats included, a string). --set-string keeps
// strings, --set-json reads JSON values, --set-file reads a file, --set-literal takes the
// rest of the text as it is.

import { GoInt, type GoMap, type GoValue, isGoMap, kindOf } from '../template/value.ts';
import { fromPlain } from '../yaml/go-json.ts';

export class StrvalsError extends Error {
  override name = 'StrvalsError';
}

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;
const EOF = Symbol('EOF');
const NOT_LIST = Symbol('not a list');

type Reader = (runes: string) => GoValue;

class Scanner {
  #pos = 0;
  constructor(private readonly runes: string[]) {}
  read(): string | undefined {
    return this.runes[this.#pos++];
  }
  unread(): void {
    this.#pos--;
  }
  rest(): string {
    return this.runes.slice(this.#pos).join('');
  }
  skip(n: number): void {
    this.#pos += n;
  }
}

/** Reads until one of `stop`; `\` escapes. Returns the text, the stop rune (or EOF). */
function runesUntil(sc: Scanner, stop: string): [string, string | typeof EOF] {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return [v, EOF];
    if (r === '\\') {
      const next = sc.read();
      if (next === undefined) return [v, EOF];
      v += next;
      continue;
    }
    if (stop.includes(r)) return [v, r];
    v += r;
  }
}

/** typedVal: how --set reads a value. */
function typedVal(val: string, asString: boolean): GoValue {
  if (asString) return val;
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return new GoInt(0, 'int64');
  if (val.length > 0 && val[0] !== '0' && /^[+-]?\d+$/.test(val)) {
    const n = Number(val);
    if (Math.abs(n) <= 2 ** 63) return new GoInt(n, 'int64');
  }
  return val;
}

function set(data: GoMap, key: string, value: GoValue): void {
  if (key.length > 0) data.set(key, value);
}

function conversionPanic(value: GoValue, want: string): never {
  const got = value === null || value === undefined ? 'nil' : kindOf(value) === 'slice' ? '[]interface {}' : kindOf(value) === 'map' ? 'map[string]interface {}' : kindOf(value);
  throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${got}, not ${want}`);
}

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: GoMap,
    private readonly reader: Reader,
    private readonly json: boolean,
  ) {}

  parse(): void {
    for (;;) {
      const done = this.key(this.data, 0);
      if (done) return;
    }
  }

  /** Parses one key=value; returns true at the end of the input. */
  key(data: GoMap, level: number): boolean {
    const [k, last] = runesUntil(this.sc, '=[,.');
    if (last === EOF) {
      if (k.length === 0) return true;
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        let list: GoValue[] = [];
        if (data.has(k)) {
          const existing = data.get(k);
          if (!Array.isArray(existing)) conversionPanic(existing, '[]interface {}');
          list = existing;
        }
        const [result, end] = this.listItem(list, i, level);
        set(data, k, result);
        return end;
      }
      case '=': {
        if (this.json) {
          if (this.emptyVal()) {
            set(data, k, null);
            return false;
          }
          set(data, k, this.jsonValue());
          return this.emptyVal() && this.atEnd();
        }
        const vl = this.valList();
        if (vl === EOF) {
          set(data, k, '');
          return true;
        }
        if (vl !== NOT_LIST) {
          set(data, k, vl);
          return false;
        }
        const [rs, end] = runesUntil(this.sc, ',');
        set(data, k, this.reader(rs));
        return end === EOF;
      }
      case ',':
        set(data, k, '');
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      case '.': {
        level++;
        if (level > MAX_NESTED_NAME_LEVEL) {
          throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        let inner: GoMap = new Map();
        if (data.has(k)) {
          const existing = data.get(k);
          if (!isGoMap(existing)) conversionPanic(existing, 'map[string]interface {}');
          inner = existing;
        }
        const end = this.key(inner, level);
        if (inner.size === 0) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
        set(data, k, inner);
        return end;
      }
    }
    return false;
  }

  #ended = false;
  atEnd(): boolean {
    return this.#ended;
  }

  /** Skips blanks and one comma; true when the value is empty (end or comma). */
  emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined) {
        this.#ended = true;
        return true;
      }
      if (r === ',') return true;
      if (!/\s/.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  jsonValue(): GoValue {
    const rest = this.sc.rest();
    // The longest prefix that is one JSON value (JSON.parse has no streaming decoder).
    for (let end = rest.length; end > 0; end--) {
      const candidate = rest.slice(0, end);
      if (end < rest.length && rest[end] !== ',' && !/\s/.test(rest[end]!)) continue;
      try {
        const value = JSON.parse(candidate) as unknown;
        this.sc.skip([...candidate].length);
        return fromPlain(value);
      } catch {
        // shorter
      }
    }
    throw new StrvalsError('invalid JSON');
  }

  keyIndex(): number {
    const [v, last] = runesUntil(this.sc, ']');
    if (last === EOF) throw new StrvalsError('error parsing index: EOF');
    if (!/^[+-]?\d+$/.test(v)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  }

  valList(): GoValue[] | typeof EOF | typeof NOT_LIST {
    const r = this.sc.read();
    if (r === undefined) return EOF;
    if (r !== '{') {
      this.sc.unread();
      return NOT_LIST;
    }
    const list: GoValue[] = [];
    for (;;) {
      const [rs, last] = runesUntil(this.sc, ',}');
      if (last === EOF) throw new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        list.push(this.reader(rs));
        return list;
      }
      list.push(this.reader(rs));
    }
  }

  listItem(list: GoValue[], i: number, level: number): [GoValue[], boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const [k, last] = runesUntil(this.sc, '[.=');
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (last === EOF) throw new StrvalsError('EOF');
    switch (last) {
      case '=': {
        if (this.json) {
          if (this.emptyVal()) return [setIndex(list, i, null), this.atEnd()];
          const v = this.jsonValue();
          const end = this.emptyVal() && this.atEnd();
          return [setIndex(list, i, v), end];
        }
        const vl = this.valList();
        if (vl === EOF) return [setIndex(list, i, ''), true];
        if (vl !== NOT_LIST) return [setIndex(list, i, vl), false];
        const [rs, end] = runesUntil(this.sc, ',');
        return [setIndex(list, i, this.reader(rs)), end === EOF];
      }
      case '[': {
        const next = this.keyIndex();
        let current: GoValue[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) {
          const existing = list[i];
          if (!Array.isArray(existing)) conversionPanic(existing, '[]interface {}');
          current = existing;
        }
        const [inner, end] = this.listItem(current, next, level);
        return [setIndex(list, i, inner), end];
      }
      case '.': {
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existing = list[i];
          if (isGoMap(existing)) inner = existing;
          else list[i] = inner;
        }
        const end = this.key(inner, level);
        return [setIndex(list, i, inner), end];
      }
    }
    throw new StrvalsError(`parse error: unexpected token ${last}`);
  }
}

function setIndex(list: GoValue[], index: number, value: GoValue): GoValue[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

/** --set: parses `text` into `dest`. */
export function parseSet(text: string, dest: GoMap): void {
  new Parser(new Scanner([...text]), dest, (rs) => typedVal(rs, false), false).parse();
}

/** --set-string. */
export function parseSetString(text: string, dest: GoMap): void {
  new Parser(new Scanner([...text]), dest, (rs) => typedVal(rs, true), false).parse();
}

/** --set-json: each value is JSON. */
export function parseSetJson(text: string, dest: GoMap): void {
  new Parser(new Scanner([...text]), dest, (rs) => rs, true).parse();
}

/** --set-file: each value names a file whose contents become the (string) value. */
export function parseSetFile(text: string, dest: GoMap, readFile: (path: string) => string): void {
  new Parser(new Scanner([...text]), dest, (rs) => readFile(rs), false).parse();
}

/** --set-literal: one key; everything after the first '=' is the value, as is. */
export function parseSetLiteral(text: string, dest: GoMap): void {
  const eq = indexOfUnescaped(text, '=');
  if (eq < 0) throw new StrvalsError(`key ${JSON.stringify(text)} has no value`);
  const value = text.slice(eq + 1);
  const keyText = text.slice(0, eq);
  // Reuse the --set key grammar with a placeholder value, then put the literal in its place.
  const marker = '\u0000literal\u0000';
  const parsed: GoMap = new Map();
  new Parser(new Scanner([...keyText, '=']), parsed, () => marker, false).parse();
  replaceMarker(parsed, marker, value);
  mergeInto(dest, parsed);
}

function indexOfUnescaped(text: string, c: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === c) return i;
  }
  return -1;
}

function replaceMarker(value: GoValue, marker: string, literal: string): GoValue {
  if (value === marker || value === '') return literal;
  if (Array.isArray(value)) value.forEach((v, i) => (value[i] = replaceMarker(v, marker, literal)));
  else if (isGoMap(value)) for (const [k, v] of value) value.set(k, replaceMarker(v, marker, literal));
  return value;
}

function mergeInto(dest: GoMap, src: GoMap): void {
  for (const [k, v] of src) {
    const existing = dest.get(k);
    if (isGoMap(v) && isGoMap(existing)) mergeInto(existing, v);
    else dest.set(k, v);
  }
}
