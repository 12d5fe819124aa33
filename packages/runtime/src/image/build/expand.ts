// Variable substitution in Dockerfile instructions (ENV, ARG, COPY, WORKDIR, FROM, ...), the way
// BuildKit's shell lexer does it: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:+alt}`, `${VAR+alt}`; single quotes keep text literal; a backslash escapes `$`.
// Words are split on unquoted whitespace and quotes are removed.

export type Lookup = (name: string) => string | undefined;

/** Substitutes variables in one word (quotes removed). */
export function expandWord(text: string, lookup: Lookup): string {
  return expandWords(text, lookup, false)[0] ?? '';
}

/** Substitutes variables and splits into words at unquoted whitespace (quotes removed). */
export function expandWords(text: string, lookup: Lookup, split = true): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      if (quote === '"' && !['$', '"', '\\'].includes(next)) word += c;
      word += next;
      i++;
      inWord = true;
      continue;
    }
    if (c === '"' || (c === "'" && quote === undefined)) {
      if (quote === c) quote = undefined;
      else if (quote === undefined) quote = c;
      else word += c;
      inWord = true;
      continue;
    }
    if (c === '$') {
      const [value, used] = variable(text, i, lookup);
      if (used > 0) {
        word += value;
        i += used - 1;
        inWord = true;
        continue;
      }
    }
    if (split && quote === undefined && /\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    word += c;
    inWord = true;
  }
  if (inWord || !split) words.push(word);
  return words;
}

/** The value of the variable reference at `text[at]` (a `$`) and how many characters it spans (0: not a reference). */
function variable(text: string, at: number, lookup: Lookup): [string, number] {
  const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
  if (simple) return [lookup(simple[1]!) ?? '', simple[0].length];
  if (text[at + 1] !== '{') return ['', 0];
  const close = text.indexOf('}', at);
  if (close < 0) return ['', 0];
  const body = text.slice(at + 2, close);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/.exec(body);
  if (!m) return ['', close - at + 1];
  const [, name, op, word = ''] = m;
  const value = lookup(name!);
  const alt = expandWord(word, lookup);
  switch (op) {
    case ':-':
      return [value === undefined || value === '' ? alt : value, close - at + 1];
    case '-':
      return [value === undefined ? alt : value, close - at + 1];
    case ':+':
      return [value === undefined || value === '' ? '' : alt, close - at + 1];
    case '+':
      return [value === undefined ? '' : alt, close - at + 1];
    default:
      return [value ?? '', close - at + 1];
  }
}
