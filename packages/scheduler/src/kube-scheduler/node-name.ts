// NodeName: a pod that names its node (spec.nodeName) fits only there. Pods created with a
// nodeName never reach the scheduler's queue; this matters for pods requeued with one set.

import { type Cycle, type FilterPlugin, type PreFilterOutcome, status, type Status } from './plugin.ts';

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  preFilter(cycle: Cycle): PreFilterOutcome {
    return cycle.spec.nodeName ? 'run' : 'passes';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const wanted = cycle.spec.nodeName;
    if (!wanted || wanted === cycle.cache.entries[slot]!.name) return null;
    return status(this.name, 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
  }
}
