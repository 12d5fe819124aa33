// ControllerRefManager (k/k `pkg/controller/controller_ref_manager.go` ClaimObject): which of the
// objects a controller's selector finds are its own.
// - owned by another controller: not ours;
// - owned by us and still matching: ours; no longer matching: released (our ownerReference
//   removed), unless we are being deleted;
// - an orphan that matches: adopted (our controller ownerReference added), unless we or it are
//   being deleted, and after a fresh read of ourselves confirms we are not (RecheckDeletionTimestamp).

import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import { deepCopy, type DeepReadonly, type KubeObject } from '../api/kinds.ts';
import type { Selector } from '../api/label-selector.ts';
import { controllerOf, newControllerRef } from './pod-util.ts';

export interface ClaimOptions {
  /** The controller claiming (its stored object). */
  owner: DeepReadonly<KubeObject>;
  selector: Selector;
  /** Logs adoption and release decisions. */
  log: (decision: 'adopt' | 'release', object: DeepReadonly<KubeObject>) => void;
}

function ownerIsLive(store: ApiStore, owner: DeepReadonly<KubeObject>): boolean {
  const fresh = store.getByUid(owner.metadata!.uid!);
  return fresh !== undefined && fresh.metadata?.deletionTimestamp === undefined;
}

/** Claims `objects` for `owner`; returns its own, adopted ones included (as stored after adoption). */
export function claimObjects<T extends DeepReadonly<KubeObject>>(store: ApiStore, objects: readonly T[], options: ClaimOptions): T[] {
  const { owner, selector } = options;
  const ownerUid = owner.metadata!.uid!;
  const ownerDeleting = owner.metadata?.deletionTimestamp !== undefined;
  const claimed: T[] = [];
  let canAdopt: boolean | undefined;
  for (const object of objects) {
    const ref = controllerOf(object);
    const matches = selector.matches(object.metadata?.labels);
    if (ref !== undefined) {
      if (ref.uid !== ownerUid) continue;
      if (matches) {
        claimed.push(object);
      } else if (!ownerDeleting) {
        release(store, object, ownerUid);
        options.log('release', object);
      }
      continue;
    }
    if (ownerDeleting || !matches || object.metadata?.deletionTimestamp !== undefined) continue;
    if (object.metadata?.namespace !== owner.metadata?.namespace) continue;
    canAdopt ??= ownerIsLive(store, owner);
    if (!canAdopt) continue;
    const adopted = adopt(store, object, owner);
    if (adopted !== undefined) {
      options.log('adopt', object);
      claimed.push(adopted as T);
    }
  }
  return claimed;
}

function adopt(store: ApiStore, object: DeepReadonly<KubeObject>, owner: DeepReadonly<KubeObject>): DeepReadonly<KubeObject> | undefined {
  const copy = deepCopy(object);
  copy.metadata!.ownerReferences = [...(copy.metadata!.ownerReferences ?? []), newControllerRef(owner)];
  return tolerateGone(() => store.update(copy));
}

function release(store: ApiStore, object: DeepReadonly<KubeObject>, ownerUid: string): void {
  const copy = deepCopy(object);
  const refs = (copy.metadata!.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
  if (refs.length === 0) delete copy.metadata!.ownerReferences;
  else copy.metadata!.ownerReferences = refs;
  tolerateGone(() => store.update(copy));
}

/** A write to an object that is gone meanwhile does nothing (the real manager ignores NotFound). */
function tolerateGone<T>(write: () => T): T | undefined {
  try {
    return write();
  } catch (error) {
    if (error instanceof StatusError && error.reason === 'NotFound') return undefined;
    throw error;
  }
}
