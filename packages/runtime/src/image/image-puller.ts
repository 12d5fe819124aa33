// How the container runtime asks a host's image store to pull an image it does not have
// (`docker run` of a missing image, a kubelet's image pull). Pulls take virtual time, so a pull
// is started and then observed: its status is polled, and when it ends the puller appends one
// `image.pull` record to the engine's log ({pull, reference, ok, error?}) that components can
// react to on the bus.

export interface PullStatus {
  reference: string;
  state: 'pulling' | 'done' | 'failed';
  /** What `docker pull` prints so far: `1.25: Pulling from library/nginx`, `<layer>: Pull complete`, `Digest: …`, `Status: …`. */
  lines: readonly string[];
  /** The pulled image's id once done. */
  imageId?: string;
  /**
   * The daemon's error once failed, without docker's prefixes: `pull access denied for nope,
   * repository does not exist or may require 'docker login': denied: requested access to the
   * resource is denied`, or `manifest for nginx:1.161 not found: manifest unknown: manifest unknown`.
   */
  error?: string;
}

export interface ImagePuller {
  /** Starts pulling `reference` (joining a pull of the same reference in flight); returns the pull's id. */
  pull(reference: string): string;
  pullStatus(pullId: string): PullStatus | undefined;
}
