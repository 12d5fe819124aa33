// ImageLocality (pkg/scheduler/framework/plugins/imagelocality): favours nodes that already hold
// the pod's images. Each image present on the node adds its size scaled by how widely it has
// spread (size × nodesHavingIt / allNodes, against the "node heating" problem); the sum over init
// and app containers is clamped to [23 MiB, 1000 MiB × containers] and mapped linearly to 0..100.
// Names are compared as written in node.status.images, after adding ":latest" to an untagged
// name; a short name ("nginx:1.25") does not match containerd's "docker.io/library/nginx:1.25",
// exactly as in real clusters (kubernetes#112699).

import { type Cycle, MAX_NODE_SCORE, type ScorePlugin } from './plugin.ts';

const MB = 1024 * 1024;
/** minThreshold and maxContainerThreshold of image_locality.go. */
export const IMAGE_MIN_THRESHOLD = 23 * MB;
export const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag after its last "/" gets ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';
  readonly weight = 1;
  #images: string[] = [];
  #maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD;

  preScore(cycle: Cycle): boolean {
    const containers = [...(cycle.spec.initContainers ?? []), ...(cycle.spec.containers ?? [])];
    this.#images = containers.map((c) => normalizedImageName(c.image ?? ''));
    this.#maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD * containers.length;
    return true;
  }

  score(cycle: Cycle, slot: number): number {
    const images = cycle.cache.entries[slot]!.images;
    if (images.size === 0) return 0;
    const total = cycle.cache.nodeCount;
    let sum = 0;
    for (const image of this.#images) {
      const size = images.get(image);
      if (size !== undefined) sum += Math.trunc(size * (cycle.cache.imageNodes.get(image)! / total));
    }
    const clamped = sum < IMAGE_MIN_THRESHOLD ? IMAGE_MIN_THRESHOLD : sum > this.#maxThreshold ? this.#maxThreshold : sum;
    return Math.floor((MAX_NODE_SCORE * (clamped - IMAGE_MIN_THRESHOLD)) / (this.#maxThreshold - IMAGE_MIN_THRESHOLD));
  }
}
