// The kubectl commands Dockyard has, grouped and ordered as `kubectl --help` lists them (cobra's
// suggestions for a mistyped command follow this order too).

import { applyCommand } from './apply.ts';
import { cordonNodeCommand, drainCommand, uncordonNodeCommand } from './cordon-drain.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { execCommand } from './exec.ts';
import { getCommand } from './get.ts';
import { annotateCommand, labelCommand } from './label-annotate.ts';
import { logsCommand } from './logs.ts';
import { rolloutCommand } from './rollout.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import type { CommandGroup } from './help.ts';

export const ROOT_GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Beginner)', commands: [createCommand, runCommand, setCommand] },
  { title: 'Basic Commands (Intermediate)', commands: [getCommand, deleteCommand] },
  { title: 'Deploy Commands', commands: [rolloutCommand, scaleCommand] },
  { title: 'Cluster Management Commands', commands: [cordonNodeCommand, uncordonNodeCommand, drainCommand] },
  { title: 'Troubleshooting and Debugging Commands', commands: [describeCommand, logsCommand, execCommand] },
  { title: 'Advanced Commands', commands: [applyCommand] },
  { title: 'Settings Commands', commands: [labelCommand, annotateCommand] },
];
