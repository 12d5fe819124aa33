// @dockyard/runtime: one host and the kernel under everything. This list is the package's public
// surface; add to it deliberately.

export { contentChunks, contentSize, FileSystem, FsError, materialize } from './fs/file-system.ts';
export { FileTree, fromBase64, toBase64 } from './fs/file-tree.ts';
export { OPAQUE_MARKER, OverlayFs, WHITEOUT_PREFIX } from './fs/overlay-fs.ts';
export { basename, dirname, joinPath, pathParts, resolvePath } from './fs/path.ts';
export { build, completeBuild } from './image/build/builder.ts';
export { BuildCache } from './image/build/build-cache.ts';
export { readBuildContext } from './image/build/build-context.ts';
export { BuildError } from './image/build/build-error.ts';
export { DockerIgnore } from './image/build/dockerignore.ts';
export { parseDockerfile } from './image/build/dockerfile.ts';
export { lintDockerfile } from './image/build/lint.ts';
export { chainIds, digestOf, DigestWriter, isDigest, shortId } from './image/digest.ts';
export { imageSize, layerTrees, makeImage } from './image/image-config.ts';
export { ImageService } from './image/image-service.ts';
export { ImageStore, ImageStoreError, imageFromConfig } from './image/image-store.ts';
export { archiveSize, exportImages, importArchive, importImages, ImageArchiveError, packImageArchive, writeImageArchive } from './image/image-archive.ts';
export { createLayer, layerTarEntries, treeFromTarEntries, writeLayerTar } from './image/layer.ts';
export { LayerStore } from './image/layer-store.ts';
export { imageManifest, MEDIA_TYPE } from './image/manifest.ts';
export { DOCKER_HUB, familiarRepository, familiarString, fullString, parseReference, ReferenceError, repositoryName } from './image/reference.ts';
export { packTar, readTar, TarError, TarWriter } from './image/tar.ts';
export { formatBytes, goFormatG } from './image/units.ts';
export { programMarker } from './registry/base-image.ts';
export { CATALOG, catalogImage, catalogKey, catalogTags } from './registry/catalog.ts';
export { createImageWorld } from './registry/image-world.ts';
export { completePull, planPull } from './registry/pull.ts';
export { completePush, planPush, PushError } from './registry/push.ts';
export { Registry } from './registry/registry.ts';
export { RegistryError } from './registry/registry-error.ts';
export { ALL_REGISTRIES, endpoint, RegistryHub } from './registry/registry-hub.ts';
export { pullDurationMs, pushDurationMs } from './registry/transfer-time.ts';

export { ContainerRuntime } from './container/container-runtime.ts';
export { commandLine, DockerEngine, DockerError, dockerHumanDuration, HOST_DNS } from './container/docker-engine.ts';
export type { DockerEngineOptions } from './container/docker-engine.ts';
export { HEALTH_DEFAULTS } from './container/healthcheck.ts';
export { MAX_LOG_LINES } from './container/logs.ts';
export { parseRestartPolicy, RESTART_DELAY_INITIAL_MS, RESTART_DELAY_MAX_MS, shouldRestart } from './container/restart-policy.ts';
export { GeneratedFs } from './fs/generated-fs.ts';
export { MountTable } from './fs/mount-table.ts';
export { CPU_PERIOD_US, cpuUsageAt, V1_UNLIMITED_MEMORY } from './host/cgroup.ts';
export { Host } from './host/host.ts';
export { Kernel } from './host/kernel.ts';
export { Fabric } from './network/fabric.ts';
export { httpDate, STATUS_TEXT, statusText } from './network/http.ts';
export { inSubnet, ipToNumber, isIpv4, numberToIp, parseCidr } from './network/ip.ts';
export { allocateIp, endpointFor, nextSubnet } from './network/network.ts';
export { newNetNamespace, socketKey } from './network/net-namespace.ts';
export { PROFILE_PREFIX, readProfile } from './programs/app-profile.ts';
export { builtinPrograms } from './programs/builtin-programs.ts';
export { parseUrl, runCurl } from './programs/http-client.ts';
export { parseBytes } from './programs/sizes.ts';
export { parseSignal, SIGNALS } from './programs/program.ts';
export { describeExecFailure, PROGRAM_MARKER, ProgramRegistry } from './programs/registry.ts';
export { compileScript } from './programs/shell/shell-syntax.ts';
export { cloneJson, setOwn } from './sim/clone.ts';
export { VirtualClock } from './sim/clock.ts';
export {
  DurationError,
  formatDuration,
  formatGoDuration,
  humanDuration,
  parseDuration,
  shortHumanDuration,
} from './sim/duration.ts';
export { Engine } from './sim/engine.ts';
export { EventLog } from './sim/event-log.ts';
export { SeededRandom } from './sim/random.ts';
export { parseSnapshot, SNAPSHOT_VERSION, SnapshotError, validateSnapshot } from './sim/snapshot.ts';
export { sortedPosition } from './sim/sorted-position.ts';
export { TaskQueue } from './sim/task-queue.ts';
export { VolumeStore } from './volume/volume-store.ts';
export { fromRFC3339, toRFC3339, toRFC3339Nano, VIRTUAL_EPOCH_MS } from './sim/wall-time.ts';

// Compose: files → a typed project model (no engine needed); see README "compose/".
export {
  COMPOSE_LABELS,
  COMPOSE_VERSION,
  composeContainerLabels,
  composeContainerName,
  composeNetworkLabels,
  composeVolumeLabels,
} from './compose/compose-labels.ts';
export { composeConfigOutput } from './compose/config-output.ts';
export { ComposeError } from './compose/errors.ts';
export { InMemoryFileSource } from './compose/file-source.ts';
export { findMissingHostPaths } from './compose/host-paths.ts';
export {
  COMPOSE_FILE_NAMES,
  COMPOSE_OVERRIDE_FILE_NAMES,
  ComposeLoadError,
  loadComposeProject,
  normalizeProjectName,
} from './compose/project-loader.ts';
export { HEALTHCHECK_DEFAULTS } from './compose/service-model.ts';
export { composeStartOrder, composeStopOrder, planComposeUp } from './compose/up-plan.ts';


export type { Container, ContainerSpec, ContainerState, ContainerStatus, Exec, FailingEndpoint, MountSpec, ResourceSpec } from './container/container.ts';
export type { ContainerStats, ExecOptions, RuntimeEvents, StartResult } from './container/container-runtime.ts';
export type { ContainerSummary, CreateOptions, DockerContainer, DockerMount, PortBinding } from './container/docker-engine.ts';
export type { Healthcheck, HealthLogEntry, HealthState, HealthStatus } from './container/healthcheck.ts';
export type { LogEntry, LogQuery, LogStream } from './container/logs.ts';
export type { RestartPolicy, RestartPolicyName } from './container/restart-policy.ts';
export type {
  Entry,
  FileContent,
  FileKind,
  FileMeta,
  FileStat,
  FsErrorCode,
  MkdirOptions,
  RemoveOptions,
  SyntheticContent,
  WriteOptions,
} from './fs/file-system.ts';
export type { SavedEntry, SavedTree } from './fs/file-tree.ts';
export type { BuildOutcome, BuildRequest, BuildServices } from './image/build/builder.ts';
export type { BuildContext, ContextSource } from './image/build/build-context.ts';
export type { Vertex, VertexLog } from './image/build/build-progress.ts';
export type { Dockerfile, DockerfileInstruction, DockerfileStage } from './image/build/dockerfile.ts';
export type { LintFinding } from './image/build/lint.ts';
export type { Digest } from './image/digest.ts';
export type { Image, ImageConfig, ImageHistoryEntry, ImageLayer, ImageResolver } from './image/image.ts';
export type { ArchiveFile, ImportResult } from './image/image-archive.ts';
export type { ImageListing } from './image/image-store.ts';
export type { ImagePuller, PullStatus } from './image/image-puller.ts';
export type { ImageReference } from './image/reference.ts';
export type { TarEntry, TarHeader } from './image/tar.ts';
export type { CatalogImage } from './registry/catalog-data.ts';
export type { ImageWorld } from './registry/image-world.ts';
export type { PullLayer, PullPlan } from './registry/pull.ts';
export type { PushLayer, PushPlan } from './registry/push.ts';
export type { ManifestEntry, RegistryCredentials, RegistryOptions } from './registry/registry.ts';
export type { RegistryFailure } from './registry/registry-error.ts';

export type { GeneratedNode } from './fs/generated-fs.ts';
export type { Mount } from './fs/mount-table.ts';
export type { CgroupLimits, CgroupState } from './host/cgroup.ts';
export type { HostOptions } from './host/host.ts';
export type { KernelClient, ProcessRecord, Sandbox, Sink } from './host/kernel.ts';
export type { AddressRoute, Connection, ConnectFailure, ConnectionTarget, DnsServer } from './network/fabric.ts';
export type { HttpRequest, HttpResponse } from './network/http.ts';
export type { NetInterface, NetNamespace, Socket } from './network/net-namespace.ts';
export type { Endpoint, Network } from './network/network.ts';
export type { AppProfile } from './programs/app-profile.ts';
export type { HttpTransport, ParsedUrl, ServerCertificate, TransportResponse } from './programs/http-client.ts';
export type { InstantProgram, Io, Proc, ProcessInfo, ProcessProgram, Program, Signal, SpawnOptions, SpawnResult, System, UserIdentity } from './programs/program.ts';
export type { EngineComponent, EngineOptions, TaskKind } from './sim/engine.ts';
export type { EngineEvents, LogRecord } from './sim/event-log.ts';
export type { EngineSnapshot } from './sim/snapshot.ts';
export type { SavedQueue, SavedTask, Task, TaskId } from './sim/task-queue.ts';
export type { ComposeFileSource } from './compose/file-source.ts';
export type { MissingHostPath } from './compose/host-paths.ts';
export type {
  ComposeBuild,
  ComposeDependency,
  ComposeFileMount,
  ComposeFileObject,
  ComposeHealthcheck,
  ComposeNetwork,
  ComposePort,
  ComposeProject,
  ComposeResources,
  ComposeRestartPolicy,
  ComposeService,
  ComposeServiceNetwork,
  ComposeServiceVolume,
  ComposeVolume,
  DependencyCondition,
} from './compose/model.ts';
export type { ComposeLoadOptions, LoadedComposeProject } from './compose/project-loader.ts';
export type {
  ComposeContainerPlan,
  ComposeResourcePlan,
  ComposeSelection,
  ComposeServicePlan,
  ComposeUpPlan,
} from './compose/up-plan.ts';

export type { Volume } from './volume/volume-store.ts';
