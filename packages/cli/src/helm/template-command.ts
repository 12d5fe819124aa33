// `helm template [NAME] [CHART] [flags]` as a pure function: arguments in, helm's output out.
// Files (the chart, -f values, --set-file) come from a FileSource for the working directory, time
// and randomness from the simulation. Follows helm's cmd/template.go and cmd/install.go.

import {
  defaultCapabilities,
  KubeVersionError,
  parseKubeVersion,
  releaseNameError,
  RenderError,
  renderRelease,
  SIMULATED_KUBE_VERSION,
  splitManifests,
  goPathMatch,
  type FileSource,
  type Hook,
  type RandomSource,
} from '@dockyard/scheduler/helm';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagList, flagString, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { loadChartAndValues, VerbError } from './chart-and-values.ts';
import { nameAndChart } from './name-and-chart.ts';
import { VALUE_FLAGS } from './value-flags.ts';

export interface HelmEnvironment {
  /** The working directory's files. */
  files: FileSource;
  /** Virtual wall clock, Unix milliseconds. */
  now: () => number;
  random: RandomSource;
  /** The Kubernetes version assumed without --kube-version (default: the simulated one). */
  kubeVersion?: string;
  /** The namespace without -n (default "default"). */
  namespace?: string;
  /** How the working directory is shown in messages (helm prints absolute paths). */
  cwd?: string;
}

const TEMPLATE_FLAGS: readonly FlagSpec[] = [
  { name: 'api-versions', short: 'a', kind: 'stringSlice' },
  { name: 'atomic', kind: 'bool' },
  { name: 'create-namespace', kind: 'bool' },
  { name: 'debug', kind: 'bool' },
  { name: 'dependency-update', kind: 'bool' },
  { name: 'description', kind: 'string' },
  { name: 'devel', kind: 'bool' },
  { name: 'disable-openapi-validation', kind: 'bool' },
  { name: 'dry-run', kind: 'string' },
  { name: 'enable-dns', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'generate-name', short: 'g', kind: 'bool' },
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'include-crds', kind: 'bool' },
  { name: 'is-upgrade', kind: 'bool' },
  { name: 'kube-version', kind: 'string' },
  { name: 'labels', short: 'l', kind: 'stringSlice' },
  { name: 'name-template', kind: 'string' },
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'no-hooks', kind: 'bool' },
  { name: 'output-dir', kind: 'string' },
  { name: 'release-name', kind: 'bool' },
  { name: 'render-subchart-notes', kind: 'bool' },
  { name: 'replace', kind: 'bool' },
  { name: 'show-only', short: 's', kind: 'stringArray' },
  { name: 'skip-crds', kind: 'bool' },
  { name: 'skip-schema-validation', kind: 'bool' },
  { name: 'skip-tests', kind: 'bool' },
  { name: 'timeout', kind: 'string' },
  { name: 'validate', kind: 'bool' },
  { name: 'version', kind: 'string' },
  { name: 'wait', kind: 'bool' },
  { name: 'wait-for-jobs', kind: 'bool' },
  ...VALUE_FLAGS,
];

const USAGE = 'helm template [NAME] [CHART] [flags]';

/** Runs `helm template` with `args` (the words after `helm template`). */
export function helmTemplate(args: readonly string[], env: HelmEnvironment): CommandResult {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, TEMPLATE_FLAGS);
  } catch (err) {
    if (err instanceof FlagError) return out.fail(err.message);
    throw err;
  }
  if (flags.positional.length < 1) {
    return out.fail(`"helm template" requires at least 1 argument\n\nUsage:  ${USAGE}`);
  }
  if (flagString(flags, 'output-dir') !== '') return out.fail('--output-dir is not supported: Dockyard has no disk to write to');
  if (flagBool(flags, 'validate')) return out.fail('--validate needs a cluster: use `dockyard helm install --dry-run=server`');

  let kubeVersion = env.kubeVersion ?? SIMULATED_KUBE_VERSION;
  const kubeFlag = flagString(flags, 'kube-version');
  if (kubeFlag !== '') {
    try {
      parseKubeVersion(kubeFlag);
    } catch (err) {
      if (err instanceof KubeVersionError) return out.fail(`invalid kube version '${kubeFlag}': ${err.message}`);
      throw err;
    }
    kubeVersion = kubeFlag;
  }

  let releaseName: string;
  let chartPath: string;
  try {
    ({ name: releaseName, chartPath } = nameAndChart(flags, env, 'release-name'));
  } catch (err) {
    if (err instanceof VerbError) return out.fail(err.message);
    throw err;
  }

  let chart;
  let values;
  try {
    ({ chart, values } = loadChartAndValues(env.files, chartPath, flags));
  } catch (err) {
    if (err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  const nameError = releaseNameError(releaseName);
  if (nameError) return out.fail(nameError);

  const isUpgrade = flagBool(flags, 'is-upgrade');
  const debug = flagBool(flags, 'debug');
  let manifest = '';
  let hooks: Hook[] = [];
  let error: RenderError | undefined;
  try {
    const rendered = renderRelease(chart, values, {
      release: { name: releaseName, namespace: flagString(flags, 'namespace') || env.namespace || 'default', revision: 1, isInstall: !isUpgrade, isUpgrade },
      capabilities: defaultCapabilities(kubeVersion, flagList(flags, 'api-versions')),
      includeCrds: flagBool(flags, 'include-crds'),
      skipSchemaValidation: flagBool(flags, 'skip-schema-validation'),
      subNotes: flagBool(flags, 'render-subchart-notes'),
      now: env.now,
      random: env.random,
    });
    manifest = rendered.manifest;
    hooks = rendered.hooks;
  } catch (err) {
    if (!(err instanceof RenderError)) throw err;
    if (!err.releaseCreated) return out.fail(err.message);
    if (!debug) return out.fail(`${err.message}\n\nUse --debug flag to render out invalid YAML`);
    error = err;
    manifest = err.manifest;
  }

  // What helm template prints: the release manifest, then the hooks.
  let manifests = manifest.trim() + '\n';
  if (!flagBool(flags, 'no-hooks')) {
    const skipTests = flagBool(flags, 'skip-tests');
    for (const hook of hooks) {
      if (skipTests && hook.events.includes('test')) continue;
      manifests += `---\n# Source: ${hook.path}\n${hook.manifest}\n`;
    }
  }
  const showOnly = flagList(flags, 'show-only');
  if (showOnly.length > 0) {
    const docs = splitManifests(manifests);
    const chosen: string[] = [];
    for (const pattern of showOnly) {
      let found = false;
      for (const doc of docs) {
        const m = /# Source: [^/]+\/(.+)/.exec(doc);
        if (!m || goPathMatch(pattern, m[1]!) !== true) continue;
        chosen.push(doc);
        found = true;
      }
      if (!found) {
        if (error) return out.fail(error.message);
        return out.fail(`could not find template ${pattern} in chart`);
      }
    }
    for (const doc of chosen) out.out(`---\n${doc}\n`);
  } else {
    out.out(manifests);
  }
  if (error) return out.fail(error.message);
  return out.result(0);
}
