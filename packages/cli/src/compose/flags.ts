// Command-line flags as docker's CLI (cobra/pflag) reads them: `--name value`, `--name=value`,
// `-n value`, `-nvalue`, repeatable list flags, `--` ending the flags, and pflag's error texts.
// Parsing stops at the first word that is not a flag when `stopAtWord` is set (the verb).

export type FlagType = 'bool' | 'string' | 'list';

export interface FlagSpec {
  type: FlagType;
  short?: string;
}

export interface ParsedFlags {
  values: Record<string, string | boolean | string[]>;
  /** Words that are not flags, in order (with stopAtWord: the first one and all that follow). */
  rest: string[];
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], specs: Record<string, FlagSpec>, options: { stopAtWord?: boolean } = {}): ParsedFlags {
  const values: ParsedFlags['values'] = {};
  const rest: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  const set = (name: string, value: string | boolean) => {
    if (specs[name]!.type === 'list') values[name] = [...((values[name] as string[] | undefined) ?? []), String(value)];
    else values[name] = value;
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const spec = specs[name];
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.type === 'bool') {
        set(name, eq < 0 ? true : word.slice(eq + 1) !== 'false');
      } else if (eq >= 0) {
        set(name, word.slice(eq + 1));
      } else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(name, argv[++i]!);
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // Shorthands group (`-it`, `-dp 8080:80`): bool letters in a row, then at most one that
      // takes the rest of the word, or the next word, as its value.
      for (let j = 1; j < word.length; j++) {
        const letter = word[j]!;
        const name = byShort.get(letter);
        if (!name) throw new FlagError(`unknown shorthand flag: '${letter}' in ${word}`);
        if (specs[name]!.type === 'bool') {
          if (word[j + 1] === '=') {
            set(name, word.slice(j + 2) !== 'false');
            break;
          }
          set(name, true);
          continue;
        }
        if (j + 1 < word.length) {
          set(name, word.slice(word[j + 1] === '=' ? j + 2 : j + 1));
        } else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${letter}' in ${word}`);
          set(name, argv[++i]!);
        }
        break;
      }
      continue;
    }
    if (options.stopAtWord) {
      rest.push(...argv.slice(i));
      break;
    }
    rest.push(word);
  }
  return { values, rest };
}
