// How the docker CLI's image verbs print ages through go-units (`2 minutes ago`), parse their flags,
// and word their usage errors (exit status 125). Tables and sizes are in table.ts and formatting.ts.

import { fromRFC3339 } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';

/** go-units HumanDuration: `Less than a second`, `About a minute`, `3 hours`, `2 weeks`, `7 months`. */
export function humanDuration(ms: number): string {
  // Seconds and minutes are truncated, hours rounded, as go-units does.
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** `2 minutes ago` for an RFC 3339 time, at virtual time `now`. */
export function since(created: string, now: number): string {
  return `${humanDuration(now - fromRFC3339(created))} ago`;
}

/** docker's 12-digit short ID. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export interface FlagSpec {
  /** Flags that take a value, by every name (`-t`, `--tag`). */
  values?: readonly string[];
  /** Flags without a value. */
  booleans?: readonly string[];
}

export interface ParsedFlags {
  values: Map<string, string[]>;
  booleans: Set<string>;
  positionals: string[];
}

/** Parses docker-style flags (`-t x`, `--tag=x`, `-q`); an unknown one is docker's usage error. */
export function parseFlags(verb: string, args: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.values?.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw usageError(verb, `flag needs an argument: '${name.replace(/^-+/, '')}' in ${name}`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (spec.booleans?.includes(name)) {
      if (eq > 0 && arg.slice(eq + 1) === 'false') continue;
      booleans.add(name);
    } else if (/^-[a-zA-Z]{2,}$/.test(arg) && [...arg.slice(1)].every((c) => spec.booleans?.includes(`-${c}`))) {
      for (const c of arg.slice(1)) booleans.add(`-${c}`);
    } else {
      throw usageError(verb, `unknown ${name.startsWith('--') ? 'flag' : 'shorthand flag'}: ${name.startsWith('--') ? name : `'${name.slice(1, 2)}' in ${name}`}`);
    }
  }
  return { values, booleans, positionals };
}

/** The last value of a flag under any of its names. */
export function flagValue(parsed: ParsedFlags, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const list = parsed.values.get(name);
    if (list !== undefined) found = list[list.length - 1];
  }
  return found;
}

export function flagValues(parsed: ParsedFlags, ...names: string[]): string[] {
  return names.flatMap((n) => parsed.values.get(n) ?? []);
}

export function usageError(verb: string, message: string): CommandError {
  return new CommandError(`${message}\nSee 'docker ${verb} --help'.`, 125);
}

/** A daemon error as the docker CLI prints it. */
export function daemonError(message: string): CommandError {
  return new CommandError(`Error response from daemon: ${message}`, 1);
}
