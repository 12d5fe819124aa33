// The content store: every layer the world holds, by DiffID, shared by the hosts' image stores,
// the build cache and the registries so a layer is kept (and snapshotted) once. Layers of catalog
// images are not saved at all: a snapshot names them and restore regenerates them.

import { FileTree, type SavedTree } from '../fs/file-tree.ts';
import type { EngineComponent } from '../sim/engine.ts';
import type { Digest } from './digest.ts';
import type { ImageLayer } from './image.ts';

export interface SavedLayer {
  diffId: string;
  size: number;
  contentSize: number;
  tree: SavedTree;
}

/** Finds a layer that can be regenerated instead of saved (the catalog's). */
export type LayerSource = (diffId: string) => ImageLayer | undefined;

export class LayerStore implements EngineComponent {
  readonly name = 'layers';
  readonly #layers = new Map<string, ImageLayer>();
  readonly #holders: (() => Set<string>)[] = [];

  constructor(private readonly regenerate: LayerSource = () => undefined) {}

  /** Keeps a layer; returns the one already kept with the same DiffID, if any. */
  put(layer: ImageLayer): ImageLayer {
    const existing = this.#layers.get(layer.diffId);
    if (existing !== undefined) return existing;
    this.#layers.set(layer.diffId, layer);
    return layer;
  }

  get(diffId: string): ImageLayer | undefined {
    let layer = this.#layers.get(diffId);
    if (layer === undefined) {
      layer = this.regenerate(diffId);
      if (layer !== undefined) this.#layers.set(diffId, layer);
    }
    return layer;
  }

  /** Something that keeps layers alive (an image store, a build cache, the registries). */
  addHolder(live: () => Set<string>): void {
    this.#holders.push(live);
  }

  /** Saves the layers some holder still uses; the rest (removed images, dropped cache) are let go. */
  snapshot(): SavedLayer[] {
    const live = new Set<string>();
    for (const holder of this.#holders) for (const diffId of holder()) live.add(diffId);
    const out: SavedLayer[] = [];
    for (const diffId of [...this.#layers.keys()].sort()) {
      const layer = this.#layers.get(diffId)!;
      if (!live.has(diffId) || this.regenerate(diffId) !== undefined) continue;
      out.push({ diffId, size: layer.size, contentSize: layer.contentSize, tree: layer.tree.save() });
    }
    return out;
  }

  restore(state: unknown): void {
    this.#layers.clear();
    for (const saved of state as SavedLayer[]) {
      this.#layers.set(saved.diffId, { diffId: saved.diffId as Digest, size: saved.size, contentSize: saved.contentSize, tree: FileTree.load(saved.tree) });
    }
  }
}
