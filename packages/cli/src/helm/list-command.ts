// `helm list` / `helm ls` (cmd/list.go): NAME NAMESPACE REVISION UPDATED STATUS CHART APP VERSION,
// UPDATED as Go prints a time (2025-01-01 00:05:00 +0000 UTC); -q prints names only.

import { chartLabel, formatGoTimeString, list, marshalJson, type Release } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagBool, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import { encodeJson, encodeYaml } from './output-encoding.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, OUTPUT_FLAG, outputOf, requireArgs } from './release-options.ts';
import { uitable } from './uitable.ts';

const USE = 'list [flags]';

const updated = (release: Release): string => (release.info.lastDeployed === 0 ? '-' : formatGoTimeString(release.info.lastDeployed));

export function helmList(args: readonly string[], env: HelmReleaseEnvironment): CommandResult {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [
      { name: 'short', short: 'q', kind: 'bool' },
      { name: 'no-headers', kind: 'bool' },
      { name: 'date', short: 'd', kind: 'bool' },
      { name: 'reverse', short: 'r', kind: 'bool' },
      { name: 'all', short: 'a', kind: 'bool' },
      { name: 'uninstalled', kind: 'bool' },
      { name: 'superseded', kind: 'bool' },
      { name: 'uninstalling', kind: 'bool' },
      { name: 'deployed', kind: 'bool' },
      { name: 'failed', kind: 'bool' },
      { name: 'pending', kind: 'bool' },
      { name: 'all-namespaces', short: 'A', kind: 'bool' },
      { name: 'max', short: 'm', kind: 'string' },
      { name: 'offset', kind: 'string' },
      { name: 'filter', short: 'f', kind: 'string' },
      OUTPUT_FLAG,
      ...GLOBAL_FLAGS,
    ]);
    requireArgs(flags, USE, { none: true });
  } catch (err) {
    if (err instanceof FlagError || err instanceof VerbError) return out.fail(err.message);
    throw err;
  }
  let releases: Release[];
  let format;
  try {
    format = outputOf(flags);
    const int = (name: string, fallback: number): number => {
      const text = flagString(flags, name);
      if (text === '') return fallback;
      if (!/^-?\d+$/.test(text)) throw new VerbError(`invalid argument ${JSON.stringify(text)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
      return Number(text);
    };
    releases = list(actionConfig(env, flags), {
      all: flagBool(flags, 'all'),
      uninstalled: flagBool(flags, 'uninstalled'),
      superseded: flagBool(flags, 'superseded'),
      uninstalling: flagBool(flags, 'uninstalling'),
      deployed: flagBool(flags, 'deployed'),
      failed: flagBool(flags, 'failed'),
      pending: flagBool(flags, 'pending'),
      allNamespaces: flagBool(flags, 'all-namespaces'),
      byDate: flagBool(flags, 'date'),
      reverse: flagBool(flags, 'reverse'),
      filter: flagString(flags, 'filter'),
      limit: int('max', 256),
      offset: int('offset', 0),
    });
  } catch (err) {
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
  if (flagBool(flags, 'short')) {
    const names = releases.map((r) => r.name);
    if (format === 'json') out.out(encodeJson(marshalJson(names)));
    else if (format === 'yaml') out.out(encodeYaml(marshalJson(names)));
    else for (const name of names) out.out(`${name}\n`);
    return out.result(0);
  }
  const rows = releases.map((r) => [r.name, r.namespace, String(r.version), updated(r), r.info.status, chartLabel(r), r.chart.metadata.appVersion]);
  if (format !== 'table') {
    const keys = ['name', 'namespace', 'revision', 'updated', 'status', 'chart', 'app_version'];
    const json = `[${rows.map((row) => `{${row.map((v, i) => `${marshalJson(keys[i]!)}:${marshalJson(v)}`).join(',')}}`).join(',')}]`;
    out.out(format === 'json' ? encodeJson(json) : encodeYaml(json));
    return out.result(0);
  }
  const header = flagBool(flags, 'no-headers') ? [] : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
  out.out(uitable([...header, ...rows]));
  return out.result(0);
}
