// `helm history RELEASE_NAME [flags]` / `helm hist` (cmd/history.go): the last --max revisions,
// oldest first: REVISION UPDATED STATUS CHART APP VERSION DESCRIPTION, UPDATED in time.ANSIC.

import { chartLabel, formatANSIC, formatRFC3339Nano, history, marshalJson } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagString, parseFlags, type ParsedFlags } from './flags.ts';
import { encodeJson, encodeYaml } from './output-encoding.ts';
import { actionConfig, GLOBAL_FLAGS, type HelmReleaseEnvironment, helmErrorMessage, OUTPUT_FLAG, outputOf, requireArgs } from './release-options.ts';
import { uitable } from './uitable.ts';

const USE = 'history RELEASE_NAME [flags]';

/** Go's zero time, which helm shows for a revision never deployed. */
const ZERO_ANSIC = 'Mon Jan  1 00:00:00 0001';

export function helmHistory(args: readonly string[], env: HelmReleaseEnvironment): CommandResult {
  const out = new CommandOutput();
  let flags: ParsedFlags;
  try {
    flags = parseFlags(args, [{ name: 'max', kind: 'string' }, OUTPUT_FLAG, ...GLOBAL_FLAGS]);
    requireArgs(flags, USE, { exactly: 1 });
    const format = outputOf(flags);
    const maxText = flagString(flags, 'max') || '256';
    if (!/^-?\d+$/.test(maxText)) throw new VerbError(`invalid argument ${JSON.stringify(maxText)} for "--max" flag: strconv.ParseInt: parsing ${JSON.stringify(maxText)}: invalid syntax`);
    const revisions = history(actionConfig(env, flags), flags.positional[0]!);
    const shown = revisions.slice(Math.max(0, revisions.length - Math.max(0, Number(maxText))));
    if (format !== 'table') {
      const json = `[${shown
        .map(
          (r) =>
            `{"revision":${r.version},"updated":${marshalJson(r.info.lastDeployed === 0 ? '0001-01-01T00:00:00Z' : formatRFC3339Nano(r.info.lastDeployed))},"status":${marshalJson(r.info.status)},"chart":${marshalJson(chartLabel(r))},"app_version":${marshalJson(r.chart.metadata.appVersion)},"description":${marshalJson(r.info.description)}}`,
        )
        .join(',')}]`;
      out.out(format === 'json' ? encodeJson(json) : encodeYaml(json));
      return out.result(0);
    }
    const rows = shown.map((r) => [
      String(r.version),
      r.info.lastDeployed === 0 ? ZERO_ANSIC : formatANSIC(r.info.lastDeployed),
      r.info.status,
      chartLabel(r),
      r.chart.metadata.appVersion,
      r.info.description,
    ]);
    out.out(uitable([['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], ...rows]));
    return out.result(0);
  } catch (err) {
    if (err instanceof FlagError) return out.fail(err.message);
    const message = helmErrorMessage(err);
    if (message === undefined) throw err;
    return out.fail(message);
  }
}
