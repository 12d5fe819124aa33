// The kubectl commands Dockyard has, grouped and ordered as `kubectl --help` lists them (cobra's
// suggestions for a mistyped command follow this order too).

import { applyCommand } from './apply.ts';
import { autoscaleCommand } from './autoscale.ts';
import { apiResourcesCommand, apiVersionsCommand, clusterInfoCommand, versionCommand } from './cluster-commands.ts';
import { configCommand } from './config.ts';
import { cordonNodeCommand, drainCommand, uncordonNodeCommand } from './cordon-drain.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { eventsCommand } from './events.ts';
import { execCommand } from './exec.ts';
import { exposeCommand } from './expose.ts';
import { getCommand } from './get.ts';
import { annotateCommand, labelCommand } from './label-annotate.ts';
import { logsCommand } from './logs.ts';
import { patchCommand } from './patch.ts';
import { portForwardCommand } from './port-forward.ts';
import { rolloutCommand } from './rollout.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import { topCommand } from './top.ts';
import { waitCommand } from './wait.ts';
import type { CommandGroup } from './help.ts';

export const ROOT_GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Beginner)', commands: [createCommand, exposeCommand, runCommand, setCommand] },
  { title: 'Basic Commands (Intermediate)', commands: [getCommand, deleteCommand] },
  { title: 'Deploy Commands', commands: [rolloutCommand, scaleCommand, autoscaleCommand] },
  { title: 'Cluster Management Commands', commands: [clusterInfoCommand, topCommand, cordonNodeCommand, uncordonNodeCommand, drainCommand] },
  { title: 'Troubleshooting and Debugging Commands', commands: [describeCommand, logsCommand, execCommand, portForwardCommand, eventsCommand] },
  { title: 'Advanced Commands', commands: [applyCommand, patchCommand, waitCommand] },
  { title: 'Settings Commands', commands: [labelCommand, annotateCommand] },
  { title: 'Other Commands', commands: [apiResourcesCommand, apiVersionsCommand, configCommand, versionCommand] },
];
