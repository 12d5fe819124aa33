// VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions): a claim with the
// ReadWriteOncePod access mode can be used by one pod in the whole cluster; a second pod stays
// Pending with `node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod
// access mode`. (ReadWriteOnce is per node, not per pod: it is kept by the volume's node affinity,
// see volume-binding.ts.) Pods without claims skip the plugin.

import { type Cycle, type FilterPlugin, type PreFilterOutcome, status } from './plugin.ts';
import { podClaims, type VolumeLister } from './volume-lister.ts';

export const RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

export class VolumeRestrictions implements FilterPlugin {
  readonly name = 'VolumeRestrictions';
  readonly #lister: VolumeLister | undefined;

  constructor(lister: VolumeLister | undefined) {
    this.#lister = lister;
  }

  preFilter(cycle: Cycle): PreFilterOutcome {
    const names = podClaims(cycle.pod);
    if (names.length === 0 || this.#lister === undefined) return 'skip';
    const exclusive = names.filter((name) => (this.#lister!.claim(cycle.namespace, name)?.spec?.accessModes ?? []).includes('ReadWriteOncePod'));
    if (exclusive.length === 0) return 'passes';
    for (const other of cycle.cache.pods()) {
      if (other.namespace !== cycle.namespace || other.uid === cycle.pod.metadata?.uid) continue;
      if (podClaims(other.pod).some((claim) => exclusive.includes(claim))) return status(this.name, 'Unschedulable', RWOP_CONFLICT);
    }
    return 'passes';
  }

  filter(): null {
    return null;
  }
}
