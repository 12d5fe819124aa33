// Go's fmt package for template values: Sprint, Sprintln, Sprintf and the %v rules, written from
// the fmt and strconv documentation (pkg.go.dev/fmt, pkg.go.dev/strconv).
//
// What a chart author sees depends on these details: float64 prints shortest ("3.14", "1e+06"),
// maps print with sorted keys (`map[a:1 b:2]`), nil prints as `<nil>`, and a verb that does not
// fit its operand prints `%!d(string=x)` instead of failing.

import { utf8Decode, utf8Encode } from './utf8.ts';
import {
  dynamicTypeName,
  GoInt,
  GoStruct,
  type GoValue,
  isGoMap,
  sortedKeys,
} from './value.ts';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  /** %+v and %#v keep their flag here; plus/sharp are cleared for them as fmt does. */
  plusV: boolean;
  sharpV: boolean;
}

const plainSpec = (): Spec => ({
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

/** fmt.Sprint: operands in %v, a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatArg(arg, 'v', plainSpec());
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: operands in %v separated by spaces, then a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return args.map((arg) => formatArg(arg, 'v', plainSpec())).join(' ') + '\n';
}

/** %v of one value, as templates print an action's result. */
export function formatValue(value: GoValue): string {
  return formatArg(value, 'v', plainSpec());
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const n = format.length;
  let i = 0;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec = plainSpec();
    // Flags.
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case '#':
          spec.sharp = true;
          break;
        case '0':
          spec.zero = true;
          break;
        case '+':
          spec.plus = true;
          break;
        case '-':
          spec.minus = true;
          break;
        case ' ':
          spec.space = true;
          break;
        default:
          break flags;
      }
    }
    // Argument index, width.
    [argNum, i, reordered] = argIndex(format, i, argNum, args.length, reordered);
    let badWidth = false;
    if (format[i] === '*') {
      i++;
      const w = args[argNum];
      argNum++;
      const width = w instanceof GoInt ? w.value : undefined;
      if (width === undefined || Math.abs(width) > 1e6) badWidth = true;
      else {
        spec.width = width;
        if (width < 0) {
          spec.minus = true;
          spec.width = -width;
        }
      }
    } else {
      const start = i;
      while (i < n && format[i]! >= '0' && format[i]! <= '9') i++;
      if (i > start) spec.width = Number(format.slice(start, i));
    }
    let badPrec = false;
    if (format[i] === '.') {
      i++;
      [argNum, i, reordered] = argIndex(format, i, argNum, args.length, reordered);
      if (format[i] === '*') {
        i++;
        const p = args[argNum];
        argNum++;
        const prec = p instanceof GoInt ? p.value : undefined;
        if (prec === undefined || prec < 0) badPrec = true;
        else spec.prec = prec;
      } else {
        const start = i;
        while (i < n && format[i]! >= '0' && format[i]! <= '9') i++;
        spec.prec = Number(format.slice(start, i) || '0');
      }
    }
    [argNum, i, reordered] = argIndex(format, i, argNum, args.length, reordered);
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (badWidth) out += '%!(BADWIDTH)';
    if (badPrec) out += '%!(BADPREC)';
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      if (spec.sharp) {
        spec.sharp = false;
        spec.sharpV = true;
      }
      if (spec.plus) {
        spec.plus = false;
        spec.plusV = true;
      }
    }
    out += formatArg(args[argNum], verb, spec);
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ';
    out += args
      .slice(argNum)
      .map((arg) => (arg === null || arg === undefined ? '<nil>' : `${dynamicTypeName(arg)}=${formatArg(arg, 'v', plainSpec())}`))
      .join(', ');
    out += ')';
  }
  return out;
}

/** Parses an explicit argument index `[n]`; returns the next argument number and position. */
function argIndex(format: string, i: number, argNum: number, count: number, reordered: boolean): [number, number, boolean] {
  if (format[i] !== '[') return [argNum, i, reordered];
  const close = format.indexOf(']', i);
  if (close < 0) return [argNum, i, reordered];
  const index = Number(format.slice(i + 1, close));
  if (!Number.isInteger(index) || index < 1 || index > count) return [argNum, close + 1, true];
  return [index - 1, close + 1, true];
}

function formatArg(arg: GoValue, verb: string, spec: Spec): string {
  if (arg === null || arg === undefined) {
    if (verb === 'T' || verb === 'v') return pad('<nil>', spec);
    return badVerb(arg, verb);
  }
  if (verb === 'T') return pad(dynamicTypeName(arg), spec);
  return printValue(arg, verb, spec, 0);
}

function badVerb(arg: GoValue, verb: string): string {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${dynamicTypeName(arg)}=${printValue(arg, 'v', plainSpec(), 0)})`;
}

function printValue(value: GoValue, verb: string, spec: Spec, depth: number): string {
  if (value === null || value === undefined) return depth > 0 ? '<nil>' : badVerb(value, verb);
  if (value instanceof GoStruct && value.stringer && 'vsxXq'.includes(verb) && !spec.sharpV) {
    return formatString(value.stringer(), verb, spec);
  }
  switch (typeof value) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(String(value), spec) : badVerb(value, verb);
    case 'number':
      return formatFloatVerb(value, verb, spec);
    case 'string':
      return 'vsxXq'.includes(verb) ? formatString(value, verb, spec) : badVerb(value, verb);
  }
  if (value instanceof GoInt) return formatInt(value, verb, spec);
  if (value instanceof Uint8Array) {
    if ('sqxX'.includes(verb)) return formatString(utf8Decode(value), verb, spec);
    const items = [...value].map((b) => formatInt(new GoInt(b, 'uint8'), verb === 'v' ? 'd' : verb, plainSpec()));
    return spec.sharpV ? `[]byte{${items.map((b) => '0x' + Number(b).toString(16)).join(', ')}}` : `[${items.join(' ')}]`;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => printValue(item, verb, spec, depth + 1));
    if (spec.sharpV) return `${dynamicTypeName(value)}{${items.join(', ')}}`;
    return `[${items.join(' ')}]`;
  }
  if (isGoMap(value)) {
    const items = sortedKeys(value).map(
      (key) => `${printValue(key, verb, spec, depth + 1)}:${printValue(value.get(key), verb, spec, depth + 1)}`,
    );
    if (spec.sharpV) return `${dynamicTypeName(value)}{${items.join(', ')}}`;
    return `map[${items.join(' ')}]`;
  }
  // A struct: {v1 v2}, %+v {Name:v1 ...}; a pointer to one prints & first at the top level.
  const fields = [...value.fields.entries()].map(([name, field]) =>
    spec.plusV || spec.sharpV ? `${name}:${printValue(field, verb, spec, depth + 1)}` : printValue(field, verb, spec, depth + 1),
  );
  const body = `{${fields.join(spec.sharpV ? ', ' : ' ')}}`;
  if (value.typeName.startsWith('*')) return depth === 0 ? `&${body}` : `0xc000000000`;
  return body;
}

function formatString(s: string, verb: string, spec: Spec): string {
  if (spec.prec !== undefined) s = [...s].slice(0, spec.prec).join('');
  switch (verb) {
    case 'v':
      if (spec.sharpV) return pad(quote(s), spec);
      return pad(s, spec);
    case 's':
      return pad(s, spec);
    case 'q':
      if (spec.sharp && !s.includes('`') && ![...s].some((c) => c !== '\t' && !isPrint(c))) return pad('`' + s + '`', spec);
      return pad(quote(s, spec.plus), spec);
    case 'x':
    case 'X': {
      const bytes = utf8Encode(s);
      let hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
      if (verb === 'X') hex = hex.map((h) => h.toUpperCase());
      const prefix = spec.sharp ? (verb === 'x' ? '0x' : '0X') : '';
      const joined = spec.space ? hex.map((h) => prefix + h).join(' ') : prefix + hex.join('');
      return pad(joined, spec);
    }
  }
  return badVerb(s, verb);
}

function formatInt(value: GoInt, verb: string, spec: Spec): string {
  const n = value.value;
  const neg = n < 0;
  const abs = Math.abs(n);
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp) prefix = '0';
      break;
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(safeFromCodePoint(n), spec);
    case 'q':
      return pad(quoteRune(n), spec);
    case 'U': {
      const hex = abs.toString(16).toUpperCase().padStart(4, '0');
      return pad(spec.sharp ? `U+${hex} '${safeFromCodePoint(n)}'` : `U+${hex}`, spec);
    }
    default:
      return badVerb(value, verb);
  }
  if (spec.prec !== undefined) {
    digits = digits.padStart(spec.prec, '0');
    if (spec.prec === 0 && n === 0) digits = '';
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const body = prefix + digits;
  if (spec.zero && !spec.minus && spec.prec === undefined && spec.width !== undefined) {
    return sign + body.padStart(spec.width - sign.length, '0');
  }
  return pad(sign + body, spec);
}

function safeFromCodePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

function formatFloatVerb(x: number, verb: string, spec: Spec): string {
  let body: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      body = formatFloat(x, 'g', spec.prec ?? -1);
      if (verb === 'G') body = body.toUpperCase();
      break;
    case 'e':
    case 'E':
      body = formatFloat(x, 'e', spec.prec ?? 6);
      if (verb === 'E') body = body.toUpperCase();
      break;
    case 'f':
    case 'F':
      body = formatFloat(x, 'f', spec.prec ?? 6);
      break;
    case 'x':
    case 'X':
    case 'b':
      // Hexadecimal and binary float formats are not used by charts.
      body = formatFloat(x, 'g', -1);
      break;
    default:
      return badVerb(x, verb);
  }
  if (Number.isFinite(x)) {
    if (spec.plus && !body.startsWith('-')) body = '+' + body;
    else if (spec.space && !body.startsWith('-')) body = ' ' + body;
    if (spec.sharp && verb !== 'b' && !body.includes('.') && !/e/i.test(body)) body += '.';
  } else if (body === 'NaN' && spec.plus) {
    body = '+NaN';
  }
  if (spec.zero && !spec.minus && spec.width !== undefined && Number.isFinite(x)) {
    const sign = /^[+\- ]/.test(body) ? body[0]! : '';
    return sign + body.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return pad(body, spec);
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt 'e', 'f' and 'g'; prec -1 means the shortest
 * representation that reads back the same (and for 'g' switches to exponent form when the
 * exponent is below -4 or at least 6, hence "1e+06").
 */
export function formatFloat(x: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const digs = decimalDigits(Math.abs(x), fmt, prec);
  let body: string;
  if (fmt === 'e') body = fmtE(digs, prec < 0 ? digs.d.length - 1 : prec);
  else if (fmt === 'f') body = fmtF(digs, prec < 0 ? Math.max(digs.d.length - digs.dp, 0) : prec);
  else {
    const shortest = prec < 0;
    let p = shortest ? digs.d.length : prec === 0 ? 1 : prec;
    let eprec = p;
    if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
    if (shortest) eprec = 6;
    const exp = digs.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (p > digs.d.length) p = digs.d.length;
      body = fmtE(digs, p - 1);
    } else {
      if (p > digs.dp) p = digs.d.length;
      body = fmtF(digs, Math.max(p - digs.dp, 0));
    }
  }
  return (neg ? '-' : '') + body;
}

interface Digits {
  /** Significant decimal digits, no trailing zeros ("" for zero). */
  d: string;
  /** Position of the decimal point relative to the digits. */
  dp: number;
}

function decimalDigits(x: number, fmt: 'e' | 'f' | 'g', prec: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  let exp: string;
  if (prec < 0) exp = x.toExponential();
  else if (fmt === 'e') exp = x.toExponential(Math.min(prec, 100));
  else if (fmt === 'g') exp = x.toExponential(Math.min(Math.max(prec, 1) - 1, 100));
  else {
    // 'f' with a precision: round at that decimal place.
    const e = Math.floor(Math.log10(x));
    const sig = e + 1 + prec;
    if (sig <= 0) {
      // Rounds to zero or to one unit in the last place.
      const unit = Math.pow(10, -prec);
      return x >= unit / 2 && sig === 0 && x > unit / 2 ? { d: '1', dp: 1 - prec } : { d: '', dp: 0 };
    }
    exp = x.toExponential(Math.min(sig - 1, 100));
  }
  const [mant, e] = exp.split('e') as [string, string];
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

function fmtE(digs: Digits, prec: number): string {
  const first = digs.d[0] ?? '0';
  let out = first;
  if (prec > 0) out += '.' + digs.d.slice(1, 1 + prec).padEnd(prec, '0');
  const exp = digs.d.length === 0 ? 0 : digs.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  const abs = Math.abs(exp);
  return `${out}e${sign}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(digs: Digits, prec: number): string {
  let int: string;
  if (digs.dp > 0) int = digs.d.slice(0, digs.dp).padEnd(digs.dp, '0');
  else int = '0';
  if (prec <= 0) return int;
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const j = digs.dp + i;
    frac += j < 0 || j >= digs.d.length ? '0' : digs.d[j];
  }
  return `${int}.${frac}`;
}

function pad(s: string, spec: Spec): string {
  if (spec.width === undefined) return s;
  const len = [...s].length;
  if (len >= spec.width) return s;
  const fill = (spec.zero && !spec.minus ? '0' : ' ').repeat(spec.width - len);
  return spec.minus ? s + ' '.repeat(spec.width - len) : fill + s;
}

/** unicode.IsPrint for one character: letters, marks, numbers, punctuation, symbols and ' '. */
function isPrint(c: string): boolean {
  return c === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c);
}

/** strconv.Quote (strconv.QuoteToASCII when `ascii`). */
export function quote(s: string, ascii = false): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (cp < 0x80 ? cp >= 0x20 && cp !== 0x7f : !ascii && isPrint(c)) out += c;
    else out += escapeRune(cp);
  }
  return out + '"';
}

function escapeRune(cp: number): string {
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function quoteRune(n: number): string {
  const c = safeFromCodePoint(n);
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  if (isPrint(c)) return `'${c}'`;
  return `'${escapeRune(c.codePointAt(0)!)}'`;
}

