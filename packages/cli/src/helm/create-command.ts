// `helm create NAME` as a pure function: the files to write (paths relative to the working
// directory) and helm's output. Follows helm's cmd/create.go and chartutil.Create.

import { ChartNameError, createChartFiles, type FileSource } from '@dockyard/scheduler/helm';
import { CommandOutput, type CommandResult } from './command-output.ts';
import { FlagError, flagString, parseFlags } from './flags.ts';

export interface CreateResult extends CommandResult {
  /** Files to write, keyed by path relative to the working directory ("mychart/Chart.yaml"). */
  files: Map<string, Uint8Array>;
  /** Empty folders to make (helm makes `<name>/charts`). */
  directories: string[];
}

/** Runs `helm create` with `args`; `existing` is the working directory (to refuse a clash with a file). */
export function helmCreate(args: readonly string[], existing: FileSource): CreateResult {
  const out = new CommandOutput();
  const nothing = (result: CommandResult): CreateResult => ({ ...result, files: new Map(), directories: [] });
  let positional: string[];
  let starter: string;
  try {
    const flags = parseFlags(args, [
      { name: 'starter', short: 'p', kind: 'string' },
      { name: 'help', short: 'h', kind: 'bool' },
      { name: 'debug', kind: 'bool' },
    ]);
    positional = flags.positional;
    starter = flagString(flags, 'starter');
  } catch (err) {
    if (err instanceof FlagError) return nothing(out.fail(err.message));
    throw err;
  }
  if (positional.length !== 1) {
    return nothing(out.fail(`"helm create" requires 1 argument\n\nUsage:  helm create NAME [flags]`));
  }
  if (starter !== '') return nothing(out.fail('--starter is not supported: Dockyard has no starter charts'));
  const path = positional[0]!.replace(/\/+$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  out.out(`Creating ${path}\n`);
  if (existing.read(path)) return nothing(out.fail(`file ${path} already exists and is not a directory`));
  let chartFiles: Map<string, Uint8Array>;
  try {
    chartFiles = createChartFiles(name);
  } catch (err) {
    if (err instanceof ChartNameError) return nothing(out.fail(err.message));
    throw err;
  }
  const files = new Map<string, Uint8Array>();
  for (const [file, data] of chartFiles) {
    const target = `${path}/${file}`;
    if (existing.read(target)) out.err(`WARNING: File "${target}" already exists. Overwriting.\n`);
    files.set(target, data);
  }
  return { ...out.result(0), files, directories: [`${path}/charts`] };
}
