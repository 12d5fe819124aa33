// BuildKit's build cache for one host: a record per executed step, keyed by the digest of the
// parent step's key plus what the step does (its command, environment, user and working
// directory; for COPY and ADD the checksums of the files copied: content, mode and owner, never
// mtime). A hit reuses the step's layer and its original creation time, which is why a fully
// cached rebuild gives the same image ID. Base images a build pulled live here too: BuildKit keeps
// them in its cache, not in `docker images`.

import type { Image } from '../image.ts';
import { imageFromConfig } from '../image-store.ts';
import type { LayerStore } from '../layer-store.ts';

export interface CacheRecord {
  /** The layer the step produced; undefined when it changed no file. */
  diffId?: string;
  /** RFC 3339 time the step finished. */
  created: string;
}

export interface SavedBuildCache {
  records: [string, CacheRecord][];
  bases: { ref: string; digest: string; config: string; layers: string[] }[];
}

export class BuildCache {
  readonly #records = new Map<string, CacheRecord>();
  readonly #bases = new Map<string, Image>();
  readonly #baseDigests = new Map<string, string>();

  constructor(readonly layers: LayerStore) {}

  get(key: string): CacheRecord | undefined {
    const record = this.#records.get(key);
    // A record whose layer is gone (pruned) is a miss.
    if (record?.diffId !== undefined && this.layers.get(record.diffId) === undefined) return undefined;
    return record;
  }

  put(key: string, record: CacheRecord): void {
    this.#records.set(key, record);
  }

  /** A base image a build pulled, by its full reference (`docker.io/library/node:20-alpine`). */
  base(ref: string): Image | undefined {
    return this.#bases.get(ref);
  }

  /** The manifest digest a base was pulled as (`FROM docker.io/library/node:20-alpine@sha256:…`). */
  baseDigest(ref: string): string | undefined {
    return this.#baseDigests.get(ref);
  }

  putBase(ref: string, image: Image, manifestDigest: string): void {
    this.#bases.set(ref, { ...image, layers: image.layers.map((l) => this.layers.put(l)) });
    this.#baseDigests.set(ref, manifestDigest);
  }

  get size(): number {
    return this.#records.size;
  }

  /** `docker builder prune -a`. */
  clear(): void {
    this.#records.clear();
    this.#bases.clear();
    this.#baseDigests.clear();
  }

  liveLayers(): Set<string> {
    const live = new Set<string>();
    for (const r of this.#records.values()) if (r.diffId !== undefined) live.add(r.diffId);
    for (const image of this.#bases.values()) for (const l of image.layers) live.add(l.diffId);
    return live;
  }

  save(): SavedBuildCache {
    return {
      records: [...this.#records].sort(([a], [b]) => (a < b ? -1 : 1)),
      bases: [...this.#bases.keys()].sort().map((ref) => {
        const image = this.#bases.get(ref)!;
        return { ref, digest: this.#baseDigests.get(ref)!, config: image.configJson, layers: image.layers.map((l) => l.diffId) };
      }),
    };
  }

  load(state: SavedBuildCache): void {
    this.#records.clear();
    this.#bases.clear();
    this.#baseDigests.clear();
    for (const [key, record] of state.records) this.#records.set(key, record);
    for (const base of state.bases) {
      const layers = base.layers.map((d) => this.layers.get(d));
      if (!layers.every((l) => l !== undefined)) continue;
      this.#bases.set(base.ref, imageFromConfig(base.config, layers as Image['layers']));
      this.#baseDigests.set(base.ref, base.digest);
    }
  }
}
