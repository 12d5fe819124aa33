// A host's images, as `docker images` lists them: images by ID (the digest of their
// configuration), repository tags pointing at them, and the repository digests they were pulled
// or pushed as. It is what the container runtime resolves `docker run nginx:1.25` against.

import { digestOf, isDigest, shortId } from './digest.ts';
import type { Image, ImageConfig, ImageHistoryEntry, ImageResolver } from './image.ts';
import { makeImage } from './image-config.ts';
import type { LayerStore } from './layer-store.ts';
import { familiarRepository, familiarString, type ImageReference, parseReference, repositoryName } from './reference.ts';

export interface SavedImageStore {
  images: { config: string; layers: string[] }[];
  /** `docker.io/library/nginx:1.25` → image ID */
  tags: [string, string][];
  /** image ID → `docker.io/library/nginx@sha256:…` */
  digests: [string, string[]][];
}

/** One row of `docker images`. */
export interface ImageListing {
  image: Image;
  /** Familiar repository (`nginx`, `registry.example.com/my-app`), or `<none>`. */
  repository: string;
  tag: string;
  digest: string;
}

export class ImageStoreError extends Error {
  override name = 'ImageStoreError';
}

export class ImageStore implements ImageResolver {
  readonly #images = new Map<string, Image>();
  readonly #tags = new Map<string, string>();
  readonly #digests = new Map<string, Set<string>>();

  constructor(readonly layers: LayerStore) {}

  /** Adds an image (its layers go to the content store). */
  add(image: Image): Image {
    const existing = this.#images.get(image.id);
    if (existing !== undefined) return existing;
    const layers = image.layers.map((l) => this.layers.put(l));
    const stored = layers.every((l, i) => l === image.layers[i]) ? image : { ...image, layers };
    this.#images.set(image.id, stored);
    return stored;
  }

  get(id: string): Image | undefined {
    return this.#images.get(id);
  }

  /**
   * The image a reference names: `nginx:1.25`, `nginx` (latest), `docker.io/library/nginx:1.25`,
   * `nginx@sha256:…` (a repository digest), a full image ID or an unambiguous prefix of one.
   */
  resolve(reference: string): Image | undefined {
    const byId = this.#byId(reference);
    if (byId !== undefined) return byId;
    let ref: ImageReference;
    try {
      ref = parseReference(reference);
    } catch {
      return undefined;
    }
    if (ref.digest !== undefined) {
      const wanted = `${repositoryName(ref)}@${ref.digest}`;
      for (const [id, digests] of this.#digests) if (digests.has(wanted)) return this.#images.get(id);
      return undefined;
    }
    const id = this.#tags.get(`${repositoryName(ref)}:${ref.tag}`);
    return id === undefined ? undefined : this.#images.get(id);
  }

  /** Points `reference` (a tag) at the image, moving it from any image it named before. */
  tag(image: Image, reference: string | ImageReference): void {
    const ref = typeof reference === 'string' ? parseReference(reference) : reference;
    if (ref.digest !== undefined) throw new ImageStoreError('refusing to create a tag with a digest reference');
    this.#tags.set(`${repositoryName(ref)}:${ref.tag ?? 'latest'}`, image.id);
  }

  /** Records that the image is `repo@digest` in a registry. */
  addRepoDigest(image: Image, ref: ImageReference, manifestDigest: string): void {
    let set = this.#digests.get(image.id);
    if (set === undefined) this.#digests.set(image.id, (set = new Set()));
    set.add(`${repositoryName(ref)}@${manifestDigest}`);
  }

  /** `nginx@sha256:…` names of the image, familiar form, sorted. */
  repoDigests(image: Image): string[] {
    return [...(this.#digests.get(image.id) ?? [])].map((d) => familiarString(parseReference(d, { defaultTag: false }))).sort();
  }

  /** `nginx:1.25` names of the image, familiar form, sorted. */
  repoTags(image: Image): string[] {
    const out: string[] = [];
    for (const [name, id] of this.#tags) if (id === image.id) out.push(familiarString(parseReference(name)));
    return out.sort();
  }

  /** Images, newest first (as `docker images` sorts them), one row per tag; untagged ones as `<none>`. */
  list(): ImageListing[] {
    const rows: ImageListing[] = [];
    for (const image of this.#images.values()) {
      const tags = [...this.#tags].filter(([, id]) => id === image.id).map(([name]) => parseReference(name));
      const digests = [...(this.#digests.get(image.id) ?? [])].map((d) => parseReference(d, { defaultTag: false }));
      if (tags.length === 0) {
        rows.push({ image, repository: '<none>', tag: '<none>', digest: digests[0]?.digest ?? '<none>' });
        continue;
      }
      for (const ref of tags) {
        const digest = digests.find((d) => repositoryName(d) === repositoryName(ref))?.digest ?? '<none>';
        rows.push({ image, repository: familiarRepository(ref), tag: ref.tag!, digest });
      }
    }
    return rows.sort(
      (a, b) =>
        (b.image.created > a.image.created ? 1 : b.image.created < a.image.created ? -1 : 0) ||
        compare(a.repository, b.repository) ||
        compare(a.tag, b.tag),
    );
  }

  images(): Image[] {
    return [...this.#images.values()];
  }

  /**
   * `docker rmi`: removes a tag, and the image once no tag is left (unless other tags or, without
   * `force`, containers use it: `inUse` says which container). Returns docker's lines
   * (`Untagged: nginx:1.25`, `Deleted: sha256:…`).
   */
  remove(reference: string, options: { force?: boolean; inUse?: (image: Image) => string | undefined } = {}): string[] {
    const image = this.resolve(reference);
    if (image === undefined) throw new ImageStoreError(`No such image: ${reference}`);
    const byId = this.#byId(reference) !== undefined;
    const tags = this.repoTags(image);
    const container = options.inUse?.(image);
    if (byId && tags.length > 1 && !options.force) {
      throw new ImageStoreError(`conflict: unable to delete ${shortId(image.id)} (must be forced) - image is referenced in multiple repositories`);
    }
    if (container !== undefined && !options.force && (byId || tags.length <= 1)) {
      const what = byId ? `delete ${shortId(image.id)}` : `remove repository reference "${reference}"`;
      throw new ImageStoreError(`conflict: unable to ${what} (must force) - container ${container} is using its referenced image ${shortId(image.id)}`);
    }
    const lines: string[] = [];
    const untag = byId ? tags : [familiarString(parseReference(reference))].filter((t) => tags.includes(t));
    for (const tag of untag) {
      this.#tags.delete(`${repositoryName(parseReference(tag))}:${parseReference(tag).tag}`);
      lines.push(`Untagged: ${tag}`);
    }
    if (this.repoTags(image).length === 0 && (container === undefined || options.force)) {
      for (const digest of this.repoDigests(image)) lines.push(`Untagged: ${digest}`);
      this.#digests.delete(image.id);
      this.#images.delete(image.id);
      lines.push(`Deleted: ${image.id}`);
    }
    return lines;
  }

  /** DiffIDs of every layer the store's images use. */
  liveLayers(): Set<string> {
    const live = new Set<string>();
    for (const image of this.#images.values()) for (const layer of image.layers) live.add(layer.diffId);
    return live;
  }

  save(): SavedImageStore {
    const ids = [...this.#images.keys()].sort();
    return {
      images: ids.map((id) => ({ config: this.#images.get(id)!.configJson, layers: this.#images.get(id)!.layers.map((l) => l.diffId) })),
      tags: [...this.#tags].sort(([a], [b]) => compare(a, b)),
      digests: ids.filter((id) => this.#digests.has(id)).map((id) => [id, [...this.#digests.get(id)!].sort()]),
    };
  }

  load(state: SavedImageStore): void {
    this.#images.clear();
    this.#tags.clear();
    this.#digests.clear();
    for (const saved of state.images) {
      const image = imageFromConfig(saved.config, saved.layers.map((d) => this.#layer(d)));
      this.#images.set(image.id, image);
    }
    for (const [name, id] of state.tags) this.#tags.set(name, id);
    for (const [id, digests] of state.digests) this.#digests.set(id, new Set(digests));
  }

  #layer(diffId: string) {
    const layer = this.layers.get(diffId);
    if (layer === undefined) throw new ImageStoreError(`layer ${diffId} is missing from the content store`);
    return layer;
  }

  #byId(reference: string): Image | undefined {
    const hex = reference.replace(/^sha256:/, '');
    if (!/^[0-9a-f]{1,64}$/.test(hex)) return undefined;
    if (isDigest(reference) || hex.length === 64) return this.#images.get(`sha256:${hex}`);
    const matches = [...this.#images.keys()].filter((id) => id.startsWith(`sha256:${hex}`));
    return matches.length === 1 ? this.#images.get(matches[0]!) : undefined;
  }
}

/** An image rebuilt from its configuration JSON and its layers (snapshot restore, `docker load`, a pull). */
export function imageFromConfig(configJson: string, layers: Image['layers']): Image {
  const parsed = JSON.parse(configJson) as {
    architecture: string;
    os: string;
    created: string;
    config: ImageConfig;
    history?: ImageHistoryEntry[];
    rootfs: { diff_ids: string[] };
  };
  const image = makeImage({ config: parsed.config ?? {}, layers, history: parsed.history ?? [], created: parsed.created, architecture: parsed.architecture, os: parsed.os });
  // Re-serialising must give back the exact bytes, or the ID would change.
  if (image.configJson !== configJson) return { ...image, configJson, id: digestOf(configJson) };
  return image;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
