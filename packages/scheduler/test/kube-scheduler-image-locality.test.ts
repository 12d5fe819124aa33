// ImageLocality: image sizes scaled by how many nodes hold the image, clamped to
// [23 MiB, 1000 MiB × containers] and mapped to 0..100 (image_locality.go).

import { describe, expect, it } from 'vitest';
import { IMAGE_MAX_CONTAINER_THRESHOLD, IMAGE_MIN_THRESHOLD, normalizedImageName } from '../src/kube-scheduler/index.ts';
import { frameworkWith, makeNode, makePod } from './fixtures/kube-scheduler-objects.ts';

const MB = 1024 * 1024;

function imageScore(nodesWithImage: number, totalNodes: number, size: number, image = 'docker.io/library/app:1'): number {
  const nodes = Array.from({ length: totalNodes }, (_, i) =>
    makeNode(`n${i}`, i < nodesWithImage ? { images: [{ names: [image], sizeBytes: size }] } : {}),
  );
  const result = frameworkWith(nodes).scheduleOne(makePod('p', { image: 'docker.io/library/app:1' }));
  return result.why.scored!.find((s) => s.node === 'n0')!.scores['ImageLocality']![0];
}

describe('ImageLocality', () => {
  it('uses the real thresholds', () => {
    expect(IMAGE_MIN_THRESHOLD).toBe(23 * MB);
    expect(IMAGE_MAX_CONTAINER_THRESHOLD).toBe(1000 * MB);
  });

  it('scales the size by the share of nodes holding the image', () => {
    // 500 MiB on 2 of 4 nodes → 250 MiB → 100 × (250 − 23) / (1000 − 23) = 23
    expect(imageScore(2, 4, 500 * MB)).toBe(23);
    // on every node: 500 MiB → 48
    expect(imageScore(4, 4, 500 * MB)).toBe(48);
  });

  it('gives 0 below 23 MiB and 100 at 1000 MiB per container', () => {
    expect(imageScore(2, 2, 20 * MB)).toBe(0);
    expect(imageScore(2, 2, 2000 * MB)).toBe(100);
  });

  it('adds ":latest" to an untagged name and does not match short names against containerd\'s full ones', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25');
    const nodes = [makeNode('a', { images: [{ names: ['docker.io/library/nginx:1.25'], sizeBytes: 900 * MB }] }), makeNode('b')];
    const result = frameworkWith(nodes).scheduleOne(makePod('p', { image: 'nginx:1.25' }));
    expect(result.why.scored!.find((s) => s.node === 'a')!.scores['ImageLocality']![0]).toBe(0);
  });
});
