// `helm test [RELEASE] [flags]` (cmd/release_testing.go): runs the release's test hooks on virtual
// time, prints the status with each test's phase, and fails when a test failed.

import { runTests } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagList, parseFlags, type ParsedFlags } from './flags.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, requireArgs, TIMEOUT_FLAG, timeoutOf } from './release-options.ts';
import { printStatus } from './status-printer.ts';

const USE = 'test [RELEASE] [flags]';

export async function helmTest(args: readonly string[], env: HelmReleaseEnvironment): Promise<CommandResult> {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [TIMEOUT_FLAG, { name: 'filter', kind: 'stringSlice' }, { name: 'hide-notes', kind: 'bool' }, ...GLOBAL_FLAGS]);
    requireArgs(flags, USE, { exactly: 1 });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  const include: string[] = [];
  const exclude: string[] = [];
  for (const filter of flagList(flags, 'filter')) {
    if (filter.startsWith('name=')) include.push(filter.slice('name='.length));
    else if (/^!\s?name=/.test(filter)) exclude.push(filter.replace(/^!\s?name=/, ''));
  }
  try {
    const { release, error } = await runTests(actionConfig(env, flags), flags.positional[0]!, { timeoutMs: timeoutOf(flags), include, exclude });
    out.out(printStatus({ release, debug: flagBool(flags, 'debug'), hideNotes: flagBool(flags, 'hide-notes') }));
    if (error !== undefined) return out.fail(error);
    return out.result(0);
  } catch (err) {
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
}
