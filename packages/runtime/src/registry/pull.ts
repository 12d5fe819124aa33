// `docker pull` (and, later, the kubelet's image pulls): resolve a reference in its registry,
// find which layers the host lacks, and how long fetching them takes. Planning is separate from
// completing so the caller lets the pull's virtual time pass in between (`Session.wait`, or a
// kubelet task), and a failed or interrupted pull leaves the store untouched.

import type { Image } from '../image/image.ts';
import type { ImageStore } from '../image/image-store.ts';
import { DOCKER_HUB, familiarRepository, familiarString, type ImageReference, parseReference } from '../image/reference.ts';
import type { RegistryCredentials } from './registry.ts';
import { RegistryError } from './registry-error.ts';
import type { RegistryHub } from './registry-hub.ts';
import { pullDurationMs } from './transfer-time.ts';

export interface PullLayer {
  diffId: string;
  /** Tar size in bytes. */
  size: number;
  /** Already in the host's store: `Already exists`, nothing fetched. */
  present: boolean;
}

export interface PullPlan {
  /** The reference as pulled: tag `latest` added when neither tag nor digest was given. */
  reference: ImageReference;
  image: Image;
  /** Digest of the manifest (`Digest: sha256:…`). */
  manifestDigest: string;
  /** Bottom layer first. */
  layers: PullLayer[];
  /** Virtual time the pull takes. */
  durationMs: number;
  /** The host already has this image under this name: `Status: Image is up to date`. */
  upToDate: boolean;
}

/**
 * Plans a pull. Throws a RegistryError worded as docker's (`manifest for nginx:1.161 not found:
 * manifest unknown: manifest unknown`, `pull access denied for x, ...`, a 503 during an outage).
 * `credentials`: what `docker login` stored for the host, or an imagePullSecret's.
 */
export function planPull(hub: RegistryHub, store: ImageStore, reference: string | ImageReference, credentials?: RegistryCredentials): PullPlan {
  const ref = typeof reference === 'string' ? parseReference(reference) : reference;
  const registry = hub.reach(ref.domain);
  const denied = registry.checkLogin(credentials);
  if (denied !== undefined) {
    throw new RegistryError(denied.reason, `Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag}": ${denied.message}`);
  }
  if (!registry.hasRepository(ref.path)) {
    if (ref.domain === DOCKER_HUB) {
      throw new RegistryError(
        'denied',
        `pull access denied for ${familiarRepository(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
      );
    }
    throw notFound(ref);
  }
  const entry = registry.manifest(ref.path, ref.digest ?? ref.tag!);
  if (entry === undefined) throw notFound(ref);
  const layers = entry.image.layers.map((l) => ({ diffId: l.diffId, size: l.size, present: hasLayer(store, l.diffId) }));
  const local = store.resolve(familiarString(ref));
  return {
    reference: ref,
    image: entry.image,
    manifestDigest: entry.digest,
    layers,
    durationMs: pullDurationMs(layers.filter((l) => !l.present).map((l) => l.size)),
    upToDate: local?.id === entry.image.id,
  };
}

/** Puts a planned pull's image into the store, tagged (unless pulled by digest) and with its repo digest. */
export function completePull(store: ImageStore, plan: PullPlan): Image {
  const image = store.add(plan.image);
  if (plan.reference.tag !== undefined && plan.reference.digest === undefined) store.tag(image, plan.reference);
  store.addRepoDigest(image, plan.reference, plan.manifestDigest);
  return image;
}

function hasLayer(store: ImageStore, diffId: string): boolean {
  return store.images().some((image) => image.layers.some((l) => l.diffId === diffId));
}

function notFound(ref: ImageReference): RegistryError {
  return new RegistryError('not-found', `manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`);
}
