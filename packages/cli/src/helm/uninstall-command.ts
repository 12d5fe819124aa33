// `helm uninstall RELEASE_NAME [...] [flags]` (cmd/uninstall.go), also `un`, `del`, `delete`:
// each release in turn; what the resource policy kept, then `release "x" uninstalled`.

import { uninstall } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, requireArgs, TIMEOUT_FLAG, timeoutOf, WAIT_FLAG, waitOf } from './release-options.ts';

const USE = 'uninstall RELEASE_NAME [...] [flags]';

export async function helmUninstall(args: readonly string[], env: HelmReleaseEnvironment): Promise<CommandResult> {
  const out = new CommandOutput();
  const warn = (line: string) => out.err(`${line}\n`);
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [
      { name: 'dry-run', kind: 'bool' },
      { name: 'no-hooks', kind: 'bool' },
      { name: 'ignore-not-found', kind: 'bool' },
      { name: 'keep-history', kind: 'bool' },
      { name: 'cascade', kind: 'string' },
      { name: 'description', kind: 'string' },
      TIMEOUT_FLAG,
      WAIT_FLAG,
      ...GLOBAL_FLAGS,
    ]);
    requireArgs(flags, USE, { atLeast: 1 });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  const cfg = actionConfig(env, flags, warn);
  for (const name of flags.positional) {
    try {
      const result = await uninstall(cfg, name, {
        dryRun: flagBool(flags, 'dry-run'),
        disableHooks: flagBool(flags, 'no-hooks'),
        ignoreNotFound: flagBool(flags, 'ignore-not-found'),
        keepHistory: flagBool(flags, 'keep-history'),
        description: flagString(flags, 'description'),
        timeoutMs: timeoutOf(flags),
        waitStrategy: waitOf(flags, warn),
      });
      if (result.info !== '') out.out(`${result.info}\n`);
      out.out(`release ${JSON.stringify(name)} uninstalled\n`);
    } catch (err) {
      const message = helmErrorMessage(err);
      if (message === undefined) throw err;
      return out.fail(message);
    }
  }
  return out.result(0);
}
