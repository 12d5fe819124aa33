// NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, unless the pod
// tolerates the node.kubernetes.io/unschedulable:NoSchedule taint that cordoning implies
// (DaemonSet pods get that toleration).

import { tolerationsTolerate } from './taint-toleration.ts';
import { type Cycle, type FilterPlugin, type PreFilterOutcome, status, type Status } from './plugin.ts';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';
  #tolerated = false;

  preFilter(cycle: Cycle): PreFilterOutcome {
    this.#tolerated = tolerationsTolerate(cycle.tolerations, UNSCHEDULABLE_TAINT);
    return this.#tolerated ? 'passes' : 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    if (!cycle.cache.entries[slot]!.unschedulable || this.#tolerated) return null;
    return status(this.name, 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  }
}
