// kubectl's help pages, in the layout of its help templates: the description, Examples, the list
// of subcommands, Options (`    -f, --filename=[]:` then the usage on a tab-indented line), Usage,
// and the pointers to more help. The texts are Dockyard's own words.
// [kubectl pkg/util/templates (templater.go, help_flags_printer.go); cobra's name padding]

import { formatGoDuration } from '@dockyard/runtime';
import type { KubectlCommand } from './command.ts';
import type { FlagSpec } from './flags.ts';

/** A group of commands on `kubectl --help`. */
export interface CommandGroup {
  readonly title: string;
  readonly commands: readonly KubectlCommand[];
}

const OPTIONS_POINTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** `--help` of a command (`path` is `kubectl rollout status`). */
export function commandHelp(path: string, command: KubectlCommand): string {
  let out = command.description ?? command.summary;
  out = out.replace(/\n*$/, '\n\n');
  if (command.aliases !== undefined && command.aliases.length > 0) out += `Aliases:\n${[command.name, ...command.aliases].join(', ')}\n\n`;
  if (command.examples !== undefined && command.examples.length > 0) {
    out += 'Examples:\n';
    out += command.examples.map(([comment, line]) => `  # ${comment}\n  ${line}\n`).join('  \n');
    out += '\n';
  }
  const subcommands = command.subcommands ?? [];
  if (subcommands.length > 0) out += `Available Commands:\n${commandList(subcommands)}\n\n`;
  const flags = [...(command.flags ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (flags.length > 0) out += `Options:\n${flags.map(flagHelp).join('\n')}\n`;
  const usage = command.usage ?? (subcommands.length > 0 ? `${command.name} SUBCOMMAND` : command.name);
  out += `Usage:\n  ${path.split(' ').slice(0, -1).join(' ')} ${usage} [options]\n\n`;
  if (subcommands.length > 0) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  return out + OPTIONS_POINTER;
}

/** `kubectl --help`: the commands by group. */
export function rootHelp(groups: readonly CommandGroup[]): string {
  const padding = namePadding(groups.flatMap((g) => g.commands));
  const sections = groups.map((g) => `${g.title}:\n${g.commands.map((c) => `  ${c.name.padEnd(padding)} ${c.summary}`).join('\n')}`);
  return (
    'kubectl controls the Kubernetes cluster manager (simulated by Dockyard).\n\n' +
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n' +
    sections.join('\n\n') +
    '\n\nUsage:\n  kubectl [flags] [options]\n\n' +
    'Use "kubectl <command> --help" for more information about a given command.\n' +
    OPTIONS_POINTER
  );
}

/** `kubectl options`: the flags every command takes. */
export function optionsHelp(globals: readonly FlagSpec[]): string {
  const flags = [...globals].sort((a, b) => (a.name < b.name ? -1 : 1));
  return `The following options can be passed to any command:\n\n${flags.map(flagHelp).join('\n')}`;
}

/** A command's subcommands, sorted by name as cobra lists them. */
function commandList(commands: readonly KubectlCommand[]): string {
  const padding = namePadding(commands);
  const sorted = [...commands].sort((a, b) => (a.name < b.name ? -1 : 1));
  return sorted.map((c) => `  ${c.name.padEnd(padding)} ${c.summary}`).join('\n');
}

/** Names line up two columns past the longest, and never narrower than 13. */
function namePadding(commands: readonly KubectlCommand[]): number {
  return Math.max(13, ...commands.map((c) => c.name.length + 2));
}

function flagHelp(spec: FlagSpec): string {
  const names = spec.short === undefined ? `--${spec.name}` : `-${spec.short}, --${spec.name}`;
  return `    ${names}=${defaultText(spec)}:\n\t${spec.usage}\n`;
}

function defaultText(spec: FlagSpec): string {
  const value = spec.default;
  switch (spec.kind) {
    case 'bool':
      return String(value ?? false);
    case 'int':
      return String(value ?? 0);
    case 'duration':
      return formatGoDuration(typeof value === 'number' ? value : 0);
    case 'stringArray':
    case 'stringSlice':
      return `[${((value as readonly string[] | undefined) ?? []).join(',')}]`;
    default:
      return `'${String(value ?? '')}'`;
  }
}
