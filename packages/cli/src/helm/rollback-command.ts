// `helm rollback <RELEASE> [REVISION] [flags]` (cmd/rollback.go): a new revision copying an old
// one; "Rollback was a success! Happy Helming!".

import { rollback } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, requireArgs, TIMEOUT_FLAG, timeoutOf, WAIT_FLAG, waitOf } from './release-options.ts';

const USE = 'rollback <RELEASE> [REVISION] [flags]';

export async function helmRollback(args: readonly string[], env: HelmReleaseEnvironment): Promise<CommandResult> {
  const out = new CommandOutput();
  const warn = (line: string) => out.err(`${line}\n`);
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [
      { name: 'dry-run', kind: 'bool' },
      { name: 'force-replace', kind: 'bool' },
      { name: 'force', kind: 'bool', deprecated: 'use --force-replace instead' },
      { name: 'force-conflicts', kind: 'bool' },
      { name: 'server-side', kind: 'string' },
      { name: 'no-hooks', kind: 'bool' },
      TIMEOUT_FLAG,
      WAIT_FLAG,
      { name: 'wait-for-jobs', kind: 'bool' },
      { name: 'cleanup-on-fail', kind: 'bool' },
      { name: 'history-max', kind: 'string' },
      ...GLOBAL_FLAGS,
    ]);
    for (const warning of flags.deprecations) out.err(`${warning}\n`);
    requireArgs(flags, USE, { atLeast: 1 });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  const [name, revision] = flags.positional as [string, string | undefined];
  let version = 0;
  if (revision !== undefined) {
    if (!/^[+-]?\d+$/.test(revision)) return out.fail(`could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(revision)}: invalid syntax`);
    version = Number(revision);
  }
  try {
    const historyMax = flagString(flags, 'history-max');
    await rollback(actionConfig(env, flags, warn), name, {
      version,
      dryRun: flagBool(flags, 'dry-run'),
      disableHooks: flagBool(flags, 'no-hooks'),
      timeoutMs: timeoutOf(flags),
      waitStrategy: waitOf(flags, warn),
      waitForJobs: flagBool(flags, 'wait-for-jobs'),
      cleanupOnFail: flagBool(flags, 'cleanup-on-fail'),
      ...(historyMax === '' ? {} : { maxHistory: Number(historyMax) }),
    });
  } catch (err) {
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
  out.out('Rollback was a success! Happy Helming!\n');
  return out.result(0);
}
