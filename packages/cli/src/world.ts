// The simulated world one workspace holds: the engine and every component registered on it.
// Built the same way in Node and in the browser, saved as plain JSON, and loaded back by building
// a fresh world from the same config and restoring the engine's snapshot into it.

import { createImageWorld, Engine, type EngineSnapshot, type ImageWorld, SnapshotError } from '@dockyard/runtime';
import { Cluster } from '@dockyard/scheduler';

export type ClockMode = 'wall' | 'manual';

export interface WorldConfig {
  seed: number;
  /** `wall`: virtual time catches up with the wall clock between commands; `manual`: only on request. */
  clock: ClockMode;
  nodes: number;
  nodeCpu: number;
  nodeMemory: string;
}

export const DEFAULT_CONFIG: WorldConfig = { seed: 1, clock: 'wall', nodes: 3, nodeCpu: 4, nodeMemory: '8Gi' };

export const WORLD_FORMAT = 'dockyard.workspace';
/** A saved engine holding this component had a cluster running. */
const CLUSTER_COMPONENT = 'api-store';
export const WORLD_VERSION = 1;

export interface SavedWorld {
  format: typeof WORLD_FORMAT;
  version: number;
  config: WorldConfig;
  engine: EngineSnapshot;
}

export class World {
  readonly engine: Engine;
  /** Registries (world-wide), the content store, and the local docker host's images and build cache. */
  readonly images: ImageWorld;
  #cluster: Cluster | undefined;

  private constructor(readonly config: WorldConfig) {
    this.engine = new Engine({ seed: config.seed });
    this.images = createImageWorld(this.engine);
  }

  /**
   * The Kubernetes control plane (the API store and the controllers that keep it consistent),
   * started the first time a command needs it, so a world that never used Kubernetes keeps the
   * event log it had.
   */
  get cluster(): Cluster {
    this.#cluster ??= new Cluster(this.engine);
    return this.#cluster;
  }

  static create(config: WorldConfig): World {
    return new World(config);
  }

  /** Moves virtual time on, running what falls due. */
  advance(ms: number): void {
    this.engine.runFor(ms);
  }

  save(): SavedWorld {
    return { format: WORLD_FORMAT, version: WORLD_VERSION, config: this.config, engine: this.engine.snapshot() };
  }

  static load(value: unknown): World {
    const saved = value as Partial<SavedWorld> | null;
    if (typeof saved !== 'object' || saved === null || saved.format !== WORLD_FORMAT) {
      throw new SnapshotError('corrupt workspace: it is not a Dockyard workspace file');
    }
    if (typeof saved.version !== 'number' || saved.version > WORLD_VERSION) {
      throw new SnapshotError(
        `workspace format version ${saved.version} is newer than this Dockyard supports (${WORLD_VERSION}); upgrade Dockyard to open it`,
      );
    }
    const world = new World(validateConfig(saved.config));
    const components = (saved.engine as { components?: unknown } | undefined)?.components;
    if (typeof components === 'object' && components !== null && CLUSTER_COMPONENT in components) void world.cluster;
    world.engine.restore(saved.engine);
    return world;
  }
}

/** Checks a config read from a file or from flags; the message names the bad field. */
export function validateConfig(value: unknown): WorldConfig {
  const config = value as Partial<WorldConfig> | null;
  if (typeof config !== 'object' || config === null) throw new SnapshotError('corrupt workspace: "config" is missing');
  const { seed, clock, nodes, nodeCpu, nodeMemory } = config;
  if (!Number.isSafeInteger(seed)) throw new SnapshotError(`invalid seed ${JSON.stringify(seed)}: a seed is a whole number`);
  if (clock !== 'wall' && clock !== 'manual') throw new SnapshotError(`invalid clock ${JSON.stringify(clock)}: use wall or manual`);
  if (!Number.isSafeInteger(nodes) || nodes! < 1 || nodes! > 5000) {
    throw new SnapshotError(`invalid node count ${JSON.stringify(nodes)}: use 1 to 5000`);
  }
  if (typeof nodeCpu !== 'number' || !(nodeCpu > 0)) throw new SnapshotError(`invalid node CPU ${JSON.stringify(nodeCpu)}`);
  if (typeof nodeMemory !== 'string' || !/^\d+(Ki|Mi|Gi|Ti)?$/.test(nodeMemory)) {
    throw new SnapshotError(`invalid node memory ${JSON.stringify(nodeMemory)}: use a quantity such as 8Gi`);
  }
  return { seed: seed!, clock, nodes: nodes!, nodeCpu, nodeMemory };
}
