// `dockyard kubectl ...` (and `kubectl ...` in `dockyard shell`): finds the command the words
// name the way cobra does (global flags may come first: `kubectl -n web get pods`), parses its
// flags, answers `--help`, and runs it against the cluster. Mistakes get kubectl's words:
// `error: unknown command "foo" for "kubectl"` with cobra's suggestions, pflag's flag errors.

import { CommandError } from '../../session.ts';
import type { TopCommand } from '../command.ts';
import { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { type FlagSpec, parseFlags } from './flags.ts';
import { CONTEXT_NAME, GLOBAL_FLAGS } from './global-flags.ts';
import { commandHelp, optionsHelp, rootHelp } from './help.ts';
import { ROOT_GROUPS } from './verbs.ts';

const OPTIONS_COMMAND: KubectlCommand = {
  name: 'options',
  summary: 'Print the list of flags inherited by all commands',
  async run(client) {
    client.out(optionsHelp(GLOBAL_FLAGS));
    return 0;
  },
};

/** Every top-level command: those `kubectl --help` lists, in its order (suggestions follow it), and `options`. */
const ROOT_COMMANDS: readonly KubectlCommand[] = [...ROOT_GROUPS.flatMap((g) => g.commands), OPTIONS_COMMAND];

export const kubectlCommand: TopCommand = {
  name: 'kubectl',
  summary: 'The kubectl CLI against the simulated cluster (apply, get, describe, logs, rollout, ...)',
  async run(args, session) {
    const found = findCommand(args);
    if (found.command === undefined) return runRoot(found.rest, session.stdout.bind(session));
    const { command, path, rest } = found;
    const flags = parseFlags(path, rest, [...(command.flags ?? []), ...GLOBAL_FLAGS]);
    if (flags.bool('help')) {
      session.stdout(commandHelp(path, command));
      return 0;
    }
    const context = flags.string('context');
    if (context !== '' && context !== CONTEXT_NAME) throw new CommandError(`error: context was not found for specified context: ${context}`);
    if (command.run === undefined) {
      const [word] = flags.positional;
      if (word !== undefined) throw new CommandError(`error: unknown command ${JSON.stringify(word)}\nSee '${path} -h' for help and examples`);
      const help = commandHelp(path, command);
      if (command.helpStream === 'stdout') session.stdout(help);
      else session.stderr(help);
      return 1;
    }
    const client = new Client(session, path, flags);
    try {
      return await command.run(client, flags);
    } catch (error) {
      throw client.failure(error);
    } finally {
      // The control plane's immediate reactions (controller syncs, scheduling) happen before the
      // prompt comes back, without moving the clock.
      session.world.advance(0);
    }
  },
};

/** `kubectl` alone, `kubectl --help`, `kubectl options`, or an unknown word. */
function runRoot(rest: readonly string[], stdout: (text: string) => void): number {
  const word = commandWords(rest, GLOBAL_FLAGS)[0];
  if (word !== undefined) throw new CommandError(`error: unknown command ${JSON.stringify(word)} for "kubectl"${suggestions(word)}`);
  parseFlags('kubectl', rest, GLOBAL_FLAGS);
  stdout(rootHelp(ROOT_GROUPS));
  return 0;
}

interface Found {
  command: KubectlCommand | undefined;
  path: string;
  rest: string[];
}

/**
 * cobra's Find: the first word that is not a flag (or a flag's value) names a command, then the
 * next one a subcommand of it, as long as they match.
 */
function findCommand(args: readonly string[]): Found {
  let command: KubectlCommand | undefined;
  let path = 'kubectl';
  let rest = [...args];
  for (;;) {
    const choices = command === undefined ? ROOT_COMMANDS : (command.subcommands ?? []);
    const word = commandWords(rest, [...(command?.flags ?? []), ...GLOBAL_FLAGS])[0];
    const next = word === undefined ? undefined : choices.find((c) => c.name === word || c.aliases?.includes(word));
    if (next === undefined) return { command, path, rest };
    rest = withoutFirst(rest, word!);
    command = next;
    path += ` ${next.name}`;
  }
}

/** The words of `args` that are neither flags nor their values (cobra's stripFlags). */
function commandWords(args: readonly string[], specs: readonly FlagSpec[]): string[] {
  const words: string[] = [];
  const takesValue = (spec: FlagSpec | undefined) => spec === undefined || (spec.kind !== 'bool' && spec.noOptDefault === undefined);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--') && !arg.includes('=')) {
      if (takesValue(specs.find((s) => s.name === arg.slice(2)))) i++;
    } else if (arg.startsWith('-') && !arg.includes('=') && arg.length === 2) {
      if (takesValue(specs.find((s) => s.short === arg[1]))) i++;
    } else if (arg !== '' && !arg.startsWith('-')) words.push(arg);
  }
  return words;
}

function withoutFirst(args: readonly string[], word: string): string[] {
  const at = args.indexOf(word);
  return [...args.slice(0, at), ...args.slice(at + 1)];
}

/** cobra's "Did you mean this?": commands within two edits of the word, or starting with it. */
function suggestions(word: string): string {
  const typed = word.toLowerCase();
  const found = ROOT_COMMANDS.filter((c) => levenshtein(typed, c.name.toLowerCase()) <= 2 || c.name.toLowerCase().startsWith(typed));
  if (found.length === 0) return '';
  return `\n\nDid you mean this?\n${found.map((c) => `\t${c.name}\n`).join('')}`;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
