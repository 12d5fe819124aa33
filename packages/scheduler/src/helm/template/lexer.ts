// The lexer of Go's text/template (pkg.go.dev/text/template, "Text and spaces", "Actions"):
// text, {{ }} actions with `{{- ` / ` -}}` trimming, /* comments */, and the tokens inside an
// action. It runs eagerly and returns the whole token list; an error token ends the list.

export type TokenType =
  | 'error'
  | 'bool'
  | 'char' // a printable ASCII character inside an action (',' for range variables)
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'range'
  | 'nil'
  | 'template'
  | 'with';

export interface Token {
  type: TokenType;
  /** Offset of the token in the template text (JS string index). */
  pos: number;
  val: string;
  /** 1-based line of the token's start. */
  line: number;
}

const KEYWORDS: Readonly<Record<string, TokenType>> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

const KEYWORD_TYPES = new Set<TokenType>(Object.values(KEYWORDS));

export const isKeyword = (type: TokenType): boolean => KEYWORD_TYPES.has(type);

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const isAlphaNumeric = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return LETTER_OR_DIGIT.test(c);
};

/** Go's %#U of a character: U+0041 'A'. */
function describeRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = c === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(c);
  return printable ? `U+${hex} '${c}'` : `U+${hex}`;
}

export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0; // current position
  let start = 0; // start of the current token
  let line = 1; // line of pos
  let startLine = 1;
  let parenDepth = 0;
  let insideAction = false;

  const emit = (type: TokenType, val = input.slice(start, pos)): void => {
    tokens.push({ type, pos: start, val, line: startLine });
    start = pos;
    startLine = line;
  };
  const advance = (n: number): void => {
    for (let i = 0; i < n && pos < input.length; i++) {
      if (input[pos] === '\n') line++;
      pos++;
    }
  };
  const ignore = (): void => {
    start = pos;
    startLine = line;
  };
  const fail = (message: string): false => {
    tokens.push({ type: 'error', pos: start, val: message, line: startLine });
    return false;
  };
  /** Length of the trim marker " -" before `}}` at pos, or 0. */
  const rightTrimAt = (at: number): boolean => isSpace(input[at]) && input[at + 1] === '-' && input.startsWith(RIGHT, at + 2);
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (rightTrimAt(pos)) return { delim: true, trim: true };
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };
  const atTerminator = (): boolean => {
    const c = input[pos];
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };

  // Text until the next action; returns false at EOF or error.
  const lexText = (): boolean => {
    const next = input.indexOf(LEFT, pos);
    if (next < 0) {
      advance(input.length - pos);
      if (pos > start) emit('text');
      emit('eof', '');
      return false;
    }
    advance(next - pos);
    const trimLeft = input[next + 2] === '-' && isSpace(input[next + 3]);
    let textEnd = pos;
    if (trimLeft) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > start) tokens.push({ type: 'text', pos: start, val: input.slice(start, textEnd), line: startLine });
    ignore();
    return lexLeftDelim(trimLeft);
  };

  const lexLeftDelim = (trim: boolean): boolean => {
    advance(LEFT.length + (trim ? 2 : 0));
    // A comment: {{/* ... */}} with optional trim markers on either side.
    if (input.startsWith(LEFT_COMMENT, pos)) {
      ignore();
      return lexComment();
    }
    emit('leftDelim', input.slice(start, start + LEFT.length));
    insideAction = true;
    parenDepth = 0;
    return true;
  };

  const lexComment = (): boolean => {
    advance(LEFT_COMMENT.length);
    const end = input.indexOf(RIGHT_COMMENT, pos);
    if (end < 0) return fail('unclosed comment');
    advance(end + RIGHT_COMMENT.length - pos);
    const { delim, trim } = atRightDelim();
    if (!delim) return fail('comment ends before closing delimiter');
    advance((trim ? 2 : 0) + RIGHT.length);
    if (trim) skipLeadingSpace();
    ignore();
    return true;
  };

  const skipLeadingSpace = (): void => {
    while (isSpace(input[pos])) advance(1);
  };

  const lexRightDelim = (trim: boolean): boolean => {
    if (trim) {
      advance(2);
      ignore();
    }
    advance(RIGHT.length);
    emit('rightDelim');
    if (trim) {
      skipLeadingSpace();
      ignore();
    }
    insideAction = false;
    return true;
  };

  const lexInsideAction = (): boolean => {
    const { delim, trim } = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim(trim);
      return fail('unclosed left paren');
    }
    const c = input[pos];
    if (c === undefined) return fail('unclosed action');
    if (isSpace(c)) {
      // A run of spaces; a trim marker ends it.
      while (isSpace(input[pos]) && !rightTrimAt(pos)) advance(1);
      emit('space');
      return true;
    }
    switch (c) {
      case '=':
        advance(1);
        emit('assign');
        return true;
      case ':':
        advance(1);
        if (input[pos] !== '=') return fail('expected :=');
        advance(1);
        emit('declare');
        return true;
      case '|':
        advance(1);
        emit('pipe');
        return true;
      case '"':
        return lexQuote();
      case '`':
        return lexRawQuote();
      case '$':
        return lexFieldOrVariable('variable');
      case "'":
        return lexChar();
      case '.':
        if (input[pos + 1] !== undefined && input[pos + 1]! >= '0' && input[pos + 1]! <= '9') return lexNumber();
        return lexFieldOrVariable('field');
      case '(':
        advance(1);
        emit('leftParen');
        parenDepth++;
        return true;
      case ')':
        advance(1);
        parenDepth--;
        if (parenDepth < 0) return fail(`unexpected right paren ${describeRune(c)}`);
        emit('rightParen');
        return true;
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) return lexNumber();
    if (isAlphaNumeric(c)) return lexIdentifier();
    const ch = String.fromCodePoint(input.codePointAt(pos)!);
    if (ch.length === 1 && c.charCodeAt(0) < 0x7f && c.charCodeAt(0) >= 0x20) {
      advance(1);
      emit('char');
      return true;
    }
    return fail(`unrecognized character in action: ${describeRune(ch)}`);
  };

  const lexIdentifier = (): boolean => {
    while (isAlphaNumeric(input[pos])) advance(1);
    if (!atTerminator()) return fail(`bad character ${describeRune(String.fromCodePoint(input.codePointAt(pos)!))}`);
    const word = input.slice(start, pos);
    const keyword = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (keyword && word !== '.') emit(keyword);
    else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
    return true;
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    advance(1); // the '.' or '$'
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (isAlphaNumeric(input[pos])) advance(1);
    if (!atTerminator()) return fail(`bad character ${describeRune(String.fromCodePoint(input.codePointAt(pos)!))}`);
    emit(type);
    return true;
  };

  const lexChar = (): boolean => {
    advance(1);
    for (;;) {
      const c = input[pos];
      if (c === '\\') {
        advance(1);
        if (input[pos] !== undefined && input[pos] !== '\n') {
          advance(1);
          continue;
        }
        return fail('unterminated character constant');
      }
      if (c === undefined || c === '\n') return fail('unterminated character constant');
      advance(1);
      if (c === "'") break;
    }
    emit('charConstant');
    return true;
  };

  const lexNumber = (): boolean => {
    if (!scanNumber()) return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
    emit('number');
    return true;
  };

  const scanNumber = (): boolean => {
    const accept = (valid: string): boolean => {
      if (input[pos] !== undefined && valid.includes(input[pos]!)) {
        advance(1);
        return true;
      }
      return false;
    };
    const acceptRun = (valid: string): void => {
      while (input[pos] !== undefined && valid.includes(input[pos]!)) advance(1);
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(input[pos])) {
      advance(1);
      return false;
    }
    return true;
  };

  const lexQuote = (): boolean => {
    advance(1);
    for (;;) {
      const c = input[pos];
      if (c === '\\') {
        advance(1);
        if (input[pos] !== undefined && input[pos] !== '\n') {
          advance(1);
          continue;
        }
        return fail('unterminated quoted string');
      }
      if (c === undefined || c === '\n') return fail('unterminated quoted string');
      advance(1);
      if (c === '"') break;
    }
    emit('string');
    return true;
  };

  const lexRawQuote = (): boolean => {
    advance(1);
    const end = input.indexOf('`', pos);
    if (end < 0) return fail('unterminated raw quoted string');
    advance(end + 1 - pos);
    emit('rawString');
    return true;
  };

  let ok = true;
  while (ok) ok = insideAction ? lexInsideAction() : lexText();
  return tokens;
}
