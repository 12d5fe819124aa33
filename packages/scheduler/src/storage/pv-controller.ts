// The PersistentVolume controller of kube-controller-manager (pkg/controller/volume/persistentvolume):
// - an unbound claim is matched to the smallest Available volume of its class whose access modes,
//   volume mode and size fit (or the volume pre-bound to it by claimRef), and both are bound:
//   PV claimRef and phase Bound, PVC volumeName, the bind-completed/bound-by-controller
//   annotations and PVC status (phase Bound, capacity, access modes);
// - when nothing fits: an Immediate class asks its provisioner now; a WaitForFirstConsumer class
//   waits for the scheduler's selected-node annotation (event WaitForFirstConsumer) and then asks
//   (the storage-provisioner annotations, event ExternalProvisioning); a class that does not
//   exist gives ProvisioningFailed `storageclass.storage.k8s.io "x" not found`; no class at all
//   gives FailedBinding `no persistent volumes available for this claim and no storage class is set`;
// - a volume whose claim is gone is Released; with reclaim policy Delete its provisioner deletes
//   it, with Retain it stays Released (data kept) until someone deletes it;
// - new volumes become Available.
// The provisioning itself is the provisioner's (local-path-provisioner.ts for kind's class).

import type { Engine, EngineComponent } from '@dockyard/runtime';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { deepCopy, type Stored } from '../api/kinds.ts';
import { bytesOf } from '../api/quantity.ts';
import type { EventSink } from '../events/event-recorder.ts';
import { NO_PROVISIONER, SELECTED_NODE_ANNOTATION, volumeFits } from '../kube-scheduler/volume-binding.ts';
import { type SavedWorkQueue, WorkQueue } from '../controllers/work-queue.ts';

export const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

export interface PersistentVolumeControllerOptions {
  events: EventSink;
}

export class PersistentVolumeController implements EngineComponent {
  readonly name = 'persistentvolume-binder-controller';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventSink;
  readonly #queue: WorkQueue;
  /** Claims already told they wait (one WaitForFirstConsumer/ExternalProvisioning event each). */
  #told = new Set<string>();

  constructor(engine: Engine, store: ApiStore, options: PersistentVolumeControllerOptions) {
    this.#engine = engine;
    this.#store = store;
    this.#events = options.events;
    this.#queue = new WorkQueue(engine, 'persistentvolume-binder', (key) => (key.startsWith('pvc:') ? this.#syncClaim(key.slice(4)) : this.#syncVolume(key.slice(3))));
    store.watch('PersistentVolumeClaim', {}, ({ type, object }) => {
      if (type === 'DELETED') {
        // Its volume is Released now.
        const volume = object.spec?.volumeName;
        if (volume !== undefined && volume !== '') this.#queue.add(`pv:${volume}`);
        return;
      }
      this.#queue.add(`pvc:${object.metadata!.namespace}/${object.metadata!.name}`);
    });
    store.watch('PersistentVolume', {}, ({ object }) => {
      this.#queue.add(`pv:${object.metadata!.name}`);
      // A new or freed volume may fit a waiting claim.
      for (const pvc of store.list('PersistentVolumeClaim').items) if (pvc.status?.phase !== 'Bound') this.#queue.add(`pvc:${pvc.metadata!.namespace}/${pvc.metadata!.name}`);
    });
    engine.register(this);
  }

  #syncClaim(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pvc = this.#store.tryGet('PersistentVolumeClaim', namespace, name);
    if (pvc === undefined || pvc.metadata?.deletionTimestamp !== undefined) return;
    const volumeName = pvc.spec?.volumeName;
    if (volumeName !== undefined && volumeName !== '') {
      const pv = this.#store.tryGet('PersistentVolume', undefined, volumeName);
      if (pv !== undefined && pvc.status?.phase !== 'Bound') this.#bind(pv, pvc);
      return;
    }
    const volume = this.#findVolume(pvc);
    const className = pvc.spec?.storageClassName ?? '';
    const cls = className === '' ? undefined : this.#store.tryGet('StorageClass', undefined, className);
    const waits = cls?.volumeBindingMode === 'WaitForFirstConsumer';
    const selectedNode = pvc.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
    if (volume !== undefined && (!waits || selectedNode !== undefined || volume.spec?.claimRef !== undefined)) {
      this.#bind(volume, pvc);
      return;
    }
    if (className === '') {
      this.#tell(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (cls === undefined) {
      this.#tell(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (waits && selectedNode === undefined) {
      this.#tell(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    if (cls.provisioner === NO_PROVISIONER) {
      this.#tell(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (pvc.metadata?.annotations?.[STORAGE_PROVISIONER] !== cls.provisioner) {
      this.#events.event(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${cls.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
      const next = deepCopy(pvc);
      next.metadata!.annotations = { ...next.metadata!.annotations, [BETA_STORAGE_PROVISIONER]: cls.provisioner, [STORAGE_PROVISIONER]: cls.provisioner };
      this.#store.update(next);
    }
  }

  /** A volume pre-bound to the claim, else the smallest Available one that fits. */
  #findVolume(pvc: Stored<'PersistentVolumeClaim'>): Stored<'PersistentVolume'> | undefined {
    const volumes = this.#store.list('PersistentVolume').items;
    const prebound = volumes.find((pv) => pv.spec?.claimRef?.name === pvc.metadata?.name && pv.spec?.claimRef?.namespace === pvc.metadata?.namespace && (pv.spec?.claimRef?.uid === undefined || pv.spec.claimRef.uid === pvc.metadata?.uid));
    if (prebound !== undefined) return prebound;
    const request = bytesOf(pvc.spec?.resources?.requests?.storage ?? '0');
    const size = (pv: PersistentVolume) => bytesOf(pv.spec?.capacity?.storage ?? '0');
    const fits = volumes.filter((pv) => pv.status?.phase === 'Available' && pv.spec?.claimRef === undefined && volumeFits(pv as PersistentVolume, pvc as PersistentVolumeClaim, request, size));
    return fits.sort((a, b) => size(a as PersistentVolume) - size(b as PersistentVolume))[0];
  }

  #bind(pv: Stored<'PersistentVolume'>, pvc: Stored<'PersistentVolumeClaim'>): void {
    const byController = pv.spec?.claimRef === undefined;
    if (pv.spec?.claimRef?.uid !== pvc.metadata?.uid || pv.status?.phase !== 'Bound') {
      const nextPv = deepCopy(pv);
      nextPv.spec!.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata!.namespace!, name: pvc.metadata!.name!, uid: pvc.metadata!.uid!, apiVersion: 'v1', resourceVersion: pvc.metadata!.resourceVersion! };
      if (byController) nextPv.metadata!.annotations = { ...nextPv.metadata!.annotations, [BOUND_BY_CONTROLLER]: 'yes' };
      const written = this.#store.update(nextPv);
      const status = deepCopy(written);
      status.status = { phase: 'Bound' };
      this.#store.updateStatus(status);
    }
    const nextPvc = deepCopy(this.#store.get('PersistentVolumeClaim', pvc.metadata!.namespace!, pvc.metadata!.name!));
    nextPvc.spec!.volumeName = pv.metadata!.name!;
    nextPvc.metadata!.annotations = { ...nextPvc.metadata!.annotations, [BIND_COMPLETED]: 'yes', [BOUND_BY_CONTROLLER]: 'yes' };
    const written = this.#store.update(nextPvc);
    const status = deepCopy(written);
    status.status = { phase: 'Bound', accessModes: [...(pv.spec?.accessModes ?? [])], capacity: { ...pv.spec?.capacity } };
    this.#store.updateStatus(status);
    this.#engine.log.append('pv-controller.bind', { claim: `${pvc.metadata!.namespace}/${pvc.metadata!.name}`, volume: pv.metadata!.name });
  }

  #syncVolume(name: string): void {
    const pv = this.#store.tryGet('PersistentVolume', undefined, name);
    if (pv === undefined || pv.metadata?.deletionTimestamp !== undefined) return;
    const ref = pv.spec?.claimRef;
    const phase = pv.status?.phase;
    if (ref === undefined) {
      if (phase !== 'Available') this.#setPhase(pv, 'Available');
      return;
    }
    const claim = this.#store.tryGet('PersistentVolumeClaim', ref.namespace, ref.name ?? '');
    const gone = claim === undefined || (ref.uid !== undefined && claim.metadata?.uid !== ref.uid);
    if (gone && phase === 'Bound') {
      this.#setPhase(pv, 'Released');
      this.#engine.log.append('pv-controller.released', { volume: name, reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain' });
    } else if (!gone && phase !== 'Bound' && claim?.spec?.volumeName === name) this.#setPhase(pv, 'Bound');
    else if (!gone && phase === 'Pending') this.#setPhase(pv, 'Available');
  }

  #setPhase(pv: Stored<'PersistentVolume'>, phase: string): void {
    const next = deepCopy(pv);
    next.status = { ...next.status, phase };
    this.#store.updateStatus(next);
  }

  #tell(pvc: Stored<'PersistentVolumeClaim'>, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const key = `${pvc.metadata!.uid}/${reason}`;
    if (this.#told.has(key)) return;
    this.#told.add(key);
    this.#events.event(pvc, type, reason, message);
  }

  snapshot(): { queue: SavedWorkQueue; told: string[] } {
    return { queue: this.#queue.snapshot(), told: [...this.#told].sort() };
  }

  restore(state: unknown): void {
    const saved = state as { queue: SavedWorkQueue; told: string[] };
    this.#queue.restore(saved.queue);
    this.#told = new Set(saved.told);
  }
}
