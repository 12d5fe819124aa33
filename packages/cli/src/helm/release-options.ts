// What the release verbs (install, upgrade, rollback, uninstall, list, status, history, get, test)
// share: the world they act on, helm's global flags, --timeout / --wait / --dry-run / -o parsing in
// pflag's words, cobra's argument-count errors, and the ActionConfig for a command.

import { DurationError, parseDuration } from '@dockyard/runtime';
import type { ApiStore, KubeObject } from '@dockyard/scheduler';
import {
  ActionConfig,
  DEFAULT_TIMEOUT_MS,
  type DryRunStrategy,
  ListError,
  NoDeployedReleasesError,
  ReleaseActionError,
  ReleaseNotFoundError,
  StorageError,
  UninstallError,
  WaitCancelledError,
  WaitError,
  type WaitStrategy,
} from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { HelmEnvironment } from './template-command.ts';

export interface HelmReleaseEnvironment extends HelmEnvironment {
  /** The cluster's API store. */
  store: ApiStore;
  /** Lets virtual time pass while a verb waits (`session.wait`); false once interrupted. */
  sleep: (ms: number) => Promise<boolean>;
  /**
   * kubectl's table for one group of `helm status` RESOURCES ("v1/Deployment", "v1/Pod(related)");
   * without it the section is left out.
   */
  printResources?: (key: string, objects: readonly KubeObject[]) => string;
}

/** helm's persistent flags the release verbs honour. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'debug', kind: 'bool' },
  { name: 'kube-context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
];

export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', kind: 'string' };
export const TIMEOUT_FLAG: FlagSpec = { name: 'timeout', kind: 'string' };
export const WAIT_FLAG: FlagSpec = { name: 'wait', kind: 'string', noOptDefault: 'watcher' };

/** A value as slog's text handler writes it: quoted when it has spaces, quotes, `=` or control characters. */
const slogValue = (v: string): string => (v === '' || /[\s="\\]|[^\x20-\x7e]/.test(v) ? JSON.stringify(v) : v);

/** slog's text line, as helm 4 prints its warnings and errors on stderr. */
export const slogLine = (level: string, message: string, attrs: Record<string, string>): string =>
  [`level=${level}`, `msg=${slogValue(message)}`, ...Object.entries(attrs).map(([k, v]) => `${k}=${slogValue(v)}`)].join(' ');

export function actionConfig(env: HelmReleaseEnvironment, flags: ParsedFlags, warn: (line: string) => void = () => undefined): ActionConfig {
  return new ActionConfig({
    store: env.store,
    namespace: namespaceOf(env, flags),
    now: env.now,
    random: env.random,
    sleep: env.sleep,
    log: (level, message, attrs) => warn(slogLine(level, message, attrs)),
    ...(env.kubeVersion === undefined ? {} : { kubeVersion: env.kubeVersion }),
  });
}

/** The message of a failure helm reports as `Error: ...`; undefined for anything else (a bug). */
export function helmErrorMessage(err: unknown): string | undefined {
  const known = [VerbError, ReleaseActionError, UninstallError, ListError, StorageError, ReleaseNotFoundError, NoDeployedReleasesError, WaitError, WaitCancelledError];
  return known.some((type) => err instanceof type) ? (err as Error).message : undefined;
}

export const namespaceOf = (env: HelmEnvironment, flags: ParsedFlags): string => flagString(flags, 'namespace') || env.namespace || 'default';

/** --timeout as pflag's DurationVar reads it (default 5m0s). */
export function timeoutOf(flags: ParsedFlags): number {
  const text = flags.values.get('timeout') as string | undefined;
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  try {
    return parseDuration(text);
  } catch (err) {
    if (err instanceof DurationError) throw new VerbError(`invalid argument ${JSON.stringify(text)} for "--timeout" flag: ${err.message}`);
    throw err;
  }
}

/** --wait: hookOnly when absent, watcher when given alone; true/false are the deprecated booleans. */
export function waitOf(flags: ParsedFlags, warn: (line: string) => void): WaitStrategy {
  const text = flags.values.get('wait') as string | undefined;
  switch (text) {
    case undefined:
      return 'hookOnly';
    case 'watcher':
    case 'legacy':
      return text;
    case 'true':
      warn('level=WARN msg="--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher"');
      return 'watcher';
    case 'false':
      warn('level=WARN msg="--wait=false is deprecated (boolean value) and can be replaced by omitting the --wait flag"');
      return 'hookOnly';
    default:
      throw new VerbError(`invalid argument ${JSON.stringify(text)} for "--wait" flag: invalid wait input ${JSON.stringify(text)}. Valid inputs are watcher, and legacy`);
  }
}

/** --dry-run: none when absent, client when given alone. */
export function dryRunOf(flags: ParsedFlags): DryRunStrategy {
  const text = flags.values.get('dry-run') as string | undefined;
  switch (text) {
    case undefined:
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
    default:
      throw new VerbError('Invalid dry-run flag. Flag must one of the following: false, true, none, client, server');
  }
}

export type OutputFormat = 'table' | 'json' | 'yaml';

/** -o / --output: table (default), json or yaml. */
export function outputOf(flags: ParsedFlags): OutputFormat {
  const text = (flags.values.get('output') as string | undefined) ?? 'table';
  if (text === 'table' || text === 'json' || text === 'yaml') return text;
  throw new VerbError(`invalid argument ${JSON.stringify(text)} for "-o, --output" flag: invalid format type`);
}

/** cobra's argument checks, as helm's require package words them. */
export function requireArgs(flags: ParsedFlags, use: string, rule: { exactly?: number; atLeast?: number; none?: boolean }): void {
  const n = flags.positional.length;
  const path = `helm ${use.split(' ')[0]}`;
  const plural = (k: number) => (k === 1 ? 'argument' : 'arguments');
  if (rule.none && n > 0) throw new VerbError(`${JSON.stringify(path)} accepts no arguments\n\nUsage:  helm ${use}`);
  if (rule.exactly !== undefined && n !== rule.exactly) throw new VerbError(`${JSON.stringify(path)} requires ${rule.exactly} ${plural(rule.exactly)}\n\nUsage:  helm ${use}`);
  if (rule.atLeast !== undefined && n < rule.atLeast) throw new VerbError(`${JSON.stringify(path)} requires at least ${rule.atLeast} ${plural(rule.atLeast)}\n\nUsage:  helm ${use}`);
}

/** --labels / -l: key=value pairs separated by commas (pflag's StringToString). */
export function labelsOf(flags: ParsedFlags): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of (flags.values.get('labels') as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new VerbError(`invalid argument ${JSON.stringify(pair)} for "-l, --labels" flag: ${pair} must be formatted as key=value`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

/** --revision N (pflag's IntVar); 0 when absent. */
export function revisionOf(flags: ParsedFlags): number {
  const text = flags.values.get('revision') as string | undefined;
  if (text === undefined) return 0;
  if (!/^[+-]?\d+$/.test(text)) throw new VerbError(`invalid argument ${JSON.stringify(text)} for "--revision" flag: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}
