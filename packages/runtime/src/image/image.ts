// An image as the container runtime consumes it: the OCI image config (Docker's field names)
// and the ordered layers whose union is a container's root file system. The images module builds,
// stores, pulls and saves these; the container runtime only reads them.

import type { FileTree } from '../fs/file-tree.ts';

/** The `config` section of an OCI image configuration, with Docker's field names. */
export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  /** Durations in nanoseconds, as Docker stores them. */
  Healthcheck?: {
    Test?: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    StartInterval?: number;
    Retries?: number;
  };
  Shell?: string[];
  OnBuild?: string[] | null;
}

/** One entry of the config's `history`, as `docker history` shows it. */
export interface ImageHistoryEntry {
  created: string;
  created_by: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageLayer {
  /** sha256 of the uncompressed layer tar: `sha256:<hex>`. */
  readonly diffId: string;
  /** Size in bytes of the uncompressed layer tar (what a registry stores and a manifest lists). */
  readonly size: number;
  /** Bytes of the regular files in it: docker's layer size (`docker history`, `docker images`). */
  readonly contentSize: number;
  /** The layer's files: what it adds or changes, with OCI whiteouts for what it deletes. */
  readonly tree: FileTree;
}

export interface Image {
  /** `sha256:<hex>` of the image configuration JSON. */
  readonly id: string;
  readonly config: ImageConfig;
  readonly layers: readonly ImageLayer[];
  readonly history: readonly ImageHistoryEntry[];
  /** RFC 3339 creation time. */
  readonly created: string;
  readonly architecture: string;
  readonly os: string;
  /** The exact configuration JSON whose sha256 is `id` (see image-config.ts). */
  readonly configJson: string;
}

/** What the container runtime asks of a host's image store. */
export interface ImageResolver {
  /** The local image a reference names (`nginx:1.25`, `nginx`, `sha256:…`, a short id), if present. */
  resolve(reference: string): Image | undefined;
}
