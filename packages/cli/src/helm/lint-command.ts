// `helm lint [PATH]...` as a pure function (helm's cmd/lint.go): each chart's messages, a blank
// line, then "N chart(s) linted, M chart(s) failed" (an error when any failed).

import {
  archiveChartFiles,
  ChartLoadError,
  defaultCapabilities,
  filesUnder,
  isDirectory,
  KubeVersionError,
  lintChart,
  lintMessageText,
  mergeValueOptions,
  parseKubeVersion,
  SIMULATED_KUBE_VERSION,
  ValueOptionsError,
} from '@dockyard/scheduler/helm';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import type { HelmEnvironment } from './template-command.ts';
import { VALUE_FLAGS, valueOptions } from './value-flags.ts';

export function helmLint(args: readonly string[], env: HelmEnvironment): CommandResult {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [
      { name: 'strict', kind: 'bool' },
      { name: 'quiet', kind: 'bool' },
      { name: 'with-subcharts', kind: 'bool' },
      { name: 'kube-version', kind: 'string' },
      { name: 'namespace', short: 'n', kind: 'string' },
      { name: 'debug', kind: 'bool' },
      { name: 'help', short: 'h', kind: 'bool' },
      ...VALUE_FLAGS,
    ]);
  } catch (err) {
    if (err instanceof FlagError) return out.fail(err.message);
    throw err;
  }
  const kubeVersion = flagString(flags, 'kube-version') || env.kubeVersion || SIMULATED_KUBE_VERSION;
  try {
    parseKubeVersion(kubeVersion);
  } catch (err) {
    if (err instanceof KubeVersionError) return out.fail(`invalid kube version '${kubeVersion}': ${err.message}`);
    throw err;
  }
  let values;
  try {
    values = mergeValueOptions(valueOptions(flags), env.files);
  } catch (err) {
    if (err instanceof ValueOptionsError) return out.fail(err.message);
    throw err;
  }
  const paths = flags.positional.length > 0 ? flags.positional : ['.'];
  const strict = flagBool(flags, 'strict');
  const quiet = flagBool(flags, 'quiet');
  let failed = 0;
  let withProblems = 0;
  let report = '';
  for (const path of paths) {
    let files: Map<string, Uint8Array>;
    let loadError: string | undefined;
    const archive = env.files.read(path);
    try {
      files = archive ? archiveChartFiles(archive) : filesUnder(env.files, path);
    } catch (err) {
      if (!(err instanceof ChartLoadError)) throw err;
      files = new Map();
      loadError = err.message;
    }
    if (!archive && !isDirectory(env.files, path)) loadError = `unable to check Chart.yaml file in chart: stat ${path}/Chart.yaml: no such file or directory`;
    const messages = loadError
      ? []
      : lintChart(files, values, {
          capabilities: defaultCapabilities(kubeVersion),
          namespace: flagString(flags, 'namespace') || env.namespace,
          strict,
          now: env.now,
          random: env.random,
        });
    const tolerance = strict ? ['WARNING', 'ERROR'] : ['ERROR'];
    const chartFailed = loadError !== undefined || messages.some((m) => tolerance.includes(m.severity));
    const problems = chartFailed || messages.some((m) => m.severity !== 'INFO');
    if (problems) withProblems++;
    if (chartFailed) failed++;
    if (quiet && !problems) continue;
    report += `==> Linting ${path}\n`;
    if (loadError) report += `Error ${loadError}\n`;
    for (const m of messages) if (!quiet || m.severity !== 'INFO') report += lintMessageText(m) + '\n';
    report += '\n';
  }
  out.out(report);
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (failed > 0) return out.fail(summary);
  if (!quiet || withProblems > 0) out.out(summary + '\n');
  return out.result(0);
}
