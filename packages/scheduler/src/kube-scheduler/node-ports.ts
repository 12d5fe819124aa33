// NodePorts: two pods cannot hold the same hostPort/protocol on a node, on the same IP or when
// either binds 0.0.0.0 (framework.HostPortInfo.CheckConflict). An empty hostIP means 0.0.0.0
// and an empty protocol TCP.

import { type Cycle, type FilterPlugin, type PreFilterOutcome, status, type Status } from './plugin.ts';
import type { HostPort } from './scheduler-cache.ts';

export class NodePorts implements FilterPlugin {
  readonly name = 'NodePorts';
  #wanted: HostPort[] = [];

  preFilter(cycle: Cycle): PreFilterOutcome {
    this.#wanted = [];
    for (const container of cycle.spec.containers ?? []) {
      for (const port of container.ports ?? []) {
        if ((port.hostPort ?? 0) > 0) this.#wanted.push({ ip: port.hostIP || '0.0.0.0', protocol: port.protocol || 'TCP', port: port.hostPort! });
      }
    }
    return this.#wanted.length === 0 ? 'skip' : 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const used = cycle.cache.entries[slot]!.usedPorts;
    if (used.size === 0) return null;
    for (const want of this.#wanted) {
      const ips = used.get(`${want.protocol}/${want.port}`);
      if (ips === undefined) continue;
      if (want.ip === '0.0.0.0' ? ips.size > 0 : ips.has('0.0.0.0') || ips.has(want.ip)) {
        return status(this.name, 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");
      }
    }
    return null;
  }
}
