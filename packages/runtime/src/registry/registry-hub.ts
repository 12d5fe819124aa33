// Every registry of the simulated world, by host: the public ones that serve the catalog
// (docker.io, registry.k8s.io, gcr.io, ...), plus hosts created on first push
// (`registry.example.com`) or by a scenario (private ones with accounts). World-level: every
// docker host and, later, every Kubernetes node pulls from the same registries. A registry outage
// is a fault the scenario engine injects with `setOutage`.

import type { Image } from '../image/image.ts';
import { imageFromConfig } from '../image/image-store.ts';
import type { LayerStore } from '../image/layer-store.ts';
import type { EngineComponent } from '../sim/engine.ts';
import { catalogHosts } from './catalog.ts';
import { Registry, type RegistryOptions, type SavedRegistry } from './registry.ts';
import { RegistryError } from './registry-error.ts';

interface SavedHub {
  registries: SavedRegistry[];
  outages: string[];
}

/** Every host; `setOutage(ALL_REGISTRIES, true)` takes them all down. */
export const ALL_REGISTRIES = '*';

export class RegistryHub implements EngineComponent {
  readonly name = 'registries';
  #registries = new Map<string, Registry>();
  readonly #outages = new Set<string>();
  readonly #publicHosts = new Set(catalogHosts());

  constructor(private readonly layers: LayerStore) {}

  /** The registry at `host` if it exists (public hosts always do). */
  get(host: string): Registry | undefined {
    let registry = this.#registries.get(host);
    if (registry === undefined && this.#publicHosts.has(host)) {
      registry = new Registry(host);
      this.#registries.set(host, registry);
    }
    return registry;
  }

  /** Creates a registry (private when `users` are given); replaces nothing that exists. */
  create(host: string, options: RegistryOptions = {}): Registry {
    const existing = this.get(host);
    if (existing !== undefined) return existing;
    const registry = new Registry(host, options);
    this.#registries.set(host, registry);
    return registry;
  }

  /**
   * The registry a client reaches at `host`, or the error a client gets: an injected outage
   * (503) or a host nobody runs (DNS failure). A push may create the host (`create: true`).
   */
  reach(host: string, options: { create?: boolean } = {}): Registry {
    if (this.#outages.has(host) || this.#outages.has(ALL_REGISTRIES)) {
      throw new RegistryError('unavailable', `Get "https://${endpoint(host)}/v2/": received unexpected HTTP status: 503 Service Unavailable`);
    }
    const registry = options.create ? this.create(host) : this.get(host);
    if (registry === undefined) {
      throw new RegistryError('no-such-host', `Get "https://${host}/v2/": dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host`);
    }
    return registry;
  }

  /** The registry-outage fault: while on, every pull, push and login to `host` (or `*`) fails with a 503. */
  setOutage(host: string, down: boolean): void {
    if (down) this.#outages.add(host);
    else this.#outages.delete(host);
  }

  isDown(host: string): boolean {
    return this.#outages.has(host) || this.#outages.has(ALL_REGISTRIES);
  }

  /** DiffIDs of the layers pushed images use (catalog layers regenerate on their own). */
  liveLayers(): Set<string> {
    const live = new Set<string>();
    for (const registry of this.#registries.values()) for (const image of registry.pushedImages()) for (const l of image.layers) live.add(l.diffId);
    return live;
  }

  /** Keeps a pushed image's layers in the content store. */
  storeLayers(image: Image): Image {
    return { ...image, layers: image.layers.map((l) => this.layers.put(l)) };
  }

  snapshot(): SavedHub {
    const registries = [...this.#registries.keys()]
      .sort()
      .map((host) => this.#registries.get(host)!.save())
      .filter((r) => !this.#publicHosts.has(r.host) || r.repositories.length > 0 || r.users !== undefined);
    return { registries, outages: [...this.#outages].sort() };
  }

  restore(state: unknown): void {
    const saved = state as SavedHub;
    this.#registries = new Map();
    this.#outages.clear();
    for (const r of saved.registries) {
      this.#registries.set(
        r.host,
        Registry.load(r, (config, layers) =>
          imageFromConfig(
            config,
            layers.map((d) => {
              const layer = this.layers.get(d);
              if (layer === undefined) throw new Error(`registry ${r.host}: layer ${d} is missing from the content store`);
              return layer;
            }),
          ),
        ),
      );
    }
    for (const host of saved.outages) this.#outages.add(host);
  }
}

/** The API endpoint of a host: Docker Hub's registry is registry-1.docker.io. */
export function endpoint(host: string): string {
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}
