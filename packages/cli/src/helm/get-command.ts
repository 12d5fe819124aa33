// `helm get values|manifest|notes|hooks|all RELEASE_NAME [flags]` (cmd/get_*.go): one revision's
// user-supplied (or with --all computed) values, manifest, notes, hooks, or all of it.

import { getValues, marshalGoYaml, marshalJson, releaseContent } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, parseFlags, type ParsedFlags } from './flags.ts';
import { encodeJson } from './output-encoding.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, OUTPUT_FLAG, outputOf, requireArgs, revisionOf } from './release-options.ts';
import { printStatus } from './status-printer.ts';

const SUBCOMMANDS = ['all', 'hooks', 'manifest', 'notes', 'values'] as const;

function usage(): string {
  return [
    'This command consists of multiple subcommands which can be used to',
    'get extended information about the release, including:',
    '',
    '- The values used to generate the release',
    '- The generated manifest file',
    '- The notes provided by the chart of the release',
    '- The hooks associated with the release',
    '',
    'Usage:',
    '  helm get [command]',
    '',
    'Available Commands:',
    '  all         download all information for a named release',
    '  hooks       download all hooks for a named release',
    '  manifest    download the manifest for a named release',
    '  notes       download the notes for a named release',
    '  values      download the values file for a named release',
    '',
  ].join('\n');
}

export function helmGet(args: readonly string[], env: HelmReleaseEnvironment): CommandResult {
  const out = new CommandOutput();
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    out.out(usage());
    return out.result(0);
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) return out.fail(`unknown command ${JSON.stringify(sub)} for "helm get"\nRun 'helm get --help' for usage.`);
  const use = `get ${sub} RELEASE_NAME [flags]`;
  let flags: ParsedFlags;
  try {
    flags = parseFlags(rest, [
      { name: 'revision', kind: 'string' },
      ...(sub === 'values' ? [{ name: 'all', short: 'a', kind: 'bool' as const }, OUTPUT_FLAG] : []),
      ...(sub === 'all' ? [{ name: 'template', kind: 'string' as const }] : []),
      ...GLOBAL_FLAGS,
    ]);
    requireArgs(flags, use, { exactly: 1 });
    const cfg = actionConfig(env, flags);
    const name = flags.positional[0]!;
    const revision = revisionOf(flags);
    if (sub === 'values') {
      const format = outputOf(flags);
      const all = flagBool(flags, 'all');
      const values = getValues(cfg, name, { version: revision, all });
      if (format === 'json') out.out(encodeJson(marshalJson(values)));
      else if (format === 'yaml') out.out(marshalGoYaml(values));
      else out.out(`${all ? 'COMPUTED VALUES:' : 'USER-SUPPLIED VALUES:'}\n${marshalGoYaml(values)}`);
      return out.result(0);
    }
    if (sub === 'all' && flags.values.has('template')) throw new VerbError('--template is not supported by Dockyard');
    const release = releaseContent(cfg, name, revision);
    if (sub === 'manifest') out.out(`${release.manifest}\n`);
    else if (sub === 'notes') {
      if (release.info.notes !== '') out.out(`NOTES:\n${release.info.notes}\n`);
    } else if (sub === 'hooks') {
      for (const hook of release.hooks) out.out(`---\n# Source: ${hook.path}\n${hook.manifest}\n`);
    } else out.out(printStatus({ release, debug: true }));
    return out.result(0);
  } catch (err) {
    if (err instanceof FlagError) return out.fail(err.message);
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
}
