// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): a pod's PersistentVolumeClaims
// decide where it can go.
// - PreFilter: a missing claim, or one being deleted, makes the pod unschedulable and
//   unresolvable (`persistentvolumeclaim "x" not found`); an unbound claim of an Immediate class
//   waits for the PV controller (`pod has unbound immediate PersistentVolumeClaims`); pods without
//   claims skip the plugin.
// - Filter: a bound claim's PersistentVolume must accept the node (its nodeAffinity: kind's
//   local-path volumes are pinned to the node they were made on, so a ReadWriteOnce volume in use
//   on one node keeps its pods there: `node(s) had volume node affinity conflict`); an unbound
//   WaitForFirstConsumer claim needs an available PV that fits the node or a class that can
//   provision (`node(s) didn't find available persistent volumes to bind`).
// - PreBind (`preBindVolumes`): for each unbound WaitForFirstConsumer claim, the chosen node is
//   written as the `volume.kubernetes.io/selected-node` annotation, which the provisioner acts
//   on; the pod is bound once its claims are (`claimsBound`).

import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { compileNodeSelector } from './label-match.ts';
import { type Cycle, type FilterPlugin, type PreFilterOutcome, status, type Status } from './plugin.ts';
import { podClaims, type VolumeLister } from './volume-lister.ts';

export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

const AFFINITY_CONFLICT = 'node(s) had volume node affinity conflict';
const NO_VOLUME = "node(s) didn't find available persistent volumes to bind";

function accessModesFit(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const have = new Set(pv.spec?.accessModes ?? []);
  return (pvc.spec?.accessModes ?? []).every((m) => have.has(m));
}

/** Whether a PV could satisfy a claim (class, modes, size, selector ignored), on a node (its affinity). */
export function volumeFits(pv: PersistentVolume, pvc: PersistentVolumeClaim, requestBytes: number, capacityBytes: (pv: PersistentVolume) => number): boolean {
  if ((pv.spec?.storageClassName ?? '') !== (pvc.spec?.storageClassName ?? '')) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  if (pv.spec?.claimRef !== undefined && (pv.spec.claimRef.name !== pvc.metadata?.name || pv.spec.claimRef.namespace !== pvc.metadata?.namespace)) return false;
  return accessModesFit(pv, pvc) && capacityBytes(pv) >= requestBytes;
}

interface ClaimState {
  /** The bound volume's node affinity, when it has one. */
  boundAffinity?: ReturnType<typeof compileNodeSelector>;
  /** An unbound WaitForFirstConsumer claim: static candidates with their affinity, and whether the class provisions. */
  delayed?: { candidates: (ReturnType<typeof compileNodeSelector> | undefined)[]; provisions: boolean };
}

export class VolumeBinding implements FilterPlugin {
  readonly name = 'VolumeBinding';
  readonly #lister: VolumeLister | undefined;
  readonly #bytes: (quantity: string | undefined) => number;
  #claims: ClaimState[] = [];

  constructor(lister: VolumeLister | undefined, bytes: (quantity: string | undefined) => number) {
    this.#lister = lister;
    this.#bytes = bytes;
  }

  preFilter(cycle: Cycle): PreFilterOutcome {
    const names = podClaims(cycle.pod);
    if (names.length === 0 || this.#lister === undefined) return 'skip';
    this.#claims = [];
    let unboundImmediate = false;
    for (const name of names) {
      const pvc = this.#lister.claim(cycle.namespace, name);
      if (pvc === undefined) return status(this.name, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" not found`);
      if (pvc.metadata?.deletionTimestamp !== undefined) return status(this.name, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" is being deleted`);
      const volumeName = pvc.spec?.volumeName;
      if (volumeName !== undefined && volumeName !== '') {
        const pv = this.#lister.volume(volumeName);
        const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        this.#claims.push(terms === undefined ? {} : { boundAffinity: compileNodeSelector(terms) });
        continue;
      }
      const className = pvc.spec?.storageClassName ?? '';
      const cls = className === '' ? undefined : this.#lister.storageClass(className);
      if (cls?.volumeBindingMode !== 'WaitForFirstConsumer') {
        unboundImmediate = true;
        continue;
      }
      const request = this.#bytes(pvc.spec?.resources?.requests?.storage);
      const candidates = this.#lister
        .availableVolumes()
        .filter((pv) => volumeFits(pv, pvc, request, (v) => this.#bytes(v.spec?.capacity?.storage)))
        .map((pv) => {
          const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
          return terms === undefined ? undefined : compileNodeSelector(terms);
        });
      this.#claims.push({ delayed: { candidates, provisions: cls.provisioner !== NO_PROVISIONER } });
    }
    if (unboundImmediate) return status(this.name, 'UnschedulableAndUnresolvable', 'pod has unbound immediate PersistentVolumeClaims');
    return this.#claims.every((c) => c.boundAffinity === undefined && c.delayed === undefined) ? 'passes' : 'run';
  }

  filter(cycle: Cycle, slot: number): Status | null {
    const entry = cycle.cache.entries[slot]!;
    const view = { name: entry.name, labels: entry.labels };
    for (const claim of this.#claims) {
      if (claim.boundAffinity !== undefined && !claim.boundAffinity.matches(view)) return status(this.name, 'UnschedulableAndUnresolvable', AFFINITY_CONFLICT);
      if (claim.delayed !== undefined && !claim.delayed.provisions && !claim.delayed.candidates.some((m) => m === undefined || m.matches(view))) {
        return status(this.name, 'UnschedulableAndUnresolvable', NO_VOLUME);
      }
    }
    return null;
  }
}
