// The simulated world one workspace holds: the engine and every component registered on it.
// Built the same way in Node and in the browser, saved as plain JSON, and loaded back by building
// a fresh world from the same config and restoring the engine's snapshot into it.

import {
  builtinPrograms,
  type ConnectFailure,
  ContainerRuntime,
  createImageWorld,
  DockerEngine,
  Engine,
  type EngineSnapshot,
  Fabric,
  Host,
  type HttpRequest,
  type HttpResponse,
  type ImageWorld,
  parseBytes,
  SnapshotError,
  VolumeStore,
} from '@dockyard/runtime';
import { Cluster, KIND_NETWORK_SUBNET } from '@dockyard/scheduler';

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
export const WORLD_VERSION = 1;

export interface SavedWorld {
  format: typeof WORLD_FORMAT;
  version: number;
  config: WorldConfig;
  engine: EngineSnapshot;
}

/** The Docker host of the workspace (the user's machine), sized like a node. */
export const DOCKER_HOST_NAME = 'docker-desktop';

export class World {
  readonly engine: Engine;
  /** The wires between every network namespace of the world. */
  readonly fabric = new Fabric();
  /** Registries (world-wide), the content store, and the local docker host's images and build cache. */
  readonly images: ImageWorld;
  readonly dockerHost: Host;
  readonly runtime: ContainerRuntime;
  readonly docker: DockerEngine;
  /** The Kubernetes cluster that kubectl and helm talk to. */
  readonly cluster: Cluster;
  /**
   * Local ports a running `kubectl port-forward` holds, by port: what a request to
   * localhost:PORT gets. Only while that command runs, so never saved.
   */
  readonly portForwards = new Map<number, (request: Omit<HttpRequest, 'remoteIp'>) => HttpResponse | ConnectFailure | 'empty'>();

  private constructor(readonly config: WorldConfig) {
    this.engine = new Engine({ seed: config.seed });
    this.images = createImageWorld(this.engine);
    this.dockerHost = new Host(this.engine, this.fabric, builtinPrograms(), {
      name: DOCKER_HOST_NAME,
      cpus: config.nodeCpu,
      memoryBytes: parseBytes(config.nodeMemory)!,
      ip: '192.168.65.3',
    });
    this.runtime = new ContainerRuntime(this.engine, this.dockerHost, this.images.host, new VolumeStore());
    // kind's network lives on the same daemon in real life: the Docker host's new networks skip its
    // subnet, so a compose project's containers never take a node's address.
    this.docker = new DockerEngine(this.engine, this.runtime, this.images.host, { reservedSubnets: [KIND_NETWORK_SUBNET] });
    // The nodes are machines of the same world: the same wires and the same registries.
    this.cluster = new Cluster(this.engine, {
      nodes: config.nodes,
      nodeCpu: config.nodeCpu,
      nodeMemory: config.nodeMemory,
      fabric: this.fabric,
      images: this.images,
    });
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
