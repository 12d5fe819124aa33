// One `docker compose <subcommand>` (up, down, ps, ...): its flags in compose's parser and what it
// does with a context. Each lives in its own file beside this one and is listed in
// compose-command.ts.

import type { FlagSpec, ParsedFlags } from '../../../compose/flags.ts';
import type { ComposeContext } from './compose-context.ts';

export interface ComposeSubcommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for `docker compose --help`. */
  readonly summary: string;
  /** `[OPTIONS] [SERVICE...]`, after `docker compose <name> `. */
  readonly usage: string;
  readonly flags: Record<string, FlagSpec>;
  /** Flags end at the first word (`exec SERVICE COMMAND -x`: -x is the command's). */
  readonly stopAtWord?: boolean;
  run(ctx: ComposeContext, flags: ParsedFlags): Promise<number>;
}

export const str = (flags: ParsedFlags, name: string): string | undefined => flags.values[name] as string | undefined;
export const bool = (flags: ParsedFlags, name: string): boolean => flags.values[name] === true;
export const list = (flags: ParsedFlags, name: string): string[] => (flags.values[name] as string[] | undefined) ?? [];

/** An integer flag (`-t 5`, `--tail 20`), failing as strconv.Atoi does. */
export function intFlag(flags: ParsedFlags, name: string): number | undefined {
  const text = str(flags, name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new FlagValueError(`invalid argument "${text}" for "--${name}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`);
  return Number(text);
}

/** A bad flag value: compose's syntax failure. */
export class FlagValueError extends Error {}
