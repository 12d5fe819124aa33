// Command-line flags the way helm's cobra/pflag reads them: `--name value`, `--name=value`,
// `-s value`, `-svalue`, combined short booleans, `--` ending the flags, flags anywhere among the
// arguments; string arrays repeat, string slices also split on commas. Errors in pflag's words.

export type FlagKind = 'bool' | 'string' | 'stringArray' | 'stringSlice';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
  /** pflag's NoOptDefVal: the value of `--name` given alone (it then never takes the next argument). */
  readonly noOptDefault?: string;
  /** cobra's MarkDeprecated: using the flag prints `Flag --name has been deprecated, <message>`. */
  readonly deprecated?: string;
}

export type FlagValue = boolean | string | string[];

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  positional: string[];
  /** Warnings for deprecated flags that were used, in the order they appeared. */
  deprecations: string[];
}

export class FlagError extends Error {
  override name = 'FlagError';
}

function parseBool(name: string, text: string): boolean {
  if (/^(1|t|T|TRUE|true|True)$/.test(text)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(text)) return false;
  throw new FlagError(`invalid argument ${JSON.stringify(text)} for "--${name}" flag: strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, FlagValue>();
  const positional: string[] = [];
  const deprecations: string[] = [];
  const set = (spec: FlagSpec, value: string | boolean): void => {
    if (spec.deprecated !== undefined) {
      const warning = `Flag --${spec.name} has been deprecated, ${spec.deprecated}`;
      if (!deprecations.includes(warning)) deprecations.push(warning);
    }
    switch (spec.kind) {
      case 'bool':
        values.set(spec.name, typeof value === 'boolean' ? value : parseBool(spec.name, value));
        return;
      case 'string':
        values.set(spec.name, String(value));
        return;
      case 'stringArray':
        values.set(spec.name, [...((values.get(spec.name) as string[] | undefined) ?? []), String(value)]);
        return;
      case 'stringSlice': {
        const text = String(value);
        const items = text === '' ? [] : text.split(',');
        values.set(spec.name, [...((values.get(spec.name) as string[] | undefined) ?? []), ...items]);
      }
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.kind === 'bool') set(spec, true);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < args.length) set(spec, args[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // One or more shorthand flags; a non-bool one takes the rest (or the next argument).
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${arg}`);
        if (spec.kind === 'bool') {
          if (arg[j + 1] === '=') {
            set(spec, arg.slice(j + 2));
            break;
          }
          set(spec, true);
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < args.length) set(spec, args[++i]!);
        else throw new FlagError(`flag needs an argument: '${c}' in ${arg}`);
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return { values, positional, deprecations };
}

export const flagString = (flags: ParsedFlags, name: string): string => (flags.values.get(name) as string | undefined) ?? '';
export const flagBool = (flags: ParsedFlags, name: string): boolean => (flags.values.get(name) as boolean | undefined) ?? false;
export const flagList = (flags: ParsedFlags, name: string): string[] => (flags.values.get(name) as string[] | undefined) ?? [];
