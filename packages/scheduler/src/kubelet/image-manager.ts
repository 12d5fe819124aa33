// The kubelet's image manager (k/k pkg/kubelet/images/image_manager.go), over the node's image
// store and the world's registries:
// - pull policies: Never fails a missing image (ErrImageNeverPull), IfNotPresent uses a present
//   one (`Container image "nginx:1.25" already present on machine`), Always pulls every time;
// - pulls are serialized (serializeImagePulls, kind's default): one at a time per node, in request
//   order; `Successfully pulled image "x" in 2.3s (5.1s including waiting). Image size: N bytes.`;
// - failures become ErrImagePull with containerd 1.7's text (the CRI's gRPC prefix is dropped since
//   v1.30) and start the image back-off (10 s doubling to 300 s, keyed by pod UID and image);
//   while it runs, syncs give ImagePullBackOff without pulling, and the waiting message carries
//   the previous error (v1.32+, kubernetes PR #127918): `Back-off pulling image "x": ErrImagePull: …`;
// - credentials come from the pod's imagePullSecrets (kubernetes.io/dockerconfigjson, dockercfg).
// Events, per reference §1: Pulling, Pulled, Failed (`Failed to pull image …`, `Error: ErrImagePull`),
// BackOff (`Back-off pulling image …`, Normal) and Failed `Error: ImagePullBackOff`.

import {
  familiarString,
  fromBase64,
  fullString,
  type Image,
  type ImageReference,
  type ImageService,
  parseReference,
  planPull,
  ReferenceError,
  RegistryError,
  type RegistryCredentials,
  type RegistryHub,
  endpoint,
} from '@dockyard/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { compressedSize } from './node-status.ts';
import { type BackoffState, imagePullBackoff } from './restart-backoff.ts';

export type ImageFailureReason = 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName';

export type ImageOutcome =
  | { kind: 'ready'; image: Image }
  | { kind: 'pulling' }
  | { kind: 'failed'; reason: ImageFailureReason; message: string };

/** Who asked for an image: the pod and container the events are about. */
export interface ImageRequester {
  uid: string;
  namespace: string;
  pod: string;
  container: string;
  /** `spec.containers{app}`. */
  fieldPath: string;
}

interface PullRequest extends ImageRequester {
  image: string;
  credentials?: RegistryCredentials;
  requestedAt: number;
}

interface ActivePull extends PullRequest {
  startedAt: number;
  pullId: string;
}

interface PullResult {
  ok: boolean;
  imageId?: string;
  error?: string;
}

export interface ImageManagerState {
  queue: PullRequest[];
  active: ActivePull | null;
  /** Finished pulls not yet consumed by a sync, by `<uid>_<image>`. */
  results: Record<string, PullResult>;
  backoff: BackoffState;
  /** The last pull error of each back-off key (the v1.32 back-off message). */
  lastErrors: Record<string, string>;
}

export function newImageManagerState(): ImageManagerState {
  return { queue: [], active: null, results: {}, backoff: {}, lastErrors: {} };
}

export interface ImageManagerHooks {
  event(requester: ImageRequester, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** A pull finished: the pod's worker should look again. */
  pullFinished(uid: string): void;
  /** Schedules `finish(requestId)` after `delayMs`. */
  scheduleFinish(delayMs: number): void;
}

/** Go's Duration.String truncated to milliseconds, as the Pulled message prints it (`2.345s`, `561ms`). */
function goMillis(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const rest = ms % 60_000;
  const seconds = `${Math.floor(rest / 1000)}${rest % 1000 === 0 ? '' : `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}`}s`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/** containerd 1.7's text for a registry failure, after the CRI's gRPC status is stripped. */
export function containerdPullError(ref: ImageReference, error: RegistryError, credentials: RegistryCredentials | undefined): string {
  const name = fullString(ref);
  const prefix = `failed to pull and unpack image "${name}": failed to resolve reference "${name}": `;
  const manifest = `https://${endpoint(ref.domain)}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag}`;
  switch (error.reason) {
    case 'not-found':
      return `${prefix}${name}: not found`;
    case 'denied':
      return `${prefix}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    case 'unauthorized':
      return credentials === undefined
        ? `${prefix}pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`
        : `${prefix}unexpected status from HEAD request to ${manifest}: 401 Unauthorized`;
    case 'unavailable':
      return `${prefix}unexpected status from HEAD request to ${manifest}: 503 Service Unavailable`;
    case 'no-such-host':
      return `${prefix}failed to do request: Head "${manifest}": dial tcp: lookup ${ref.domain.replace(/:\d+$/, '')} on 172.18.0.1:53: no such host`;
  }
}

/** The registry host a docker config key names (`https://index.docker.io/v1/` is docker.io). */
function configHost(key: string): string {
  const host = key.replace(/^https?:\/\//, '').split('/')[0]!;
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

function decodeText(base64: string): string {
  return new TextDecoder().decode(fromBase64(base64));
}

/** Credentials for `domain` from the pod's imagePullSecrets, the first that names it. */
export function pullCredentials(store: ApiStore, pod: DeepReadonly<Pod>, domain: string): RegistryCredentials | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  for (const ref of pod.spec?.imagePullSecrets ?? []) {
    const secret = ref.name === undefined ? undefined : store.tryGet('Secret', namespace, ref.name);
    if (secret === undefined) continue;
    const raw = secret.data?.['.dockerconfigjson'] ?? secret.data?.['.dockercfg'];
    if (raw === undefined) continue;
    let parsed: { auths?: Record<string, { username?: string; password?: string; auth?: string }> } & Record<string, unknown>;
    try {
      parsed = JSON.parse(decodeText(raw)) as typeof parsed;
    } catch {
      continue;
    }
    const auths = (parsed.auths ?? parsed) as Record<string, { username?: string; password?: string; auth?: string }>;
    for (const key of Object.keys(auths).sort()) {
      if (configHost(key) !== domain) continue;
      const entry = auths[key]!;
      if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
      if (entry.auth !== undefined) {
        const text = decodeText(entry.auth);
        const colon = text.indexOf(':');
        if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
      }
    }
  }
  return undefined;
}

export class ImageManager {
  constructor(
    private readonly images: ImageService,
    private readonly registries: RegistryHub,
    private readonly now: () => number,
    private readonly hooks: ImageManagerHooks,
    private state: ImageManagerState,
  ) {}

  /** Swaps in restored (or reset) state. */
  load(state: ImageManagerState): void {
    this.state = state;
  }

  /** Makes sure the container's image is on the node; records the events a kubelet records. */
  ensure(requester: ImageRequester, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, credentials: () => RegistryCredentials | undefined): ImageOutcome {
    const imageName = container.image ?? '';
    let ref: ImageReference;
    try {
      ref = parseReference(imageName);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      const message = `Failed to apply default image tag ${JSON.stringify(imageName)}: couldn't parse image name ${JSON.stringify(imageName)}: ${error.message}`;
      this.hooks.event(requester, 'Warning', 'InspectFailed', message);
      this.hooks.event(requester, 'Warning', 'Failed', 'Error: InvalidImageName');
      return { kind: 'failed', reason: 'InvalidImageName', message };
    }
    const key = `${requester.uid}_${imageName}`;
    const result = this.state.results[key];
    if (result !== undefined) {
      delete this.state.results[key];
      if (result.ok) {
        const image = this.images.resolve(result.imageId!);
        if (image !== undefined) return { kind: 'ready', image };
      } else {
        return this.#failed(requester, key, imageName, result.error!);
      }
    }
    if (this.#inFlight(key)) return { kind: 'pulling' };
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    const present = this.images.resolve(familiarString(ref));
    if (present !== undefined && policy !== 'Always') {
      this.hooks.event(requester, 'Normal', 'Pulled', `Container image ${JSON.stringify(imageName)} already present on machine`);
      return { kind: 'ready', image: present };
    }
    if (policy === 'Never') {
      const message = `Container image ${JSON.stringify(imageName)} is not present with pull policy of Never`;
      this.hooks.event(requester, 'Warning', 'ErrImageNeverPull', message);
      this.hooks.event(requester, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      return { kind: 'failed', reason: 'ErrImageNeverPull', message };
    }
    const backoff = imagePullBackoff(this.state.backoff);
    if (backoff.inBackoffSinceUpdate(key, this.now())) {
      this.hooks.event(requester, 'Normal', 'BackOff', `Back-off pulling image ${JSON.stringify(imageName)}`);
      this.hooks.event(requester, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      const previous = this.state.lastErrors[key];
      const message = `Back-off pulling image ${JSON.stringify(imageName)}${previous === undefined ? '' : `: ErrImagePull: ${previous}`}`;
      return { kind: 'failed', reason: 'ImagePullBackOff', message };
    }
    this.hooks.event(requester, 'Normal', 'Pulling', `Pulling image ${JSON.stringify(imageName)}`);
    const creds = credentials();
    this.state.queue.push({ ...requester, image: imageName, ...(creds === undefined ? {} : { credentials: creds }), requestedAt: this.now() });
    this.#startNext(key);
    // A pull that failed at once (an unknown tag, a registry outage) is answered in the same sync.
    const immediate = this.state.results[key];
    if (immediate !== undefined && !immediate.ok) {
      delete this.state.results[key];
      return this.#failed(requester, key, imageName, immediate.error!);
    }
    return { kind: 'pulling' };
  }

  /** Time until the image back-off of this pod and image lets a pull through (0: now). */
  backoffRemaining(uid: string, image: string): number {
    const entry = this.state.backoff[`${uid}_${image}`];
    if (entry === undefined) return 0;
    return Math.max(0, entry.lastUpdate + entry.backoffMs - this.now());
  }

  /** The active pull's time is up: it succeeded or failed; the next one starts. */
  finish(): void {
    const active = this.state.active;
    if (active === null) return;
    this.state.active = null;
    const key = `${active.uid}_${active.image}`;
    const status = this.images.pullStatus(active.pullId);
    if (status?.state === 'done' && status.imageId !== undefined) {
      const image = this.images.resolve(status.imageId)!;
      const now = this.now();
      const size = compressedSize(image);
      this.hooks.event(
        active,
        'Normal',
        'Pulled',
        `Successfully pulled image ${JSON.stringify(active.image)} in ${goMillis(now - active.startedAt)} (${goMillis(now - active.requestedAt)} including waiting). Image size: ${size} bytes.`,
      );
      this.state.results[key] = { ok: true, imageId: image.id };
    } else {
      this.state.results[key] = { ok: false, error: this.#describeFailure(active) };
    }
    this.hooks.pullFinished(active.uid);
    this.#startNext();
  }

  /** Drops every pull of a pod that is gone, and its back-off. */
  forget(uid: string): void {
    this.state.queue = this.state.queue.filter((r) => r.uid !== uid);
    for (const key of Object.keys(this.state.results)) if (key.startsWith(`${uid}_`)) delete this.state.results[key];
    for (const key of Object.keys(this.state.lastErrors)) if (key.startsWith(`${uid}_`)) delete this.state.lastErrors[key];
    imagePullBackoff(this.state.backoff).forget(`${uid}_`);
  }

  #inFlight(key: string): boolean {
    if (this.state.active !== null && `${this.state.active.uid}_${this.state.active.image}` === key) return true;
    return this.state.queue.some((r) => `${r.uid}_${r.image}` === key);
  }

  #failed(requester: ImageRequester, key: string, image: string, error: string): ImageOutcome {
    this.hooks.event(requester, 'Warning', 'Failed', `Failed to pull image ${JSON.stringify(image)}: ${error}`);
    this.hooks.event(requester, 'Warning', 'Failed', 'Error: ErrImagePull');
    imagePullBackoff(this.state.backoff).next(key, this.now(), this.now());
    this.state.lastErrors[key] = error;
    return { kind: 'failed', reason: 'ErrImagePull', message: error };
  }

  /** Starts queued pulls until one runs; `quietKey`'s immediate failure is answered by the caller. */
  #startNext(quietKey?: string): void {
    while (this.state.active === null && this.state.queue.length > 0) {
      const request = this.state.queue.shift()!;
      const ref = parseReference(request.image);
      let durationMs: number;
      try {
        durationMs = planPull(this.registries, this.images.store, ref, request.credentials ?? this.images.credentials(ref.domain)).durationMs;
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error;
        const key = `${request.uid}_${request.image}`;
        this.state.results[key] = { ok: false, error: containerdPullError(ref, error, request.credentials) };
        if (key !== quietKey) this.hooks.pullFinished(request.uid);
        continue;
      }
      const pullId = this.images.pull(request.image, request.credentials);
      this.state.active = { ...request, startedAt: this.now(), pullId };
      this.hooks.scheduleFinish(durationMs);
    }
  }

  /** Why a planned pull failed when it ended (the registry went down meanwhile, say). */
  #describeFailure(pull: PullRequest): string {
    const ref = parseReference(pull.image);
    try {
      planPull(this.registries, this.images.store, ref, pull.credentials ?? this.images.credentials(ref.domain));
    } catch (error) {
      if (error instanceof RegistryError) return containerdPullError(ref, error, pull.credentials);
      throw error;
    }
    return `failed to pull and unpack image "${fullString(ref)}": unexpected EOF`;
  }
}
