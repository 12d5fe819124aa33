// The kubectl commands Dockyard has, grouped and ordered as `kubectl --help` lists them (cobra's
// suggestions for a mistyped command follow this order too).

import { applyCommand } from './apply.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { getCommand } from './get.ts';
import type { CommandGroup } from './help.ts';

export const ROOT_GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Beginner)', commands: [createCommand] },
  { title: 'Basic Commands (Intermediate)', commands: [getCommand, deleteCommand] },
  { title: 'Advanced Commands', commands: [applyCommand] },
];
