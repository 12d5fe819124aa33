// One registry host (the Distribution API's view of it): repositories with tags and manifests,
// layer blobs shared between repositories, and who may push or pull. Public hosts (docker.io,
// registry.k8s.io, gcr.io, ...) also serve the catalog's repositories, read-only.

import type { Image } from '../image/image.ts';
import { imageManifest } from '../image/manifest.ts';
import { catalogImage, catalogRepositoriesWithLayer, catalogTags } from './catalog.ts';
import { RegistryError } from './registry-error.ts';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryOptions {
  /** Accounts of a private registry: pulls and pushes need one of them (`docker login`). */
  users?: Record<string, string>;
}

export interface ManifestEntry {
  image: Image;
  digest: string;
  /** Byte size of the manifest JSON, as `docker push` prints it. */
  size: number;
}

interface Repository {
  tags: Map<string, string>;
  manifests: Map<string, ManifestEntry>;
}

export interface SavedRegistry {
  host: string;
  users?: Record<string, string>;
  repositories: { path: string; tags: [string, string][]; manifests: { config: string; layers: string[] }[] }[];
}

export class Registry {
  readonly #repositories = new Map<string, Repository>();

  constructor(
    readonly host: string,
    readonly options: RegistryOptions = {},
  ) {}

  get isPrivate(): boolean {
    return this.options.users !== undefined;
  }

  /** Checks credentials the way a registry's token or basic auth does; undefined when they are fine. */
  checkLogin(credentials: RegistryCredentials | undefined): RegistryError | undefined {
    const users = this.options.users;
    if (users === undefined) return undefined;
    if (credentials === undefined) return new RegistryError('unauthorized', 'no basic auth credentials');
    if (users[credentials.username] !== credentials.password) return new RegistryError('unauthorized', 'unauthorized: incorrect username or password');
    return undefined;
  }

  /** The catalog's and the pushed repositories' manifest for a tag or a digest. */
  manifest(path: string, tagOrDigest: string): ManifestEntry | undefined {
    const pushed = this.#repositories.get(path);
    if (pushed !== undefined) {
      const digest = tagOrDigest.startsWith('sha256:') ? tagOrDigest : pushed.tags.get(tagOrDigest);
      const entry = digest === undefined ? undefined : pushed.manifests.get(digest);
      if (entry !== undefined) return entry;
    }
    const catalog = catalogTags(`${this.host}/${path}`);
    if (catalog === undefined) return undefined;
    if (!tagOrDigest.startsWith('sha256:')) {
      const entry = catalog.get(tagOrDigest);
      return entry === undefined ? undefined : manifestEntry(catalogImage(entry));
    }
    for (const entry of new Set(catalog.values())) {
      const found = manifestEntry(catalogImage(entry));
      if (found.digest === tagOrDigest) return found;
    }
    return undefined;
  }

  hasRepository(path: string): boolean {
    return this.#repositories.has(path) || catalogTags(`${this.host}/${path}`) !== undefined;
  }

  /** Repositories of this host holding a blob (for cross-repository mounts), sorted. */
  repositoriesWithBlob(diffId: string): string[] {
    const out: string[] = catalogRepositoriesWithLayer(this.host, diffId);
    for (const [path, repo] of this.#repositories) {
      for (const entry of repo.manifests.values()) {
        if (entry.image.layers.some((l) => l.diffId === diffId)) {
          out.push(path);
          break;
        }
      }
    }
    return [...new Set(out)].sort();
  }

  /** Stores a pushed image under a tag; returns its manifest. */
  put(path: string, tag: string, image: Image): ManifestEntry {
    let repo = this.#repositories.get(path);
    if (repo === undefined) this.#repositories.set(path, (repo = { tags: new Map(), manifests: new Map() }));
    const entry = manifestEntry(image);
    repo.manifests.set(entry.digest, entry);
    repo.tags.set(tag, entry.digest);
    return entry;
  }

  /** Every image pushed here (the catalog's are not counted): for the content store's bookkeeping. */
  pushedImages(): Image[] {
    return [...this.#repositories.values()].flatMap((r) => [...r.manifests.values()].map((m) => m.image));
  }

  save(): SavedRegistry {
    return {
      host: this.host,
      ...(this.options.users ? { users: this.options.users } : {}),
      repositories: [...this.#repositories.keys()].sort().map((path) => {
        const repo = this.#repositories.get(path)!;
        return {
          path,
          tags: [...repo.tags].sort(([a], [b]) => (a < b ? -1 : 1)),
          manifests: [...repo.manifests.keys()].sort().map((d) => {
            const image = repo.manifests.get(d)!.image;
            return { config: image.configJson, layers: image.layers.map((l) => l.diffId) };
          }),
        };
      }),
    };
  }

  static load(saved: SavedRegistry, image: (config: string, layers: string[]) => Image): Registry {
    const registry = new Registry(saved.host, saved.users ? { users: saved.users } : {});
    for (const repo of saved.repositories) {
      const manifests = new Map<string, ManifestEntry>();
      for (const m of repo.manifests) {
        const entry = manifestEntry(image(m.config, m.layers));
        manifests.set(entry.digest, entry);
      }
      registry.#repositories.set(repo.path, { tags: new Map(repo.tags), manifests });
    }
    return registry;
  }
}

const manifests = new WeakMap<Image, ManifestEntry>();

function manifestEntry(image: Image): ManifestEntry {
  let entry = manifests.get(image);
  if (entry === undefined) {
    const manifest = imageManifest(image);
    entry = { image, digest: manifest.digest, size: manifest.size };
    manifests.set(image, entry);
  }
  return entry;
}
