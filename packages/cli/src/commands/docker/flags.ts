// Docker's command-line flags, parsed the way its pflag library does: `--name value`,
// `--name=value`, grouped shorthands (`-it`, `-dp 8080:80`), repeatable list flags, and parsing
// that stops at the first positional argument for verbs whose command follows the image
// (`docker run IMAGE CMD...`, `docker exec CONTAINER CMD...`). Mistakes get pflag's words and
// docker's exit status 125.

import { CommandError } from '../../session.ts';

export type FlagKind = 'bool' | 'string' | 'list';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Extra long names (`--net` for `--network`). */
  aliases?: string[];
}

export interface ParsedFlags {
  bools: Set<string>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  positional: string[];
  /** How each flag was written, for pflag's error messages (`-m, --memory`). */
  spelled: Map<string, string>;
}

export function usageError(verb: string, message: string): CommandError {
  return new CommandError(`${message}\nSee 'docker ${verb} --help'.`, 125);
}

export function parseFlags(verb: string, args: readonly string[], specs: readonly FlagSpec[], options: { interspersed?: boolean } = {}): ParsedFlags {
  const interspersed = options.interspersed ?? true;
  const parsed: ParsedFlags = { bools: new Set(), strings: new Map(), lists: new Map(), positional: [], spelled: new Map() };
  const byLong = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const spec of specs) {
    byLong.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byLong.set(alias, spec);
    if (spec.short) byShort.set(spec.short, spec);
  }
  const set = (spec: FlagSpec, value: string | undefined) => {
    if (spec.kind === 'bool') {
      if (value === undefined || value === 'true') parsed.bools.add(spec.name);
      else if (value === 'false') parsed.bools.delete(spec.name);
      else throw usageError(verb, `invalid argument "${value}" for "${spelling(spec)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    } else if (spec.kind === 'string') parsed.strings.set(spec.name, value!);
    else parsed.lists.set(spec.name, [...(parsed.lists.get(spec.name) ?? []), value!]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=');
      const spec = byLong.get(name);
      if (spec === undefined) throw usageError(verb, `unknown flag: --${name}`);
      if (spec.kind === 'bool') set(spec, inline);
      else {
        const value = inline ?? args[++i];
        if (value === undefined) throw usageError(verb, `flag needs an argument: --${name}`);
        set(spec, value);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (spec === undefined) throw usageError(verb, `unknown shorthand flag: '${letter}' in ${arg}`);
        if (spec.kind === 'bool') {
          if (arg[j + 1] === '=') {
            set(spec, arg.slice(j + 2));
            break;
          }
          set(spec, undefined);
          continue;
        }
        let value = arg.slice(j + 1).replace(/^=/, '');
        if (value === '') {
          const next = args[++i];
          if (next === undefined) throw usageError(verb, `flag needs an argument: '${letter}' in -${letter}`);
          value = next;
        }
        set(spec, value);
        break;
      }
      continue;
    }
    parsed.positional.push(arg);
    if (!interspersed) {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
  }
  for (const spec of specs) parsed.spelled.set(spec.name, spelling(spec));
  return parsed;
}

function spelling(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** docker's RAMInBytes: `512m`, `1g`, `64M`, `100000` (bytes); binary units. */
export function parseMemory(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!match) return undefined;
  const power = match[2] ? ' kmgtp'.indexOf(match[2].toLowerCase()) : 0;
  return Math.floor(Number(match[1]) * 1024 ** power);
}

/** The wording `docker run` uses when a size flag is wrong. */
export function invalidSize(verb: string, flag: string, value: string): CommandError {
  return usageError(verb, `invalid argument "${value}" for "${flag}" flag: invalid size: '${value}'`);
}
