// Install.NameAndChart (pkg/action/install.go): the release name and chart of `[NAME] [CHART]`,
// a name rendered from --name-template, the default name (`helm template`'s "release-name"), or
// with --generate-name `<chart base name>-<Unix seconds>`.

import { sprigFunctionMap, TemplateError, TemplateSet } from '@dockyard/scheduler/helm';
import { VerbError } from './chart-and-values.ts';
import { flagBool, flagString, type ParsedFlags } from './flags.ts';
import type { HelmEnvironment } from './template-command.ts';

export function nameAndChart(flags: ParsedFlags, env: HelmEnvironment, defaultName = ''): { name: string; chartPath: string } {
  const args = flags.positional;
  const nameTemplate = flagString(flags, 'name-template');
  if (args.length > 2) throw new VerbError(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  if (args.length === 2) {
    if (flagBool(flags, 'generate-name')) throw new VerbError('cannot set --generate-name and also specify a name');
    if (nameTemplate !== '') throw new VerbError('cannot set --name-template and also specify a name');
    return { name: args[0]!, chartPath: args[1]! };
  }
  const chartPath = args[0]!;
  if (nameTemplate !== '') {
    try {
      return { name: new TemplateSet('name-template', sprigFunctionMap(env)).parse('name-template', nameTemplate).execute('name-template', null), chartPath };
    } catch (err) {
      if (err instanceof TemplateError) throw new VerbError(err.message);
      throw err;
    }
  }
  if (defaultName !== '') return { name: defaultName, chartPath };
  if (!flagBool(flags, 'generate-name')) throw new VerbError('must either provide a name or specify --generate-name');
  let base = chartPath.replace(/\/+$/, '').replace(/^.*\//, '');
  if (base === '.' || base === '') base = 'chart';
  if (base.includes('.')) base = base.slice(0, base.indexOf('.'));
  return { name: `${base}-${Math.floor(env.now() / 1000)}`, chartPath };
}
