// The OCI image manifest of an image: its configuration blob and its layer blobs by digest and
// size. Dockyard's registries keep layers uncompressed (media type `…layer.v1.tar`), so a layer's
// blob digest is its DiffID. The manifest's own digest is what `docker pull` prints as `Digest:`
// and what `repo@sha256:…` references name.

import { type Digest, digestOf } from './digest.ts';
import type { Image } from './image.ts';

export const MEDIA_TYPE = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string };
}

export interface ImageManifest {
  json: string;
  digest: Digest;
  size: number;
}

export function imageManifest(image: Image): ImageManifest {
  const json = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.manifest,
    config: { mediaType: MEDIA_TYPE.config, digest: image.id, size: new TextEncoder().encode(image.configJson).length },
    layers: image.layers.map((l) => ({ mediaType: MEDIA_TYPE.layer, digest: l.diffId, size: l.size })),
  });
  const bytes = new TextEncoder().encode(json);
  return { json, digest: digestOf(bytes), size: bytes.length };
}
