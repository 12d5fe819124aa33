// helm's default storage driver (pkg/storage/driver/secrets.go): each release revision is a Secret
// `sh.helm.release.v1.<name>.v<N>` of type `helm.sh/release.v1` in the release namespace, labelled
// owner=helm, name, status and version (plus createdAt or modifiedAt, Unix seconds), its data
// `release` the encoded release. kubectl sees them like any Secret.

import type { ApiStore } from '../../api/api-store.ts';
import { StatusError } from '../../api/api-errors.ts';
import type { KubeObject } from '../../api/kinds.ts';
import { base64, unbase64 } from '../yaml/go-json.ts';
import { utf8Decode, utf8Encode } from '../template/utf8.ts';
import { decodeRelease, encodeRelease, ReleaseDecodeError } from './release-codec.ts';
import type { Release } from './release.ts';

export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';

/** driver.ErrReleaseNotFound. */
export class ReleaseNotFoundError extends Error {
  override name = 'ReleaseNotFoundError';
  constructor() {
    super('release: not found');
  }
}

/** driver.ErrReleaseExists. */
export class ReleaseExistsError extends Error {
  override name = 'ReleaseExistsError';
  constructor() {
    super('release: already exists');
  }
}

/** driver.ErrNoDeployedReleases. */
export class NoDeployedReleasesError extends Error {
  override name = 'NoDeployedReleasesError';
  constructor(release: string) {
    super(`${JSON.stringify(release)} has no deployed releases`);
  }
}

/** A storage failure that is neither of the above, in the driver's words. */
export class StorageError extends Error {
  override name = 'StorageError';
}

const SYSTEM_LABELS = new Set(['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt']);

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class SecretsDriver {
  /**
   * @param namespace the namespace releases are read from and written to; '' reads every
   *   namespace (`helm list -A`).
   * @param now Unix milliseconds (the virtual wall clock), for the createdAt / modifiedAt labels.
   */
  constructor(
    readonly store: ApiStore,
    readonly namespace: string,
    private readonly now: () => number,
  ) {}

  get(key: string): Release {
    const secret = this.store.tryGet('Secret', this.namespace, key);
    if (secret === undefined) throw new ReleaseNotFoundError();
    try {
      return this.#decode(secret as KubeObject);
    } catch (err) {
      if (err instanceof ReleaseDecodeError) throw new StorageError(`get: failed to decode data ${JSON.stringify(key)}: ${err.message}`);
      throw err;
    }
  }

  /** Every release the filter keeps (releases that fail to decode are skipped, as helm logs and skips them). */
  list(filter: (release: Release) => boolean = () => true): Release[] {
    return this.#select('owner=helm').filter(filter);
  }

  /** Releases whose storage labels match; ReleaseNotFoundError when there are none. */
  query(labels: Record<string, string>): Release[] {
    const selector = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(',');
    const found = this.#select(selector);
    if (found.length === 0) throw new ReleaseNotFoundError();
    return found;
  }

  create(key: string, release: Release): void {
    const secret = this.#secret(key, release, { createdAt: this.#seconds() });
    try {
      this.store.create(secret);
    } catch (err) {
      if (err instanceof StatusError && err.reason === 'AlreadyExists') throw new ReleaseExistsError();
      throw new StorageError(`create: failed to create: ${messageOf(err)}`);
    }
  }

  update(key: string, release: Release): void {
    const secret = this.#secret(key, release, { modifiedAt: this.#seconds() });
    try {
      this.store.update(secret);
    } catch (err) {
      throw new StorageError(`update: failed to update: ${messageOf(err)}`);
    }
  }

  delete(key: string): Release {
    const release = this.get(key);
    this.store.delete('Secret', this.namespace, key);
    return release;
  }

  #seconds(): string {
    return String(Math.floor(this.now() / 1000));
  }

  #secret(key: string, release: Release, stamp: Record<string, string>): KubeObject {
    const labels: Record<string, string> = {
      ...stamp,
      ...release.labels,
      name: release.name,
      owner: 'helm',
      status: release.info.status,
      version: String(release.version),
    };
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: key, namespace: this.namespace, labels },
      type: RELEASE_SECRET_TYPE,
      // The API's data field is base64 of the bytes; the bytes are helm's base64 text.
      data: { release: base64(utf8Encode(encodeRelease(release))) },
    };
  }

  #select(labelSelector: string): Release[] {
    const { items } = this.store.list('Secret', { namespace: this.namespace === '' ? undefined : this.namespace, labelSelector });
    const out: Release[] = [];
    for (const item of items) {
      try {
        out.push(this.#decode(item as KubeObject));
      } catch (err) {
        if (!(err instanceof ReleaseDecodeError)) throw err;
      }
    }
    return out;
  }

  #decode(secret: KubeObject): Release {
    const data = (secret['data'] as Record<string, string> | undefined)?.['release'];
    const bytes = data === undefined ? undefined : unbase64(data);
    if (bytes === undefined) throw new ReleaseDecodeError('no release data');
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(secret.metadata?.labels ?? {})) if (!SYSTEM_LABELS.has(k)) labels[k] = v;
    return decodeRelease(utf8Decode(bytes), labels);
  }
}
