// Named volumes of one host: file trees that outlive containers. Docker's `docker volume` and
// anonymous volumes live here, and later a kubelet's emptyDir and hostPath volumes can too.

import { FileTree, type SavedTree } from '../fs/file-tree.ts';

export interface Volume {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Virtual time of creation. */
  created: number;
  /** Created for an image VOLUME or `-v /path` without a name; `docker run --rm` removes these. */
  anonymous: boolean;
  tree: FileTree;
}

export interface SavedVolume extends Omit<Volume, 'tree'> {
  tree: SavedTree;
}

export class VolumeStore {
  readonly #volumes = new Map<string, Volume>();

  get(name: string): Volume | undefined {
    return this.#volumes.get(name);
  }

  /** Creates a volume, or returns the existing one of that name (as `docker volume create` does). */
  create(name: string, options: { labels?: Record<string, string>; driver?: string; anonymous?: boolean; now: number }): Volume {
    const existing = this.#volumes.get(name);
    if (existing) return existing;
    const volume: Volume = { name, driver: options.driver ?? 'local', labels: options.labels ?? {}, options: {}, created: options.now, anonymous: options.anonymous ?? false, tree: new FileTree() };
    this.#volumes.set(name, volume);
    return volume;
  }

  remove(name: string): boolean {
    return this.#volumes.delete(name);
  }

  /** By name, in byte order as `docker volume ls` lists them. */
  list(): Volume[] {
    return [...this.#volumes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  save(): SavedVolume[] {
    return this.list().map((v) => ({ ...v, labels: { ...v.labels }, options: { ...v.options }, tree: v.tree.save() }));
  }

  load(saved: SavedVolume[]): void {
    this.#volumes.clear();
    for (const v of saved) this.#volumes.set(v.name, { ...v, tree: FileTree.load(v.tree) });
  }
}
