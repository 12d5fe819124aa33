// `helm install [NAME] [CHART] [flags]` as a pure function over the cluster (helm 4's
// cmd/install.go): reads the chart and values, installs, and prints the release status; failures
// are `Error: INSTALLATION FAILED: ...`.

import { install, type Release } from '@dockyard/scheduler/helm';
import { loadChartAndValues, VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { nameAndChart } from './name-and-chart.ts';
import {
  actionConfig,
  dryRunOf,
  GLOBAL_FLAGS,
  type HelmReleaseEnvironment,
  helmErrorMessage,
  labelsOf,
  OUTPUT_FLAG,
  outputOf,
  requireArgs,
  TIMEOUT_FLAG,
  timeoutOf,
  WAIT_FLAG,
  waitOf,
} from './release-options.ts';
import { printStatus } from './status-printer.ts';
import { VALUE_FLAGS } from './value-flags.ts';

/** The flags install and `upgrade --install` share (addInstallFlags). */
export const INSTALL_FLAGS: readonly FlagSpec[] = [
  { name: 'create-namespace', kind: 'bool' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'client' },
  { name: 'force-replace', kind: 'bool' },
  { name: 'force', kind: 'bool', deprecated: 'use --force-replace instead' },
  { name: 'force-conflicts', kind: 'bool' },
  { name: 'server-side', kind: 'string', noOptDefault: 'true' },
  { name: 'no-hooks', kind: 'bool' },
  { name: 'replace', kind: 'bool' },
  TIMEOUT_FLAG,
  WAIT_FLAG,
  { name: 'wait-for-jobs', kind: 'bool' },
  { name: 'generate-name', short: 'g', kind: 'bool' },
  { name: 'name-template', kind: 'string' },
  { name: 'description', kind: 'string' },
  { name: 'devel', kind: 'bool' },
  { name: 'version', kind: 'string' },
  { name: 'dependency-update', kind: 'bool' },
  { name: 'disable-openapi-validation', kind: 'bool' },
  { name: 'rollback-on-failure', kind: 'bool' },
  { name: 'atomic', kind: 'bool', deprecated: 'use --rollback-on-failure instead' },
  { name: 'skip-crds', kind: 'bool' },
  { name: 'render-subchart-notes', kind: 'bool' },
  { name: 'skip-schema-validation', kind: 'bool' },
  { name: 'labels', short: 'l', kind: 'stringSlice' },
  { name: 'enable-dns', kind: 'bool' },
  { name: 'hide-notes', kind: 'bool' },
  { name: 'take-ownership', kind: 'bool' },
  { name: 'hide-secret', kind: 'bool' },
  OUTPUT_FLAG,
  ...VALUE_FLAGS,
  ...GLOBAL_FLAGS,
];

/**
 * runInstall: name and chart, values, chart, then the install action. Throws a VerbError (or a
 * ReleaseActionError) in helm's words without the "INSTALLATION FAILED" prefix.
 */
export async function runInstall(flags: ParsedFlags, env: HelmReleaseEnvironment, warn: (line: string) => void, replace = false): Promise<Release> {
  const { name, chartPath } = nameAndChart(flags, env);
  const { chart, values } = loadChartAndValues(env.files, chartPath, flags);
  if (chart.metadata.deprecated) warn('level=WARN msg="this chart is deprecated"');
  const cfg = actionConfig(env, flags, warn);
  return install(cfg, chart, values, {
    releaseName: name,
    createNamespace: flagBool(flags, 'create-namespace'),
    dryRun: dryRunOf(flags),
    disableHooks: flagBool(flags, 'no-hooks'),
    replace: replace || flagBool(flags, 'replace'),
    waitStrategy: waitOf(flags, warn),
    waitForJobs: flagBool(flags, 'wait-for-jobs'),
    timeoutMs: timeoutOf(flags),
    description: flagString(flags, 'description'),
    rollbackOnFailure: flagBool(flags, 'rollback-on-failure') || flagBool(flags, 'atomic'),
    skipCrds: flagBool(flags, 'skip-crds'),
    subNotes: flagBool(flags, 'render-subchart-notes'),
    skipSchemaValidation: flagBool(flags, 'skip-schema-validation'),
    labels: labelsOf(flags),
    takeOwnership: flagBool(flags, 'take-ownership'),
  });
}

const USE = 'install [NAME] [CHART] [flags]';

export async function helmInstall(args: readonly string[], env: HelmReleaseEnvironment): Promise<CommandResult> {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, INSTALL_FLAGS);
    for (const warning of flags.deprecations) out.err(`${warning}\n`);
    requireArgs(flags, USE, { atLeast: 1 });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  try {
    const format = outputOf(flags);
    const release = await runInstall(flags, env, (line) => out.err(`${line}\n`));
    out.out(printStatus({ release, debug: flagBool(flags, 'debug'), hideNotes: flagBool(flags, 'hide-notes') }, format));
    return out.result(0);
  } catch (err) {
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(`INSTALLATION FAILED: ${message}`);
  }
}
