// The order in which the scheduler walks nodes (pkg/scheduler/backend/cache/node_tree.go): nodes
// are grouped by zone (region + zone labels), zones in the order they first appeared, nodes in a
// zone in the order they were added, and the list interleaves the zones round-robin: the first
// node of every zone, then the second of every zone, and so on. Together with the round-robin start
// index this spreads each cycle's sample over the zones.

import type { Labels } from './label-match.ts';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';

/** utilnode.GetZoneKey: "" for a node without region and zone labels. */
export function zoneKey(labels: Labels): string {
  const region = labels?.[LABEL_REGION] ?? labels?.[LABEL_REGION_BETA] ?? '';
  const zone = labels?.[LABEL_ZONE] ?? labels?.[LABEL_ZONE_BETA] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

export class NodeTree {
  readonly #zones: string[] = [];
  readonly #members = new Map<string, string[]>();
  #count = 0;

  get size(): number {
    return this.#count;
  }

  add(name: string, zone: string): void {
    const members = this.#members.get(zone);
    if (members === undefined) {
      this.#zones.push(zone);
      this.#members.set(zone, [name]);
    } else {
      if (members.includes(name)) return;
      members.push(name);
    }
    this.#count++;
  }

  remove(name: string, zone: string): void {
    const members = this.#members.get(zone);
    const at = members?.indexOf(name) ?? -1;
    if (members === undefined || at < 0) return;
    members.splice(at, 1);
    if (members.length === 0) {
      this.#members.delete(zone);
      this.#zones.splice(this.#zones.indexOf(zone), 1);
    }
    this.#count--;
  }

  /** Node names zone by zone: adding them in this order rebuilds the same tree. */
  zoneMajor(): string[] {
    return this.#zones.flatMap((zone) => this.#members.get(zone)!);
  }

  /** Node names, zones interleaved. */
  list(): string[] {
    const out: string[] = [];
    for (let index = 0; out.length < this.#count; index++) {
      for (const zone of this.#zones) {
        const members = this.#members.get(zone)!;
        if (index < members.length) out.push(members[index]!);
      }
    }
    return out;
  }
}
