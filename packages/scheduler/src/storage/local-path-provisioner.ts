// Rancher's local-path-provisioner as kind ships it: for a claim of its class whose node the
// scheduler has chosen (`volume.kubernetes.io/selected-node`), a helper pod makes
// /var/local-path-provisioner/pvc-<uid>_<namespace>_<claim> on that node and a hostPath
// PersistentVolume `pvc-<claim uid>` appears, pre-bound to the claim and pinned to the node by
// node affinity (so the data stays on that node, and so do the claim's pods). Only ReadWriteOnce
// and ReadWriteOncePod claims can be served. A Released volume with reclaim policy Delete has
// its directory removed and is deleted. Events are the external-provisioner library's
// (Provisioning, ProvisioningSucceeded, ProvisioningFailed).

import type { Engine, EngineComponent, TaskKind } from '@dockyard/runtime';
import type { ApiStore } from '../api/api-store.ts';
import type { Stored } from '../api/kinds.ts';
import type { EventSink } from '../events/event-recorder.ts';
import { SELECTED_NODE_ANNOTATION } from '../kube-scheduler/volume-binding.ts';
import { LOCAL_PATH_PROVISIONER } from './default-storage-class.ts';
import { PROVISIONED_BY, STORAGE_PROVISIONER } from './pv-controller.ts';

export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';
export const LOCAL_PATH_NODE_ANNOTATION = 'local.path.provisioner/selected-node';
/** How long the helper pod takes to create (or remove) a volume's directory. */
export const HELPER_POD_DELAY_MS = 2000;

export interface LocalPathProvisionerOptions {
  events: EventSink;
}

/** Where a claim's data lives on its node. */
export function localPathFor(volumeName: string, namespace: string, claim: string): string {
  return `${LOCAL_PATH_ROOT}/${volumeName}_${namespace}_${claim}`;
}

export class LocalPathProvisioner implements EngineComponent {
  readonly name = 'local-path-provisioner';
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #events: EventSink;
  readonly #provision: TaskKind<{ key: string }>;
  readonly #remove: TaskKind<{ name: string }>;
  #busy = new Set<string>();

  constructor(engine: Engine, store: ApiStore, options: LocalPathProvisionerOptions) {
    this.#engine = engine;
    this.#store = store;
    this.#events = options.events;
    this.#provision = engine.defineTask('local-path-provisioner.provision', ({ key }: { key: string }) => {
      this.#busy.delete(key);
      this.#create(key);
    });
    this.#remove = engine.defineTask('local-path-provisioner.delete', ({ name }: { name: string }) => {
      this.#busy.delete(`pv:${name}`);
      if (store.tryGet('PersistentVolume', undefined, name) === undefined) return;
      engine.log.append('local-path.teardown', { volume: name });
      store.delete('PersistentVolume', undefined, name);
    });
    store.watch('PersistentVolumeClaim', {}, ({ type, object }) => {
      if (type === 'DELETED') return;
      const key = `${object.metadata!.namespace}/${object.metadata!.name}`;
      if (this.#busy.has(key) || !this.#wants(object)) return;
      const failure = this.#refusal(object);
      if (failure !== undefined) {
        this.#events.event(object, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${object.spec?.storageClassName}": ${failure}`);
        return;
      }
      this.#busy.add(key);
      this.#events.event(object, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`);
      engine.schedule(this.#provision, HELPER_POD_DELAY_MS, { key });
    });
    store.watch('PersistentVolume', {}, ({ type, object }) => {
      const name = object.metadata!.name!;
      if (type === 'DELETED' || this.#busy.has(`pv:${name}`)) return;
      if (object.metadata?.annotations?.[PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
      if (object.status?.phase !== 'Released' || object.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
      this.#busy.add(`pv:${name}`);
      engine.schedule(this.#remove, HELPER_POD_DELAY_MS, { name });
    });
    engine.register(this);
  }

  /** A claim for this provisioner, with a node, and no volume yet. */
  #wants(pvc: Stored<'PersistentVolumeClaim'>): boolean {
    if (pvc.metadata?.annotations?.[STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return false;
    if (pvc.spec?.volumeName !== undefined && pvc.spec.volumeName !== '') return false;
    if (pvc.metadata?.deletionTimestamp !== undefined) return false;
    return this.#store.tryGet('PersistentVolume', undefined, `pvc-${pvc.metadata!.uid}`) === undefined;
  }

  #refusal(pvc: Stored<'PersistentVolumeClaim'>): string | undefined {
    if (pvc.metadata?.annotations?.[SELECTED_NODE_ANNOTATION] === undefined) return 'configuration error, no node was specified';
    for (const mode of pvc.spec?.accessModes ?? []) {
      if (mode !== 'ReadWriteOnce' && mode !== 'ReadWriteOncePod') return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
    }
    return undefined;
  }

  #create(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pvc = this.#store.tryGet('PersistentVolumeClaim', namespace, name);
    if (pvc === undefined || !this.#wants(pvc)) return;
    const node = pvc.metadata!.annotations![SELECTED_NODE_ANNOTATION]!;
    const volumeName = `pvc-${pvc.metadata!.uid}`;
    const cls = this.#store.tryGet('StorageClass', undefined, pvc.spec?.storageClassName ?? '');
    const path = localPathFor(volumeName, namespace, name);
    this.#store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: volumeName, annotations: { [LOCAL_PATH_NODE_ANNOTATION]: node, [PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: [...(pvc.spec?.accessModes ?? ['ReadWriteOnce'])],
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '0' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace, uid: pvc.metadata!.uid!, resourceVersion: pvc.metadata!.resourceVersion! },
        hostPath: { path, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls?.reclaimPolicy ?? 'Delete',
        storageClassName: pvc.spec?.storageClassName ?? '',
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    });
    this.#events.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volumeName}`);
    this.#engine.log.append('local-path.provision', { claim: key, volume: volumeName, node, path });
  }

  snapshot(): { busy: string[] } {
    return { busy: [...this.#busy].sort() };
  }

  restore(state: unknown): void {
    this.#busy = new Set((state as { busy: string[] }).busy);
  }
}
