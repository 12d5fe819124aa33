// A docker host's image side (moby calls it the image service): its image store, its BuildKit
// cache and the credentials `docker login` stored for registry hosts. One per docker host, and
// later one per Kubernetes node, all sharing the world's content store and registries.

import { completePull, planPull } from '../registry/pull.ts';
import type { RegistryCredentials } from '../registry/registry.ts';
import { RegistryError } from '../registry/registry-error.ts';
import type { RegistryHub } from '../registry/registry-hub.ts';
import type { Engine, EngineComponent, TaskKind } from '../sim/engine.ts';
import { BuildCache, type SavedBuildCache } from './build/build-cache.ts';
import { shortId } from './digest.ts';
import type { Image, ImageResolver } from './image.ts';
import type { ImagePuller, PullStatus } from './image-puller.ts';
import { ImageStore, type SavedImageStore } from './image-store.ts';
import type { LayerStore } from './layer-store.ts';
import { familiarString, parseReference, ReferenceError } from './reference.ts';

interface SavedImageService {
  store: SavedImageStore;
  cache: SavedBuildCache;
  logins: [string, RegistryCredentials][];
  pulls: [string, PullStatus][];
  pullCredentials: [string, RegistryCredentials][];
  nextPull: number;
}

export class ImageService implements EngineComponent, ImagePuller, ImageResolver {
  readonly store: ImageStore;
  readonly cache: BuildCache;
  readonly #logins = new Map<string, RegistryCredentials>();
  readonly #pulls = new Map<string, PullStatus>();
  /** Credentials a pull in flight was started with (an imagePullSecret's). */
  readonly #pullCredentials = new Map<string, RegistryCredentials>();
  #nextPull = 1;
  readonly #pullDone: TaskKind<{ pull: string }>;

  constructor(
    readonly name: string,
    layers: LayerStore,
    private readonly engine: Engine,
    private readonly registries: RegistryHub,
  ) {
    this.store = new ImageStore(layers);
    this.cache = new BuildCache(layers);
    layers.addHolder(() => new Set([...this.store.liveLayers(), ...this.cache.liveLayers()]));
    this.#pullDone = engine.defineTask(`${name}.pull-done`, ({ pull }) => this.#finishPull(pull));
  }
  /** The local image a reference names (tag, digest, full or short id). */
  resolve(reference: string): Image | undefined {
    return this.store.resolve(reference);
  }


  /**
   * Starts pulling `reference` for the container runtime or a kubelet (joining a pull of the same
   * reference in flight); it completes after the transfer's virtual time, with one `image.pull`
   * log record. Uses the host's `docker login` credentials, or `credentials` (an imagePullSecret).
   */
  pull(reference: string, credentials?: RegistryCredentials): string {
    for (const [id, status] of this.#pulls) if (status.reference === reference && status.state === 'pulling') return id;
    const id = `pull-${this.#nextPull++}`;
    let delay = 0;
    let status: PullStatus;
    try {
      const ref = parseReference(reference);
      const plan = planPull(this.registries, this.store, ref, credentials ?? this.credentials(ref.domain));
      delay = plan.durationMs;
      status = { reference, state: 'pulling', lines: [`${ref.digest ?? ref.tag}: Pulling from ${ref.path}`, ...plan.layers.map((l) => `${shortId(l.diffId)}: ${l.present ? 'Already exists' : 'Pulling fs layer'}`)] };
      if (credentials !== undefined) this.#pullCredentials.set(id, credentials);
    } catch (error) {
      if (!(error instanceof RegistryError) && !(error instanceof ReferenceError)) throw error;
      status = { reference, state: 'failed', lines: [], error: error.message };
      this.engine.log.append('image.pull', { pull: id, reference, ok: false, error: error.message });
    }
    this.#pulls.set(id, status);
    if (status.state === 'pulling') this.engine.schedule(this.#pullDone, delay, { pull: id });
    return id;
  }

  pullStatus(pullId: string): PullStatus | undefined {
    return this.#pulls.get(pullId);
  }

  #finishPull(id: string): void {
    const status = this.#pulls.get(id);
    if (status === undefined || status.state !== 'pulling') return;
    const ref = parseReference(status.reference);
    const credentials = this.#pullCredentials.get(id) ?? this.credentials(ref.domain);
    this.#pullCredentials.delete(id);
    try {
      // Planned again at the end: the registry may have gone down or the tag moved meanwhile.
      const plan = planPull(this.registries, this.store, ref, credentials);
      const image = completePull(this.store, plan);
      const done = plan.layers.filter((l) => !l.present).map((l) => `${shortId(l.diffId)}: Pull complete`);
      const verdict = plan.upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}`;
      this.#pulls.set(id, { ...status, state: 'done', imageId: image.id, lines: [...status.lines, ...done, `Digest: ${plan.manifestDigest}`, verdict] });
      this.engine.log.append('image.pull', { pull: id, reference: status.reference, ok: true });
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      this.#pulls.set(id, { ...status, state: 'failed', error: error.message });
      this.engine.log.append('image.pull', { pull: id, reference: status.reference, ok: false, error: error.message });
    }
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
    return {
      store: this.store.save(),
      cache: this.cache.save(),
      logins: [...this.#logins].sort(([a], [b]) => (a < b ? -1 : 1)),
      pulls: [...this.#pulls],
      pullCredentials: [...this.#pullCredentials],
      nextPull: this.#nextPull,
    };
  }

  restore(state: unknown): void {
    const saved = state as SavedImageService;
    this.store.load(saved.store);
    this.cache.load(saved.cache);
    this.#logins.clear();
    for (const [host, credentials] of saved.logins) this.#logins.set(host, credentials);
    this.#pulls.clear();
    for (const [id, status] of saved.pulls) this.#pulls.set(id, status);
    this.#pullCredentials.clear();
    for (const [id, credentials] of saved.pullCredentials) this.#pullCredentials.set(id, credentials);
    this.#nextPull = saved.nextPull;
  }
}
