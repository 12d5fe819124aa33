// `docker push`: upload the layers a registry lacks (or mount them from another repository of
// the same host), then the manifest under the tag. Planned first, completed after the virtual time
// the upload takes, like a pull.

import type { Image } from '../image/image.ts';
import type { ImageStore } from '../image/image-store.ts';
import { DOCKER_HUB, familiarRepository, familiarString, type ImageReference, parseReference } from '../image/reference.ts';
import type { ManifestEntry, RegistryCredentials } from './registry.ts';
import { RegistryError } from './registry-error.ts';
import type { RegistryHub } from './registry-hub.ts';
import { pushDurationMs } from './transfer-time.ts';

export interface PushLayer {
  diffId: string;
  size: number;
  /** `Pushed`, `Layer already exists`, or `Mounted from <repository>`. */
  status: string;
}

export interface PushPlan {
  reference: ImageReference;
  image: Image;
  /** Top layer first, as docker lists them. */
  layers: PushLayer[];
  durationMs: number;
}

export class PushError extends Error {
  override name = 'PushError';
}

/** Plans a push of a local tag. Throws PushError (nothing local) or RegistryError (denied, outage). */
export function planPush(hub: RegistryHub, store: ImageStore, reference: string, credentials?: RegistryCredentials): PushPlan {
  const ref = parseReference(reference);
  if (ref.digest !== undefined) throw new PushError(`cannot push a digest reference`);
  const image = store.resolve(familiarString(ref));
  if (image === undefined) {
    throw new PushError(reference.includes(':') && !reference.endsWith(`/${ref.path}`) ? `tag does not exist: ${familiarString(ref)}` : `An image does not exist locally with the tag: ${familiarRepository(ref)}`);
  }
  const registry = hub.reach(ref.domain, { create: true });
  const denied = registry.checkLogin(credentials);
  if (denied !== undefined) throw denied;
  if (ref.domain === DOCKER_HUB && (credentials === undefined || ref.path.startsWith('library/') || !ref.path.startsWith(`${credentials.username}/`))) {
    throw new RegistryError('denied', 'denied: requested access to the resource is denied');
  }
  const layers = [...image.layers].reverse().map((l) => {
    const repos = registry.repositoriesWithBlob(l.diffId);
    const status = repos.includes(ref.path) ? 'Layer already exists' : repos.length > 0 ? `Mounted from ${repos[0]}` : 'Pushed';
    return { diffId: l.diffId, size: l.size, status };
  });
  return { reference: ref, image, layers, durationMs: pushDurationMs(layers.filter((l) => l.status === 'Pushed').map((l) => l.size)) };
}

/** Stores the pushed image in the registry and records its repo digest locally. */
export function completePush(hub: RegistryHub, store: ImageStore, plan: PushPlan): ManifestEntry {
  const registry = hub.reach(plan.reference.domain, { create: true });
  const entry = registry.put(plan.reference.path, plan.reference.tag!, hub.storeLayers(plan.image));
  store.addRepoDigest(plan.image, plan.reference, entry.digest);
  return entry;
}
