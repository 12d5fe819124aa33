// `helm package [CHART_PATH]...` as a pure function: the archives to write and helm's output
// ("Successfully packaged chart and saved it to: <path>"). Entries are stamped with virtual time.

import {
  ChartLoadError,
  filesUnder,
  isDirectory,
  loadChartDir,
  packageChart,
  parseSemVer,
  SemVerError,
  type Chart,
} from '@dockyard/scheduler/helm';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import type { HelmEnvironment } from './template-command.ts';

export interface PackageResult extends CommandResult {
  /** Archives to write, keyed by path relative to the working directory. */
  files: Map<string, Uint8Array>;
}

export function helmPackage(args: readonly string[], env: HelmEnvironment): PackageResult {
  const out = new CommandOutput();
  const files = new Map<string, Uint8Array>();
  const done = (result: CommandResult): PackageResult => ({ ...result, files });
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [
      { name: 'destination', short: 'd', kind: 'string' },
      { name: 'version', kind: 'string' },
      { name: 'app-version', kind: 'string' },
      { name: 'dependency-update', short: 'u', kind: 'bool' },
      { name: 'sign', kind: 'bool' },
      { name: 'key', kind: 'string' },
      { name: 'keyring', kind: 'string' },
      { name: 'debug', kind: 'bool' },
      { name: 'help', short: 'h', kind: 'bool' },
    ]);
  } catch (err) {
    if (err instanceof FlagError) return done(out.fail(err.message));
    throw err;
  }
  if (flags.positional.length < 1) {
    return done(out.fail('"helm package" requires at least 1 argument\n\nUsage:  helm package [CHART_PATH] [...] [flags]'));
  }
  if (flagBool(flags, 'sign')) return done(out.fail('--sign is not supported: Dockyard has no GnuPG keyring'));
  const destination = flagString(flags, 'destination') || '.';
  const version = flagString(flags, 'version');
  if (version !== '') {
    try {
      parseSemVer(version);
    } catch (err) {
      if (err instanceof SemVerError) return done(out.fail(err.message));
      throw err;
    }
  }
  for (const path of flags.positional) {
    if (!isDirectory(env.files, path)) return done(out.fail(`stat ${path}: no such file or directory`));
    let chart: Chart;
    try {
      chart = loadChartDir(filesUnder(env.files, path));
    } catch (err) {
      if (err instanceof ChartLoadError) return done(out.fail(err.message));
      throw err;
    }
    if (version !== '') chart.metadata.version = version;
    const appVersion = flagString(flags, 'app-version');
    if (appVersion !== '') chart.metadata.appVersion = appVersion;
    const missing = chart.metadata.dependencies.filter((d) => !chart.dependencies.some((c) => c.metadata.name === d.name)).map((d) => d.name);
    if (missing.length > 0) return done(out.fail(`found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`));
    const archive = packageChart(chart, Math.floor(env.now() / 1000));
    const target = destination === '.' ? archive.fileName : `${destination.replace(/\/+$/, '')}/${archive.fileName}`;
    files.set(target, archive.data);
    const shown = env.cwd ? `${env.cwd.replace(/\/+$/, '')}/${target}` : target;
    out.out(`Successfully packaged chart and saved it to: ${shown}\n`);
  }
  return done(out.result(0));
}
