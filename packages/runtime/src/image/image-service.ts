// A docker host's image side (moby calls it the image service): its image store, its BuildKit
// cache and the credentials `docker login` stored for registry hosts. One per docker host, and
// later one per Kubernetes node, all sharing the world's content store and registries.

import type { EngineComponent } from '../sim/engine.ts';
import { BuildCache, type SavedBuildCache } from './build/build-cache.ts';
import { ImageStore, type SavedImageStore } from './image-store.ts';
import type { LayerStore } from './layer-store.ts';
import type { RegistryCredentials } from '../registry/registry.ts';

interface SavedImageService {
  store: SavedImageStore;
  cache: SavedBuildCache;
  logins: [string, RegistryCredentials][];
}

export class ImageService implements EngineComponent {
  readonly store: ImageStore;
  readonly cache: BuildCache;
  readonly #logins = new Map<string, RegistryCredentials>();

  constructor(
    readonly name: string,
    layers: LayerStore,
  ) {
    this.store = new ImageStore(layers);
    this.cache = new BuildCache(layers);
    layers.addHolder(() => new Set([...this.store.liveLayers(), ...this.cache.liveLayers()]));
  }

  /** Credentials for a registry host, as `docker login` left them. */
  credentials(host: string): RegistryCredentials | undefined {
    return this.#logins.get(host);
  }

  login(host: string, credentials: RegistryCredentials): void {
    this.#logins.set(host, credentials);
  }

  /** Forgets a host's credentials; false when there were none. */
  logout(host: string): boolean {
    return this.#logins.delete(host);
  }

  snapshot(): SavedImageService {
    return { store: this.store.save(), cache: this.cache.save(), logins: [...this.#logins].sort(([a], [b]) => (a < b ? -1 : 1)) };
  }

  restore(state: unknown): void {
    const saved = state as SavedImageService;
    this.store.load(saved.store);
    this.cache.load(saved.cache);
    this.#logins.clear();
    for (const [host, credentials] of saved.logins) this.#logins.set(host, credentials);
  }
}
