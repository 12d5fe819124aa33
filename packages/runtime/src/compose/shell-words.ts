// Splits a `command:` or `entrypoint:` string into words the way compose does (mattn's
// go-shellwords with environment and backtick expansion off): whitespace separates words, single
// and double quotes group, a backslash escapes the next character (`\n`, `\t` become newline and
// tab) except inside single quotes. As in go-shellwords, an unquoted `;`, `&`, `|`, `<` or `>` ends
// the command: what follows it is dropped.

export class ShellWordsError extends Error {}

export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let single = false;
  let double = false;
  let escaped = false;
  for (const ch of line) {
    if (escaped) {
      escaped = false;
      word += ch === 'n' ? '\n' : ch === 't' ? '\t' : ch;
      inWord = true;
      continue;
    }
    if (ch === '\\' && !single) {
      escaped = true;
      continue;
    }
    if (ch === '\\') {
      word += ch;
      continue;
    }
    if (/[ \t\r\n]/.test(ch) && !single && !double) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (ch === '"' && !single) {
      double = !double;
      inWord = true;
      continue;
    }
    if (ch === "'" && !double) {
      single = !single;
      inWord = true;
      continue;
    }
    if (';&|<>'.includes(ch) && !single && !double) {
      // `2>` style redirections drop the digits before them too.
      if (ch === '>' && /^\d+$/.test(word)) inWord = false;
      break;
    }
    word += ch;
    inWord = true;
  }
  if (escaped || single || double) throw new ShellWordsError('invalid command line string');
  if (inWord) words.push(word);
  return words;
}
