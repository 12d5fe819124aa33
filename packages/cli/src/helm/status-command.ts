// `helm status RELEASE_NAME [flags]` (helm 4's cmd/status.go): the newest revision (or
// --revision), with its live objects when a printer for them is plugged in, and its NOTES.

import { releaseContent, releaseResources } from '@dockyard/scheduler/helm';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, parseFlags, type ParsedFlags } from './flags.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, OUTPUT_FLAG, outputOf, requireArgs, revisionOf } from './release-options.ts';
import { printStatus } from './status-printer.ts';

const USE = 'status RELEASE_NAME [flags]';

export function helmStatus(args: readonly string[], env: HelmReleaseEnvironment): CommandResult {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [{ name: 'revision', kind: 'string' }, OUTPUT_FLAG, ...GLOBAL_FLAGS]);
    requireArgs(flags, USE, { exactly: 1 });
    const format = outputOf(flags);
    const cfg = actionConfig(env, flags);
    const release = releaseContent(cfg, flags.positional[0]!, revisionOf(flags));
    const resources = format === 'table' && env.printResources !== undefined ? releaseResources(cfg, release) : [];
    out.out(printStatus({ release, resources, ...(env.printResources ? { printResources: env.printResources } : {}), withChart: false }, format));
    return out.result(0);
  } catch (err) {
    if (err instanceof FlagError) return out.fail(err.message);
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
}
