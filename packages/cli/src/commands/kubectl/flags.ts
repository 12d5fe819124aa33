// kubectl's command-line flags, read the way cobra and pflag read them: `--name value`,
// `--name=value`, `-n value`, `-nvalue`, `-n=value`, grouped boolean shorthands (`-it`), flags
// anywhere among the arguments, `--` ending them (what follows is the command of `exec` and
// `run`), defaults and "no option" defaults (`--cascade` alone means background). Mistakes get
// pflag's words followed by kubectl's pointer to help:
//   error: unknown flag: --foo
//   See 'kubectl get --help' for usage.
// [github.com/spf13/pflag flag.go parseLongArg / parseSingleShortArg, int.go, bool.go,
// duration.go, string_slice.go; kubectl's flag error function]

import { DurationError, parseDuration } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';

export type FlagKind = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export type FlagValue = string | number | boolean | readonly string[];

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
  /** The value when the flag is not given (false, '', 0, [] or 0s unless said). Durations in ms. */
  readonly default?: FlagValue;
  /** pflag's NoOptDefVal: the value of `--name` given without `=value` (it then takes no argument). */
  readonly noOptDefault?: string;
  /** One paragraph for `--help`. */
  readonly usage: string;
}

/** What the command line said, with the defaults of the flags it left out. */
export class Flags {
  constructor(
    private readonly specs: ReadonlyMap<string, FlagSpec>,
    private readonly values: ReadonlyMap<string, FlagValue>,
    /** The words that are not flags, in order. */
    readonly positional: readonly string[],
    /** How many positional words came before `--` (cobra's ArgsLenAtDash), or -1 without one. */
    readonly argsLenAtDash: number,
  ) {}

  /** Whether the command has the flag at all. */
  declares(name: string): boolean {
    return this.specs.has(name);
  }

  /** Whether the flag was given (cobra's Changed). */
  changed(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string {
    return this.value(name, '') as string;
  }

  bool(name: string): boolean {
    return this.value(name, false) as boolean;
  }

  int(name: string): number {
    return this.value(name, 0) as number;
  }

  /** stringArray and stringSlice flags. */
  list(name: string): readonly string[] {
    return this.value(name, []) as readonly string[];
  }

  /** A duration flag in milliseconds. */
  duration(name: string): number {
    return this.value(name, 0) as number;
  }

  private value(name: string, fallback: FlagValue): FlagValue {
    if (!this.specs.has(name)) throw new Error(`no flag --${name} declared`);
    return this.values.get(name) ?? this.specs.get(name)!.default ?? fallback;
  }
}

/** A usage mistake: the message, then `See 'kubectl <command> --help' for usage.` */
export function flagError(commandPath: string, message: string): CommandError {
  return new CommandError(`error: ${message}\nSee '${commandPath} --help' for usage.`);
}

/** `-f, --filename` or `--all`, as pflag names a flag in its errors. */
export function flagSpelling(spec: FlagSpec): string {
  return spec.short === undefined ? `--${spec.name}` : `-${spec.short}, --${spec.name}`;
}

/**
 * Parses `args` against `specs`. `commandPath` (`kubectl get`) goes into the errors. A `-h` or
 * `--help` anywhere sets the `help` flag, which every command has.
 */
export function parseFlags(commandPath: string, args: readonly string[], specs: readonly FlagSpec[]): Flags {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const spec of [...specs, HELP_FLAG]) {
    if (byName.has(spec.name)) continue;
    byName.set(spec.name, spec);
    if (spec.short !== undefined && !byShort.has(spec.short)) byShort.set(spec.short, spec);
  }
  const values = new Map<string, FlagValue>();
  const positional: string[] = [];
  let argsLenAtDash = -1;
  const fail = (message: string): never => {
    throw flagError(commandPath, message);
  };
  const set = (spec: FlagSpec, text: string): void => {
    const invalid = (reason: string) => fail(`invalid argument ${goQuote(text)} for ${goQuote(flagSpelling(spec))} flag: ${reason}`);
    switch (spec.kind) {
      case 'bool': {
        const parsed = parseGoBool(text);
        if (parsed === undefined) invalid(`strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
        values.set(spec.name, parsed!);
        return;
      }
      case 'string':
        values.set(spec.name, text);
        return;
      case 'int': {
        const parsed = parseGoInt(text);
        if (parsed === undefined) invalid(`strconv.ParseInt: parsing ${goQuote(text)}: ${/^[+-]?\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`);
        values.set(spec.name, parsed!);
        return;
      }
      case 'duration':
        try {
          values.set(spec.name, parseDuration(text));
        } catch (error) {
          if (!(error instanceof DurationError)) throw error;
          invalid(error.message);
        }
        return;
      case 'stringArray':
        values.set(spec.name, [...((values.get(spec.name) as string[] | undefined) ?? []), text]);
        return;
      case 'stringSlice': {
        const items = text === '' ? [] : text.split(',');
        values.set(spec.name, [...((values.get(spec.name) as string[] | undefined) ?? []), ...items]);
      }
    }
  };
  const takesNoArgument = (spec: FlagSpec) => spec.kind === 'bool' || spec.noOptDefault !== undefined;
  const noArgumentValue = (spec: FlagSpec) => spec.noOptDefault ?? 'true';

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      if (body === '' || body.startsWith('-') || body.startsWith('=')) fail(`bad flag syntax: ${arg}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = byName.get(name);
      if (spec === undefined) fail(`unknown flag: --${name}`);
      if (eq >= 0) set(spec!, body.slice(eq + 1));
      else if (takesNoArgument(spec!)) set(spec!, noArgumentValue(spec!));
      else if (i + 1 < args.length) set(spec!, args[++i]!);
      else fail(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      let shorthands = arg.slice(1);
      while (shorthands.length > 0) {
        const letter = shorthands[0]!;
        const spec = byShort.get(letter);
        if (spec === undefined) fail(`unknown shorthand flag: '${letter}' in -${shorthands}`);
        if (shorthands.length > 2 && shorthands[1] === '=') {
          set(spec!, shorthands.slice(2));
          break;
        }
        if (takesNoArgument(spec!)) {
          set(spec!, noArgumentValue(spec!));
          shorthands = shorthands.slice(1);
          continue;
        }
        if (shorthands.length > 1) set(spec!, shorthands.slice(1));
        else if (i + 1 < args.length) set(spec!, args[++i]!);
        else fail(`flag needs an argument: '${letter}' in -${shorthands}`);
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return new Flags(byName, values, positional, argsLenAtDash);
}

/** Every kubectl command has `-h, --help`. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', usage: 'help for this command' };

/** strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (/^(1|t|T|TRUE|true|True)$/.test(text)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(text)) return false;
  return undefined;
}

/** strconv.ParseInt(text, 0, 64) within JavaScript's safe integers: decimal, 0x, 0o, 0b, underscores between digits. */
export function parseGoInt(text: string): number | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[1-9][0-9_]*|0)$/.exec(text);
  if (match === null || /__|_$|^[+-]?_/.test(match[2]!)) return undefined;
  const digits = match[2]!.replace(/_/g, '');
  const value = /^0[0-7]+$/.test(digits) ? parseInt(digits.slice(1), 8) : Number(digits.replace(/^0[oO]/, '0o'));
  if (!Number.isSafeInteger(value)) return undefined;
  return match[1] === '-' ? -value : value;
}

/** Go's %q for the plain text of flags and values. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}
