// The values flags helm's install, template and lint share (-f, --set, --set-string, --set-json,
// --set-file, --set-literal), and their reading into one values map.

import type { ValueOptions } from '@dockyard/scheduler/helm';
import { flagList, type FlagSpec, type ParsedFlags } from './flags.ts';

export const VALUE_FLAGS: readonly FlagSpec[] = [
  { name: 'values', short: 'f', kind: 'stringSlice' },
  { name: 'set', kind: 'stringArray' },
  { name: 'set-file', kind: 'stringArray' },
  { name: 'set-json', kind: 'stringArray' },
  { name: 'set-literal', kind: 'stringArray' },
  { name: 'set-string', kind: 'stringArray' },
];

export function valueOptions(flags: ParsedFlags): ValueOptions {
  return {
    valueFiles: flagList(flags, 'values'),
    jsonValues: flagList(flags, 'set-json'),
    values: flagList(flags, 'set'),
    stringValues: flagList(flags, 'set-string'),
    fileValues: flagList(flags, 'set-file'),
    literalValues: flagList(flags, 'set-literal'),
  };
}
