// `helm upgrade [RELEASE] [CHART] [flags]` (helm 4's cmd/upgrade.go): with --install a release
// that does not exist (or was uninstalled with --keep-history) is installed instead, after
// "Release "x" does not exist. Installing it now."; install failures then come without a prefix.
// Upgrade failures are `Error: UPGRADE FAILED: ...`.

import { history, ReleaseNotFoundError, upgrade } from '@dockyard/scheduler/helm';
import { loadChartAndValues, VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { INSTALL_FLAGS, runInstall } from './install-command.ts';
import {
  actionConfig,
  dryRunOf,
  type HelmReleaseEnvironment,
  helmErrorMessage,
  labelsOf,
  outputOf,
  requireArgs,
  timeoutOf,
  waitOf,
} from './release-options.ts';
import { printStatus } from './status-printer.ts';

const UPGRADE_FLAGS: readonly FlagSpec[] = [
  ...INSTALL_FLAGS.filter((f) => !['generate-name', 'name-template', 'replace'].includes(f.name)),
  { name: 'install', short: 'i', kind: 'bool' },
  { name: 'reset-values', kind: 'bool' },
  { name: 'reuse-values', kind: 'bool' },
  { name: 'reset-then-reuse-values', kind: 'bool' },
  { name: 'history-max', kind: 'string' },
  { name: 'cleanup-on-fail', kind: 'bool' },
];

const USE = 'upgrade [RELEASE] [CHART] [flags]';

export async function helmUpgrade(args: readonly string[], env: HelmReleaseEnvironment): Promise<CommandResult> {
  const out = new CommandOutput();
  const warn = (line: string) => out.err(`${line}\n`);
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, UPGRADE_FLAGS);
    for (const warning of flags.deprecations) out.err(`${warning}\n`);
    requireArgs(flags, USE, { exactly: 2 });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  const [name, chartPath] = flags.positional as [string, string];
  let format;
  try {
    format = outputOf(flags);
  } catch (err) {
    return out.fail((err as VerbError).message);
  }
  const cfg = actionConfig(env, flags, warn);

  if (flagBool(flags, 'install')) {
    let uninstalled = false;
    let missing = false;
    try {
      const revisions = history(cfg, name);
      uninstalled = revisions[revisions.length - 1]!.info.status === 'uninstalled';
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) missing = true;
      else {
        const message = helmErrorMessage(err);
        if (message === undefined) throw err;
        return out.fail(message);
      }
    }
    if (missing || uninstalled) {
      if (format === 'table') out.out(`Release ${JSON.stringify(name)} does not exist. Installing it now.\n`);
      try {
        const release = await runInstall(flags, env, warn, uninstalled);
        out.out(printStatus({ release, debug: flagBool(flags, 'debug'), hideNotes: flagBool(flags, 'hide-notes') }, format));
        return out.result(0);
      } catch (err) {
        const message = helmErrorMessage(err);
        if (message === undefined) throw err;
        return out.fail(message);
      }
    }
  }

  let loaded;
  try {
    loaded = loadChartAndValues(env.files, chartPath, flags);
  } catch (err) {
    if (err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  try {
    const historyMax = flagString(flags, 'history-max');
    if (historyMax !== '' && !/^-?\d+$/.test(historyMax)) {
      return out.fail(`invalid argument ${JSON.stringify(historyMax)} for "--history-max" flag: strconv.ParseInt: parsing ${JSON.stringify(historyMax)}: invalid syntax`);
    }
    const release = await upgrade(cfg, name, loaded.chart, loaded.values, {
      dryRun: dryRunOf(flags),
      disableHooks: flagBool(flags, 'no-hooks'),
      waitStrategy: waitOf(flags, warn),
      waitForJobs: flagBool(flags, 'wait-for-jobs'),
      timeoutMs: timeoutOf(flags),
      resetValues: flagBool(flags, 'reset-values'),
      reuseValues: flagBool(flags, 'reuse-values'),
      resetThenReuseValues: flagBool(flags, 'reset-then-reuse-values'),
      ...(historyMax === '' ? {} : { maxHistory: Number(historyMax) }),
      rollbackOnFailure: flagBool(flags, 'rollback-on-failure') || flagBool(flags, 'atomic'),
      cleanupOnFail: flagBool(flags, 'cleanup-on-fail'),
      subNotes: flagBool(flags, 'render-subchart-notes'),
      skipSchemaValidation: flagBool(flags, 'skip-schema-validation'),
      description: flagString(flags, 'description'),
      labels: labelsOf(flags),
      takeOwnership: flagBool(flags, 'take-ownership'),
    });
    if (format === 'table') out.out(`Release ${JSON.stringify(name)} has been upgraded. Happy Helming!\n`);
    out.out(printStatus({ release, debug: flagBool(flags, 'debug'), hideNotes: flagBool(flags, 'hide-notes') }, format));
    return out.result(0);
  } catch (err) {
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(`UPGRADE FAILED: ${message}`);
  }
}
